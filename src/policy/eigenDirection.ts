import type { PolicyCard } from '../control/policyCard';

/** What a click on the eigenvalue plot asks to kick. */
export type KickSource =
  /** Eigenvalue `index` of the model's own list of `count` (`eig` output or the card). */
  | { kind: 'model'; index: number; count: number }
  /** A DMD mode of the hidden trajectory: its real part, in hidden space. */
  | { kind: 'dmd'; modeRe: ArrayLike<number> };

/** A kick direction in state space (unit norm), or the reason none exists. */
export type KickDirection =
  { ok: true; direction: Float32Array; label: string } | { ok: false; reason: string };

/**
 * The direction in the policy's state space along which a click kicks the recurrence: the real
 * plane of the clicked eigenvalue's mode. Per family, from the state layouts of the training
 * modules (training/*_policy.py):
 *  - LRU: x = [Re x_0..Re x_{N−1}, Im x_0..Im x_{N−1}], eig j ↔ mode j; kicks Re x_j.
 *  - LinOSS: x = [z_0..z_{P−1}, y_0..y_{P−1}], eig j (the P with Im ≥ 0, then their conjugates)
 *    ↔ oscillator j mod P; kicks its position y.
 *  - selective SSM: state = [h (D×N, row-major), conv window], eig k ↔ h_k (diagonal, real).
 *  - Transformer: its state is a window of past inputs, not a recurrence: nothing to kick.
 * A DMD mode lives in hidden space; it is a state direction only where hidden = state (LRU,
 * LinOSS).
 */
export function kickDirection(card: PolicyCard, src: KickSource): KickDirection {
  const n = card.state_dim;
  if (card.family === 'transformer')
    return {
      ok: false,
      reason:
        'the Transformer has no recurrence to kick: its state is the window of its last observations',
    };
  const hiddenIsState =
    (card.variant === 'lru' || card.variant.startsWith('linoss')) && card.hidden_dim === n;
  const dir = new Float32Array(n);
  if (src.kind === 'dmd') {
    if (!hiddenIsState)
      return {
        ok: false,
        reason: `DMD modes live in the ${card.hidden_dim}-D hidden output, which is not this controller's ${n}-D state: click one of its own eigenvalues to kick the state`,
      };
    if (src.modeRe.length !== n)
      return { ok: false, reason: `DMD mode has ${src.modeRe.length} values, state_dim is ${n}` };
    let norm = 0;
    for (let i = 0; i < n; i++) norm += src.modeRe[i]! ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) return { ok: false, reason: 'this DMD mode has no real part to kick along' };
    for (let i = 0; i < n; i++) dir[i] = src.modeRe[i]! / norm;
    return { ok: true, direction: dir, label: 'DMD mode' };
  }
  const i = src.index;
  if (card.variant === 'lru') {
    const N = n / 2;
    const j = i % N;
    dir[j] = 1;
    return { ok: true, direction: dir, label: `LRU mode ${j}` };
  }
  if (card.variant.startsWith('linoss')) {
    const P = n / 2;
    const j = i % P;
    dir[P + j] = 1;
    return { ok: true, direction: dir, label: `oscillator ${j}` };
  }
  if (card.variant === 'selective') {
    // eig lists exp(Δ_t·A) for h (D channels × N modes, row-major), which leads the state.
    if (i < 0 || i >= src.count || src.count > n)
      return { ok: false, reason: `eigenvalue ${i} of ${src.count} is outside the state` };
    const N = Math.max(1, Math.round(src.count / card.hidden_dim));
    dir[i] = 1;
    return {
      ok: true,
      direction: dir,
      label: `channel ${Math.floor(i / N)}, mode ${i % N}`,
    };
  }
  return {
    ok: false,
    reason: `kicks need a known state layout; ${card.family}/${card.variant} has none`,
  };
}

/**
 * The two state coordinates that span eigenvalue `index`'s real plane, where the hidden output
 * is the state (LRU: Re x_j, Im x_j; LinOSS: y_j, z_j), so the panel can trace a kick's decay
 * and rotation from the snapshots' hidden vectors; null otherwise.
 */
export function kickPlane(card: PolicyCard, index: number): [number, number] | null {
  const n = card.state_dim;
  if (card.hidden_dim !== n) return null;
  const half = n / 2;
  const j = index % half;
  if (card.variant === 'lru') return [j, half + j];
  if (card.variant.startsWith('linoss')) return [half + j, j];
  return null;
}
