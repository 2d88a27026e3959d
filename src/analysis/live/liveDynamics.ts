import { EigenplayError } from '../../lib/errors';
import type { LiveDmd, LiveJpca, TickBatch } from '../../../workers/contracts';
import { fitLiveDmd, type LiveDmdFit } from './liveDmd';
import { fitLiveJpca, type ConditionAverages, type LiveJpcaFit } from './liveJpca';
import { exportCsv, exportJson, type ExportFile } from './liveExport';
import {
  CENTER_OUT_DIRECTIONS,
  LIVE_DYNAMICS_DEFAULTS,
  type LiveDynamicsOptions,
  type ResolvedLiveOptions,
} from './liveOptions';
import { TickStore, type ReachWindow } from './tickStore';

export { CENTER_OUT_DIRECTIONS, LIVE_DYNAMICS_DEFAULTS, type LiveDynamicsOptions };

/** Fewest ticks DMD is fitted on. */
const MIN_DMD_TICKS = 30;

/** A reach window with its place in the stream (for the export). */
export type CollectedReach = ReachWindow;

/**
 * Live jPCA and DMD of a running controller's hidden states. Pure (no DOM, no workers): feed it
 * the sim worker's TickBatches with {@link ingest}, then call {@link fitJpca} / {@link fitDmd}.
 *
 * - Reaches: ticks are grouped by trial; the go cue is the first tick labelled 'move'; a reach is
 *   complete once every tick of its go-aligned window has arrived (see TickStore). The last
 *   `trialsPerCondition` complete reaches of each direction are averaged.
 * - A different policyId or hidden size clears everything: the hidden spaces differ. A reset of
 *   the same controller (new seed or target mode) keeps the complete reaches and the previous
 *   plane (same network, same task, same hidden space) but drops reaches still in flight and
 *   never stitches ticks across it.
 * - jPCA needs every center-out direction; in annulus mode (direction −1) only DMD is fitted.
 */
export class LiveDynamics {
  readonly opts: ResolvedLiveOptions;
  private store: TickStore | null = null;
  private policyIdValue = '';
  private dtValue = 0;
  private byDirection: CollectedReach[][] = [];
  private annulus: CollectedReach[] = [];
  private completeTotal = 0;
  private shortDelay = 0;
  private lastTickValue = 0;
  private jpcaFit: LiveJpcaFit | null = null;
  private dmdFit: LiveDmdFit | null = null;
  private jpcaAverages: ConditionAverages | null = null;
  /** Why the last fitJpca / fitDmd returned null, or what they fitted. */
  jpcaStatus = 'no ticks yet';
  dmdStatus = 'no ticks yet';
  /** Wall time of the last fits, ms. */
  readonly fitMs = { jpca: 0, dmd: 0 };

  constructor(opts: LiveDynamicsOptions = {}) {
    this.opts = {
      ...LIVE_DYNAMICS_DEFAULTS,
      minDelayTicks: Math.max(0, -(opts.window ?? LIVE_DYNAMICS_DEFAULTS.window).startTick),
      ...opts,
    };
    const { window: w, analysed: a, k, trialsPerCondition: m } = this.opts;
    const [t0, t1] = this.analysedSteps;
    if (!(Number.isInteger(w.startTick) && Number.isInteger(w.steps) && w.steps >= 2))
      throw bad(`window is ${JSON.stringify(w)}; pass integer ticks with steps ≥ 2`);
    if (!(Number.isInteger(t0) && Number.isInteger(t1) && t0 >= 0 && t1 <= w.steps && t1 - t0 >= 3))
      throw bad(
        `analysed is [${a.join(', ')}] ticks from go; it must lie in the window [${w.startTick}, ${w.startTick + w.steps}) and span ≥ 3 ticks`,
      );
    if (!(Number.isInteger(k) && k >= 2 && k % 2 === 0)) throw bad(`k is ${k}; pass an even k ≥ 2`);
    if (!(Number.isInteger(m) && m >= 1)) throw bad(`trialsPerCondition is ${m}; pass ≥ 1`);
  }

  /** The analysed range as window steps [start, end). */
  get analysedSteps(): [number, number] {
    const s = this.opts.window.startTick;
    return [this.opts.analysed[0] - s, this.opts.analysed[1] - s];
  }

  get policyId(): string {
    return this.policyIdValue;
  }

  get hiddenDim(): number {
    return this.store?.H ?? 0;
  }

  get dt(): number {
    return this.dtValue;
  }

  /** Last sim tick ingested. */
  get lastTick(): number {
    return this.lastTickValue;
  }

  /** Complete reaches collected since the last clear (all directions, annulus included). */
  get completeTrials(): number {
    return this.completeTotal;
  }

  /** Of those, reaches not averaged because their delay was shorter than minDelayTicks. */
  get shortDelayTrials(): number {
    return this.shortDelay;
  }

  /** The newest tick was an annulus trial (direction −1). */
  get annulusMode(): boolean {
    return this.store?.latest?.direction === -1;
  }

  /** Complete reaches currently kept, per center-out direction. */
  trialCounts(): number[] {
    return Array.from(
      { length: CENTER_OUT_DIRECTIONS },
      (_, d) => this.byDirection[d]?.length ?? 0,
    );
  }

  /** Forgets everything: ticks, reaches and fits. */
  clear(): void {
    this.store = null;
    this.byDirection = [];
    this.annulus = [];
    this.completeTotal = 0;
    this.shortDelay = 0;
    this.jpcaFit = null;
    this.dmdFit = null;
    this.jpcaAverages = null;
    this.jpcaStatus = 'no ticks yet';
    this.dmdStatus = 'no ticks yet';
  }

  /** Takes one batch; returns how many reaches it completed. */
  ingest(b: TickBatch): number {
    const H = b.hiddenDim;
    if (!(Number.isInteger(H) && H > 0) || b.hidden.length !== b.count * H)
      throw bad(
        `batch of ${b.count} ticks has ${b.hidden.length} hidden values for hiddenDim ${H}; expected count × hiddenDim`,
      );
    if (b.count === 0) return 0;
    if (!this.store || b.policyId !== this.policyIdValue || H !== this.store.H) {
      this.clear();
      const { window: w, dmdTicks } = this.opts;
      // Room for the longest trial (hold 36 + delay ≤ 60 + move ≤ 90 ticks) around a window.
      const capacity = Math.max(dmdTicks, w.steps + Math.abs(w.startTick)) + 240;
      this.store = new TickStore(H, w, capacity);
      this.policyIdValue = b.policyId;
    } else if (b.reset) {
      this.store.newGeneration();
    }
    this.dtValue = b.dt;
    this.lastTickValue = b.tick[b.count - 1]!;
    const done = this.store.ingest(b);
    const m = this.opts.trialsPerCondition;
    for (const r of done) {
      if (r.delayTicks < this.opts.minDelayTicks) {
        this.shortDelay++;
        continue;
      }
      const list =
        r.direction >= 0 && r.direction < CENTER_OUT_DIRECTIONS
          ? (this.byDirection[r.direction] ??= [])
          : this.annulus;
      list.push(r);
      const cap = list === this.annulus ? m * CENTER_OUT_DIRECTIONS : m;
      if (list.length > cap) list.splice(0, list.length - cap);
    }
    this.completeTotal += done.length;
    return done.length;
  }

  /** Per-direction averages of the kept reaches (directions with none are skipped). */
  conditionAverages(): ConditionAverages {
    const H = this.hiddenDim;
    const { window: w } = this.opts;
    const directions: number[] = [];
    const counts: number[] = [];
    const data: Float64Array[] = [];
    for (let d = 0; d < CENTER_OUT_DIRECTIONS; d++) {
      const list = this.byDirection[d] ?? [];
      if (list.length === 0) continue;
      const avg = new Float64Array(w.steps * H);
      for (const r of list) for (let i = 0; i < avg.length; i++) avg[i]! += r.hidden[i]!;
      for (let i = 0; i < avg.length; i++) avg[i]! /= list.length;
      directions.push(d);
      counts.push(list.length);
      data.push(avg);
    }
    return { directions, trialsPerCondition: counts, window: { ...w }, data, H };
  }

  /**
   * Fits jPCA to the current condition averages, aligned to the previous fit; null (with the
   * reason in {@link jpcaStatus}) until every direction has a complete reach, or in annulus mode.
   */
  fitJpca(): LiveJpca | null {
    const t0 = performance.now();
    const out = this.tryJpca();
    this.fitMs.jpca = performance.now() - t0;
    return out;
  }

  /** Why jPCA cannot be fitted now (no ticks, annulus targets, directions missing), or null. */
  jpcaBlocker(): string | null {
    if (!this.store) return 'no ticks yet';
    if (this.annulusMode)
      return 'annulus targets have no directions to average: jPCA needs the 8 center-out reaches (DMD still runs)';
    const counts = this.trialCounts();
    const missing = counts.filter((c) => c === 0).length;
    if (missing === 0) return null;
    const have = counts.reduce((a, b) => a + b, 0);
    return `jPCA is waiting for ${missing} more direction${missing > 1 ? 's' : ''} (${have} complete reach${have === 1 ? '' : 'es'} so far)`;
  }

  private tryJpca(): LiveJpca | null {
    const blocker = this.jpcaBlocker();
    if (blocker) {
      this.jpcaStatus = blocker;
      return null;
    }
    const counts = this.trialCounts();
    const avg = this.conditionAverages();
    const o = this.opts;
    try {
      this.jpcaFit = fitLiveJpca(
        avg,
        {
          dt: this.dtValue,
          k: Math.min(o.k, this.hiddenDim - (this.hiddenDim % 2)),
          softNorm: o.softNorm,
          analysed: this.analysedSteps,
          surrogates: o.surrogates,
          surrogateSeed: o.surrogateSeed,
        },
        this.jpcaFit?.live ?? null,
      );
    } catch (e) {
      this.jpcaStatus = `jPCA failed: ${(e as Error).message}`;
      return null;
    }
    this.jpcaAverages = avg;
    const lo = Math.min(...counts);
    const hi = Math.max(...counts);
    const skipped = this.shortDelay > 0 ? ` (${this.shortDelay} short-delay reaches skipped)` : '';
    this.jpcaStatus = `jPCA of ${avg.directions.length} directions × ${lo === hi ? lo : `${lo}-${hi}`} reaches${skipped}`;
    return this.jpcaFit.live;
  }

  /** Exact DMD of the last `dmdTicks` ticks within trials; null (see {@link dmdStatus}) if too few. */
  fitDmd(): LiveDmd | null {
    const t0 = performance.now();
    const out = this.tryDmd();
    this.fitMs.dmd = performance.now() - t0;
    return out;
  }

  private tryDmd(): LiveDmd | null {
    if (!this.store) {
      this.dmdStatus = 'no ticks yet';
      return null;
    }
    const segs = this.store.recentSegments(this.opts.dmdTicks, 3);
    const samples = segs.reduce((acc, s) => acc + s.ticks.length, 0);
    if (samples < MIN_DMD_TICKS) {
      this.dmdStatus = `collecting ticks for DMD (${samples} of ${MIN_DMD_TICKS})`;
      return null;
    }
    try {
      this.dmdFit = fitLiveDmd(segs, this.hiddenDim, {
        dt: this.dtValue,
        energy: this.opts.dmdEnergy,
        maxRank: this.opts.dmdMaxRank,
      });
    } catch (e) {
      this.dmdStatus = `DMD failed: ${(e as Error).message}`;
      return null;
    }
    this.dmdStatus = `DMD of ${samples} ticks in ${segs.length} trial segment${segs.length > 1 ? 's' : ''}, rank ${this.dmdFit.live.rank}`;
    return this.dmdFit.live;
  }

  /** The last successful fits (null before the first). */
  get lastJpca(): LiveJpcaFit | null {
    return this.jpcaFit;
  }

  get lastDmd(): LiveDmdFit | null {
    return this.dmdFit;
  }

  /** Every reach kept: center-out by direction, then annulus ones. */
  reaches(): CollectedReach[] {
    return [...this.byDirection.flatMap((l) => l ?? []), ...this.annulus];
  }

  /** Everything behind the plots as one JSON file. */
  exportJson(): ExportFile[] {
    return [exportJson(this.exportState())];
  }

  /** Trajectories, eigenvalues and the jPCA summary as CSV files. */
  exportCsv(): ExportFile[] {
    return exportCsv(this.exportState());
  }

  private exportState() {
    return {
      policyId: this.policyIdValue,
      hiddenDim: this.hiddenDim,
      dt: this.dtValue,
      options: this.opts,
      analysedSteps: this.analysedSteps,
      reaches: this.reaches(),
      averages: this.jpcaAverages ?? this.conditionAverages(),
      jpca: this.jpcaFit,
      dmd: this.dmdFit,
    };
  }
}

function bad(message: string): EigenplayError {
  return new EigenplayError('BAD_INPUT', `[analysis] live dynamics: ${message}`);
}

export type { ExportFile };
