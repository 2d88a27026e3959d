import { useState } from 'react';
import type { QuadRuntime } from '../app/quadRuntime';
import { MAX_TIMELINE_PUSHES } from '../sim/quadruped/perturbations';
import { QUAD_STANDARD_PUSHES } from '../sim/quadruped/pushTimeline';
import type { PushEvent } from '../sim/quadruped/quadSim';
import { useUi } from '../state/uiStore';

const copy = (events: readonly PushEvent[]): PushEvent[] =>
  events.map((e) => ({ ...e, impulse: [...e.impulse] }));

const same = (a: readonly PushEvent[], b: readonly PushEvent[]) =>
  a.length === b.length &&
  a.every((e, i) => e.t === b[i]!.t && e.impulse.every((v, k) => v === b[i]!.impulse[k]));

/**
 * The perturbation timeline of the scenario: scripted pushes (time, impulse x/z in N s, world
 * frame: x forward at the start heading, z to the robot's right) replayed from t = 0 in every
 * episode, so a run repeats exactly. Edits are a draft until "Apply & restart" (the run restarts
 * with them, and the URL carries them). "Standard" loads the shared standard timeline
 * (QUAD_STANDARD_PUSHES, the one `npm run eval:quad` uses).
 */
export function TimelineEditor({ quad }: { quad: QuadRuntime }) {
  const applied = useUi((s) => s.quad.run.perturbations);
  const ready = useUi((s) => s.quad.status === 'ready');
  // The owner keys this editor by the applied timeline, so the draft restarts from it.
  const [draft, setDraft] = useState<PushEvent[]>(() => copy(applied));
  const dirty = !same(draft, applied);

  const edit = (i: number, patch: (e: PushEvent) => void) =>
    setDraft((d) =>
      d.map((e, k) => {
        if (k !== i) return e;
        const c = { ...e, impulse: [...e.impulse] as PushEvent['impulse'] };
        patch(c);
        return c;
      }),
    );
  const num = (v: string) => (Number.isFinite(Number(v)) ? Number(v) : 0);
  const nextT = () => Math.ceil((draft.at(-1)?.t ?? 0) + 3);

  return (
    <section className="timeline" aria-label="Push timeline" data-testid="timeline">
      <div className="timeline-rows">
        {draft.length === 0 && <div className="muted">No scripted pushes.</div>}
        {draft.length > 0 && (
          <div className="timeline-row timeline-headings" aria-hidden>
            <span>t (s)</span>
            <span>x (N·s)</span>
            <span>z (N·s)</span>
            <span />
          </div>
        )}
        {draft.map((e, i) => (
          <div className="timeline-row" key={i} data-testid="timeline-row">
            <input
              type="number"
              aria-label={`push ${i + 1} time, s`}
              min={0}
              step={0.5}
              value={e.t}
              onChange={(ev) => edit(i, (c) => void (c.t = Math.max(0, num(ev.target.value))))}
            />
            <input
              type="number"
              aria-label={`push ${i + 1} impulse x, N s`}
              step={1}
              value={e.impulse[0]}
              onChange={(ev) => edit(i, (c) => void (c.impulse[0] = num(ev.target.value)))}
            />
            <input
              type="number"
              aria-label={`push ${i + 1} impulse z, N s`}
              step={1}
              value={e.impulse[2]}
              onChange={(ev) => edit(i, (c) => void (c.impulse[2] = num(ev.target.value)))}
            />
            <button
              type="button"
              aria-label={`remove push ${i + 1}`}
              onClick={() => setDraft((d) => d.filter((_, k) => k !== i))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <div className="row">
        <button
          type="button"
          disabled={draft.length >= MAX_TIMELINE_PUSHES}
          onClick={() => setDraft((d) => [...d, { t: nextT(), kind: 'push', impulse: [0, 0, 8] }])}
        >
          + push
        </button>
        <button
          type="button"
          data-testid="timeline-standard"
          title="Six 8 N·s pushes at 3, 8, 13, 18, 23, 28 s, alternating lateral and longitudinal (the evaluation's)"
          onClick={() => setDraft(copy(QUAD_STANDARD_PUSHES))}
        >
          Standard
        </button>
        <button type="button" disabled={draft.length === 0} onClick={() => setDraft([])}>
          Clear
        </button>
        <button
          type="button"
          className="primary"
          data-testid="timeline-apply"
          disabled={!ready || !dirty}
          onClick={() => void quad.setTimeline(draft)}
        >
          Apply &amp; restart
        </button>
      </div>
    </section>
  );
}
