import type { TickBatch } from '../../../workers/contracts';

/** One synthetic trial: its direction and the hidden state at each tick relative to the go cue. */
export interface SyntheticTrial {
  direction: number;
  hidden: (ticksFromGo: number) => ArrayLike<number>;
  /** Ticks before the go cue (hold then delay, half each) and from it on. Defaults 40 and 40. */
  before?: number;
  after?: number;
}

/**
 * TickBatches for known-answer tests: trials back to back, labelled as the sim worker labels them
 * (hold, delay, then move from the go cue), numbered from `firstTick`, cut into batches of
 * `batchTicks`. The first batch is marked as a reset.
 */
export function syntheticBatches(
  trials: SyntheticTrial[],
  opts: {
    policyId?: string;
    dt?: number;
    firstTick?: number;
    firstTrial?: number;
    batchTicks?: number;
    reset?: boolean;
  } = {},
): TickBatch[] {
  const rows: { tick: number; phase: number; trial: number; dir: number; h: ArrayLike<number> }[] =
    [];
  let tick = opts.firstTick ?? 1;
  trials.forEach((tr, i) => {
    const before = tr.before ?? 40;
    const after = tr.after ?? 40;
    for (let k = -before; k < after; k++) {
      const phase = k >= 0 ? 2 : k < -before / 2 ? 0 : 1;
      rows.push({
        tick: tick++,
        phase,
        trial: (opts.firstTrial ?? 0) + i,
        dir: tr.direction,
        h: tr.hidden(k),
      });
    }
  });
  const H = rows[0]!.h.length;
  const per = opts.batchTicks ?? 30;
  const out: TickBatch[] = [];
  for (let s = 0; s < rows.length; s += per) {
    const part = rows.slice(s, s + per);
    const hidden = new Float32Array(part.length * H);
    part.forEach((r, i) => hidden.set(Array.from(r.h), i * H));
    out.push({
      policyId: opts.policyId ?? 'synthetic',
      hiddenDim: H,
      count: part.length,
      dt: opts.dt ?? 1 / 60,
      tick: Int32Array.from(part, (r) => r.tick),
      phase: Uint8Array.from(part, (r) => r.phase),
      trialIndex: Int32Array.from(part, (r) => r.trial),
      direction: Int8Array.from(part, (r) => r.dir),
      hidden,
      reset: s === 0 && (opts.reset ?? true),
    });
  }
  return out;
}

/** The same batches with the hidden units reordered: unit u of the result is unit perm[u]. */
export function permuteHidden(batches: TickBatch[], perm: readonly number[]): TickBatch[] {
  return batches.map((b) => {
    const H = b.hiddenDim;
    const hidden = new Float32Array(b.hidden.length);
    for (let i = 0; i < b.count; i++)
      for (let u = 0; u < H; u++) hidden[i * H + u] = b.hidden[i * H + perm[u]!]!;
    return { ...b, hidden };
  });
}
