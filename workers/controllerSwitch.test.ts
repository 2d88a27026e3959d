import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_CONTROLLERS } from '../src/app/controllers';
import { configureOrt } from '../src/policy/ortPolicy';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import { ARM_OBS_DIM, ArmSim } from '../src/sim/armSim';
import type { LoadedPolicy } from './contracts';
import { PolicyService, WARM_TICKS } from './policyService';

/**
 * Live controller switching, on the real sim and the real shipped models: the policy worker's
 * implementation in-process, files read from assets/ instead of fetched.
 */
const nodeOrt = async () => configureOrt(await import('onnxruntime-web'));
const fromDisk = async (url: string) => {
  const path = `assets/${url}`;
  return existsSync(path)
    ? new Response(readFileSync(path))
    : new Response(null, { status: 404, statusText: 'not found' });
};
const shipped = SHIPPED_CONTROLLERS.map((c) => c.id).filter((id) =>
  existsSync(`assets/policies/${id}/model.onnx`),
);

/** The bar: commanded joint targets (normalised, [-1, 1]) change by at most this at the switch. */
const MAX_SWITCH_JUMP = 0.1;

describe('switching controllers mid-reach', () => {
  it('every shipped controller is present', () => {
    expect(shipped).toEqual(SHIPPED_CONTROLLERS.map((c) => c.id));
  });

  it.each(shipped.filter((id) => id !== 'arm-lru'))(
    'arm-lru → %s: takes effect at the next tick, with a bounded action change, and the reach still succeeds',
    async (id) => {
      const service = new PolicyService(nodeOrt, fromDisk);
      await service.loadShipped('arm-lru', '', 'wasm');
      const sim = await ArmSim.create({ seed: 3, start: 'center' });
      const obs = new Float32Array(ARM_OBS_DIM);
      const tick = async () => {
        sim.observe(obs);
        const out = await service.step(obs.slice());
        sim.controlStep(out.action);
        return out;
      };
      // Run to the middle of the first reach: 8 ticks (133 ms) after the go cue.
      let movingTicks = 0;
      let prev = await tick();
      let ownChange = 0;
      while (movingTicks < 8) {
        const out = await tick();
        if (sim.task.phase === 'move') {
          movingTicks++;
          ownChange = Math.max(
            ownChange,
            ...out.action.map((v, j) => Math.abs(v - prev.action[j]!)),
          );
        }
        prev = out;
      }
      // The switch loads and warm-starts while the arm keeps moving under arm-lru, as in the app.
      let loaded: LoadedPolicy | undefined;
      const switching = service.loadShipped(id, '', 'wasm').then((l) => (loaded = l));
      let ticksDuringSwitch = 0;
      while (!loaded) {
        prev = await tick();
        expect(prev.policyId).toBe('arm-lru');
        ticksDuringSwitch++;
        await Promise.race([switching, new Promise((r) => setTimeout(r, 0))]);
      }
      expect(loaded.card.id).toBe(id);
      expect(ticksDuringSwitch).toBeGreaterThan(0);
      const first = await tick();
      expect(first.policyId, 'the very next tick runs the new controller').toBe(id);
      const jump = Math.max(...first.action.map((v, j) => Math.abs(v - prev.action[j]!)));
      expect(
        jump,
        `|Δaction| at the switch (arm-lru's own largest per-tick change in this reach: ${ownChange.toFixed(4)}; warm start ${WARM_TICKS} ticks)`,
      ).toBeLessThanOrEqual(MAX_SWITCH_JUMP);
      while (sim.task.trials.length === 0) await tick();
      expect(sim.task.trials[0]!.success, 'the reach finishes under the new controller').toBe(true);
      sim.free();
    },
    60_000,
  );

  it('switching back is instant (the controller stays loaded) and restores its trained knobs', async () => {
    const service = new PolicyService(nodeOrt, fromDisk);
    await service.loadShipped('arm-lru', '', 'wasm');
    await service.setKnob('radius_scale', 0.85);
    const other = shipped.find((i) => i !== 'arm-lru') ?? 'arm-lru';
    await service.loadShipped(other, '', 'wasm');
    const back = await service.loadShipped('arm-lru', '', 'wasm');
    expect(back.ep.measured.wasm).toBeGreaterThan(0);
    const r = await service.step(new Float32Array(ARM_OBS_DIM));
    const card = back.card;
    card.eigenvalues.forEach(([re, im], i) => {
      expect(r.eig![2 * i]).toBeCloseTo(re, 5);
      expect(r.eig![2 * i + 1]).toBeCloseTo(im, 5);
    });
  });

  it('preloaded controllers switch in without fetching or creating a session again', async () => {
    const fetched: string[] = [];
    const service = new PolicyService(nodeOrt, (url) => {
      fetched.push(url);
      return fromDisk(url);
    });
    await service.preload(shipped, '');
    expect(fetched).toHaveLength(2 * shipped.length);
    for (const id of [...shipped].reverse()) {
      const loaded = await service.loadShipped(id, '', 'wasm');
      expect(loaded.card.id).toBe(id);
      expect((await service.step(new Float32Array(ARM_OBS_DIM))).policyId).toBe(id);
    }
    expect(fetched).toHaveLength(2 * shipped.length);
    // A preload of a controller that does not exist is not an error: the switch reports it.
    await service.preload(['arm-nope'], '');
  });

  it('"trained values" after an unstable surgery rebuilds the state through the trained recurrence', async () => {
    const service = new PolicyService(nodeOrt, fromDisk);
    await service.loadShipped('arm-lru', '', 'wasm');
    await service.setKnob('radius_scale', 1.05);
    const obs = (t: number) =>
      new Float32Array(ARM_OBS_DIM).map((_, i) => 0.3 * Math.sin(i + t / 50));
    let last = await service.step(obs(0));
    for (let t = 1; t < 600; t++) last = await service.step(obs(t));
    const blownUp = Math.max(...last.hidden.map(Math.abs));
    await service.restoreTrained();
    const restored = await service.step(obs(600));
    // Reference: the same model from the zero state fed the last WARM_TICKS observations, then this one.
    const ref = await loadPolicyDir('assets/policies/arm-lru');
    for (let t = 600 - WARM_TICKS; t < 600; t++) await ref.step(obs(t));
    const expected = await ref.step(obs(600));
    await ref.release();
    expect(blownUp, 'ρ = 1.05 grows the state').toBeGreaterThan(100);
    expect([...restored.action]).toEqual([...expected.action]);
    expect(Math.max(...restored.hidden.map(Math.abs))).toBeLessThan(blownUp / 10);
  });

  it('names an unknown controller and keeps the running one', async () => {
    const service = new PolicyService(nodeOrt, fromDisk);
    await service.loadShipped('arm-lru', '', 'wasm');
    await expect(service.loadShipped('arm-nope', '', 'wasm')).rejects.toThrow(
      'could not fetch policies/arm-nope/ (HTTP 404/404)',
    );
    await expect(service.loadShipped('../secrets', '', 'wasm')).rejects.toThrow(
      'controller id "../secrets" is not a shipped policy name',
    );
    const r = await service.step(new Float32Array(ARM_OBS_DIM));
    expect(r.policyId).toBe('arm-lru');
  });
});
