import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../lib/random';
import { eig } from './eig';
import { rotationPlanes } from './rotationPlanes';

/**
 * M_skew of arm-transformer condition averages (softNorm 5, −50…+300 ms): ml-matrix's
 * non-symmetric QR (behind the library's eig) cycles forever on it. numpy.linalg.eigvals gives
 * ±0.06426759525358856i, ±0.04951414174218165i, ±0.007342740425371979i.
 */
const STALLS_HQR2 = [
  [
    0, -0.0004264466502055562, -0.039783553303744584, -0.013675085280603117, 0.0011905409953113922,
    0.0010285444000831226,
  ],
  [
    0.0004264466502055562, 0, 0.017506423275057408, -0.03302186397457961, -0.003867077800886404,
    -0.0013322925781961473,
  ],
  [
    0.039783553303744584, -0.017506423275057408, 0, 0.009557540404813126, 0.04253120038166157,
    -0.0035399760458958898,
  ],
  [
    0.013675085280603117, 0.03302186397457961, -0.009557540404813126, 0, -0.01528844643881562,
    -0.033396051218097675,
  ],
  [
    -0.0011905409953113922, 0.003867077800886404, -0.04253120038166157, 0.01528844643881562, 0,
    0.013712481655669302,
  ],
  [
    -0.0010285444000831226, 0.0013322925781961473, 0.0035399760458958898, 0.033396051218097675,
    -0.013712481655669302, 0,
  ],
];

const matVec = (M: number[][], v: number[]) =>
  M.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

function randomSkew(k: number, seed: number): number[][] {
  const rng = new SeededRandom(seed);
  const M = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++) {
      M[i]![j] = rng.normal();
      M[j]![i] = -M[i]![j]!;
    }
  return M;
}

describe('rotationPlanes', () => {
  it('finds the rotation rates of a skew matrix that stalls the non-symmetric QR, fastest first', () => {
    const planes = rotationPlanes(STALLS_HQR2);
    expect(planes.map((p) => p.omega)).toEqual([
      expect.closeTo(0.06426759525358856, 12),
      expect.closeTo(0.04951414174218165, 12),
      expect.closeTo(0.007342740425371979, 12),
    ]);
  });

  it.each([4, 6, 7])(
    'gives orthonormal invariant planes with M u = ω v and M v = −ω u (counter-clockwise), k = %i',
    (k) => {
      const M = randomSkew(k, k);
      const planes = rotationPlanes(M);
      expect(planes).toHaveLength(Math.floor(k / 2));
      const vecs = planes.flatMap((p) => p.axes);
      vecs.forEach((a, i) =>
        vecs.forEach((b, j) => expect(dot(a, b)).toBeCloseTo(i === j ? 1 : 0, 12)),
      );
      for (const {
        axes: [u, v],
        omega,
      } of planes) {
        matVec(M, u).forEach((x, i) => expect(x).toBeCloseTo(omega * v[i]!, 12));
        matVec(M, v).forEach((x, i) => expect(x).toBeCloseTo(-omega * u[i]!, 12));
      }
    },
  );

  it('pairs a null direction of M into a still plane (ω = 0)', () => {
    // A 2-D rotation at rate 0.3 plus two directions M does not move.
    const M = [
      [0, -0.3, 0, 0],
      [0.3, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const planes = rotationPlanes(M);
    expect(planes.map((p) => p.omega)).toEqual([expect.closeTo(0.3, 14), 0]);
    // The rotating plane is span(e0, e1).
    for (const a of planes[0]!.axes) expect(Math.hypot(a[0]!, a[1]!)).toBeCloseTo(1, 12);
  });
});

describe('eig on skew-symmetric matrices (routed through rotationPlanes)', () => {
  it('returns the eigenvalues numpy gives for the matrix that stalls ml-matrix’s QR, with A v = λ v', () => {
    const e = eig(STALLS_HQR2);
    expect(e.re.every((x) => x === 0)).toBe(true);
    const want = [0.06426759525358856, 0.04951414174218165, 0.007342740425371979];
    expect(e.im).toEqual(want.flatMap((w) => [expect.closeTo(w, 12), expect.closeTo(-w, 12)]));
    for (let i = 0; i < e.re.length; i++) {
      const v = e.vectors[i]!;
      for (let r = 0; r < STALLS_HQR2.length; r++) {
        let re = 0;
        let im = 0;
        for (let c = 0; c < STALLS_HQR2.length; c++) {
          re += STALLS_HQR2[r]![c]! * v.re[c]!;
          im += STALLS_HQR2[r]![c]! * v.im[c]!;
        }
        // λ v with λ = i·im: (−im·v.im, im·v.re)
        expect(re).toBeCloseTo(-e.im[i]! * v.im[r]!, 12);
        expect(im).toBeCloseTo(e.im[i]! * v.re[r]!, 12);
      }
    }
  });

  it('odd sizes get a real null vector', () => {
    const A = [
      [0, 2, 0],
      [-2, 0, 0],
      [0, 0, 0],
    ];
    const e = eig(A);
    expect(e.im).toEqual([2, -2, 0]);
    expect(e.vectors[2]!.re.map((x) => Math.abs(x))).toEqual([0, 0, 1]);
  });
});
