import { A1 } from '../../sim/quadruped/a1Model';

/**
 * Analytic kinematics of one A1 leg in its leg frame: origin at the abduction joint, x forward,
 * y left, z up (the menagerie convention; see a1Model.ts). side = +1 for left legs, −1 for right.
 * Joint angles q = (abduction, hip, knee) in rad; positions are of the foot-sphere centre, m.
 */
const L1 = A1.thighOffset;
const L2 = A1.thighLength;
const L3 = A1.calfLength;

/** Foot position of joint angles q for a leg on `side`; writes out[0..2] = (x, y, z). */
export function legForward(q: ArrayLike<number>, side: number, out: Float64Array | number[]): void {
  const [q1, q2, q3] = [q[0]!, q[1]!, q[2]!];
  const x = -L2 * Math.sin(q2) - L3 * Math.sin(q2 + q3);
  const zs = -L2 * Math.cos(q2) - L3 * Math.cos(q2 + q3);
  const ys = side * L1;
  const c = Math.cos(q1);
  const s = Math.sin(q1);
  out[0] = x;
  out[1] = ys * c - zs * s;
  out[2] = ys * s + zs * c;
}

/**
 * Joint angles that put the foot at (x, y, z) with the knee bent backwards (q3 < 0), clamped to
 * the joint limits. Unreachable targets are pulled onto the workspace boundary (the leg
 * stretches toward them), so the output is always finite. Writes out[offset..offset+2].
 */
export function legInverse(
  x: number,
  y: number,
  z: number,
  side: number,
  out: Float64Array | number[],
  offset = 0,
): void {
  // Frontal plane: rotating (side·L1, zs) by q1 gives (y, z); |(y, z)|² = L1² + zs².
  const ryz2 = y * y + z * z;
  const zs = -Math.sqrt(Math.max(ryz2 - L1 * L1, 1e-6));
  const q1 = Math.atan2(z, y) - Math.atan2(zs, side * L1);
  // Sagittal plane: two-link with angles measured from straight down.
  const dMax = L2 + L3 - 1e-4;
  const dMin = Math.abs(L2 - L3) + 0.02;
  let d = Math.hypot(x, zs);
  let sx = x;
  let sz = zs;
  if (d > dMax || d < dMin) {
    const k = (d > dMax ? dMax : dMin) / Math.max(d, 1e-9);
    sx *= k;
    sz *= k;
    d *= k;
  }
  const c3 = (d * d - L2 * L2 - L3 * L3) / (2 * L2 * L3);
  const q3 = -Math.acos(Math.max(-1, Math.min(1, c3)));
  const q2 = Math.atan2(-sx, -sz) - Math.atan2(L3 * Math.sin(q3), L2 + L3 * Math.cos(q3));
  out[offset] = clamp(wrapPi(q1), A1.limits[0]);
  out[offset + 1] = clamp(q2, A1.limits[1]);
  out[offset + 2] = clamp(q3, A1.limits[2]);
}

function clamp(v: number, lim: readonly [number, number]): number {
  return v < lim[0] ? lim[0] : v > lim[1] ? lim[1] : v;
}

function wrapPi(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}
