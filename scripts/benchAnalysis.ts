/**
 * Benchmark (a number, not pass/fail): jPCA on 8 conditions × 100 steps × 128 units in Node,
 * median wall time of 10 runs after one warm-up.   node --import tsx scripts/benchAnalysis.ts
 */
import { jpca } from '../src/analysis';
import { SeededRandom } from '../src/lib/random';

const C = 8;
const T = 100;
const N = 128;
const RUNS = 10;

// Two rotations and a decay in 6 latent dimensions, mixed into 128 units, plus noise.
const rng = new SeededRandom(1);
const W = Array.from({ length: 6 }, () => Array.from({ length: N }, () => rng.normal()));
const data = Array.from({ length: C }, (_, c) => {
  const ph = (2 * Math.PI * c) / C;
  return Array.from({ length: T }, (_, t) => {
    const z = [
      Math.cos(0.12 * t + ph),
      Math.sin(0.12 * t + ph),
      0.5 * Math.cos(0.04 * t - ph),
      0.5 * Math.sin(0.04 * t - ph),
      Math.exp(-t / 30) * Math.cos(ph),
      Math.exp(-t / 50) * Math.sin(ph),
    ];
    return Array.from({ length: N }, (_, u) => {
      const s = z.reduce((acc, zj, j) => acc + zj * W[j]![u]!, 0);
      return 20 + 5 * s + 0.3 * rng.normal();
    });
  });
});

jpca(data, { dt: 0.01 });
const times: number[] = [];
let r2 = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  r2 = jpca(data, { dt: 0.01 }).r2SkewKD;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = (times[(RUNS - 1) >> 1]! + times[RUNS >> 1]!) / 2;
console.log(
  `jpca ${C} conditions × ${T} steps × ${N} units, k = 6: median ${median.toFixed(1)} ms ` +
    `over ${RUNS} runs (min ${times[0]!.toFixed(1)}, max ${times[RUNS - 1]!.toFixed(1)}); R²_skew = ${r2.toFixed(4)}`,
);
