import { EigenplayError } from '../../lib/errors';
import type { PushEvent } from './quadSim';

/** Largest impulse of one push the playground and scenarios accept, N s (any direction). */
export const MAX_PUSH_IMPULSE = 60;
/** Pushes one timeline may hold. */
export const MAX_TIMELINE_PUSHES = 64;

/**
 * Checks a perturbation timeline: a list of at most MAX_TIMELINE_PUSHES `{ t, kind: 'push',
 * impulse: [x, y, z] }` with finite t ≥ 0 (s) and impulses of at most MAX_PUSH_IMPULSE N s;
 * returns a copy sorted by time (stable, so pushes at the same t keep their order). Throws
 * BAD_INPUT naming the entry and the value.
 */
export function checkTimeline(events: unknown, what = '[quad] perturbations'): PushEvent[] {
  const bad = (msg: string) => new EigenplayError('BAD_INPUT', `${what}${msg}`);
  if (!Array.isArray(events)) throw bad(` must be a list of pushes, got ${JSON.stringify(events)}`);
  if (events.length > MAX_TIMELINE_PUSHES)
    throw bad(` has ${events.length} pushes; ${MAX_TIMELINE_PUSHES} at most`);
  const out = events.map((e: unknown, i): PushEvent => {
    const o = (e ?? {}) as Record<string, unknown>;
    if (o.kind !== 'push') throw bad(`[${i}].kind must be "push", got ${JSON.stringify(o.kind)}`);
    if (typeof o.t !== 'number' || !Number.isFinite(o.t) || o.t < 0)
      throw bad(`[${i}].t must be a time ≥ 0 in seconds, got ${JSON.stringify(o.t)}`);
    const j = o.impulse;
    if (
      !Array.isArray(j) ||
      j.length !== 3 ||
      !j.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      throw bad(`[${i}].impulse must be [x, y, z] in N s, got ${JSON.stringify(j)}`);
    const size = Math.hypot(j[0], j[1], j[2]);
    if (size > MAX_PUSH_IMPULSE)
      throw bad(`[${i}].impulse is ${size.toFixed(1)} N s; ${MAX_PUSH_IMPULSE} N s at most`);
    return { t: o.t, kind: 'push', impulse: [j[0], j[1], j[2]] };
  });
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map(({ e }) => e);
}
