import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';

describe('the training pipeline (smoke run: tiny data, one epoch)', () => {
  // Spinning OpenMP threads slow a shared 2-core machine 10x.
  const env = { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' };

  it.each(['test_lru_policy.py', 'test_families.py'])(
    'passes the PyTorch model tests in %s (step/sequence parity, SCIENCE.md known answers, export)',
    (file) => {
      const out = execFileSync('/usr/bin/python3', [`training/${file}`], { encoding: 'utf8', env });
      expect(out).toMatch(/\d+ tests passed/);
    },
    120_000,
  );

  it.each(['lru', 'selective', 'linoss', 'transformer'])(
    '%s: collects in Node, trains in PyTorch, exports ONNX with a card, runs DAgger and evaluates; the result loads and steps',
    async (family) => {
      const out = join(mkdtempSync(join(tmpdir(), `eigenplay-smoke-${family}-`)), 'policy');
      execFileSync('bash', ['training/train.sh', family, '--smoke', out], { stdio: 'pipe', env });
      for (const f of ['model.onnx', 'card.json', 'golden.json'])
        expect(existsSync(join(out, f))).toBe(true);
      const card = JSON.parse(readFileSync(join(out, 'card.json'), 'utf8'));
      expect(card.id).toBe(`arm-${family}`);
      expect(card.evaluation.episodes).toBe(8);
      expect(card.training.command).toBe(`npm run train -- ${family}`);
      const policy = await loadPolicyDir(out);
      const r = await policy.step(new Float32Array(14).fill(0.1));
      expect(r.action.length).toBe(3);
      expect([...r.action].every((v) => Math.abs(v) <= 1)).toBe(true);
      await policy.release();
    },
    300_000,
  );
});
