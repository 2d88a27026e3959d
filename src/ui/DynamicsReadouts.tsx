import { useEffect, useState } from 'react';
import type { Runtime } from '../app/runtime';
import type { DynamicsFit } from '../../workers/contracts';
import { useUi } from '../state/uiStore';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

/**
 * What the live fits say, next to their control: R² of the skew-symmetric (rotational) and
 * unconstrained linear fits on the top jPCA plane and in k dimensions, the variance the plane
 * captures, its rotation frequency, and the same R² on time-shuffled surrogates; the DMD rank and
 * slowest DMD eigenvalue. Fits arrive about once a second, so this re-renders at that rate, never
 * per frame. Export writes everything behind the plots as JSON or CSV.
 */
export function DynamicsReadouts({ runtime }: { runtime: Runtime }) {
  const card = useUi((s) => s.card);
  const kick = useUi((s) => s.kick);
  const [fit, setFit] = useState<DynamicsFit | undefined>(runtime.dynamics.latest);
  useEffect(() => runtime.dynamics.onFit(setFit), [runtime]);
  const mine = fit && fit.policyId === card?.id ? fit : undefined;
  const j = mine?.jpca;
  const d = mine?.dmd;
  let slowest = '–';
  if (d && d.eig.length >= 2) {
    let best = -1;
    let bi = 0;
    for (let i = 0; i < d.eig.length / 2; i++) {
      const m = Math.hypot(d.eig[2 * i]!, d.eig[2 * i + 1]!);
      if (m > best) [best, bi] = [m, i];
    }
    const hz = Math.abs(Math.atan2(d.eig[2 * bi + 1]!, d.eig[2 * bi]!)) / mine!.dt / (2 * Math.PI);
    slowest = `|λ| ${best.toFixed(3)} · ${hz.toFixed(1)} Hz`;
  }
  const row = (label: string, key: string, value: string, title: string) => (
    <div className="readout" title={title}>
      <span className="label">{label}</span>
      <span className="value" data-testid={`dyn-${key}`}>
        {value}
      </span>
    </div>
  );
  const sur = j?.surrogate;
  return (
    <section
      className="readouts dynamics-readouts"
      data-testid="dynamics-readouts"
      data-fit={mine?.fitIndex ?? -1}
    >
      {row(
        'R² skew / best',
        'r2',
        j ? `${f2(j.r2Skew)} / ${f2(j.r2Best)}` : '–',
        'top jPCA plane: how much of dx/dt the rotational (skew-symmetric) fit explains, against the unconstrained linear fit',
      )}
      {row(
        'k-D skew / best',
        'r2kd',
        j ? `${f2(j.r2SkewKD)} / ${f2(j.r2BestKD)}` : '–',
        'the same fits in all k jPCA dimensions',
      )}
      {row(
        'shuffled control',
        'surrogate',
        sur ? `${f2(sur.r2SkewKDMean)} (p95 ${f2(sur.r2SkewKDP95)})` : '–',
        sur
          ? `k-D R² skew of ${sur.n} ${sur.method} surrogates: a rotation claim holds when the real value is well above; ${(100 * sur.fractionAbove).toFixed(0)}% of surrogates reach the real value`
          : 'time-shuffled surrogates, once jPCA is fitted',
      )}
      {row(
        'plane variance',
        'var',
        j ? `${(100 * j.varianceCaptured).toFixed(0)}%` : '–',
        'share of the analysed variance on the top jPCA plane',
      )}
      {row(
        'rotation',
        'freq',
        j ? `${j.frequencyHz.toFixed(2)} Hz` : '–',
        'rotation frequency of the top jPCA plane',
      )}
      {row(
        'DMD',
        'dmd',
        d ? `rank ${d.rank} · ${slowest}` : '–',
        `exact DMD of the last ${d ? (d.samples * (mine?.dt ?? 0)).toFixed(1) : '≈4'} s of hidden states, within trials: rank and the slowest eigenvalue. It fits the closed loop driven by its inputs (targets, go cues), not the network alone: over a 4 s window a slow input-driven drift can fit as |λ| slightly above 1 while every reach succeeds`,
      )}
      {row(
        'kick',
        'kick',
        kick && kick.policyId === card?.id
          ? `${kick.label} · +${kick.amplitude.toFixed(2)}`
          : 'click an eigenvalue',
        'clicking an eigenvalue adds 0.5 × max(‖state‖, 1) along its mode before the next tick; the inset traces it',
      )}
      <div className="dyn-export">
        <span className="label">export fits</span>
        <button
          type="button"
          data-testid="dyn-export-json"
          disabled={!mine}
          onClick={() => void runtime.exportDynamics('json')}
        >
          JSON
        </button>
        <button
          type="button"
          data-testid="dyn-export-csv"
          disabled={!mine}
          onClick={() => void runtime.exportDynamics('csv')}
        >
          CSV
        </button>
      </div>
    </section>
  );
}
