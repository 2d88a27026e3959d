import { useEffect, useRef } from 'react';
import type { QuadSnapshot } from '../../workers/quadContracts';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { QUAD_CONTROL_DT } from '../sim/quadruped/quadSim';

/**
 * The quadruped's live numbers, written as text from the snapshot stream at most 10 times a
 * second (no React render per frame). Distance and mean speed are along world x since the
 * current episode began; falls count every fault since the run started.
 */
export function QuadReadouts({ snapshots }: { snapshots: SnapshotBuffer<QuadSnapshot> }) {
  const refs = useRef<Record<string, HTMLElement | null>>({});
  useEffect(() => {
    let last = 0;
    const set = (k: string, v: string, data?: string) => {
      const el = refs.current[k];
      if (!el) return;
      if (el.textContent !== v) el.textContent = v;
      if (data !== undefined) el.dataset.value = data;
    };
    return snapshots.onSnapshot((s) => {
      const now = performance.now();
      if (now - last < 100 && s.tick > 0 && !s.hash) return;
      last = now;
      set('time', `${s.time.toFixed(1)} s`, s.time.toFixed(3));
      set('episode', `${s.episodeTime.toFixed(1)} s · #${s.episode}`);
      set('distance', `${s.distance.toFixed(2)} m`, s.distance.toFixed(4));
      set('speed', `${s.meanSpeed.toFixed(2)} m/s`, s.meanSpeed.toFixed(4));
      set('falls', String(s.faults), String(s.faults));
      set('gait', s.gait, s.gait);
      const w = s.command.yawRate;
      set(
        'command',
        `${s.command.vx.toFixed(2)} m/s · ${w < 0 ? '−' : '+'}${Math.abs(w).toFixed(2)} rad/s`,
      );
      const j = s.push ? Math.hypot(...s.push.impulse) : 0;
      set(
        'push',
        s.push ? `${j.toFixed(1)} N·s at ${(s.push.tick * QUAD_CONTROL_DT).toFixed(1)} s` : '–',
        j.toFixed(3),
      );
      set('tick-ms', `${s.tickMs.toFixed(2)} ms`, s.tickMs.toFixed(3));
      set('hash', s.hash ? `${s.hash.value} @${s.hash.tick}` : 'pending');
      const h = refs.current.hash;
      if (h && s.hash) h.dataset.hash = s.hash.value;
      else if (h) delete h.dataset.hash;
    });
  }, [snapshots]);

  const row = (label: string, key: string, title?: string, wide = false) => (
    <div className={wide ? 'readout wide' : 'readout'} title={title}>
      <span className="label">{label}</span>
      <span
        className="value"
        data-testid={`quad-${key}`}
        ref={(el) => void (refs.current[key] = el)}
      >
        –
      </span>
    </div>
  );
  return (
    <section className="readouts quad-readouts">
      {row('sim time', 'time', 'control ticks since Reset × 20 ms')}
      {row('episode', 'episode', 'time since the last fall (or Reset), and the episode number')}
      {row('distance', 'distance', 'trunk displacement along world x this episode')}
      {row('mean speed', 'speed', 'distance / episode time')}
      {row('falls', 'falls', 'faults since Reset: tilt > 60°, trunk < 12 cm, off the terrain')}
      {row('gait', 'gait')}
      {row('command', 'command', 'forward speed and yaw rate (+ turns left)', true)}
      {row('last push', 'push', 'the last push on the trunk (dragged or scripted) and when')}
      {row('control tick', 'tick-ms', 'CPG expert + 10 physics steps, in the quadruped worker')}
      {row(
        'world hash',
        'hash',
        'FNV-1a of every body and the CPG at tick 500 (10 s): the same scenario gives the same hash',
        true,
      )}
    </section>
  );
}
