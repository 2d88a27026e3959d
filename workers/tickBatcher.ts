import type { ReachPhase } from '../src/sim/reachTask';
import type { TickBatch } from './contracts';

/** Ticks per batch: about twice a second at 60 Hz. */
export const BATCH_TICKS = 30;

/** Index into PHASE_CODES (contracts.ts). */
const PHASE_INDEX: Record<ReachPhase, number> = { hold: 0, delay: 1, move: 2 };

/**
 * Collects every control tick's hidden vector with its task context and hands full batches
 * (transferable typed arrays) to `send`. A controller switch (other policyId or hidden size)
 * flushes the batch first, so one batch never mixes hidden spaces; `markReset` flags the next
 * batch as the start of a new run.
 */
export class TickBatcher {
  private n = 0;
  private dim = 0;
  private policyId = '';
  private reset = true;
  private tick = new Int32Array(BATCH_TICKS);
  private phase = new Uint8Array(BATCH_TICKS);
  private trial = new Int32Array(BATCH_TICKS);
  private direction = new Int8Array(BATCH_TICKS);
  private hidden = new Float32Array(0);

  constructor(
    private readonly dt: number,
    private readonly send: (batch: TickBatch, transfer: ArrayBuffer[]) => void,
  ) {}

  markReset(): void {
    this.flush();
    this.reset = true;
  }

  push(
    tick: number,
    phase: ReachPhase,
    trialIndex: number,
    direction: number,
    policyId: string,
    hidden: Float32Array,
  ): void {
    if (hidden.length === 0) return;
    if (this.n > 0 && (policyId !== this.policyId || hidden.length !== this.dim)) this.flush();
    if (this.n === 0) {
      this.policyId = policyId;
      this.dim = hidden.length;
      if (this.hidden.length !== BATCH_TICKS * this.dim)
        this.hidden = new Float32Array(BATCH_TICKS * this.dim);
    }
    const i = this.n++;
    this.tick[i] = tick;
    this.phase[i] = PHASE_INDEX[phase];
    this.trial[i] = trialIndex;
    this.direction[i] = direction;
    this.hidden.set(hidden, i * this.dim);
    if (this.n === BATCH_TICKS) this.flush();
  }

  /** Sends what is collected (nothing when empty). */
  flush(): void {
    const n = this.n;
    if (n === 0) return;
    const batch: TickBatch = {
      policyId: this.policyId,
      hiddenDim: this.dim,
      count: n,
      dt: this.dt,
      tick: this.tick.slice(0, n),
      phase: this.phase.slice(0, n),
      trialIndex: this.trial.slice(0, n),
      direction: this.direction.slice(0, n),
      hidden: this.hidden.slice(0, n * this.dim),
      reset: this.reset,
    };
    this.n = 0;
    this.reset = false;
    this.send(batch, [
      batch.tick.buffer,
      batch.phase.buffer,
      batch.trialIndex.buffer,
      batch.direction.buffer,
      batch.hidden.buffer,
    ] as ArrayBuffer[]);
  }
}
