/**
 * The typed contract of the quadruped worker (workers/quad.worker.ts), imported by both sides.
 * Bytes, not objects: poses, CPG state, hidden state, eigenvalues and terrain heights travel as
 * transferred Float32Arrays with the layouts below.
 */
import type { QuadCommand } from '../src/control/cpg/cpgExpert';
import type { GaitName } from '../src/control/cpg/gaits';
import type { PushEvent } from '../src/sim/quadruped/quadSim';
import type { QuadRunOptions } from '../src/sim/quadruped/quadRun';
import type { TerrainSpec } from '../src/sim/quadruped/terrain';
import type { QuadFaultReason } from '../src/sim/quadruped/watchdog';

export {
  COMMAND_LIMITS,
  DEFAULT_QUAD_RUN,
  PLAYGROUND_TERRAIN,
  type QuadRunOptions,
} from '../src/sim/quadruped/quadRun';

/** The control tick at which the world hash is published (10 s at 50 Hz). */
export const QUAD_HASH_TICK = 500;

/** Floats per leg in `cpg`: r then θ (rad, in [0, 2π)). */
export const QUAD_CPG_FLOATS = 8;

/** How the most recent episode ended: a fault the watchdog saw, or the edge of the terrain. */
export interface QuadFaultInfo {
  reason: QuadFaultReason | 'edge';
  /** One line for people, e.g. "Fell: trunk tilt 64° > 60°". */
  label: string;
  /** The watchdog's own message (reason, body, physics step). */
  message: string;
  /** Run tick at which it fired. */
  tick: number;
}

/**
 * Snapshot layout: `poses` is QUAD_POSE_FLOATS (trunk + 12 links × (x, y, z, qx, qy, qz, qw),
 * world frame); `cpg` is r₀..r₃ then θ₀..θ₃ (legs FR, FL, RR, RL); `hidden` is the controller's
 * hidden vector (the CPG expert's: x_i = r_i cos θ_i, y_i = r_i sin θ_i interleaved, 8 values);
 * `eig` is [8, 2] (re, im) per control step, the CPG's whoever drives it (quad policies act
 * through the CPG): each leg's phase multiplier e^{iω_iΔt}, then its amplitude multiplier
 * ρ_i e^{iω_iΔt}; conjugates implied.
 */
export interface QuadSnapshot {
  /** Control ticks since the run started (monotonic across falls) and that time, s. */
  tick: number;
  time: number;
  /** Time since the current episode began (a fall starts a new one), s. */
  episodeTime: number;
  /** Episodes so far, 1 in a run without falls. */
  episode: number;
  poses: Float32Array;
  /** Trunk position (m) and velocity (m/s), world frame. */
  trunk: [number, number, number];
  trunkVel: [number, number, number];
  command: QuadCommand;
  gait: GaitName;
  cpg: Float32Array;
  hidden: Float32Array;
  /**
   * The hidden vector of every control tick since the previous snapshot (oldest first,
   * count × hidden length; at most 64 ticks): plots draw each tick, however the frames fall.
   */
  hiddenTicks: Float32Array;
  eig: Float32Array | null;
  /** Controller that produced `hidden` and `eig` (the card id). */
  policyId: string;
  /** Trunk displacement along world x this episode, m, and its mean rate, m/s. */
  distance: number;
  meanSpeed: number;
  /** Faults (falls) since the run started; the most recent episode end (a fault or the edge). */
  faults: number;
  fault: QuadFaultInfo | null;
  /** Increments with every terrain change (regenerate, sculpt, reset). */
  terrainRev: number;
  /** The last push applied (scripted or live) and the run tick it landed on. */
  push: { tick: number; impulse: [number, number, number] } | null;
  /** World hash at QUAD_HASH_TICK, once reached. */
  hash?: { tick: number; value: string };
  /** Wall time of the last control tick in the worker (controller + 10 physics steps), ms. */
  tickMs: number;
  running: boolean;
}

/** A whole terrain grid (TerrainGrid layout: heights row-major [iz·nx + ix], m). */
export interface TerrainData {
  rev: number;
  spec: TerrainSpec;
  nx: number;
  nz: number;
  x0: number;
  z0: number;
  sizeX: number;
  sizeZ: number;
  heights: Float32Array;
}

/** Heights of rows iz0..iz1 × columns ix0..ix1 (inclusive), row-major, after a sculpt. */
export interface TerrainPatch {
  rev: number;
  ix0: number;
  ix1: number;
  iz0: number;
  iz1: number;
  heights: Float32Array;
  /** Wall time of the sculpt in the worker (heights + Rapier collider rebuild), ms. */
  workerMs: number;
}

export interface QuadStatsReport {
  ticks: number;
  /** Control tick wall times, ms (the last 100 000). */
  tickMs: number[];
  sculptMs: number[];
}

/** Exposed by workers/quad.worker.ts to the main thread. */
export interface QuadWorkerApi {
  /** Loads the physics engine. */
  prepare(): Promise<void>;
  subscribe(cb: (s: QuadSnapshot) => void): void;
  /** Port to the analysis worker: every control tick's hidden state goes there as TickBatch. */
  connectAnalysis(port: MessagePort): void;
  /** Starts a new run from `opts` (see QuadRunOptions); returns the new terrain. */
  reset(opts: QuadRunOptions): Promise<TerrainData>;
  setRunning(running: boolean): Promise<void>;
  setCommand(cmd: QuadCommand): Promise<void>;
  setGait(gait: GaitName): Promise<void>;
  /** New terrain under the robot where it stands (lifted above it); returns the new terrain. */
  regenerate(spec: TerrainSpec): Promise<TerrainData>;
  /**
   * Raises (amount > 0, m) or lowers the terrain under a round brush at world (x, z); returns
   * the changed patch, or null when the brush missed the grid.
   */
  sculpt(x: number, z: number, radius: number, amount: number): Promise<TerrainPatch | null>;
  /** Impulse on the trunk now, N s, world frame. */
  push(impulse: [number, number, number]): Promise<void>;
  setFriction(mu: number): Promise<void>;
  setPayload(kg: number): Promise<void>;
  /** Restarts the run with this push timeline (it replays from t = 0). */
  setTimeline(events: PushEvent[]): Promise<TerrainData>;
  /** The whole current terrain. */
  terrain(): Promise<TerrainData>;
  stats(): Promise<QuadStatsReport>;
}
