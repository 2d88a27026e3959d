/**
 * Benchmarks (numbers, not pass/fail). Node: physics steps per second, policy step latency and
 * the action change at a controller switch.
 * Chromium: control-tick latency across the two workers and the main thread's long tasks over a
 * 30 s run of the built app.   npm run bench [-- --seconds 30 --skip-browser]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CENTER_POSTURE, ReachExpert } from '../src/control/reachExpert';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import { ArmWorld } from '../src/sim/armWorld';
import { ARM_OBS_DIM, ArmSim } from '../src/sim/armSim';
import { loadRapier } from '../src/sim/rapier';
import { SHIPPED_CONTROLLERS } from '../src/app/controllers';
import { WARM_TICKS } from '../workers/policyService';

const { values: a } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    'skip-browser': { type: 'boolean', default: false },
  },
});

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
const ms = (x: number) => `${x.toFixed(3)} ms`;

// Physics alone: the arm holding a posture, 20k steps.
{
  const arm = new ArmWorld(await loadRapier(), CENTER_POSTURE);
  for (let i = 0; i < 500; i++) arm.step(CENTER_POSTURE);
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) arm.step(CENTER_POSTURE);
  const dt = (performance.now() - t0) / 1000;
  console.log(
    `node physics: ${(n / dt).toFixed(0)} arm steps/s (${((n / dt) * (1 / 240)).toFixed(1)}x real time at 240 Hz)`,
  );
  arm.free();
}

// Full control loop with the expert (observe, act, 4 physics steps, task).
{
  const sim = await ArmSim.create({ seed: 1 });
  const ex = new ReachExpert();
  const obs = new Float32Array(ARM_OBS_DIM);
  const act = new Float32Array(3);
  const n = 3000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    sim.observe(obs);
    ex.act(sim.task, sim.hand, act);
    sim.controlStep(act);
  }
  const dt = (performance.now() - t0) / 1000;
  console.log(
    `node control loop (expert): ${(n / dt).toFixed(0)} ticks/s (${(n / dt / 60).toFixed(1)}x real time at 60 Hz)`,
  );
  sim.free();
}

// Policy step latency through onnxruntime-web (wasm) in Node.
{
  const policy = await loadPolicyDir('assets/policies/arm-lru');
  const obs = new Float32Array(ARM_OBS_DIM).map((_, i) => 0.1 * Math.sin(i));
  for (let i = 0; i < 200; i++) await policy.step(obs);
  const times: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t0 = performance.now();
    await policy.step(obs);
    times.push(performance.now() - t0);
  }
  console.log(
    `node policy step (onnxruntime-web wasm): p50 ${ms(pct(times, 0.5))}, p95 ${ms(pct(times, 0.95))}`,
  );
  await policy.release();
}

// Controller switch mid-reach, in Node: arm-lru drives seed 3 to 8 ticks after the go cue, then
// each other controller takes over from the zero state or warm-started on the last WARM_TICKS
// observations (what the policy worker does); |Δaction| is the largest change of a normalised
// joint target at the switch, against arm-lru's own largest per-tick change in that reach.
{
  const lru = await loadPolicyDir('assets/policies/arm-lru');
  for (const id of SHIPPED_CONTROLLERS.map((c) => c.id).filter((i) => i !== 'arm-lru')) {
    if (!existsSync(`assets/policies/${id}/model.onnx`)) continue;
    const next = await loadPolicyDir(`assets/policies/${id}`);
    const sim = await ArmSim.create({ seed: 3, start: 'center' });
    const obs = new Float32Array(ARM_OBS_DIM);
    const history: Float32Array[] = [];
    let prev: Float32Array = new Float32Array(3);
    let own = 0;
    let moving = 0;
    lru.reset();
    while (moving < 8) {
      sim.observe(obs);
      history.push(obs.slice());
      if (history.length > WARM_TICKS) history.shift();
      const { action } = await lru.step(obs);
      if (sim.task.phase === 'move') {
        moving++;
        own = Math.max(own, ...action.map((v, j) => Math.abs(v - prev[j]!)));
      }
      prev = action;
      sim.controlStep(action);
    }
    sim.observe(obs);
    const jump = (a: Float32Array) => Math.max(...a.map((v, j) => Math.abs(v - prev[j]!)));
    next.reset();
    const cold = jump((await next.step(obs)).action);
    next.reset();
    const t0 = performance.now();
    for (const past of history) await next.step(past);
    const warm = jump((await next.step(obs)).action);
    const warmMs = performance.now() - t0;
    console.log(
      `node switch arm-lru → ${id} mid-reach: |Δaction| ${warm.toFixed(3)} warm-started (${WARM_TICKS} ticks replayed in ${warmMs.toFixed(1)} ms, in the background while the old controller drives), ${cold.toFixed(3)} from zero state; arm-lru's own largest per-tick change ${own.toFixed(3)}`,
    );
    sim.free();
    await next.release();
  }
  await lru.release();
}

if (!a['skip-browser']) {
  if (!existsSync('dist/index.html'))
    throw new Error('bench: run `npx vite build` first (npm run bench does)');
  const server = spawn(
    'node',
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--port',
      '4175',
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--enable-unsafe-webgpu',
        '--disable-background-networking',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => w.__longTasks.push(e.duration)),
      ).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('http://127.0.0.1:4175/');
    await page
      .getByTestId('app')
      .and(page.locator('[data-status="ready"]'))
      .waitFor({ timeout: 60_000 });
    await page
      .getByTestId('readout-first-move')
      .filter({ hasText: 'ms' })
      .waitFor({ timeout: 60_000 });
    const firstMove = await page.getByTestId('readout-first-move').textContent();
    const startup = await page.getByTestId('startup').getAttribute('title');
    await page.evaluate(
      () => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0),
    );
    const seconds = Number(a.seconds);
    await page.waitForTimeout(seconds * 1000);
    const r = await page.evaluate(async () => {
      const w = window as unknown as {
        __longTasks: number[];
        __eigenplay: {
          stats(): Promise<{ tickMs: number[]; ticks: number }>;
          ep(): Promise<string>;
        };
      };
      return {
        stats: await w.__eigenplay.stats(),
        long: w.__longTasks,
        ep: await w.__eigenplay.ep(),
      };
    });
    const ticks = r.stats.tickMs.slice(-Math.round(seconds * 60));
    console.log(
      `chromium (${r.ep}, swiftshader GL, 2 cores): first moving frame ${firstMove} (${startup})`,
    );
    const simSeconds = r.stats.ticks / 60;
    console.log(
      `chromium sim speed: ${r.stats.ticks} ticks = ${simSeconds.toFixed(1)} s of sim time since load`,
    );
    console.log(
      `chromium control tick (sim worker → policy worker → sim worker): p50 ${ms(pct(ticks, 0.5))}, p95 ${ms(pct(ticks, 0.95))} over ${ticks.length} ticks`,
    );
    const total = r.long.reduce((s, x) => s + x, 0);
    console.log(
      `chromium main thread long tasks over ${seconds} s: ${r.long.length} (total ${total.toFixed(0)} ms, max ${Math.max(0, ...r.long).toFixed(0)} ms)`,
    );

    // Controller switches mid-run: click → first tick under the new controller, the slowest
    // control tick in the 2 s after (it includes the warm start), main-thread long tasks then.
    for (const id of ['arm-transformer', 'arm-selective', 'arm-linoss', 'arm-lru']) {
      const before = await page.evaluate(async () => {
        const w = window as unknown as {
          __longTasks: number[];
          __eigenplay: { stats(): Promise<{ tickMs: number[] }> };
        };
        w.__longTasks.length = 0;
        return (await w.__eigenplay.stats()).tickMs.length;
      });
      const t0 = Date.now();
      await page.getByTestId(`controller-${id}`).click();
      await page
        .locator(`[data-testid="readout-controller"][data-policy="${id}"]`)
        .waitFor({ timeout: 30_000 });
      const tookMs = Date.now() - t0;
      await page.waitForTimeout(2000);
      const after = await page.evaluate(async (from) => {
        const w = window as unknown as {
          __longTasks: number[];
          __eigenplay: { stats(): Promise<{ tickMs: number[] }> };
        };
        return { ticks: (await w.__eigenplay.stats()).tickMs.slice(from), long: w.__longTasks };
      }, before);
      console.log(
        `chromium switch to ${id}: first tick under it ${tookMs} ms after the click (first load included; readouts refresh ≤ 10 Hz), ` +
          `slowest control tick in the next 2 s ${Math.max(...after.ticks).toFixed(1)} ms, ` +
          `main-thread long tasks ${after.long.length} (max ${Math.max(0, ...after.long).toFixed(0)} ms)`,
      );
    }
    await browser.close();
  } finally {
    server.kill();
  }
}
