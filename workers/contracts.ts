/**
 * The typed contracts of the two workers, imported by both sides. Bytes, not objects: poses,
 * hidden state and eigenvalues travel as transferred Float32Arrays with the layouts below.
 */
import type { PolicyCard } from '../src/control/policyCard';
import type { ExecutionProvider } from '../src/policy/ortPolicy';
import type { ReachPhase, TargetMode, TrialRecord } from '../src/sim/reachTask';

export type EpPreference = 'auto' | ExecutionProvider;

/** What the policy worker reports after loading: the EP that actually runs, and why. */
export interface EpReport {
  ep: ExecutionProvider;
  requested: EpPreference;
  /** One sentence: measured choice, forced, or fallback with the error. */
  reason: string;
  /** Median step latency per EP tried, ms; an EP that failed has its error instead. */
  measured: Partial<Record<ExecutionProvider, number | string>>;
  /** Max |wasm − webgpu| over outputs on the same inputs, when both ran. */
  parity?: number;
  crossOriginIsolated: boolean;
}

export interface LoadedPolicy {
  card: PolicyCard;
  ep: EpReport;
}

export interface PolicyStepOut {
  action: Float32Array;
  hidden: Float32Array;
  eig?: Float32Array;
  /** Wall time of session.run inside the policy worker, ms (includes a switch's warm start). */
  runMs: number;
  /** card.id of the controller that produced this action. */
  policyId: string;
  /** Steps the policy worker has served since it started. */
  step: number;
  /** The state left its finite range (eigenvalues pushed outside the unit circle): it was zeroed. */
  diverged?: boolean;
}

/** A kick as applied: amplitude added (0 if superseded), by which controller, before which step. */
export interface KickResult {
  amplitude: number;
  policyId: string;
  step: number;
}

/** Exposed by workers/policy.worker.ts, to the main thread and (over a MessagePort) the sim worker. */
export interface PolicyWorkerApi {
  /**
   * Loads a shipped policy from `<baseUrl>policies/<id>/` and makes it the running controller at
   * the next step, warm-started on the last second of observations (WARM_TICKS). Shipped
   * controllers stay loaded, so switching back is instant; knobs return to their trained values.
   */
  loadShipped(id: string, baseUrl: string, ep: EpPreference): Promise<LoadedPolicy>;
  /** Loads shipped controllers in the background (not run), so switching to them is instant. */
  preload(ids: string[], baseUrl: string): Promise<void>;
  /** Loads user-supplied bytes; on any error the previous policy stays loaded. */
  loadBytes(model: Uint8Array, cardJson: string, ep: EpPreference): Promise<LoadedPolicy>;
  /** Reloads the running policy (shipped or the user's) on another EP preference. */
  setEp(ep: EpPreference): Promise<LoadedPolicy>;
  current(): Promise<LoadedPolicy | undefined>;
  reset(): Promise<void>;
  step(obs: Float32Array): Promise<PolicyStepOut>;
  setKnob(name: string, value: number): Promise<void>;
  /** Knobs back to the card's values; the state is rebuilt from the last second of observations. */
  restoreTrained(): Promise<void>;
  /** Called when the EP report changes after a load (auto mode finishing its measurement). */
  onEpReport(cb: (r: EpReport) => void): void;
  /**
   * Kicks the recurrent state along a unit `direction` (state_dim values) by `relative` times
   * max(‖state‖, 1), just before the next step; resolves when applied.
   */
  kick(direction: Float32Array, relative: number): Promise<KickResult>;
  /** Port for the sim worker: the same API, served on the given port. */
  connect(port: MessagePort): void;
}

/**
 * Snapshot layout: `poses` is ARM_BODY_COUNT × (x, y, z, qx, qy, qz, qw), world frame;
 * `hidden` is the policy's hidden vector (card.hidden_dim); `eig` is [n, 2] (re, im).
 */
export interface SimSnapshot {
  tick: number;
  /** Sim time, s. */
  time: number;
  poses: Float32Array;
  hand: [number, number, number];
  target: [number, number, number];
  phase: ReachPhase;
  trialIndex: number;
  /** Center-out direction of the current trial 0..7, -1 for annulus targets. */
  direction: number;
  hidden: Float32Array;
  eig: Float32Array | null;
  /** card.id of the controller that produced `hidden`, `eig` and `action` ('' before the first tick). */
  policyId: string;
  /** The last commanded action, normalised to [-1, 1] per joint. */
  action: [number, number, number];
  /** Ticks since the last reset on which the policy state diverged and was zeroed. */
  divergences: number;
  trials: number;
  successes: number;
  /** The trial that ended since the previous snapshot, if any. */
  ended: TrialRecord[];
  /** World hash at tick `hashTick`, once reached; proves determinism against Node. */
  hash?: { tick: number; value: string };
  /** Latency of the last control tick: observation → action back in the sim worker, ms. */
  tickMs: number;
  running: boolean;
}

export interface SimOptions {
  seed: number;
  mode: TargetMode;
  /** Speed factor of sim time to wall time. */
  speed?: number;
}

/** Exposed by workers/sim.worker.ts to the main thread. */
export interface SimWorkerApi {
  /** Loads the physics engine; call early so it overlaps with loading the policy. */
  prepare(): Promise<void>;
  init(policyPort: MessagePort, opts: SimOptions): Promise<void>;
  subscribe(cb: (s: SimSnapshot) => void): void;
  /** Port to the analysis worker: the sim sends it every tick's hidden state as TickBatch. */
  connectAnalysis(port: MessagePort): void;
  setRunning(running: boolean): Promise<void>;
  reset(opts: SimOptions): Promise<void>;
  /**
   * Export mode: steps the paused sim whole control ticks until its time reaches `time` (s),
   * publishing every tick's snapshot; returns the tick reached.
   */
  advanceTo(time: number): Promise<number>;
  /** Performance counters for the benchmark. */
  stats(): Promise<{ ticks: number; tickMs: number[]; physicsMs: number }>;
}

/** The sim tick at which the world hash is published. */
export const HASH_TICK = 600;

/** Task phase codes in a {@link TickBatch}: 0 hold, 1 delay (target shown), 2 move (after go). */
export const PHASE_CODES = ['hold', 'delay', 'move'] as const;

/**
 * Control ticks the sim worker sends to the analysis worker (over a MessagePort, transferred),
 * about twice a second: `count` ticks of one controller, `hidden` row-major count × hiddenDim.
 */
export interface TickBatch {
  policyId: string;
  hiddenDim: number;
  count: number;
  /** Control period, s. */
  dt: number;
  tick: Int32Array;
  /** Index into PHASE_CODES. */
  phase: Uint8Array;
  trialIndex: Int32Array;
  /** Center-out direction 0..7; -1 for annulus targets. */
  direction: Int8Array;
  hidden: Float32Array;
  /** The run was reset (new seed/mode) just before the first tick of this batch. */
  reset: boolean;
}

/** The top jPCA plane of the recent condition-averaged reaches, ready to project live ticks. */
export interface LiveJpca {
  /** Conditions (center-out directions) in the fit, and trials averaged per condition. */
  directions: number[];
  trialsPerCondition: number[];
  /** Aligned window around the go cue: ticks [startTick, startTick + steps) relative to go. */
  window: { startTick: number; steps: number };
  /**
   * Live projection of a hidden vector h at window step t (clamped to the window):
   * p_i = Σ_u axes[i·H + u] · (h_u / scale_u − offset[t·H + u]), i = 0 (jPC1), 1 (jPC2).
   * `offset` folds the cross-condition mean at t and the PCA mean. Axes are already aligned to
   * the previous fit (signs and order), so refits do not flip or swap the picture.
   */
  axes: Float64Array;
  scale: Float64Array;
  offset: Float64Array;
  /** Condition-averaged trajectories on the plane: directions.length × steps × 2. */
  curves: Float32Array;
  /** jPC1 of each condition's first (preparatory) point, for Churchland's colouring. */
  preparatory: number[];
  /** Top-plane R² of the skew-symmetric and unconstrained fits, and k-D ones. */
  r2Skew: number;
  r2Best: number;
  r2SkewKD: number;
  r2BestKD: number;
  /** Fraction of the analysed variance the plane captures. */
  varianceCaptured: number;
  /** Rotation frequency of the top plane, Hz. */
  frequencyHz: number;
  /** The control: the same fit on time-shuffled surrogates (same permutation in every condition). */
  surrogate: {
    method: string;
    n: number;
    r2SkewKDMean: number;
    r2SkewKDP95: number;
    fractionAbove: number;
  };
}

/** Exact DMD of the recent hidden trajectory (within trials), any controller. */
export interface LiveDmd {
  /** Discrete eigenvalues per control step, n × 2 (re, im). */
  eig: Float32Array;
  rank: number;
  /** Ticks used. */
  samples: number;
  /** Real and imaginary parts of each mode in hidden space, n × H each (for kicks). */
  modesRe: Float32Array;
  modesIm: Float32Array;
}

export interface DynamicsFit {
  policyId: string;
  hiddenDim: number;
  dt: number;
  /** Increments with every published fit. */
  fitIndex: number;
  /** Last sim tick in the data. */
  tick: number;
  /** null until every center-out condition has at least one complete trial (or in annulus mode). */
  jpca: LiveJpca | null;
  dmd: LiveDmd | null;
  /** Why jpca or dmd is null, for the panel, e.g. "waiting for 3 more directions". */
  status: string;
}

/** Exposed by workers/analysis.worker.ts to the main thread. */
export interface AnalysisWorkerApi {
  /** The sim worker's batches arrive on this port (plain postMessage of TickBatch). */
  connect(port: MessagePort): void;
  subscribe(cb: (fit: DynamicsFit) => void): void;
  /** Refit jPCA now on the trials collected (aligned to the previous plane). */
  refit(): Promise<DynamicsFit>;
  /** Forgets every reach and fit: the dynamics changed under the same controller (surgery). */
  clear(): Promise<void>;
  /** Everything behind the plots: trajectories with times and conditions, fitted matrices, eigenvalues. */
  exportData(format: 'json' | 'csv'): Promise<{ name: string; mime: string; text: string }[]>;
}
