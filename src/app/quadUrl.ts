import { GAIT_NAMES } from '../control/cpg/gaits';
import { checkTimeline } from '../sim/quadruped/perturbations';
import { checkQuadRun, DEFAULT_QUAD_RUN, type QuadRunOptions } from '../sim/quadruped/quadRun';
import type { PushEvent } from '../sim/quadruped/quadSim';
import { TERRAIN_KINDS } from '../sim/quadruped/terrain';
import type { Robot } from '../record/scenario';

/**
 * The quadruped's part of a link: `?robot=quadruped&seed=3&terrain=rough&difficulty=0.15&tseed=1
 * &gait=trot&vx=0.6&yaw=0&mu=0.8&payload=0&push=3,0,0,12;8,-20,0,0` (push: t,x,y,z per push, s
 * and N s). The terrain's extent is the playground's (PLAYGROUND_TERRAIN). Invalid values are
 * named and replaced by the defaults.
 */
export interface QuadUrlSettings {
  robot: Robot;
  run: QuadRunOptions;
  warnings: string[];
}

const num = (v: number) => Number(v.toFixed(4)).toString();

export function parseQuadUrl(search: string): QuadUrlSettings {
  const p = new URLSearchParams(search);
  const warnings: string[] = [];
  const robot = p.get('robot');
  let r: Robot = 'arm';
  if (robot === 'quadruped' || robot === 'arm') r = robot;
  else if (robot !== null) warnings.push(`robot=${robot} is not arm or quadruped; using arm`);
  const base = DEFAULT_QUAD_RUN;
  const run: QuadRunOptions = {
    ...base,
    terrain: { ...base.terrain },
    command: { ...base.command },
    perturbations: [],
  };
  if (r !== 'quadruped') return { robot: r, run, warnings };

  // Each parameter alone: one bad value falls back to its default and is named.
  const field = (name: string, apply: (v: string) => void, fallback: string) => {
    const v = p.get(name);
    if (v === null) return;
    const before = structuredClone(run);
    try {
      apply(v);
      Object.assign(run, checkQuadRun(run, '[url]'));
    } catch {
      Object.assign(run, before);
      warnings.push(`${name}=${v} is not valid; using ${fallback}`);
    }
  };
  const number = (v: string) => (v.trim() === '' ? NaN : Number(v));
  field('seed', (v) => (run.seed = number(v)), `seed ${base.seed}`);
  field(
    'terrain',
    (v) => {
      if (!(TERRAIN_KINDS as readonly string[]).includes(v)) throw new Error();
      run.terrain.kind = v as QuadRunOptions['terrain']['kind'];
    },
    base.terrain.kind,
  );
  field('difficulty', (v) => (run.terrain.difficulty = number(v)), String(base.terrain.difficulty));
  field('tseed', (v) => (run.terrain.seed = number(v)), `terrain seed ${base.terrain.seed}`);
  field(
    'gait',
    (v) => {
      if (!(GAIT_NAMES as readonly string[]).includes(v)) throw new Error();
      run.gait = v as QuadRunOptions['gait'];
    },
    base.gait,
  );
  field('vx', (v) => (run.command.vx = number(v)), `${base.command.vx} m/s`);
  field('yaw', (v) => (run.command.yawRate = number(v)), `${base.command.yawRate} rad/s`);
  field('mu', (v) => (run.friction = number(v)), String(base.friction));
  field('payload', (v) => (run.payload = number(v)), `${base.payload} kg`);
  field('push', (v) => (run.perturbations = pushesFromParam(v)), 'no pushes');
  return { robot: r, run, warnings };
}

/** Pushes as one URL value: `t,x,y,z;…`. */
export function pushesToParam(events: readonly PushEvent[]): string {
  return events.map((e) => [e.t, ...e.impulse].map(num).join(',')).join(';');
}

export function pushesFromParam(s: string): PushEvent[] {
  if (s.trim() === '') return [];
  return checkTimeline(
    s.split(';').map((part) => {
      const v = part.split(',').map(Number);
      if (v.length !== 4) throw new Error(`push "${part}" is not t,x,y,z`);
      return { t: v[0], kind: 'push', impulse: [v[1], v[2], v[3]] };
    }),
    '[url] push',
  );
}

/** Writes the quadruped's run into `url` (robot, seed, terrain, gait, command, friction, payload, pushes). */
export function writeQuadParams(url: URL, run: QuadRunOptions): void {
  const q = url.searchParams;
  q.set('robot', 'quadruped');
  q.set('seed', String(run.seed));
  q.set('terrain', run.terrain.kind);
  q.set('difficulty', num(run.terrain.difficulty));
  q.set('tseed', String(run.terrain.seed));
  q.set('gait', run.gait);
  q.set('vx', num(run.command.vx));
  q.set('yaw', num(run.command.yawRate));
  q.set('mu', num(run.friction));
  q.set('payload', num(run.payload));
  if (run.perturbations.length) q.set('push', pushesToParam(run.perturbations));
  else q.delete('push');
}

/** The quadruped's parameters, removed (the arm's link). */
export function clearQuadParams(url: URL): void {
  for (const k of [
    'robot',
    'terrain',
    'difficulty',
    'tseed',
    'gait',
    'vx',
    'yaw',
    'mu',
    'payload',
    'push',
  ])
    url.searchParams.delete(k);
}
