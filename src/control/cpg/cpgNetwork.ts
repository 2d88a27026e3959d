import { EigenplayError } from '../../lib/errors';
import { GAIT_OFFSETS, phaseDiff, wrapPhase, type GaitName } from './gaits';

/**
 * Amplitude law. 'cpg-rl': r̈ = a((a/4)(μ − r) − ṙ), critically damped, r → μ (SCIENCE §1.1a).
 * 'hopf': ṙ = α(μ − r²)r, r → √μ (§1.1b, the course template).
 */
export type AmplitudeModel = 'cpg-rl' | 'hopf';

/**
 * Integrator of the 'cpg-rl' amplitude over one sub-step. 'exact' uses the closed form of the
 * critically damped system with μ held (no overshoot at any step); 'semi-implicit' is the
 * symplectic Euler of the CPG-RL re-implementations (SCIENCE §1.5). 'hopf' always uses Euler.
 */
export type AmplitudeIntegrator = 'exact' | 'semi-implicit';

export interface CpgOptions {
  /** CPG-RL amplitude gain a, 1/s. Default 150. */
  a?: number;
  /** Hopf gain α, 1/s. Default 50. */
  alpha?: number;
  /** Default 'cpg-rl'. */
  amplitudeModel?: AmplitudeModel;
  /** Default 'exact'. */
  integrator?: AmplitudeIntegrator;
  /** Coupling weight w_ij (i ≠ j), 1/s per unit amplitude. 0 is CPG-RL's uncoupled network. Default 1. */
  coupling?: number;
  /** Longest internal sub-step, s. Default 0.001 (every reference implementation runs at 1 kHz). */
  maxSubstep?: number;
  /** Default 'trot'. */
  gait?: GaitName;
  /**
   * Oscillator duty factor in [0.2, 0.9] (the course template's ω_swing/ω_stance split).
   * Default 0.5, constant rate. Gaits get their duty factor in the foot map instead: with
   * per-half-cycle rates, legs in different half-cycles run at rates that differ by more than
   * the coupling can correct (5 rad/s at D = 0.6, 2 Hz), and bound never locks.
   */
  duty?: number;
  /** Time over which `setGait` slides the phase offsets to the new gait, s. Default 1. */
  gaitTransition?: number;
}

/**
 * Four coupled amplitude/phase oscillators, one per leg (FR, FL, RR, RL):
 *
 *   θ̇_i = ω_i(θ_i) + Σ_j r_j w sin(θ_j − θ_i − φ_ij)
 *
 * where ω_i(θ) = ω/(2(1−D)) in swing (θ ∈ [0, π)) and ω/(2D) in stance, so ω (rad/s) is the
 * mean phase rate and D the duty factor (D = 0.5 gives the constant-rate CPG-RL phase).
 * The phase is always integrated from the rate, never computed as ωt, so changing ω, μ or the
 * gait never makes θ jump. `step(dt)` splits dt into sub-steps of at most `maxSubstep`.
 *
 * Gait changes slide the leg offsets p_i (φ_ij = p_j − p_i) from the old gait to the new one
 * along the shortest arc over `gaitTransition` seconds (smoothstep). Swapping the biases at once
 * would leave the phases on an unstable equilibrium when two gaits are symmetric images of each
 * other (trot → bound: every coupling term is sin(±π) = 0), and they would never re-lock.
 */
export class CpgNetwork {
  /** Amplitude r (dimensionless), its rate (1/s), phase θ ∈ [0, 2π) and last phase rate (rad/s). */
  readonly r = new Float64Array(4);
  readonly rd = new Float64Array(4);
  readonly theta = new Float64Array(4);
  readonly thetaDot = new Float64Array(4);
  /** Inputs, held between calls: target amplitude μ and mean phase rate ω (rad/s) per leg. */
  readonly mu = new Float64Array(4);
  readonly omega = new Float64Array(4);
  /** Phase biases φ_ij, row-major 4×4, rad, from the current offsets p (rad, leg 0 at 0). */
  readonly bias = new Float64Array(16);
  readonly offsets = new Float64Array(4);
  private readonly offsetFrom = new Float64Array(4);
  private readonly offsetTo = new Float64Array(4);
  private transitionLeft = 0;
  readonly gaitTransition: number;
  readonly a: number;
  readonly alpha: number;
  readonly model: AmplitudeModel;
  readonly integrator: AmplitudeIntegrator;
  readonly maxSubstep: number;
  coupling: number;
  duty = 0.5;
  gait: GaitName = 'trot';

  constructor(opts: CpgOptions = {}) {
    this.a = opts.a ?? 150;
    this.alpha = opts.alpha ?? 50;
    this.model = opts.amplitudeModel ?? 'cpg-rl';
    this.integrator = opts.integrator ?? 'exact';
    this.coupling = opts.coupling ?? 1;
    this.maxSubstep = opts.maxSubstep ?? 0.001;
    this.gaitTransition = opts.gaitTransition ?? 1;
    if (!(this.maxSubstep > 0)) {
      throw new EigenplayError(
        'BAD_INPUT',
        `[cpg] maxSubstep must be > 0 s, got ${this.maxSubstep}`,
      );
    }
    this.setGait(opts.gait ?? 'trot', opts.duty ?? 0.5);
    this.reset();
  }

  /**
   * Resets the state: r = r0 (default 1), ṙ = 0, θ at the gait's offsets; μ = r0, ω = 0.
   * With θ ∈ {0, π} every foot of trot/pace/bound/pronk starts on the ground.
   */
  reset(r0 = 1): void {
    const p = GAIT_OFFSETS[this.gait];
    this.offsets.set(p);
    this.transitionLeft = 0;
    this.updateBias();
    for (let i = 0; i < 4; i++) {
      this.r[i] = r0;
      this.rd[i] = 0;
      this.theta[i] = wrapPhase(p[i]!);
      this.thetaDot[i] = 0;
      this.mu[i] = r0;
      this.omega[i] = 0;
    }
  }

  /**
   * Starts a transition to `gait` without touching the state: the offsets slide there over
   * `gaitTransition` s while the coupling pulls the phases along. `duty`, if given, sets the
   * oscillator duty factor (see CpgOptions.duty) at once.
   */
  setGait(gait: GaitName, duty?: number): void {
    const p = GAIT_OFFSETS[gait];
    if (!p) throw new EigenplayError('BAD_INPUT', `[cpg] unknown gait '${String(gait)}'`);
    this.offsetFrom.set(this.offsets);
    for (let i = 0; i < 4; i++) {
      this.offsetTo[i] = this.offsets[i]! + phaseDiff(p[i]!, this.offsets[i]!);
    }
    this.transitionLeft = this.gaitTransition;
    if (this.gaitTransition <= 0) this.finishTransition();
    this.gait = gait;
    const d = duty ?? this.duty;
    if (!(d >= 0.2 && d <= 0.9)) {
      throw new EigenplayError('BAD_INPUT', `[cpg] duty factor ${d} is outside [0.2, 0.9]`);
    }
    this.duty = d;
  }

  /** Intrinsic phase rate (rad/s) of an oscillator with mean rate ω at phase θ. */
  intrinsicRate(omega: number, theta: number): number {
    return theta < Math.PI ? omega / (2 * (1 - this.duty)) : omega / (2 * this.duty);
  }

  /** Advances the network by dt seconds (any dt ≥ 0) in sub-steps of at most maxSubstep. */
  step(dt: number): void {
    if (!(dt >= 0) || !Number.isFinite(dt)) {
      throw new EigenplayError('BAD_INPUT', `[cpg] step dt must be finite and >= 0 s, got ${dt}`);
    }
    const n = Math.ceil(dt / this.maxSubstep - 1e-9);
    if (n <= 0) return;
    const h = dt / n;
    for (let k = 0; k < n; k++) this.substep(h);
  }

  private updateBias(): void {
    const p = this.offsets;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) this.bias[i * 4 + j] = p[j]! - p[i]!;
  }

  private finishTransition(): void {
    this.transitionLeft = 0;
    for (let i = 0; i < 4; i++) this.offsets[i] = wrapPhase(this.offsetTo[i]!);
    this.updateBias();
  }

  private advanceTransition(h: number): void {
    this.transitionLeft -= h;
    if (this.transitionLeft <= 0) {
      this.finishTransition();
      return;
    }
    const s = 1 - this.transitionLeft / this.gaitTransition;
    const w = s * s * (3 - 2 * s);
    for (let i = 0; i < 4; i++) {
      this.offsets[i] = this.offsetFrom[i]! + w * (this.offsetTo[i]! - this.offsetFrom[i]!);
    }
    this.updateBias();
  }

  /** True while the phase offsets are sliding to a new gait. */
  get inTransition(): boolean {
    return this.transitionLeft > 0;
  }

  private substep(h: number): void {
    if (this.transitionLeft > 0) this.advanceTransition(h);
    const r = this.r;
    const th = this.theta;
    const w = this.coupling;
    // Phase rates from the state at the start of the sub-step (explicit Euler).
    for (let i = 0; i < 4; i++) {
      let rate = this.intrinsicRate(this.omega[i]!, th[i]!);
      if (w !== 0) {
        for (let j = 0; j < 4; j++) {
          if (j === i) continue;
          rate += r[j]! * w * Math.sin(th[j]! - th[i]! - this.bias[i * 4 + j]!);
        }
      }
      this.thetaDot[i] = rate;
    }
    for (let i = 0; i < 4; i++) {
      this.stepAmplitude(i, h);
      th[i] = wrapPhase(th[i]! + h * this.thetaDot[i]!);
    }
  }

  private stepAmplitude(i: number, h: number): void {
    const mu = this.mu[i]!;
    let r = this.r[i]!;
    let rd = this.rd[i]!;
    if (this.model === 'hopf') {
      rd = this.alpha * (mu - r * r) * r;
      r += h * rd;
    } else if (this.integrator === 'exact') {
      // e = r − μ obeys ë + a ė + (a²/4) e = 0: e(t) = (e0 + (ė0 + a e0/2) t) exp(−a t/2).
      const a = this.a;
      const e0 = r - mu;
      const c = rd + 0.5 * a * e0;
      const ex = Math.exp(-0.5 * a * h);
      r = mu + (e0 + c * h) * ex;
      rd = (rd - 0.5 * a * c * h) * ex;
    } else {
      const a = this.a;
      rd += h * a * (0.25 * a * (mu - r) - rd);
      r += h * rd;
    }
    // An amplitude is a radius: keep it non-negative (only reachable with μ near 0 and ṙ < 0).
    if (r < 0) {
      r = 0;
      rd = 0;
    }
    this.r[i] = r;
    this.rd[i] = rd;
  }
}
