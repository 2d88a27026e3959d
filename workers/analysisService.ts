import * as Comlink from 'comlink';
import { warnOnce } from '../src/lib/log';
import { LiveDynamics, type LiveDynamicsOptions } from '../src/analysis/live/liveDynamics';
import type { AnalysisWorkerApi, DynamicsFit, LiveDmd, LiveJpca, TickBatch } from './contracts';

export interface AnalysisServiceOptions extends LiveDynamicsOptions {
  /** Refit jPCA after this many new complete reaches (after the first fit). Default 8. */
  jpcaEveryTrials?: number;
  /** Refit DMD every this many ticks of sim time. Default 60 (1 s at 60 Hz). */
  dmdEveryTicks?: number;
}

/** The fits this service ran: last sim tick in the data and wall time, ms (for benchmarks, tests). */
export interface FitLog {
  jpca: { tick: number; ms: number }[];
  dmd: { tick: number; ms: number }[];
}

/**
 * The analysis worker's implementation: turns the sim worker's TickBatches into live jPCA and
 * DMD fits and publishes them. The sim worker posts batches on the port given to `connect`
 * (plain postMessage, buffers transferred); fits go to the `subscribe` callback with their typed
 * arrays transferred (copies: the engine keeps its own to align and project the next fit).
 *
 * Cadence: jPCA the first time every center-out direction has a complete reach, then after every
 * `jpcaEveryTrials` new complete reaches; DMD every `dmdEveryTicks` ticks of sim time. At most
 * one fit runs per batch (jPCA first; a DMD that falls due with it waits for the next batch,
 * half a second later), so the worker is never busy for more than one fit, about 10-40 ms.
 * A controller switch publishes an empty fit at once, so the panel never shows the old
 * controller's plane over the new one's states.
 */
export class AnalysisService implements AnalysisWorkerApi {
  readonly engine: LiveDynamics;
  readonly log: FitLog = { jpca: [], dmd: [] };
  private readonly jpcaEvery: number;
  private readonly dmdEvery: number;
  private listener: ((fit: DynamicsFit) => void) | undefined;
  private port: MessagePort | undefined;
  private fitIndex = 0;
  private jpca: LiveJpca | null = null;
  private dmd: LiveDmd | null = null;
  private trialsSinceJpca = 0;
  private lastDmdTick = -Infinity;
  private dmdDue = false;
  private dmdTried = false;
  private error = '';

  constructor(opts: AnalysisServiceOptions = {}) {
    const { jpcaEveryTrials = 8, dmdEveryTicks = 60, ...live } = opts;
    this.engine = new LiveDynamics(live);
    this.jpcaEvery = jpcaEveryTrials;
    this.dmdEvery = dmdEveryTicks;
  }

  connect(port: MessagePort): void {
    if (this.port) this.port.onmessage = null;
    this.port = port;
    port.onmessage = (e: MessageEvent<TickBatch>) => this.receive(e.data);
    port.start?.();
  }

  subscribe(cb: (fit: DynamicsFit) => void): void {
    this.listener = cb;
  }

  async refit(): Promise<DynamicsFit> {
    this.runJpca();
    this.publish();
    return this.transferable();
  }

  /**
   * Forgets every reach and fit (the dynamics changed under the same controller, e.g. eigenvalue
   * surgery), so averages never mix the trained recurrence with an edited one.
   */
  async clear(): Promise<void> {
    this.engine.clear();
    this.jpca = null;
    this.dmd = null;
    this.dmdTried = false;
    this.trialsSinceJpca = 0;
    this.lastDmdTick = this.engine.lastTick;
    this.publish();
  }

  async exportData(
    format: 'json' | 'csv',
  ): Promise<{ name: string; mime: string; text: string }[]> {
    return format === 'json' ? this.engine.exportJson() : this.engine.exportCsv();
  }

  /** One batch from the sim worker; exposed so Node tests and benchmarks can feed it directly. */
  receive(b: TickBatch): void {
    if (b.count === 0) return;
    const before = this.engine.policyId;
    const dim = this.engine.hiddenDim;
    let completed: number;
    try {
      completed = this.engine.ingest(b);
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
      warnOnce('app', `analysis worker dropped a tick batch: ${this.error}`);
      this.publish();
      return;
    }
    if (b.policyId !== before || b.hiddenDim !== dim) {
      // A new hidden space: everything fitted so far belongs to the old one.
      this.jpca = null;
      this.dmd = null;
      this.dmdTried = false;
      this.trialsSinceJpca = 0;
      this.lastDmdTick = b.tick[0]!;
      this.publish();
    }
    if (b.reset) this.lastDmdTick = Math.min(this.lastDmdTick, b.tick[0]!);
    this.trialsSinceJpca += completed;
    if (this.engine.lastTick - this.lastDmdTick >= this.dmdEvery) this.dmdDue = true;

    const jpcaDue =
      !this.engine.annulusMode &&
      this.engine.trialCounts().every((n) => n > 0) &&
      (this.engine.lastJpca === null || this.trialsSinceJpca >= this.jpcaEvery);
    if (completed > 0 && jpcaDue) {
      this.runJpca();
      this.publish();
    } else if (this.dmdDue) {
      this.runDmd();
      this.publish();
    }
  }

  private runJpca(): void {
    this.jpca = this.engine.fitJpca();
    this.log.jpca.push({ tick: this.engine.lastTick, ms: this.engine.fitMs.jpca });
    this.trialsSinceJpca = 0;
  }

  private runDmd(): void {
    this.dmd = this.engine.fitDmd();
    this.log.dmd.push({ tick: this.engine.lastTick, ms: this.engine.fitMs.dmd });
    this.dmdDue = false;
    this.dmdTried = true;
    this.lastDmdTick = this.engine.lastTick;
  }

  private current(): DynamicsFit {
    const e = this.engine;
    const jpca = e.annulusMode ? null : this.jpca;
    const status = this.error
      ? `bad tick batch: ${this.error}`
      : e.policyId === ''
        ? 'waiting for ticks'
        : `${jpca ? e.jpcaStatus : (e.jpcaBlocker() ?? e.jpcaStatus)}; ${this.dmdTried ? e.dmdStatus : 'DMD starts after the first second of ticks'}`;
    return {
      policyId: e.policyId,
      hiddenDim: e.hiddenDim,
      dt: e.dt,
      fitIndex: this.fitIndex,
      tick: e.lastTick,
      jpca,
      dmd: this.dmd,
      status,
    };
  }

  /** The current fit with copies of its typed arrays, marked for transfer. */
  private transferable(): DynamicsFit {
    const fit = this.current();
    const buffers: ArrayBuffer[] = [];
    const copy = <T extends Float32Array | Float64Array>(a: T): T => {
      const c = a.slice() as T;
      buffers.push(c.buffer as ArrayBuffer);
      return c;
    };
    if (fit.jpca) {
      const j = fit.jpca;
      fit.jpca = {
        ...j,
        axes: copy(j.axes),
        scale: copy(j.scale),
        offset: copy(j.offset),
        curves: copy(j.curves),
      };
    }
    if (fit.dmd) {
      const d = fit.dmd;
      fit.dmd = { ...d, eig: copy(d.eig), modesRe: copy(d.modesRe), modesIm: copy(d.modesIm) };
    }
    return Comlink.transfer(fit, buffers);
  }

  private publish(): void {
    this.fitIndex++;
    this.listener?.(this.transferable());
  }
}
