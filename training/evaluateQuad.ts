/**
 * Closed-loop evaluation of the quadruped controllers in Node (policies through onnxruntime-web
 * wasm, the runtime the browser uses), and a markdown table of the results.
 *
 *   npm run eval:quad -- [--episodes 50] [--terrains flat,rough,...] [--difficulties 0.1,0.25]
 *        [--controllers expert,quad-cpg-mlp,quad-lru,quad-transformer|DIR,...] [--seconds 30]
 *        [--workers 1] [--write] [--json FILE]
 *
 * Each (controller, terrain, difficulty) cell runs N seeded episodes (seed 1000 + e for the robot
 * and the terrain): 30 s walking straight at vx = 0.6 m/s (QUAD_EVAL_COMMAND) with the standard
 * push timeline (QUAD_STANDARD_PUSHES). A fall resets the robot at the start (as in the app, the
 * push timeline restarts) and the episode goes on to its 30 s. Reported per cell: forward distance
 * (sum over the episode's segments, m), mean speed (distance / 30 s), falls per minute, survival
 * (share of episodes with no fall), and physics steps per wall-clock second of the whole loop
 * (sim + controller; the expert's row is the sim without a policy) plus the policy's ms per tick.
 * The terrain is 40 × 12 m (the default 16 × 8 m grid ends under a robot walking 30 s).
 * --workers K splits the episodes over K child processes. --write stores each policy's results in
 * its card.json under `quad_evaluation` (and re-embeds the card in model.onnx).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicyDir } from '../src/policy/loadPolicyDir';
import type { OrtPolicy } from '../src/policy/ortPolicy';
import { QUAD_STANDARD_PUSHES } from '../src/sim/quadruped/pushTimeline';
import { QUAD_OBS_DIM } from '../src/sim/quadruped/quadObs';
import { QUAD_CONTROL_DT, QuadSim } from '../src/sim/quadruped/quadSim';
import {
  QUAD_DEFAULT_DIFFICULTY,
  TERRAIN_KINDS,
  type TerrainKind,
} from '../src/sim/quadruped/terrain';

export const QUAD_EVAL_COMMAND = { vx: 0.6, yawRate: 0 };
export const QUAD_EVAL_DIFFICULTIES = [QUAD_DEFAULT_DIFFICULTY, 0.25];
export const QUAD_SHIPPED = ['quad-cpg-mlp', 'quad-lru', 'quad-transformer'];

export interface QuadEpisode {
  controller: string;
  terrain: TerrainKind;
  difficulty: number;
  seed: number;
  distance: number;
  falls: number;
  seconds: number;
  physicsSteps: number;
  wallMs: number;
  policyMs: number;
}

export interface QuadCell {
  controller: string;
  terrain: TerrainKind;
  difficulty: number;
  episodes: number;
  distance_m: number;
  mean_speed_mps: number;
  falls_per_min: number;
  survival_rate: number;
  steps_per_s: number;
  policy_ms_per_tick: number;
}

/** One evaluation episode of `controller` ('expert' or a loaded policy). */
export async function runQuadEpisode(
  controller: string,
  policy: OrtPolicy | null,
  terrain: TerrainKind,
  difficulty: number,
  seed: number,
  seconds = 30,
): Promise<QuadEpisode> {
  const sim = await QuadSim.create({
    seed,
    terrain: { kind: terrain, difficulty, seed, sizeX: 40, sizeZ: 12 },
    command: { ...QUAD_EVAL_COMMAND },
    autoReset: true,
    perturbations: QUAD_STANDARD_PUSHES,
  });
  const obs = new Float32Array(QUAD_OBS_DIM);
  const ticks = Math.round(seconds / QUAD_CONTROL_DT);
  let distance = 0;
  let falls = 0;
  let steps = 0;
  let policyMs = 0;
  let lastFaulted = false;
  policy?.reset();
  const t0 = performance.now();
  for (let t = 0; t < ticks; t++) {
    let action: Float32Array | 'expert' = 'expert';
    if (policy) {
      sim.observe(obs);
      const p0 = performance.now();
      action = (await policy.step(obs)).action;
      policyMs += performance.now() - p0;
    }
    const stepsBefore = sim.world.stepCount;
    const r = sim.controlStep(action);
    if (r.reset) {
      // The sim reset before this tick (it zeroes its step counter): restart the policy too.
      policy?.reset();
      steps += sim.world.stepCount;
    } else steps += sim.world.stepCount - stepsBefore;
    lastFaulted = r.fault !== null;
    if (r.fault) {
      falls++;
      distance += sim.stats().distanceX;
    }
  }
  if (!lastFaulted) distance += sim.stats().distanceX;
  const wallMs = performance.now() - t0;
  sim.free();
  return {
    controller,
    terrain,
    difficulty,
    seed,
    distance,
    falls,
    seconds,
    physicsSteps: steps,
    wallMs,
    policyMs,
  };
}

export function summarise(eps: QuadEpisode[]): QuadCell {
  const n = eps.length;
  const sum = (f: (e: QuadEpisode) => number) => eps.reduce((s, e) => s + f(e), 0);
  const secs = sum((e) => e.seconds);
  return {
    controller: eps[0]!.controller,
    terrain: eps[0]!.terrain,
    difficulty: eps[0]!.difficulty,
    episodes: n,
    distance_m: sum((e) => e.distance) / n,
    mean_speed_mps: sum((e) => e.distance) / secs,
    falls_per_min: (60 * sum((e) => e.falls)) / secs,
    survival_rate: eps.filter((e) => e.falls === 0).length / n,
    steps_per_s: sum((e) => e.physicsSteps) / (sum((e) => e.wallMs) / 1000),
    policy_ms_per_tick: sum((e) => e.policyMs) / sum((e) => e.seconds / QUAD_CONTROL_DT),
  };
}

export function markdownTable(cells: QuadCell[]): string {
  const rows = [
    '| controller | terrain | difficulty | episodes | distance (m) | mean speed (m/s) | falls/min | survival | physics steps/s | policy ms/tick |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cells)
    rows.push(
      `| ${c.controller} | ${c.terrain} | ${c.difficulty} | ${c.episodes} | ${c.distance_m.toFixed(2)} | ` +
        `${c.mean_speed_mps.toFixed(3)} | ${c.falls_per_min.toFixed(2)} | ${(100 * c.survival_rate).toFixed(0)}% | ` +
        `${c.steps_per_s.toFixed(0)} | ${c.controller === 'expert' ? '–' : c.policy_ms_per_tick.toFixed(3)} |`,
    );
  return rows.join('\n');
}

function policyDir(name: string): string {
  return name.includes('/') ? name : `assets/policies/${name}`;
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      episodes: { type: 'string', default: '50' },
      terrains: { type: 'string', default: TERRAIN_KINDS.join(',') },
      difficulties: { type: 'string', default: QUAD_EVAL_DIFFICULTIES.join(',') },
      controllers: { type: 'string', default: ['expert', ...QUAD_SHIPPED].join(',') },
      seconds: { type: 'string', default: '30' },
      workers: { type: 'string', default: '1' },
      write: { type: 'boolean', default: false },
      json: { type: 'string' },
      // Internal: this process is worker K of N and prints its episodes as JSON.
      shard: { type: 'string' },
    },
  });
  const N = Number(a.episodes);
  const seconds = Number(a.seconds);
  const terrains = a.terrains.split(',') as TerrainKind[];
  for (const t of terrains)
    if (!TERRAIN_KINDS.includes(t)) throw new Error(`eval:quad: unknown terrain '${t}'`);
  const diffs = a.difficulties.split(',').map(Number);
  const controllers = a.controllers.split(',');
  const workers = Math.max(1, Number(a.workers));

  let episodes: QuadEpisode[] = [];
  const t0 = performance.now();
  if (workers > 1 && !a.shard) {
    // Same options; the last --workers wins (1), --write is the parent's job.
    const args = process.argv.slice(2).filter((s) => s !== '--write');
    const runs = Array.from(
      { length: workers },
      (_, k) =>
        new Promise<QuadEpisode[]>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              'training/evaluateQuad.ts',
              ...args,
              '--workers',
              '1',
              '--shard',
              `${k}/${workers}`,
            ],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) =>
            code === 0
              ? resolve(JSON.parse(out) as QuadEpisode[])
              : reject(new Error(`eval:quad worker ${k} exited with ${code}`)),
          );
        }),
    );
    episodes = (await Promise.all(runs)).flat();
  } else {
    const [k, n] = a.shard ? a.shard.split('/').map(Number) : [0, 1];
    for (const c of controllers) {
      const policy = c === 'expert' ? null : await loadPolicyDir(policyDir(c));
      for (const terrain of terrains)
        for (const d of diffs)
          for (let e = 0; e < N; e++) {
            if (e % n! !== k) continue;
            episodes.push(await runQuadEpisode(c, policy, terrain, d, 1000 + e, seconds));
            if (!a.shard)
              process.stderr.write(
                `\r${c} ${terrain} ${d} ${e + 1}/${N} (${((performance.now() - t0) / 1000).toFixed(0)} s)   `,
              );
          }
      await policy?.release();
    }
    if (a.shard) {
      process.stdout.write(JSON.stringify(episodes));
      return;
    }
    process.stderr.write('\n');
  }

  const cells: QuadCell[] = [];
  for (const c of controllers)
    for (const terrain of terrains)
      for (const d of diffs) {
        const eps = episodes.filter(
          (e) => e.controller === c && e.terrain === terrain && e.difficulty === d,
        );
        if (eps.length) cells.push(summarise(eps));
      }
  const wall = (performance.now() - t0) / 1000;
  const command = `npm run eval:quad -- --episodes ${N}`;
  console.log(
    `\nQuadruped evaluation: ${N} episodes × ${seconds} s per cell, vx ${QUAD_EVAL_COMMAND.vx} m/s, ` +
      `standard push timeline; ${wall.toFixed(0)} s wall on ${workers} worker(s)\n`,
  );
  console.log(markdownTable(cells));
  if (a.json) writeFileSync(a.json, JSON.stringify({ cells, episodes }, null, 1) + '\n');
  if (a.write) {
    for (const c of controllers) {
      if (c === 'expert') continue;
      const dir = policyDir(c);
      const cardPath = join(dir, 'card.json');
      const card = JSON.parse(readFileSync(cardPath, 'utf8'));
      const mine = cells.filter((x) => x.controller === c);
      const rough = mine.find(
        (x) => x.terrain === 'rough' && x.difficulty === QUAD_DEFAULT_DIFFICULTY,
      );
      card.quad_evaluation = {
        episodes_per_cell: N,
        seconds,
        command,
        protocol:
          `vx ${QUAD_EVAL_COMMAND.vx} m/s straight, standard push timeline, seeds 1000..${999 + N}, ` +
          'terrain 40 × 12 m; a fall resets the robot and the episode continues',
        runtime: 'onnxruntime-web wasm in Node',
        survival_rough_default: rough?.survival_rate ?? null,
        cells: mine.map(({ controller: _c, ...rest }) => rest),
      };
      writeFileSync(cardPath, JSON.stringify(card, null, 1) + '\n');
      if (existsSync(join(dir, 'model.onnx')))
        execFileSync('/usr/bin/python3', ['training/embed_card.py', dir], { stdio: 'inherit' });
      console.log(`wrote quad_evaluation into ${cardPath}`);
    }
  }
}

if (process.argv[1]?.endsWith('evaluateQuad.ts')) await main();
