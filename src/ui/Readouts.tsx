import { useEffect, useRef } from 'react';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { useUi } from '../state/uiStore';

const PHASE_LABEL = { hold: 'hold at center', delay: 'delay · target shown', move: 'GO' } as const;

/**
 * Live numbers for people and tests. Updated by writing textContent from the snapshot stream,
 * at most 10 times a second: no React render per frame.
 */
export function Readouts({ snapshots }: { snapshots: SnapshotBuffer }) {
  const refs = useRef<Record<string, HTMLElement | null>>({});
  const card = useUi((s) => s.card);
  const firstMoveMs = useUi((s) => s.firstMoveMs);
  const startup = useUi((s) => s.startup);

  useEffect(() => {
    let lastDraw = 0;
    let mt: number[] = [];
    const set = (k: string, v: string) => {
      const el = refs.current[k];
      if (el && el.textContent !== v) el.textContent = v;
    };
    return snapshots.onSnapshot((s) => {
      for (const t of s.ended) if (t.success) mt.push(t.movementTime);
      const last = s.ended.at(-1);
      if (last) {
        set(
          'last',
          last.success ? `hit · ${(1000 * last.movementTime).toFixed(0)} ms` : 'miss (timed out)',
        );
        const el = refs.current.last;
        if (el) {
          el.dataset.result = last.success ? 'hit' : 'miss';
          el.dataset.trial = String(s.trials);
        }
      }
      if (s.tick === 0) {
        mt = [];
        set('last', '–');
        const el = refs.current.last;
        if (el) delete el.dataset.result;
      }
      const now = performance.now();
      if (now - lastDraw < 100 && s.ended.length === 0 && !s.hash && s.tick > 0) return;
      lastDraw = now;
      set('time', s.time.toFixed(2));
      set('phase', PHASE_LABEL[s.phase]);
      set('trials', String(s.trials));
      set('successes', String(s.successes));
      const sorted = [...mt].sort((a, b) => a - b);
      set(
        'mt',
        sorted.length ? `${(1000 * sorted[Math.floor(sorted.length / 2)]!).toFixed(0)} ms` : '–',
      );
      set('tick-ms', `${s.tickMs.toFixed(2)} ms`);
      set(
        'controller',
        (s.policyId || '–') + (s.divergences ? ` · state reset ${s.divergences}× (diverged)` : ''),
      );
      const ctl = refs.current.controller;
      if (ctl) {
        ctl.dataset.policy = s.policyId;
        ctl.dataset.divergences = String(s.divergences);
      }
      set('hash', s.hash ? `${s.hash.value} @${s.hash.tick}` : 'pending');
      const el = refs.current.hash;
      // A reset clears the hash: a stale one must never pass for the new run's.
      if (el && s.hash) el.dataset.hash = s.hash.value;
      else if (el) delete el.dataset.hash;
    });
  }, [snapshots]);

  const ev = card?.evaluation;
  const row = (label: string, key: string, title?: string) => (
    <div className="readout" title={title}>
      <span className="label">{label}</span>
      <span
        className="value"
        data-testid={`readout-${key}`}
        ref={(el) => void (refs.current[key] = el)}
      >
        –
      </span>
    </div>
  );
  return (
    <section className="readouts">
      {row('sim time (s)', 'time')}
      {row('phase', 'phase')}
      {row('trials', 'trials')}
      {row(
        'successes',
        'successes',
        'hand within 1 cm of the target for 200 ms, within 1.5 s of the go cue',
      )}
      {row(
        'median MT',
        'mt',
        'median movement time: go cue to entering the 1 cm zone, successful trials',
      )}
      {row('last reach', 'last', 'the most recent trial: hit with its movement time, or miss')}
      {row(
        'controller',
        'controller',
        'the controller that produced the last action; "diverged" counts ticks where eigenvalues outside the unit circle blew the state up and it was zeroed',
      )}
      {row('control tick', 'tick-ms', 'observation sent to action received, in the sim worker')}
      {row(
        'world hash',
        'hash',
        'FNV-1a of every body pose and velocity at control tick 600: the same seed and controller give the same hash in Node and in the browser',
      )}
      <div
        className="readout"
        title={
          startup
            ? `first moving frame after the app started; policy loaded at ${startup.policyMs.toFixed(0)} ms, physics at ${startup.physicsMs.toFixed(0)} ms, ` +
              `sim ready at ${startup.readyMs.toFixed(0)} ms after the app started`
            : undefined
        }
        data-testid="startup"
      >
        <span className="label">first move</span>
        <span className="value" data-testid="readout-first-move">
          {firstMoveMs === undefined ? '–' : `${firstMoveMs.toFixed(0)} ms`}
        </span>
      </div>
      {card && (
        <div className="card-summary" data-testid="card-summary">
          <strong>{card.name}</strong> · {card.family}/{card.variant} · {card.state_dim} states ·{' '}
          {card.control_hz} Hz
          {ev ? (
            <div data-testid="card-eval">
              evaluated: {(100 * ev.success_rate).toFixed(1)}% success over {ev.episodes} reaches,
              median movement {(1000 * ev.median_movement_time_s).toFixed(0)} ms
            </div>
          ) : (
            <div data-testid="card-eval">not evaluated</div>
          )}
        </div>
      )}
    </section>
  );
}
