import { Matrix, SingularValueDecomposition, solve } from 'ml-matrix';
import { discreteToContinuous } from './complex';
import { normalizePhase } from './convention';
import { eig } from './eig';
import type { ComplexVector, Rows, Tensor3Like } from './types';
import { badInput, checkInteger, checkPositive, checkTensor3 } from './validate';

export interface DmdOptions {
  /** Time between snapshots, s. Continuous eigenvalues are log(λ_d) / dt. Required. */
  dt: number;
  /** Keep exactly this many singular values (1 ≤ rank ≤ numerical rank). Exclusive with `energy`. */
  rank?: number;
  /**
   * Keep the smallest r whose singular values carry at least this share of Σσ² (0 < energy ≤ 1),
   * PyDMD's 0 < svd_rank < 1 rule. Exclusive with `rank`.
   * Default (neither given): the numerical rank, σᵢ > max(state, pairs) · ε · σ₁.
   */
  energy?: number;
  /**
   * Subtract the mean snapshot (over all trials and times) first, so a constant offset does not
   * show up as λ ≈ 1 (SCIENCE.md §8, practical notes). Default false (plain exact DMD).
   */
  subtractMean?: boolean;
}

export interface DmdResult {
  /** Rank r kept. */
  rank: number;
  /** All singular values of the snapshot matrix X, decreasing. */
  singularValues: number[];
  /** Discrete-time (per-step) eigenvalues λ_d of Ã, ordered as {@link eig} orders them. */
  eigenvalues: { re: number[]; im: number[] };
  /** λ_c = log(λ_d) / dt (principal branch), s⁻¹: Re = growth rate, Im / 2π = frequency (Hz). */
  continuousEigenvalues: { re: number[]; im: number[] };
  /** Exact DMD modes Φ = Y V_r Σ_r⁻¹ W, one per eigenvalue, unit norm, phase as in {@link eig}. */
  modes: ComplexVector[];
  /** Per trial, amplitudes b minimising ‖Φ b − x₀‖ for that trial's first snapshot (length r). */
  amplitudes: ComplexVector[];
  /** Ã = U_rᵀ Y V_r Σ_r⁻¹, r × r: the operator in the POD basis. */
  reducedOperator: Rows;
  /** The POD basis U_r as rows, r × state (Ã acts on coordinates in this basis). */
  basis: Rows;
  /** Mean snapshot that was subtracted (length state), or null. */
  mean: number[] | null;
  /** Time between snapshots, s. */
  dt: number;
}

/**
 * Exact DMD (Tu, Rowley, Luchtenburg, Brunton & Kutz 2014; SCIENCE.md §8). Snapshot pairs
 * (xₜ, xₜ₊₁) are built within each trial, never across a trial boundary:
 * X = [x₀ … x_{m−1}], Y = [x₁ … x_m] (state × pairs), X ≈ U_r Σ_r V_rᵀ, Ã = U_rᵀ Y V_r Σ_r⁻¹,
 * Ã W = W Λ, Φ = Y V_r Σ_r⁻¹ W (PyDMD's scaling; modes are then normalised, so Tu et al.'s
 * extra Λ⁻¹ would change nothing). A mode whose exact form vanishes (λ = 0) falls back to the
 * projected mode U_r w.
 *
 * @param trials trials × time × state, `trials[i][t][s]`; trials may differ in length (≥ 2).
 * @param opts see {@link DmdOptions}; `dt` (s) is required.
 */
export function dmd(trials: Tensor3Like, opts: DmdOptions): DmdResult {
  const shape = checkTensor3('trials', trials, 'trial', { sameLength: false, minSteps: 2 });
  checkPositive('dt', opts.dt);
  if (opts.rank !== undefined && opts.energy !== undefined) {
    throw badInput(`both rank (${opts.rank}) and energy (${opts.energy}) given; pass one of them`);
  }
  const n = shape.units;
  const m = shape.steps.reduce((s, T) => s + T - 1, 0);

  let mean: number[] | null = null;
  if (opts.subtractMean) {
    const total = shape.steps.reduce((s, T) => s + T, 0);
    mean = new Array<number>(n).fill(0);
    for (const tr of trials)
      for (const x of tr) for (let s = 0; s < n; s++) mean[s]! += x[s]! / total;
  }
  const value = (i: number, t: number, s: number): number =>
    trials[i]![t]![s]! - (mean ? mean[s]! : 0);

  // State × pairs, column j is one pair inside one trial.
  const X = new Matrix(n, m);
  const Y = new Matrix(n, m);
  for (let i = 0, j = 0; i < trials.length; i++) {
    for (let t = 0; t + 1 < shape.steps[i]!; t++, j++) {
      for (let s = 0; s < n; s++) {
        X.set(s, j, value(i, t, s));
        Y.set(s, j, value(i, t + 1, s));
      }
    }
  }

  const svd = new SingularValueDecomposition(X, { autoTranspose: true });
  const sigma = svd.diagonal;
  const numericalRank = sigma.filter((s) => s > Math.max(n, m) * Number.EPSILON * sigma[0]!).length;
  if (numericalRank === 0)
    throw badInput('every snapshot pair is zero; DMD needs a changing state');
  let r = numericalRank;
  if (opts.rank !== undefined) {
    checkInteger(
      'rank',
      opts.rank,
      1,
      numericalRank,
      ` (the snapshots have numerical rank ${numericalRank})`,
    );
    r = opts.rank;
  } else if (opts.energy !== undefined) {
    if (!(opts.energy > 0 && opts.energy <= 1)) {
      throw badInput(`energy is ${opts.energy}; pass a share of Σσ² in (0, 1], e.g. 0.99`);
    }
    const total = sigma.reduce((s, x) => s + x * x, 0);
    let acc = 0;
    r = 0;
    while (r < numericalRank && acc < opts.energy * total * (1 - 1e-12)) acc += sigma[r++]! ** 2;
  }

  const Ur = svd.leftSingularVectors.subMatrix(0, n - 1, 0, r - 1);
  const Vr = svd.rightSingularVectors.subMatrix(0, m - 1, 0, r - 1);
  const invSigma = Matrix.diag(sigma.slice(0, r).map((s) => 1 / s));
  const B = Y.mmul(Vr).mmul(invSigma); // n × r
  const Atilde = Ur.transpose().mmul(B);
  const e = eig(Atilde.to2DArray());

  const modes = e.vectors.map((w) => {
    const mode = { re: matVec(B, w.re), im: matVec(B, w.im) };
    const size = norm(mode);
    const scale = norm(w) * B.norm('frobenius');
    if (!(size > 1e-12 * scale))
      return normalizePhase({ re: matVec(Ur, w.re), im: matVec(Ur, w.im) });
    return normalizePhase(mode);
  });

  // Amplitudes: complex least squares via the real embedding [[P, −Q], [Q, P]] [u; v] = [x₀; 0].
  const embed = new Matrix(2 * n, 2 * r);
  modes.forEach((phi, j) => {
    for (let s = 0; s < n; s++) {
      embed.set(s, j, phi.re[s]!);
      embed.set(s, r + j, -phi.im[s]!);
      embed.set(n + s, j, phi.im[s]!);
      embed.set(n + s, r + j, phi.re[s]!);
    }
  });
  const rhs = Matrix.zeros(2 * n, trials.length);
  trials.forEach((_, i) => {
    for (let s = 0; s < n; s++) rhs.set(s, i, value(i, 0, s));
  });
  const sol = solve(embed, rhs, true);
  const amplitudes = trials.map((_, i) => {
    const col = sol.getColumn(i);
    return { re: col.slice(0, r), im: col.slice(r) };
  });

  const cont = e.re.map((re, i) => discreteToContinuous(re, e.im[i]!, opts.dt));
  return {
    rank: r,
    singularValues: sigma.slice(),
    eigenvalues: { re: e.re, im: e.im },
    continuousEigenvalues: { re: cont.map((z) => z[0]), im: cont.map((z) => z[1]) },
    modes,
    amplitudes,
    reducedOperator: Atilde.to2DArray(),
    basis: Ur.transpose().to2DArray(),
    mean,
    dt: opts.dt,
  };
}

function matVec(M: Matrix, v: number[]): number[] {
  const out = new Array<number>(M.rows).fill(0);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.columns; j++) s += M.get(i, j) * v[j]!;
    out[i] = s;
  }
  return out;
}

function norm(v: ComplexVector): number {
  let s = 0;
  for (let i = 0; i < v.re.length; i++) s += v.re[i]! ** 2 + v.im[i]! ** 2;
  return Math.sqrt(s);
}
