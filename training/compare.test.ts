import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  compareControllers,
  findControllers,
  formatSurgeryTable,
  formatTable,
  LEGEND,
  surgerySweep,
  SURGERY_SETTINGS,
  TABLE_HEADER,
} from './compare';

describe('npm run compare (table builder)', () => {
  it('evaluates arm-lru on 8 episodes and prints one Markdown row with finite numbers', async () => {
    const dirs = findControllers('assets/policies', ['arm-lru']);
    expect(dirs).toHaveLength(1);
    const rows = await compareControllers(dirs, 1);
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(r.id).toBe('arm-lru');
    expect(r.episodes).toBe(8);
    expect(r.trials).toHaveLength(8);
    expect(r.params).toBe(17763);
    expect(r.latency.p50_us).toBeGreaterThan(0);
    expect(Number.isFinite(r.latency.p50_us)).toBe(true);
    expect(r.latency.p95_us).toBeGreaterThanOrEqual(r.latency.p50_us);
    expect(Number.isFinite(r.latency.p95_us)).toBe(true);
    const e = r.evaluation;
    expect(e.endpoint_error_mm_median).toBeGreaterThanOrEqual(0);
    expect(e.endpoint_error_mm_p90).toBeGreaterThanOrEqual(e.endpoint_error_mm_median);
    if (r.successes > 0) {
      // A successful trial ends after a 200 ms hold inside the 1 cm radius.
      expect(e.endpoint_error_mm_median).toBeLessThanOrEqual(10);
      expect(Number.isFinite(e.ldlj_median)).toBe(true);
      expect(e.mean_squared_jerk_median).toBeGreaterThan(0);
    }

    const table = formatTable(rows).split('\n');
    expect(table[0]).toBe(TABLE_HEADER.replace('(of N)', '(of 8)'));
    expect(table[0]).toMatch(/^\| Controller \| Family\/variant \| Success \(of 8\) \|/);
    expect(table[1]).toMatch(/^\|( --- \|){8}$/);
    expect(table[2]).toContain(`| ${r.name} | ssm/lru | ${r.successes} (`);
    expect(table[2]).toContain('| 17,763 |');
    expect(table).toHaveLength(3);
    expect(LEGEND.split('\n')).toHaveLength(7);
  }, 60_000);

  it('surgery sweep: the trained setting reaches, |λ| × 1.05 does not, on the real LRU', async () => {
    const rows = await surgerySweep(findControllers('assets/policies', ['arm-lru']), 1);
    expect(rows.map((r) => [r.knob, r.value])).toEqual(
      SURGERY_SETTINGS.map((s) => [s.knob, s.value]),
    );
    const at = (knob: string, value: number) =>
      rows.find((r) => r.knob === knob && r.value === value)!;
    expect(at('radius_scale', 1).successes).toBeGreaterThanOrEqual(7);
    expect(at('radius_scale', 1.05).successes).toBe(0);
    const table = formatSurgeryTable(rows).split('\n');
    expect(table).toHaveLength(2 + SURGERY_SETTINGS.length);
    expect(table[4]).toMatch(/^\| LRU \(diagonal SSM\) \| \\\|λ\\\| × 1 \(trained\) \| \d\/8 \|/);
  }, 120_000);

  it('finds arm-* dirs with model + card, orders them transformer, lru, selective, linoss, others', () => {
    const root = mkdtempSync(join(tmpdir(), 'eigenplay-compare-'));
    const make = (name: string, family: string, variant: string, model = true) => {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'card.json'), JSON.stringify({ id: name, family, variant }));
      if (model) writeFileSync(join(root, name, 'model.onnx'), '');
    };
    make('arm-zeta', 'rnn', 'gru');
    make('arm-linoss', 'oscillator', 'linoss');
    make('arm-lru', 'ssm', 'lru');
    make('arm-alpha', 'expert', 'pd');
    make('arm-selective', 'ssm', 'selective');
    make('arm-transformer', 'transformer', 'causal');
    make('arm-nomodel', 'transformer', 'causal', false);
    mkdirSync(join(root, 'quad-lru'));
    expect(findControllers(root).map((d) => basename(d))).toEqual([
      'arm-transformer',
      'arm-lru',
      'arm-selective',
      'arm-linoss',
      'arm-alpha',
      'arm-zeta',
    ]);
    expect(
      findControllers(root, ['arm-linoss', 'arm-transformer']).map((d) => basename(d)),
    ).toEqual(['arm-transformer', 'arm-linoss']);
    rmSync(root, { recursive: true });
  });

  it('rejects unknown --only ids', () => {
    expect(() => findControllers('assets/policies', ['arm-nope'])).toThrow(/arm-nope/);
    const all = findControllers('assets/policies');
    expect(all.some((d) => d.endsWith('arm-lru'))).toBe(true);
  });
});
