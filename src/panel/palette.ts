/**
 * Colors shared by the 3D scene and the panel, so a reach reads the same in both: one color per
 * center-out direction and a ramp for eigenvalue magnitude. Plain CSS strings; three.js parses
 * them once into its own colors.
 */

/**
 * Direction k = 0..7 points k·45° counter-clockwise seen from above (0 = +x, the arm's reach
 * axis). The hues go once around the color wheel, so neighbouring directions look related.
 */
const DIRECTION_COLORS = [
  '#f0645a', // 0: +x
  '#f39a3c',
  '#e3cf4a',
  '#84c96a',
  '#3fbfa8',
  '#4b9be6',
  '#8f7ce8',
  '#d46fc0',
] as const;

/** Annulus targets and anything without a direction. */
export const NEUTRAL_COLOR = '#8a94a3';

/** The color of center-out direction k (0..7); any other k (e.g. -1) gives the neutral gray. */
export function directionColor(k: number): string {
  return (Number.isInteger(k) && DIRECTION_COLORS[k]) || NEUTRAL_COLOR;
}

export const DIRECTION_COUNT = DIRECTION_COLORS.length;

/** Ramp stops for `magnitudeColor`, fast decay (cold) to no decay (hot), as [t, r, g, b]. */
const RAMP: readonly (readonly [number, number, number, number])[] = [
  [0, 70, 110, 220],
  [0.35, 60, 180, 200],
  [0.65, 230, 205, 80],
  [0.9, 245, 130, 60],
  [1, 240, 70, 80],
];

const LUT_SIZE = 64;
const LUT: string[] = Array.from({ length: LUT_SIZE }, (_, i) => rampAt(i / (LUT_SIZE - 1)));

function rampAt(t: number): string {
  let k = 1;
  while (k < RAMP.length - 1 && RAMP[k]![0] < t) k++;
  const [t0, r0, g0, b0] = RAMP[k - 1]!;
  const [t1, r1, g1, b1] = RAMP[k]!;
  const u = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * u);
  return `rgb(${mix(r0, r1)}, ${mix(g0, g1)}, ${mix(b0, b1)})`;
}

/**
 * Color of an eigenvalue by its modulus r, on a log scale of memory half-life: 1 step or less is
 * cold blue, 1000 steps and more (r ≥ 0.9993, or unstable) is hot red. r = 0.9 sits at about a
 * quarter, r = 0.99 past the middle. Allocation-free (a lookup table of CSS strings).
 */
export function magnitudeColor(r: number): string {
  let t: number;
  if (!(r > 0)) t = 0;
  else if (r >= 1) t = 1;
  else t = Math.log10(Math.max(1, Math.log(0.5) / Math.log(r))) / 3;
  const i = Math.round(Math.min(1, Math.max(0, t)) * (LUT_SIZE - 1));
  return LUT[i]!;
}
