import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';

describe('the quadruped training pipeline (smoke run: tiny data, one epoch)', () => {
  // Spinning OpenMP threads slow a shared 2-core machine 10x.
  const env = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };

  it('passes the PyTorch checks in test_quad_families.py (sizes, parity, export, arm defaults kept)', () => {
    const out = execFileSync('/usr/bin/python3', ['training/test_quad_families.py'], {
      encoding: 'utf8',
      env,
    });
    expect(out).toMatch(/\d+ tests passed/);
  }, 120_000);

  it('quad-lru: collects in Node, trains, exports with a quadruped card, runs DAgger and a closed-loop check; the result loads and steps', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'eigenplay-quad-smoke-')), 'policy');
    execFileSync('bash', ['training/train_quad.sh', 'lru', '--smoke', out], { stdio: 'pipe', env });
    for (const f of ['model.onnx', 'card.json', 'golden.json'])
      expect(existsSync(join(out, f))).toBe(true);
    const card = JSON.parse(readFileSync(join(out, 'card.json'), 'utf8'));
    expect(card.id).toBe('quad-lru');
    expect(card.robot).toBe('quadruped');
    expect(card.training.command).toBe('npm run train:quad -- quad-lru');
    expect(card.quad_evaluation.cells).toHaveLength(1);
    const policy = await loadPolicyDir(out);
    const r = await policy.step(new Float32Array(47).fill(0.1));
    expect(r.action.length).toBe(8);
    expect([...r.action].every((v) => Math.abs(v) <= 1)).toBe(true);
    expect(r.eig?.length).toBe(64);
    await policy.release();
  }, 300_000);
});
