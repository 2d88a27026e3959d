import { useEffect, useRef, useState } from 'react';
import type { PolicyCard } from '../control/policyCard';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { DirtyFrame, fitCanvas } from './canvasFit';
import { formatEigenReadout } from './eigenReadout';
import { EigenPlotView, eigenPlotTitle } from './eigenPlotView';
import { panelPlots } from './plotRegistry';

/**
 * The eigenvalues of the policy's recurrence in the complex plane, by family (EigenKind): live
 * from the snapshots when the model reports them, otherwise the card's; for the Transformer an
 * explicit "no recurrence" marker. `data-kind`, `data-max-modulus` and `data-max-angle` describe
 * the last drawn frame for tests. "zoom near 1" shows Re ∈ [0.55, 1.02],
 * Im ∈ [−0.65, 0.65], where a long memory's eigenvalues crowd. Hovering a dot shows what it means
 * at the control rate. `data-count` holds the number of dots on the last drawn frame.
 */
export function EigenPlot({ snapshots, card }: { snapshots: SnapshotBuffer; card?: PolicyCard }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EigenPlotView | undefined>(undefined);
  const redrawRef = useRef<() => void>(() => {});
  const [zoom, setZoom] = useState(true);
  const zoomRef = useRef(zoom);

  useEffect(() => {
    const canvas = canvasRef.current;
    const tip = tipRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !tip || !ctx) return;
    const view = new EigenPlotView(ctx, card);
    view.zoom = zoomRef.current;
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
      tip.textContent = formatEigenReadout(view.eig.re[i]!, view.eig.im[i]!, view.controlHz).join(
        '\n',
      );
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
      if (eig && view.setLive(eig)) frame.mark();
    });

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
      disconnect();
      frame.cancel();
      tip.hidden = true;
      viewRef.current = undefined;
    };
  }, [snapshots, card]);

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
        zoom near 1
      </button>
    </div>
  );
}
