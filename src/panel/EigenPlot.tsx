import { useEffect, useRef, useState } from 'react';
import type { PolicyCard } from '../control/policyCard';
import type { PanelSnapshot, SnapshotBuffer } from '../state/snapshotBuffer';
import type { DynamicsFeed } from '../state/dynamicsFeed';
import { uiStore } from '../state/uiStore';
import { kickPlane } from '../policy/eigenDirection';
import { DirtyFrame, fitCanvas } from './canvasFit';
import { formatEigenReadout } from './eigenReadout';
import { EigenPlotView, eigenPlotTitle, type EigenDomain, type EigenPoint } from './eigenPlotView';
import { panelPlots } from './plotRegistry';
import { LEG_NAMES } from '../sim/quadruped/a1Model';

/**
 * The eigenvalues of the policy's recurrence in the complex plane, by family (EigenKind): live
 * from the snapshots when the model reports them, otherwise the card's; for the Transformer an
 * explicit "no recurrence" marker. `data-kind`, `data-max-modulus` and `data-max-angle` describe
 * the last drawn frame for tests. "zoom near 1" shows Re ∈ [0.55, 1.02],
 * Im ∈ [−0.65, 0.65], where a long memory's eigenvalues crowd. Hovering a dot shows what it means
 * at the control rate. `data-count` holds the number of dots on the last drawn frame.
 * DMD eigenvalues of the recent hidden trajectory (every controller, the Transformer included)
 * come from the analysis worker's fits as diamonds (`data-dmd-count`). "λc" switches to
 * continuous time, λ_c = log λ_d / Δt. Clicking an eigenvalue kicks the state along its mode
 * (`onKick`); the kicked point is ringed and, where the hidden output is the state, an inset
 * traces the kicked plane's decay and rotation.
 */
export function EigenPlot<S extends PanelSnapshot>({
  snapshots,
  card,
  dynamics,
  onKick,
  initialZoom = true,
}: {
  snapshots: SnapshotBuffer<S>;
  card?: PolicyCard;
  dynamics?: DynamicsFeed;
  onKick?: (p: EigenPoint, eigCount: number) => void;
  /** Start zoomed near 1 (the arm's long memories) or on the whole disc. */
  initialZoom?: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EigenPlotView | undefined>(undefined);
  const redrawRef = useRef<() => void>(() => {});
  const [zoom, setZoom] = useState(initialZoom);
  const zoomRef = useRef(zoom);
  const [domain, setDomain] = useState<EigenDomain>('discrete');
  const domainRef = useRef(domain);
  const onKickRef = useRef(onKick);
  onKickRef.current = onKick;

  useEffect(() => {
    const canvas = canvasRef.current;
    const tip = tipRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !tip || !ctx) return;
    const view = new EigenPlotView(ctx, card);
    view.zoom = zoomRef.current;
    view.domain = domainRef.current;
    viewRef.current = view;
    const unregister = panelPlots.register(
      { id: 'eig', title: eigenPlotTitle(card), render: (c, box) => view.renderTo(c, box) },
      1,
    );

    const showTip = () => {
      const i = view.hover;
      if (i < 0) {
        tip.hidden = true;
        return;
      }
      const p = view.point(i)!;
      const lines = formatEigenReadout(p.re, p.im, view.controlHz);
      const hz = view.controlHz;
      const cRe = Math.log(Math.max(Math.hypot(p.re, p.im), 1e-12)) * hz;
      const cIm = Math.atan2(p.im, p.re) * hz;
      tip.textContent = [
        p.set === 'dmd'
          ? `DMD mode ${p.index}`
          : view.kind === 'cpg'
            ? cpgEigenName(p.index)
            : `eigenvalue ${p.index}`,
        ...lines,
        `λc = ${cRe.toFixed(2)} ${cIm < 0 ? '−' : '+'} ${Math.abs(cIm).toFixed(2)}i /s`,
        ...(onKickRef.current ? ['click: kick the state along this mode'] : []),
      ].join('\n');
      tip.hidden = false;
      // Beside the dot, flipped to its left near the right edge (where the dots near 1 are).
      const x = view.screenX(i);
      const y = view.screenY(i);
      const left =
        x + 12 + tip.offsetWidth > canvas.clientWidth ? x - 12 - tip.offsetWidth : x + 12;
      tip.style.left = `${Math.max(0, left)}px`;
      tip.style.top = `${Math.max(0, Math.min(canvas.clientHeight - tip.offsetHeight, y - tip.offsetHeight / 2))}px`;
    };
    canvas.dataset.kind = view.kind;
    canvas.dataset.policy = card?.id ?? '';
    const frame = new DirtyFrame(() => {
      canvas.dataset.count = String(view.draw());
      canvas.dataset.dmdCount = String(view.dmd.n);
      canvas.dataset.domain = view.domain;
      canvas.dataset.kickTrace = String(view.kick?.n ?? 0);
      // Where the slowest eigenvalue of each set is drawn ("x,y" CSS px), e.g. for a test's click.
      for (const set of ['model', 'dmd'] as const) {
        const i = view.slowest(set);
        canvas.dataset[`${set}Slowest`] =
          i < 0 ? '' : `${view.screenX(i).toFixed(1)},${view.screenY(i).toFixed(1)}`;
      }
      canvas.dataset.maxModulus = view.maxModulus().toFixed(4);
      canvas.dataset.maxAngle = view.maxAngle().toFixed(4);
      showTip();
    });
    redrawRef.current = frame.mark;
    const disconnect = fitCanvas(canvas, view.box, frame.mark);

    // Only eigenvalues of this card's controller: after a switch, snapshots of the previous
    // one may still arrive.
    const mine = (s: { policyId: string; eig: Float32Array | null } | undefined) =>
      s && s.policyId === card?.id && s.eig && s.eig.length > 0 ? s.eig : undefined;
    const live = mine(snapshots.latest);
    if (live) view.setLive(live);
    frame.mark();
    const unsubscribe = snapshots.onSnapshot((s) => {
      const eig = mine(s);
      let dirty = eig !== undefined && view.setLive(eig);
      if (s.policyId === card?.id && view.traceKick(s.hidden)) dirty = true;
      if (dirty) frame.mark();
    });
    // DMD eigenvalues of this controller's recent hidden trajectory.
    const fitMine = (f: DynamicsFeed['latest']) =>
      f && f.policyId === card?.id ? (f.dmd?.eig ?? null) : null;
    view.setDmd(fitMine(dynamics?.latest));
    const offFit = dynamics?.onFit((f) => {
      if (view.setDmd(fitMine(f))) frame.mark();
    });
    // A kick applied to this controller: ring it and trace its plane.
    const offKick = uiStore.subscribe((now, before) => {
      const k = now.kick;
      if (!k || k === before.kick || k.policyId !== card?.id || !card) return;
      view.startKick(
        k.label,
        k.point,
        k.point.set === 'model' ? kickPlane(card, k.point.index) : null,
      );
      frame.mark();
    });
    const onClick = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      const p = view.point(view.hit(e.clientX - r.left, e.clientY - r.top));
      if (p) onKickRef.current?.(p, view.eig.given);
    };
    canvas.addEventListener('click', onClick);

    const onMove = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      const i = view.hit(e.clientX - r.left, e.clientY - r.top);
      if (i === view.hover) return;
      view.hover = i;
      frame.mark();
    };
    const onLeave = () => {
      if (view.hover < 0) return;
      view.hover = -1;
      frame.mark();
    };
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      unregister();
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
      unsubscribe();
      offFit?.();
      offKick();
      canvas.removeEventListener('click', onClick);
      disconnect();
      frame.cancel();
      tip.hidden = true;
      viewRef.current = undefined;
    };
  }, [snapshots, card, dynamics]);

  const toggleDomain = () => {
    const next: EigenDomain = domainRef.current === 'discrete' ? 'continuous' : 'discrete';
    domainRef.current = next;
    setDomain(next);
    const view = viewRef.current;
    if (!view) return;
    view.domain = next;
    view.hover = -1;
    redrawRef.current();
  };

  const toggleZoom = () => {
    const next = !zoomRef.current;
    zoomRef.current = next;
    setZoom(next);
    const view = viewRef.current;
    if (!view) return;
    view.zoom = next;
    view.hover = -1;
    redrawRef.current();
  };

  return (
    <div className="plot-wrap">
      <canvas ref={canvasRef} className="plot-canvas plot-eig" data-testid="plot-eig" />
      <div ref={tipRef} className="eig-tooltip" data-testid="eig-tooltip" hidden />
      <button
        type="button"
        className="eig-zoom"
        data-testid="eig-zoom"
        aria-pressed={zoom}
        title="Zoom to Re ∈ [0.55, 1.02], Im ∈ [−0.65, 0.65]; axes stretched"
        onClick={toggleZoom}
      >
        {domain === 'discrete' ? 'zoom near 1' : 'zoom near 0'}
      </button>
      <button
        type="button"
        className="eig-domain"
        data-testid="eig-domain"
        aria-pressed={domain === 'continuous'}
        title="Continuous time: λc = log λ / Δt (Re in 1/s, Im in rad/s); the stability boundary becomes the imaginary axis"
        onClick={toggleDomain}
      >
        λc
      </button>
    </div>
  );
}

/** A CPG eigenvalue's meaning by its index in the quad snapshot's `eig`: legs' phase, then amplitude. */
function cpgEigenName(i: number): string {
  const leg = LEG_NAMES[i % 4] ?? '?';
  return i < 4
    ? `${leg} phase: e^iωΔt, neutral along the limit cycle`
    : `${leg} amplitude: ρ·e^iωΔt, r pulled back to μ`;
}
