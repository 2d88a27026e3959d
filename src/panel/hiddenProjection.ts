import type { PolicyCard } from '../control/policyCard';

/**
 * The card's panel plane: p = basis · (hidden − mean), two numbers per hidden vector. The card's
 * rows are copied once into typed arrays so projecting a snapshot allocates nothing.
 */
export class HiddenProjection {
  readonly dim: number;
  private readonly mean: Float64Array;
  private readonly b0: Float64Array;
  private readonly b1: Float64Array;
  x = 0;
  y = 0;

  constructor(projection: PolicyCard['projection']) {
    this.dim = projection.mean.length;
    this.mean = Float64Array.from(projection.mean);
    this.b0 = Float64Array.from(projection.basis[0]);
    this.b1 = Float64Array.from(projection.basis[1]);
  }

  /** Projects `hidden` into (this.x, this.y); false (and no change) when its length is not `dim`. */
  project(hidden: ArrayLike<number>): boolean {
    if (hidden.length !== this.dim) return false;
    let x = 0;
    let y = 0;
    for (let i = 0; i < this.dim; i++) {
      const d = hidden[i]! - this.mean[i]!;
      x += this.b0[i]! * d;
      y += this.b1[i]! * d;
    }
    this.x = x;
    this.y = y;
    return true;
  }
}

/** Axis names for a projection method: jPCA planes are jPC1/jPC2, PCA planes PC1/PC2. */
export function axisLabels(method: string | undefined): [string, string] {
  const m = (method ?? '').toLowerCase();
  if (m.includes('jpc')) return ['jPC1', 'jPC2'];
  if (m.includes('dmd')) return ['DMD re', 'DMD im'];
  if (m === '' || m.includes('pc')) return ['PC1', 'PC2'];
  return [`${method} 1`, `${method} 2`];
}
