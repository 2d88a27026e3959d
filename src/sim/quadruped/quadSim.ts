import { CPG_ACTION_DIM, CpgController } from '../../control/cpg/cpgController';
import { cpgEigenvalues, type CpgEigenvalues } from '../../control/cpg/cpgEigen';
import { CpgExpert, type QuadCommand, type TrunkFeedback } from '../../control/cpg/cpgExpert';
import type { GaitName } from '../../control/cpg/gaits';
import { EigenplayError } from '../../lib/errors';
import { SeededRandom } from '../../lib/random';
import { Fnv1a } from '../hash';
import { loadRapier } from '../rapier';
import { A1, QUAD_BODY_COUNT } from './a1Model';
import { writeQuadObs } from './quadObs';
import { quatAxis, rotateInv, yawOf, type Vec3 } from './quat';
import { QUAD_PHYSICS_DT, QuadWorld } from './quadWorld';
import { createTerrain, type TerrainSpec } from './terrain';
import type { TerrainGrid } from './terrainGrid';
import { checkFall, checkPhysical, type QuadFault, type QuadFaultReason } from './watchdog';

/** Physics steps per control tick: 500 Hz physics, 50 Hz control. */
export const QUAD_DECIMATION = 10;
export const QUAD_CONTROL_DT = QUAD_PHYSICS_DT * QUAD_DECIMATION;
/** Floats written by `writePoses`: trunk + 12 links, pos xyz + quat xyzw each. */
export const QUAD_POSE_FLOATS = QUAD_BODY_COUNT * 7;

/** A scripted push: impulse (N s, world) on the trunk at the first control tick with time ≥ t (s). */
export interface PushEvent {
  t: number;
  kind: 'push';
  impulse: [number, number, number];
}
export type PerturbationEvent = PushEvent;

export interface QuadSimOptions {
  /** Seeds the initial heading jitter and CPG phase jitter (a few mrad). */
  seed: number;
  /** Default: flat, difficulty 0, seed = `seed`. */
  terrain?: TerrainSpec;
  gait?: GaitName;
  command?: QuadCommand;
  /** After a fault, the next controlStep resets instead of throwing. Default true. */
  autoReset?: boolean;
  perturbations?: readonly PerturbationEvent[];
}

/** What one control step did. `fault` is set on the tick that ended the episode. */
export interface QuadStepResult {
  fault: QuadFault | null;
  /** True if this call began with an automatic reset after a fault. */
  reset: boolean;
}

export interface QuadStats {
  /** Episode time, s, and control ticks / physics steps in this episode. */
  time: number;
  ticks: number;
  physicsSteps: number;
  /** Trunk displacement along world x since the episode began, m, and its mean rate, m/s. */
  distanceX: number;
  meanSpeedX: number;
  episodes: number;
  faults: Record<QuadFaultReason, number>;
  lastFault: QuadFault | null;
}

/**
 * The quadruped scenario: Rapier world + terrain + CPG controller + expert + watchdog, stepped
 * in lockstep. `controlStep` takes a CPG action (CPG_ACTION_DIM values in [−1, 1]) or 'expert',
 * then advances QUAD_DECIMATION physics steps with the CPG integrated at physics rate (held
 * action, as in CPG-RL). A faulted world is never stepped again: the next call resets it
 * (autoReset) or throws SIM_FAULT.
 */
export class QuadSim {
  readonly ctrl: CpgController;
  readonly expert = new CpgExpert();
  command: QuadCommand;
  tick = 0;
  fault: QuadFault | null = null;
  private episodes = 1;
  private readonly faults: Record<QuadFaultReason, number> = {
    'non-finite': 0,
    'below-terrain': 0,
    'fell-height': 0,
    'fell-tilt': 0,
  };
  private startX = 0;
  private nextEvent = 0;
  private readonly events: PerturbationEvent[];

  private constructor(
    readonly world: QuadWorld,
    private readonly opts: QuadSimOptions,
  ) {
    this.ctrl = new CpgController({ gait: opts.gait ?? 'trot' });
    this.command = { ...(opts.command ?? { vx: 0.6, yawRate: 0 }) };
    this.events = [...(opts.perturbations ?? [])].sort((a, b) => a.t - b.t);
    this.reset();
  }

  static async create(opts: QuadSimOptions): Promise<QuadSim> {
    const R = await loadRapier();
    const spec = opts.terrain ?? { kind: 'flat', difficulty: 0, seed: opts.seed };
    return new QuadSim(new QuadWorld(R, createTerrain(spec)), opts);
  }

  /** Starts a new episode at the origin (same seed, same start), keeping terrain and settings. */
  reset(): void {
    const rng = new SeededRandom(this.opts.seed);
    const cpg = this.ctrl.cpg;
    this.ctrl.reset(this.opts.gait ?? cpg.gait);
    for (let i = 0; i < 4; i++) cpg.theta[i] = cpg.theta[i]! + 0.002 * rng.uniform(0, 1);
    this.ctrl.computeTargets();
    this.expert.reset();
    const yaw = 0.01 * rng.uniform(-1, 1);
    this.world.setPose({ x: 0, y: 0, z: 0 }, quatAxis(0, 1, 0, yaw), this.ctrl.qTarget);
    this.liftAboveTerrain();
    this.tick = 0;
    this.world.stepCount = 0;
    this.fault = null;
    this.startX = this.world.trunk.translation().x;
    this.nextEvent = 0;
  }

  /**
   * Moves the robot vertically, up or down (no rotation, velocities kept), so that its lowest
   * foot is 5 mm above the surface under it, every other foot above its own, and the trunk box
   * clears the ground by 2 cm. Used at reset and by regenerate and sculpt callers.
   */
  liftAboveTerrain(): void {
    const w = this.world;
    const f: Vec3 = { x: 0, y: 0, z: 0 };
    let dy = -Infinity;
    for (let leg = 0; leg < 4; leg++) {
      w.footPosition(leg, f);
      dy = Math.max(dy, w.terrain.heightAt(f.x, f.z) + A1.footRadius + 0.005 - f.y);
    }
    const t = w.trunk.translation();
    const [hx, , hz] = A1.trunkHalf;
    for (const [sx, sz] of [
      [0, 0],
      [1, 1],
      [1, -1],
      [-1, 1],
      [-1, -1],
    ] as const) {
      const g = w.terrain.heightAt(t.x + sx * hx, t.z + sz * hz);
      dy = Math.max(dy, g + A1.trunkHalf[1] + 0.02 - t.y);
    }
    for (const b of w.bodies) {
      const p = b.translation();
      b.setTranslation({ x: p.x, y: p.y + dy, z: p.z }, true);
    }
  }

  /** Replaces the terrain with a new one; the robot keeps its x, z and pose, lifted above it. */
  regenerate(spec: TerrainSpec): void {
    this.world.replaceTerrain(createTerrain(spec));
    this.liftAboveTerrain();
  }

  /** Raises (amount > 0, m) or lowers the terrain under a brush; physics and mesh stay equal. */
  sculpt(x: number, z: number, radius: number, amount: number) {
    const dirty = this.world.terrain.sculpt(x, z, radius, amount);
    if (dirty) this.world.replaceTerrain(this.world.terrain);
    return dirty;
  }

  /** The terrain grid: heights and the render mesh (positions, indices), world frame. */
  get terrain(): TerrainGrid {
    return this.world.terrain;
  }

  /** Impulse on the trunk, N s, world frame [x, y, z] (see QuadWorld.applyPush). */
  applyPush(impulse: readonly [number, number, number]): void {
    this.world.applyPush({ x: impulse[0], y: impulse[1], z: impulse[2] });
  }

  /** Friction coefficient of feet, legs, trunk and terrain. */
  setFriction(mu: number): void {
    this.world.setFriction(mu);
  }

  /** Extra mass on the trunk, kg (replaces any previous payload). */
  setPayload(kg: number): void {
    this.world.setPayload(kg);
  }

  /** Switches gait smoothly (offsets and duty factor slide over about a second). */
  setGait(gait: GaitName): void {
    this.ctrl.setGait(gait);
  }

  /**
   * One control tick. `action`: CPG_ACTION_DIM values in [−1, 1] (μ then f per leg), or 'expert'
   * to let CpgExpert follow `command`. Returns the fault that ended the episode, if any.
   */
  controlStep(action: ArrayLike<number> | 'expert' = 'expert'): QuadStepResult {
    if (this.world.isFreed)
      throw new EigenplayError('SIM_FAULT', '[quad] controlStep() after free()');
    let reset = false;
    if (this.fault) {
      if (this.opts.autoReset === false) {
        throw new EigenplayError('SIM_FAULT', `${this.fault.message}; call reset() first`);
      }
      this.reset();
      this.episodes++;
      reset = true;
    }
    const w = this.world;
    // Outside code (pushes, tests, the UI) may have poisoned the state: never step it then.
    const pre = checkPhysical(w);
    if (pre) return { fault: this.endEpisode(pre), reset };
    const time = this.tick * QUAD_CONTROL_DT;
    while (this.nextEvent < this.events.length && this.events[this.nextEvent]!.t <= time + 1e-9) {
      const e = this.events[this.nextEvent++]!;
      w.applyPush({ x: e.impulse[0], y: e.impulse[1], z: e.impulse[2] });
    }
    if (action === 'expert') {
      this.expert.update(this.ctrl, this.command, this.feedback(), QUAD_CONTROL_DT);
    } else {
      if (action.length !== CPG_ACTION_DIM) {
        throw new EigenplayError(
          'BAD_INPUT',
          `[quad] action has ${action.length} values, the CPG expects ${CPG_ACTION_DIM}`,
        );
      }
      this.ctrl.heightOffset.fill(0);
      this.ctrl.setAction(action);
    }
    for (let k = 0; k < QUAD_DECIMATION; k++) {
      this.ctrl.advance(QUAD_PHYSICS_DT);
      w.step(this.ctrl.qTarget);
      const f = checkPhysical(w);
      if (f) return { fault: this.endEpisode(f), reset };
    }
    w.readJoints();
    this.tick++;
    const fall = checkFall(w);
    return { fault: fall ? this.endEpisode(fall) : null, reset };
  }

  private endEpisode(f: QuadFault): QuadFault {
    this.fault = f;
    this.faults[f.reason]++;
    return f;
  }

  /** Trunk feedback for the expert, from the physics state. */
  feedback(): TrunkFeedback {
    const b = this.world.trunk;
    const r = b.rotation();
    const g = rotateInv(r, { x: 0, y: -1, z: 0 });
    const wb = rotateInv(r, b.angvel());
    const v = b.linvel();
    const yaw = yawOf(r);
    return {
      yaw,
      yawRate: b.angvel().y,
      pitch: Math.asin(Math.max(-1, Math.min(1, -g.x))),
      roll: Math.asin(Math.max(-1, Math.min(1, g.z))),
      pitchRate: wb.z,
      rollRate: wb.x,
      vx: v.x * Math.cos(yaw) - v.z * Math.sin(yaw),
    };
  }

  /** Writes the observation (QUAD_OBS_LAYOUT, QUAD_OBS_DIM floats) into out. */
  observe(out: Float32Array): void {
    writeQuadObs(this.world, this.ctrl, this.command, out);
  }

  /** Writes QUAD_POSE_FLOATS floats: trunk then links (leg-major: hip, thigh, calf). */
  writePoses(out: Float32Array, offset = 0): void {
    this.world.writePoses(out, offset);
  }

  /** CPG eigenvalues over one control step (see cpgEigenvalues). */
  eigenvalues(out?: CpgEigenvalues): CpgEigenvalues {
    return cpgEigenvalues(this.ctrl.cpg, QUAD_CONTROL_DT, out);
  }

  /** Hash of every body's pose and velocity and of the CPG state: equal only for identical runs. */
  hash(): string {
    const h = this.world.hashInto(new Fnv1a());
    const c = this.ctrl.cpg;
    for (let i = 0; i < 4; i++) h.addNumber(c.r[i]!).addNumber(c.rd[i]!).addNumber(c.theta[i]!);
    return h.hex();
  }

  stats(): QuadStats {
    const time = this.tick * QUAD_CONTROL_DT;
    const dx = this.world.trunk.translation().x - this.startX;
    return {
      time,
      ticks: this.tick,
      physicsSteps: this.world.stepCount,
      distanceX: dx,
      meanSpeedX: time > 0 ? dx / time : 0,
      episodes: this.episodes,
      faults: { ...this.faults },
      lastFault: this.fault,
    };
  }

  free(): void {
    this.world.free();
  }
}
