import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordReaches } from '../src/analysis/live/recordReaches';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import { AnalysisService } from './analysisService';
import type { AnalysisWorkerApi, DynamicsFit, TickBatch } from './contracts';
import { installErrorTransfer } from './errorTransfer';

/**
 * The analysis worker's implementation in-process, fed over a real MessageChannel with batches
 * recorded from the shipped arm-lru and arm-transformer driving the real arm sim.
 */
let lru: TickBatch[];
let transformer: TickBatch[];
let annulus: TickBatch[];
const policies: OrtPolicy[] = [];
const ports: MessagePort[] = [];
beforeAll(async () => {
  installErrorTransfer();
  const load = async (id: string) => {
    const p = await loadPolicyDir(`assets/policies/${id}`);
    policies.push(p);
    return p;
  };
  const p = await load('arm-lru');
  lru = await recordReaches(p, { policyId: 'arm-lru', seed: 4, trials: 40 });
  annulus = await recordReaches(p, { policyId: 'arm-lru', seed: 5, trials: 3, mode: 'annulus' });
  transformer = await recordReaches(await load('arm-transformer'), {
    policyId: 'arm-transformer',
    seed: 4,
    trials: 2,
  });
});
afterAll(async () => {
  for (const port of ports) port.close();
  for (const p of policies) await p.release();
});

/** A service listening on one end of a fresh channel; returns the sim worker's end. */
function connected(service: AnalysisService): MessagePort {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  service.connect(port1);
  return port2;
}

const ticksIn = (batches: TickBatch[]) => batches.reduce((s, b) => s + b.count, 0);

describe('AnalysisService (the analysis worker, in-process)', () => {
  it('fits jPCA once every direction has a reach, then every 8 reaches, and DMD every second', async () => {
    const service = new AnalysisService();
    const fits: DynamicsFit[] = [];
    service.subscribe((f) => fits.push(f));
    const sim = connected(service);
    for (const b of lru) sim.postMessage(b);
    await expect
      .poll(() => fits.at(-1)?.tick ?? 0, { timeout: 20_000 })
      .toBe(lru.at(-1)!.tick.at(-1));

    expect(fits.map((f) => f.fitIndex)).toEqual(fits.map((_, i) => i + 1));
    expect(fits.every((f) => f.policyId === 'arm-lru' && f.hiddenDim === 64)).toBe(true);
    // Before the first jPCA, the panel is told what is missing.
    const firstJpca = fits.findIndex((f) => f.jpca !== null);
    expect(firstJpca).toBeGreaterThan(0);
    expect(fits[firstJpca - 1]!.status).toMatch(/jPCA is waiting for \d more direction/);
    expect(fits[firstJpca]!.status).toMatch(/^jPCA of 8 directions × 1(-\d)? reaches/);
    // jPCA refits come 8 complete reaches apart (the engine counts skipped short delays too).
    const engine = service.engine;
    expect(service.log.jpca.length).toBeGreaterThanOrEqual(2);
    expect(service.log.jpca.length).toBeLessThanOrEqual(1 + engine.completeTrials / 8);
    // DMD: about one fit per 60 ticks of sim time, each on ≤ 240 ticks.
    const dmdTicks = service.log.dmd.map((d) => d.tick);
    expect(dmdTicks.length).toBeGreaterThanOrEqual(Math.floor(ticksIn(lru) / 60) - 3);
    for (let i = 1; i < dmdTicks.length; i++)
      expect(dmdTicks[i]! - dmdTicks[i - 1]!).toBeGreaterThanOrEqual(60);
    expect(fits.at(-1)!.dmd!.samples).toBeLessThanOrEqual(240);
  });

  it('clear() (eigenvalue surgery) forgets every reach and fit, then fits the new dynamics afresh', async () => {
    const service = new AnalysisService();
    const fits: DynamicsFit[] = [];
    service.subscribe((f) => fits.push(f));
    for (const b of lru) service.receive(b);
    expect(fits.at(-1)!.jpca).not.toBeNull();
    await service.clear();
    expect(fits.at(-1)!.jpca).toBeNull();
    expect(fits.at(-1)!.dmd).toBeNull();
    expect(service.engine.trialCounts().every((n) => n === 0)).toBe(true);
    for (const b of lru) service.receive({ ...b, reset: false });
    expect(fits.at(-1)!.jpca).not.toBeNull();
  });

  it('logs the wall time of every fit (the numbers `npm run dynamics` reports; no timing bar here)', () => {
    const service = new AnalysisService();
    for (const b of lru) service.receive(b);
    const all = [...service.log.jpca, ...service.log.dmd];
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((f) => Number.isFinite(f.ms) && f.ms >= 0)).toBe(true);
  });

  it('publishes an empty fit at once on a controller switch, and fits the new hidden space', () => {
    const service = new AnalysisService();
    const fits: DynamicsFit[] = [];
    service.subscribe((f) => fits.push(f));
    for (const b of lru) service.receive(b);
    expect(fits.at(-1)!.jpca).not.toBeNull();
    service.receive(transformer[0]!);
    const cleared = fits.at(-1)!;
    expect(cleared).toMatchObject({
      policyId: 'arm-transformer',
      hiddenDim: 32,
      jpca: null,
      dmd: null,
    });
    for (const b of transformer.slice(1)) service.receive(b);
    expect(fits.at(-1)!.dmd!.modesRe.length).toBe(fits.at(-1)!.dmd!.rank * 32);
  });

  it('in annulus mode publishes DMD only, with the reason for the missing jPCA', () => {
    const service = new AnalysisService();
    const fits: DynamicsFit[] = [];
    service.subscribe((f) => fits.push(f));
    for (const b of lru) service.receive(b);
    for (const b of annulus) service.receive(b);
    const last = fits.at(-1)!;
    expect(last.jpca).toBeNull();
    expect(last.dmd).not.toBeNull();
    expect(last.status).toMatch(/annulus targets .* jPCA needs the 8 center-out reaches/);
  });

  it('reports a malformed batch in the status (and warns once) instead of throwing in the port handler', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const service = new AnalysisService();
    const fits: DynamicsFit[] = [];
    service.subscribe((f) => fits.push(f));
    service.receive({ ...lru[0]!, hidden: new Float32Array(3) });
    service.receive({ ...lru[0]!, hidden: new Float32Array(3) });
    expect(fits.at(-1)!.status).toMatch(
      /bad tick batch: .*30 ticks has 3 hidden values for hiddenDim 64/,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^\[app\] analysis worker dropped a tick batch/);
    warn.mockRestore();
    // The next good batch clears the error.
    service.receive(lru[0]!);
    expect(fits.at(-1)?.status ?? '').not.toMatch(/bad tick batch/);
  });
});

describe('the analysis worker API over Comlink', () => {
  it('serves subscribe, refit and exportData across a MessageChannel, with typed arrays transferred', async () => {
    const service = new AnalysisService();
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    Comlink.expose(service, port1);
    const api = Comlink.wrap<AnalysisWorkerApi>(port2);
    const fits: DynamicsFit[] = [];
    await api.subscribe(Comlink.proxy((f: DynamicsFit) => void fits.push(f)));
    const channel = new MessageChannel();
    ports.push(channel.port1, channel.port2);
    await api.connect(Comlink.transfer(channel.port1, [channel.port1]));
    // The sim worker's side: batches transferred, as the sim worker sends them.
    for (const b of lru.slice(0, 150)) {
      const copy: TickBatch = { ...b, hidden: b.hidden.slice(), tick: b.tick.slice() };
      channel.port2.postMessage(copy, [copy.hidden.buffer, copy.tick.buffer]);
    }
    await expect.poll(() => fits.some((f) => f.jpca !== null), { timeout: 20_000 }).toBe(true);
    const withJpca = fits.find((f) => f.jpca)!;
    expect(withJpca.jpca!.axes).toBeInstanceOf(Float64Array);
    expect(withJpca.jpca!.curves).toBeInstanceOf(Float32Array);
    expect(withJpca.jpca!.curves.length).toBe(8 * 42 * 2);

    const refit = await api.refit();
    expect(refit.jpca!.axes.length).toBe(128);
    await expect.poll(() => fits.at(-1)!.fitIndex).toBe(refit.fitIndex);
    const csv = await api.exportData('csv');
    expect(csv.map((f) => f.mime)).toEqual(['text/csv', 'text/csv', 'text/csv']);
    const [json] = await api.exportData('json');
    expect(JSON.parse(json!.text).policyId).toBe('arm-lru');
    api[Comlink.releaseProxy]();
  });
});
