/**
 * FNV-1a (32-bit) over the bytes of float64 values. Used as the world hash: two runs agree on
 * it only if every body's pose and velocity agree to the last bit.
 */
const scratch = new Float64Array(1);
const bytes = new Uint8Array(scratch.buffer);

export class Fnv1a {
  private h = 0x811c9dc5;

  addNumber(x: number): this {
    scratch[0] = x;
    for (let i = 0; i < 8; i++) {
      this.h ^= bytes[i]!;
      this.h = Math.imul(this.h, 0x01000193);
    }
    return this;
  }

  hex(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}
