import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'eigenplay-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node --import tsx scripts/analyze.ts …args`; returns status, parsed stdout and stderr. */
function analyze(...args: string[]): { status: number | null; json: unknown; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/analyze.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, json: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

/** The SCIENCE.md §7.6 circle as two antipodal conditions, padded by one step at each end. */
function circle(): number[][][] {
  const w = (2 * Math.PI) / 50;
  const one = (s: number) => [
    [1.5 * s, 1.5 * s],
    ...Array.from({ length: 51 }, (_, t) => [s * Math.cos(t * w), s * Math.sin(t * w)]),
    [-1.5 * s, -1.5 * s],
  ];
  return [one(1), one(-1)];
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function toCsv(data: number[][][], labels: string[]): string {
  const rows = ['condition,time,unit_0,unit_1'];
  data.forEach((cond, c) =>
    cond.forEach((x, t) => rows.push([labels[c], (t * 0.01).toFixed(2), ...x].join(','))),
  );
  return rows.join('\n');
}

interface JpcaOut {
  dt: number;
  dtSource: string;
  conditions: string[];
  eigenvalues: [number, number][];
  r2: { skewKD: number; bestKD: number };
  planes: { frequencyHz: number; projections: number[][][] }[];
}

describe('npm run analyze', () => {
  const flags = ['--k', '2', '--soft-norm', 'off', '--time-range', '1:52'];

  it('prints the §7.6 jPCA known answer as JSON from a JSON file', () => {
    const file = write('circle.json', JSON.stringify({ data: circle(), dt: 0.01 }));
    const { status, json } = analyze('jpca', file, ...flags);
    expect(status).toBe(0);
    const out = json as JpcaOut;
    expect(out.dtSource).toBe('file');
    expect(out.eigenvalues[0]![1]).toBeCloseTo(0.1253332, 7);
    expect(out.eigenvalues[1]![1]).toBeCloseTo(-0.1253332, 7);
    expect(out.r2.skewKD).toBeCloseTo(0.9960574, 7);
    expect(out.r2.bestKD).toBeCloseTo(1, 10);
    expect(out.planes[0]!.frequencyHz).toBeCloseTo(1.9947, 4);
    expect(out.planes[0]!.projections).toHaveLength(2);
    expect(out.planes[0]!.projections[0]).toHaveLength(51);
  });

  it('reads the same data from CSV, keeping condition labels', () => {
    const file = write('circle.csv', toCsv(circle(), ['left', 'right']));
    const { status, json } = analyze('jpca', file, ...flags, '--dt', '0.01');
    expect(status).toBe(0);
    const out = json as JpcaOut;
    expect(out.conditions).toEqual(['left', 'right']);
    expect(out.dtSource).toBe('flag');
    expect(out.eigenvalues[0]![1]).toBeCloseTo(0.1253332, 7);
  });

  it('runs DMD and eig and prints eigenvalues as [re, im] pairs', () => {
    const A = [
      [0.98 * Math.cos(0.2), -0.98 * Math.sin(0.2)],
      [0.98 * Math.sin(0.2), 0.98 * Math.cos(0.2)],
    ];
    const traj = [[1, 0]];
    for (let t = 0; t < 30; t++)
      traj.push(A.map((r) => r[0]! * traj[t]![0]! + r[1]! * traj[t]![1]!));
    const d = analyze('dmd', write('traj.json', JSON.stringify([traj])), '--dt', '0.01');
    expect(d.status).toBe(0);
    const dm = d.json as {
      eigenvalues: number[][];
      continuousEigenvalues: number[][];
      rank: number;
    };
    expect(dm.rank).toBe(2);
    expect(dm.eigenvalues[0]![0]).toBeCloseTo(0.960465, 6);
    expect(dm.eigenvalues[0]![1]).toBeCloseTo(0.194696, 6);
    expect(dm.continuousEigenvalues[1]![0]).toBeCloseTo(-2.020271, 6);
    expect(dm.continuousEigenvalues[1]![1]).toBeCloseTo(-20, 8);
    const e = analyze('eig', write('m.csv', A.map((r) => r.join(',')).join('\n')));
    expect(e.status).toBe(0);
    const ev = (e.json as { eigenvalues: number[][] }).eigenvalues;
    expect(ev).toHaveLength(2);
    expect(ev[0]![0]).toBeCloseTo(0.960465, 6);
    expect(ev[0]![1]).toBeCloseTo(0.194696, 6);
    expect(ev[1]![1]).toBe(-ev[0]![1]!);
  });

  it('fails with status 1 and a message naming the condition whose length differs', () => {
    const data = circle();
    data[1] = data[1]!.slice(0, 40);
    const { status, stderr } = analyze(
      'jpca',
      write('ragged.csv', toCsv(data, ['a', 'b'])),
      '--k',
      '2',
    );
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /conditions have different lengths: condition 1 has 40 time steps, condition 0 has 53/,
    );
  });

  it('fails with status 2 on a bad flag value', () => {
    const file = write('flag.json', JSON.stringify(circle()));
    const { status, stderr } = analyze('jpca', file, '--dt', 'fast');
    expect(status).toBe(2);
    expect(stderr).toMatch(/--dt is "fast"; pass a number, e.g. --dt 0.01/);
  });
});
