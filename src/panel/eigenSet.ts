/** Two points closer than this (in the complex plane) are the same eigenvalue. */
const SAME = 1e-6;

/**
 * The eigenvalues to draw, in growable typed arrays: the given ones first, then the conjugate of
 * every complex one whose conjugate is not already listed (a real-valued recurrence has them in
 * pairs; cards and models often store one of each). Grows only when a larger set arrives.
 */
export class EigenSet {
  re = new Float64Array(64);
  im = new Float64Array(64);
  /** For each point, the index of the given eigenvalue it is (an added conjugate: its source). */
  src = new Int32Array(64);
  /** Points held, added conjugates included. */
  n = 0;
  /** How many of the points were given (the rest are added conjugates). */
  given = 0;

  /** Replaces the set with [re, im] pairs, e.g. a card's `eigenvalues`. */
  setPairs(pairs: readonly (readonly [number, number])[]): void {
    this.begin(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      this.re[i] = pairs[i]![0];
      this.im[i] = pairs[i]![1];
    }
    this.finish(pairs.length);
  }

  /** Replaces the set with a flat [n, 2] (re, im) array; returns false when it is unchanged. */
  setFlat(eig: ArrayLike<number>): boolean {
    const count = eig.length >> 1;
    if (count === this.given) {
      let same = true;
      for (let i = 0; i < count && same; i++)
        same = this.re[i] === eig[2 * i] && this.im[i] === eig[2 * i + 1];
      if (same) return false;
    }
    this.begin(count);
    for (let i = 0; i < count; i++) {
      this.re[i] = eig[2 * i]!;
      this.im[i] = eig[2 * i + 1]!;
    }
    this.finish(count);
    return true;
  }

  /** Empties the set. */
  clear(): void {
    this.n = 0;
    this.given = 0;
  }

  private begin(count: number): void {
    if (this.re.length >= 2 * count) return;
    this.re = new Float64Array(2 * count);
    this.im = new Float64Array(2 * count);
    this.src = new Int32Array(2 * count);
  }

  private finish(count: number): void {
    this.given = count;
    let n = count;
    for (let i = 0; i < count; i++) this.src[i] = i;
    for (let i = 0; i < count; i++) {
      const re = this.re[i]!;
      const im = this.im[i]!;
      if (Math.abs(im) <= SAME || this.has(re, -im, count)) continue;
      this.re[n] = re;
      this.im[n] = -im;
      this.src[n] = i;
      n++;
    }
    this.n = n;
  }

  private has(re: number, im: number, count: number): boolean {
    for (let j = 0; j < count; j++)
      if (Math.abs(this.re[j]! - re) <= SAME && Math.abs(this.im[j]! - im) <= SAME) return true;
    return false;
  }
}
