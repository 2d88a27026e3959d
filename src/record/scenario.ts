/**
 * A scenario: everything that makes a run, so a link or a file replays it exactly (the run is a
 * pure function of robot, controller, seed and, for the arm, the task mode; for the quadruped,
 * terrain, gait, command, friction, payload and perturbation timeline; the camera path only
 * moves the view). Kept in the URL (the playground's own parameters plus `cam`) and as JSON.
 * Pure: no DOM.
 *
 * Terrain and perturbation timelines belong to the quadruped; the arm has neither, so its
 * scenarios carry none. A file that names them for the arm is refused by name rather than
 * silently ignored, and so is an arm's target mode in a quadruped scenario.
 */
import { EigenplayError } from '../lib/errors';
import { checkQuadRun, type QuadRunOptions } from '../sim/quadruped/quadRun';

export type Vec3 = [number, number, number];

/** One camera keyframe: at time t (s since the start of the clip) the camera sits at `position` looking at `target`. */
export interface CameraKey {
  t: number;
  position: Vec3;
  target: Vec3;
}

/** The robots a scenario can name; a controller id starts with its robot (`arm-…`, `quad-…`). */
export type Robot = 'arm' | 'quadruped';

export function robotOf(controller: string): Robot {
  return controller.startsWith('quad-') ? 'quadruped' : 'arm';
}

/** An arm scenario. */
export interface Scenario {
  format: 'eigenplay-scenario/v1';
  robot: 'arm';
  /** A shipped controller id. */
  controller: string;
  seed: number;
  mode: 'center-out' | 'annulus';
  /** Camera keyframes, sorted by time; empty = the view as the user left it. */
  camera: CameraKey[];
}

/**
 * A quadruped scenario: the run options (QuadRunOptions: seed, terrain, gait, command, friction,
 * payload, perturbations) with the controller and camera path.
 */
export interface QuadScenario extends Omit<QuadRunOptions, 'speed'> {
  format: 'eigenplay-scenario/v1';
  robot: 'quadruped';
  /** `quad-cpg-expert` or a shipped quad policy id. */
  controller: string;
  camera: CameraKey[];
}

export type AnyScenario = Scenario | QuadScenario;

const bad = (msg: string) => new EigenplayError('BAD_INPUT', `[scenario] ${msg}`);

function vec3(x: unknown, what: string): Vec3 {
  if (
    !Array.isArray(x) ||
    x.length !== 3 ||
    !x.every((v) => typeof v === 'number' && Number.isFinite(v))
  )
    throw bad(`${what} must be [x, y, z] (finite numbers, m), got ${JSON.stringify(x)}`);
  return [x[0], x[1], x[2]];
}

/** Checks camera keys: finite, times ≥ 0 and strictly increasing, at most 32. */
export function checkCamera(keys: unknown): CameraKey[] {
  if (!Array.isArray(keys))
    throw bad(`camera must be a list of keyframes, got ${JSON.stringify(keys)}`);
  if (keys.length > 32) throw bad(`camera has ${keys.length} keyframes; 32 at most`);
  const out = keys.map((k: unknown, i) => {
    const o = (k ?? {}) as Record<string, unknown>;
    if (typeof o.t !== 'number' || !Number.isFinite(o.t) || o.t < 0)
      throw bad(`camera[${i}].t must be a time ≥ 0 in seconds, got ${JSON.stringify(o.t)}`);
    return {
      t: o.t,
      position: vec3(o.position, `camera[${i}].position`),
      target: vec3(o.target, `camera[${i}].target`),
    };
  });
  for (let i = 1; i < out.length; i++)
    if (!(out[i]!.t > out[i - 1]!.t))
      throw bad(
        `camera keyframe times must increase: camera[${i}].t = ${out[i]!.t} after ${out[i - 1]!.t}`,
      );
  return out;
}

/**
 * Parses a scenario file's JSON. `controllers` lists the ids that may run; the robots available
 * are theirs (robotOf). Every problem names the field, the value and what to pass instead.
 */
export function parseScenario(json: unknown, controllers: readonly string[]): AnyScenario {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw bad('a scenario file is a JSON object; this is not one');
  const o = json as Record<string, unknown>;
  if (o.format !== 'eigenplay-scenario/v1')
    throw bad(`format must be "eigenplay-scenario/v1", got ${JSON.stringify(o.format)}`);
  const robots = [...new Set(controllers.map(robotOf))];
  if (!robots.includes(o.robot as Robot))
    throw bad(
      `robot ${JSON.stringify(o.robot)} is not available; this playground has ${robots.map((r) => `"${r}"`).join(', ')}`,
    );
  const mine = controllers.filter((c) => robotOf(c) === o.robot);
  if (typeof o.controller !== 'string' || !mine.includes(o.controller))
    throw bad(
      `controller ${JSON.stringify(o.controller)} is not shipped; pass one of ${mine.join(', ')}`,
    );
  if (o.robot === 'quadruped') return parseQuad(o, o.controller);
  if (typeof o.seed !== 'number' || !Number.isInteger(o.seed) || o.seed < 0 || o.seed > 2 ** 31 - 1)
    throw bad(`seed must be an integer in [0, 2³¹ − 1], got ${JSON.stringify(o.seed)}`);
  if (o.mode !== 'center-out' && o.mode !== 'annulus')
    throw bad(`mode must be "center-out" or "annulus", got ${JSON.stringify(o.mode)}`);
  for (const k of ['terrain', 'perturbations'])
    if (
      o[k] !== undefined &&
      !(Array.isArray(o[k]) && (o[k] as unknown[]).length === 0) &&
      o[k] !== null
    )
      throw bad(
        `${k} is set, but the arm has no ${k}; remove it (it belongs to quadruped scenarios)`,
      );
  return {
    format: 'eigenplay-scenario/v1',
    robot: 'arm',
    controller: o.controller,
    seed: o.seed,
    mode: o.mode,
    camera: checkCamera(o.camera ?? []),
  };
}

function parseQuad(o: Record<string, unknown>, controller: string): QuadScenario {
  if (o.mode !== undefined)
    throw bad(
      'mode is set, but the quadruped has no target mode; remove it (it belongs to arm scenarios)',
    );
  if (o.speed !== undefined)
    throw bad('speed is a playback setting, not part of a scenario; remove it');
  return quadScenario(checkQuadRun(o, '[scenario]'), controller, checkCamera(o.camera ?? []));
}

/** A quadruped scenario: run options (as Reset starts them), the controller and a camera path. */
export function quadScenario(
  run: QuadRunOptions,
  controller: string,
  camera: CameraKey[],
): QuadScenario {
  return {
    format: 'eigenplay-scenario/v1',
    robot: 'quadruped',
    controller,
    seed: run.seed,
    terrain: run.terrain,
    gait: run.gait,
    command: run.command,
    friction: run.friction,
    payload: run.payload,
    perturbations: run.perturbations,
    camera,
  };
}

/** The run options a quadruped scenario starts. */
export function quadRunOf(s: QuadScenario): QuadRunOptions {
  const { seed, terrain, gait, command, friction, payload, perturbations } = s;
  return { seed, terrain, gait, command, friction, payload, perturbations };
}

const num = (v: number) => Number(v.toFixed(4)).toString();

/** Camera keys as one URL value: `t,x,y,z,tx,ty,tz;…` (4 decimals, mm-level). */
export function cameraToParam(keys: readonly CameraKey[]): string {
  return keys.map((k) => [k.t, ...k.position, ...k.target].map(num).join(',')).join(';');
}

/** Reads `cameraToParam`'s format; throws naming the keyframe that is wrong. */
export function cameraFromParam(s: string): CameraKey[] {
  if (s.trim() === '') return [];
  const keys = s.split(';').map((part, i) => {
    const v = part.split(',').map(Number);
    if (v.length !== 7 || v.some((x) => !Number.isFinite(x)))
      throw bad(`cam keyframe ${i + 1} is "${part}"; pass t,x,y,z,tx,ty,tz (7 numbers)`);
    return {
      t: v[0]!,
      position: [v[1]!, v[2]!, v[3]!] as Vec3,
      target: [v[4]!, v[5]!, v[6]!] as Vec3,
    };
  });
  return checkCamera(keys);
}

const smooth = (u: number) => u * u * (3 - 2 * u);

/**
 * The camera at time t: before the first key its pose, after the last key its pose, between two
 * keys a smoothstep blend (eased in and out, so a clip never starts or stops with a jolt).
 * Undefined when there are no keys.
 */
export function cameraAt(
  keys: readonly CameraKey[],
  t: number,
): { position: Vec3; target: Vec3 } | undefined {
  if (keys.length === 0) return undefined;
  if (t <= keys[0]!.t) return { position: [...keys[0]!.position], target: [...keys[0]!.target] };
  const last = keys[keys.length - 1]!;
  if (t >= last.t) return { position: [...last.position], target: [...last.target] };
  let i = 0;
  while (keys[i + 1]!.t < t) i++;
  const a = keys[i]!;
  const b = keys[i + 1]!;
  const u = smooth((t - a.t) / (b.t - a.t));
  const mix = (p: Vec3, q: Vec3): Vec3 => [
    p[0] + (q[0] - p[0]) * u,
    p[1] + (q[1] - p[1]) * u,
    p[2] + (q[2] - p[2]) * u,
  ];
  return { position: mix(a.position, b.position), target: mix(a.target, b.target) };
}

/** The JSON a "download scenario" writes (stable key order, readable). */
export function scenarioJson(s: AnyScenario): string {
  return JSON.stringify(s, null, 2) + '\n';
}
