/**
 * One axis of an auto-scaled plot with hysteresis, so the view doesn't jump with every point:
 * it grows at once when data leaves it, and shrinks only when the data fill less than
 * `SHRINK_BELOW` of it. Either way it refits to the data plus a `MARGIN` on each side.
 */
const MARGIN = 0.15;
const SHRINK_BELOW = 0.45;
/** Smallest half-span, so a single point or a flat trail still gets a finite view. */
const MIN_HALF_SPAN = 1e-3;

export class AutoRange {
  lo = -1;
  hi = 1;
  private empty = true;

  reset(): void {
    this.empty = true;
    this.lo = -1;
    this.hi = 1;
  }

  /** Fits the view to data spanning [min, max]; returns whether the view changed. */
  fit(min: number, max: number): boolean {
    if (!(min <= max)) return false;
    const span = this.hi - this.lo;
    const outside = min < this.lo || max > this.hi;
    const small = max - min < SHRINK_BELOW * span;
    if (!this.empty && !outside && !small) return false;
    const half = Math.max(MIN_HALF_SPAN, ((max - min) / 2) * (1 + 2 * MARGIN));
    const mid = (min + max) / 2;
    this.lo = mid - half;
    this.hi = mid + half;
    this.empty = false;
    return true;
  }
}
