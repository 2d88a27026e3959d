/**
 * Evaluates a policy closed-loop in Node through onnxruntime-web (wasm), the runtime the browser uses.
 *
 *   npm run eval -- [DIR] [--per-target 20] [--write]
 *
 * DIR defaults to assets/policies/arm-lru. With --write the result goes into DIR/card.json under
 * `evaluation`, and the world hash of the default browser run (seed 1) into DIR/golden.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import { evaluateAnnulus, evaluateArm } from './evaluateArm';
import { browserRunHash } from './worldHash';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'per-target': { type: 'string', default: '20' },
    write: { type: 'boolean', default: false },
  },
});
const dir = positionals[0] ?? 'assets/policies/arm-lru';
const policy = await loadPolicyDir(dir);
const t0 = performance.now();
const ev = await evaluateArm(policy, Number(a['per-target']));
const annulus = await evaluateAnnulus(policy, Math.max(8, 4 * Number(a['per-target'])));
const secs = (performance.now() - t0) / 1000;
console.log(
  `eval ${dir}: success ${(100 * ev.success_rate).toFixed(1)}% of ${ev.episodes}, ` +
    `median movement time ${(1000 * ev.median_movement_time_s).toFixed(0)} ms, p90 ${(1000 * ev.p90_movement_time_s).toFixed(0)} ms ` +
    `(per direction: ${ev.per_direction_success.map((s) => (100 * s).toFixed(0)).join(' ')}); ` +
    `annulus targets: ${(100 * annulus.success_rate).toFixed(1)}% of ${annulus.episodes}; ${secs.toFixed(1)} s`,
);
if (a.write) {
  const cardPath = join(dir, 'card.json');
  const card = JSON.parse(readFileSync(cardPath, 'utf8'));
  card.evaluation = {
    ...ev,
    command: `npm run eval -- ${dir}`,
    runtime: 'onnxruntime-web wasm in Node',
  };
  writeFileSync(cardPath, JSON.stringify(card, null, 1) + '\n');
  const goldenPath = join(dir, 'golden.json');
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8'));
  golden.world_hash = await browserRunHash(policy);
  writeFileSync(goldenPath, JSON.stringify(golden) + '\n');
  console.log(
    `wrote evaluation to ${cardPath} and world hash ${golden.world_hash.value} to ${goldenPath}`,
  );
}
await policy.release();
