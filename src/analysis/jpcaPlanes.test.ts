import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { preparatoryRotation, skewPlanes } from './jpcaPlanes';

/** Block-diagonal skew matrix with rotation rates `ws` (rad per bin), 2 × 2 blocks. */
function skewBlocks(ws: number[]): Matrix {
  const M = new Matrix(2 * ws.length, 2 * ws.length);
  ws.forEach((w, b) => {
    M.set(2 * b, 2 * b + 1, -w);
    M.set(2 * b + 1, 2 * b, w);
  });
  return M;
}

function expectOrthonormal(axes: number[][]): void {
  axes.forEach((a, i) =>
    axes.forEach((b, j) => {
      const d = a.reduce((s, x, u) => s + x * b[u]!, 0);
      expect(d).toBeCloseTo(i === j ? 1 : 0, 12);
    }),
  );
}

describe('skewPlanes', () => {
  it('orders planes by rotation rate and gives each the plane of its block', () => {
    const planes = skewPlanes(skewBlocks([0.05, 0.2, 0.1]));
    expect(planes.map((p) => p.eigenvalue[1])).toEqual(
      [0.2, 0.1, 0.05].map((w) => expect.closeTo(w, 14)),
    );
    // The fastest block lives in coordinates 2 and 3.
    const [a1, a2] = planes[0]!.axes;
    expect(a1[0]! ** 2 + a1[1]! ** 2 + a1[4]! ** 2 + a1[5]! ** 2).toBeCloseTo(0, 20);
    expect(a2[2]! ** 2 + a2[3]! ** 2).toBeCloseTo(1, 12);
    expectOrthonormal(planes.flatMap((p) => p.axes));
  });

  it('turns (jPC1, jPC2) in the direction of +ω: a step of M moves jPC1 toward jPC2', () => {
    for (const w of [0.3, -0.3]) {
      const [plane] = skewPlanes(skewBlocks([w]));
      const [j1, j2] = plane!.axes;
      // dx = M x at x = jPC1 must have a positive jPC2 component.
      const M = skewBlocks([w]);
      const dx = [0, 1].map((i) => M.get(i, 0) * j1[0]! + M.get(i, 1) * j1[1]!);
      expect(dx[0]! * j2[0]! + dx[1]! * j2[1]!).toBeGreaterThan(0);
    }
  });

  it('pairs a zero-rate null space into a still plane and keeps every axis orthonormal', () => {
    const planes = skewPlanes(skewBlocks([0.2, 0]));
    expect(planes).toHaveLength(2);
    expect(planes[1]!.eigenvalue).toEqual([0, 0]);
    expectOrthonormal(planes.flatMap((p) => p.axes));
  });

  it('keeps axes orthonormal when two planes rotate at exactly the same rate', () => {
    const planes = skewPlanes(skewBlocks([0.2, 0.2, 0.1]));
    expectOrthonormal(planes.flatMap((p) => p.axes));
  });
});

describe('preparatoryRotation', () => {
  it('puts the spread of the preparatory states on jPC1 and keeps the pair right-handed', () => {
    const prep = [
      [0.1, 2],
      [-0.1, -2],
      [0, 1],
    ];
    const [r1, r2] = preparatoryRotation(prep, prep);
    expect(Math.abs(r1[1]!)).toBeGreaterThan(0.99);
    expect(r1[0]! * r2[1]! - r1[1]! * r2[0]!).toBeCloseTo(1, 12);
    // Largest |excursion| on the new jPC2 is positive.
    const ys = prep.map(([x, y]) => r2[0]! * x! + r2[1]! * y!);
    expect(Math.max(...ys)).toBeCloseTo(Math.max(...ys.map(Math.abs)), 12);
  });

  it('only applies the 180° turn with one condition', () => {
    const [r1, r2] = preparatoryRotation(
      [[1, 1]],
      [
        [0, -3],
        [0, 1],
      ],
    );
    expect(r1).toEqual([-1, 0]);
    expect(r2).toEqual([0, -1]);
  });
});
