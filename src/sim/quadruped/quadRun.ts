import type { QuadCommand } from '../../control/cpg/cpgExpert';
import { GAIT_NAMES, type GaitName } from '../../control/cpg/gaits';
import { EigenplayError } from '../../lib/errors';
import { checkTimeline } from './perturbations';
import type { PushEvent } from './quadSim';
import { QUAD_DEFAULT_DIFFICULTY, resolveSpec, type TerrainSpec } from './terrain';

/**
 * Everything a quadruped run is a pure function of (with the controller): reset(opts) with the
 * same options gives the same world hash at every tick. Live edits after the start (command,
 * gait, friction and payload changes, pushes, sculpting, regeneration) are not part of it.
 */
export interface QuadRunOptions {
  /** Seeds the start jitter (heading, CPG phases). */
  seed: number;
  terrain: TerrainSpec;
  gait: GaitName;
  command: QuadCommand;
  /** Friction coefficient of feet and terrain. */
  friction: number;
  /** Extra trunk mass, kg. */
  payload: number;
  /** Scripted pushes, replayed from t = 0 in every episode (a fall restarts the episode). */
  perturbations: PushEvent[];
  /** Speed factor of sim time to wall time. Default 1. */
  speed?: number;
}

/**
 * The playground's terrain extent: 28 m × 10 m at 5 cm, from x = −4 m. At 0.6 m/s the robot
 * walks 40 s before it reaches the far edge (and falls off: the episode restarts); the default
 * 16 m grid of the sim core lasts 20 s.
 */
export const PLAYGROUND_TERRAIN = { sizeX: 28, sizeZ: 10, cell: 0.05, originX: -4 } as const;

/**
 * The playground's default run: the CPG expert trotting at 0.6 m/s over rough ground at
 * QUAD_DEFAULT_DIFFICULTY (0.1, bumps of ±1.7 cm), the difficulty `npm run eval:quad` reports
 * survival at, so the card's number and the default view agree. Measured with the expert on the
 * playground grid, 20 s, seeds 1-4: no fall at 0.15 either (11.3-11.7 m walked), one seed of four
 * falls at 0.2 and 0.25.
 */
export const DEFAULT_QUAD_RUN: QuadRunOptions = {
  seed: 1,
  terrain: { kind: 'rough', difficulty: QUAD_DEFAULT_DIFFICULTY, seed: 1, ...PLAYGROUND_TERRAIN },
  gait: 'trot',
  command: { vx: 0.6, yawRate: 0 },
  friction: 0.8,
  payload: 0,
  perturbations: [],
};

/** Commanded forward speed (m/s) and yaw rate (rad/s, + turns left) the playground accepts. */
export const COMMAND_LIMITS = { vx: [0, 1.2], yawRate: [-1.5, 1.5] } as const;

/** Upper limits of friction (coefficient) and payload (kg) the playground accepts. */
export const LIMITS = { friction: 2, payload: 10 } as const;

/**
 * Checks run options from anywhere (the main thread, a scenario file, a URL): every field named
 * with its value when wrong, `prefix` leading the message ("[quad]", "[scenario]"). Returns a
 * clean copy with the timeline sorted by time.
 */
export function checkQuadRun(json: unknown, prefix = '[quad]'): QuadRunOptions {
  const bad = (msg: string) => new EigenplayError('BAD_INPUT', `${prefix} ${msg}`);
  const o = (json ?? {}) as Record<string, unknown>;
  const seed = o.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw bad(`seed must be an integer in [0, 2³¹ − 1], got ${JSON.stringify(seed)}`);
  const t = o.terrain as Record<string, unknown> | undefined;
  if (typeof t !== 'object' || t === null)
    throw bad(`terrain must be { kind, difficulty, seed }, got ${JSON.stringify(t)}`);
  if (typeof t.seed !== 'number' || !Number.isInteger(t.seed))
    throw bad(`terrain.seed must be an integer, got ${JSON.stringify(t.seed)}`);
  let terrain: TerrainSpec;
  try {
    const r = resolveSpec(t as unknown as TerrainSpec);
    // Only the spec's own fields: unknown keys of a hand-written file do not travel on.
    terrain = {
      kind: r.kind,
      difficulty: r.difficulty,
      seed: r.seed,
      sizeX: r.sizeX,
      sizeZ: r.sizeZ,
      cell: r.cell,
      originX: r.originX,
    };
  } catch (e) {
    throw bad((e as Error).message.replace('[terrain] ', 'terrain: '));
  }
  const gait = o.gait;
  if (!(GAIT_NAMES as readonly unknown[]).includes(gait))
    throw bad(`gait must be one of ${GAIT_NAMES.join(', ')}, got ${JSON.stringify(gait)}`);
  const cmd = (o.command ?? {}) as Record<string, unknown>;
  const [v0, v1] = COMMAND_LIMITS.vx;
  const [w0, w1] = COMMAND_LIMITS.yawRate;
  if (!(typeof cmd.vx === 'number' && cmd.vx >= v0 && cmd.vx <= v1))
    throw bad(`command vx must be ${v0}-${v1} m/s, got ${JSON.stringify(cmd.vx)}`);
  if (!(typeof cmd.yawRate === 'number' && cmd.yawRate >= w0 && cmd.yawRate <= w1))
    throw bad(`command yaw rate must be ${w0}-${w1} rad/s, got ${JSON.stringify(cmd.yawRate)}`);
  for (const k of ['friction', 'payload'] as const) {
    const v = o[k];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= LIMITS[k]))
      throw bad(
        `${k} must be 0-${LIMITS[k]}${k === 'payload' ? ' kg' : ''}, got ${JSON.stringify(v)}`,
      );
  }
  const speed = o.speed;
  if (speed !== undefined && !(typeof speed === 'number' && speed > 0 && speed <= 10))
    throw bad(`speed must be a factor in (0, 10], got ${JSON.stringify(speed)}`);
  return {
    seed,
    terrain,
    gait: gait as GaitName,
    command: { vx: cmd.vx, yawRate: cmd.yawRate },
    friction: o.friction as number,
    payload: o.payload as number,
    perturbations: checkTimeline(o.perturbations, `${prefix} perturbations`),
    ...(speed === undefined ? {} : { speed: speed as number }),
  };
}
