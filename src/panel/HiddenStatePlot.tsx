import { useEffect, useRef, useState } from 'react';
import type { PolicyCard } from '../control/policyCard';
import type { DynamicsFit, SimSnapshot } from '../../workers/contracts';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import type { DynamicsFeed } from '../state/dynamicsFeed';
import { DirtyFrame, fitCanvas } from './canvasFit';
import { HiddenPlotView } from './hiddenPlotView';
import { JpcaPlotView } from './jpcaPlotView';
import { panelPlots } from './plotRegistry';

export type HiddenPlane = 'jpca' | 'card';

/**
 * The policy's hidden state on a plane, drawn imperatively from the snapshot stream at most once
 * per animation frame:
 *  - 'jpca' (default): the top jPCA plane of the recent condition-averaged reaches, fitted live
 *    in the analysis worker (JpcaPlotView); until every direction has a complete reach, the
 *    card's plane with the fit's status;
 *  - 'card': the card's fixed PCA plane, the current reach and the previous eight (HiddenPlotView).
 * "refit" refits jPCA now, aligned to the current plane. `data-points` holds the points drawn,
 * `data-plane` the plane shown, `data-fit` the fit index on screen.
 */
export function HiddenStatePlot({
  snapshots,
  card,
  dynamics,
  onRefit,
}: {
  snapshots: SnapshotBuffer;
  card?: PolicyCard;
  dynamics?: DynamicsFeed;
  onRefit?: () => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [plane, setPlane] = useState<HiddenPlane>('jpca');
  const [status, setStatus] = useState('');

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const cardView = new HiddenPlotView(ctx, card);
    const jpcaView = new JpcaPlotView(ctx);
    const mineFit = (f: DynamicsFit | undefined) => (f && f.policyId === card?.id ? f : undefined);
    const active = () => (plane === 'jpca' && jpcaView.fit ? jpcaView : cardView);
    const unregister = panelPlots.register(
      {
        id: 'hidden',
        title: `Hidden state · ${active() === jpcaView ? 'top jPCA plane' : (card?.projection.method ?? '')}`,
        aspect: 340 / 260,
        render: (c, box) => active().renderTo(c, box),
      },
      0,
    );
    const frame = new DirtyFrame(() => {
      const view = active();
      if (view === jpcaView) Object.assign(jpcaView.box, cardView.box);
      const n = view.draw();
      canvas.dataset.plane = view === jpcaView ? 'jpca' : 'card';
      if (n > 0 || canvas.dataset.points !== undefined) canvas.dataset.points = String(n);
    });
    const disconnect = fitCanvas(canvas, cardView.box, frame.mark);
    const showFit = (f: DynamicsFit | undefined) => {
      const fit = mineFit(f);
      jpcaView.setFit(fit?.jpca ?? undefined);
      canvas.dataset.fit = String(fit?.jpca ? fit.fitIndex : -1);
      setStatus(fit ? (fit.jpca ? '' : fit.status) : 'jPCA: waiting for the first reaches');
      frame.mark();
    };
    // Only this card's controller (its hidden size and plane); tick 0 (a reset) always passes.
    const mine = (s: SimSnapshot) => s.tick === 0 || s.policyId === card?.id;
    const latest = snapshots.latest;
    if (latest && mine(latest)) {
      cardView.ingest(latest);
      jpcaView.ingest(latest);
    }
    showFit(dynamics?.latest);
    const unsubscribe = snapshots.onSnapshot((s) => {
      if (!mine(s)) return;
      const a = cardView.ingest(s);
      const b = jpcaView.ingest(s);
      if (a || b) frame.mark();
    });
    const offFit = dynamics?.onFit(showFit);
    return () => {
      unregister();
      unsubscribe();
      offFit?.();
      disconnect();
      frame.cancel();
    };
  }, [snapshots, card, dynamics, plane]);

  return (
    <>
      <div className="plane-bar" role="group" aria-label="Projection of the hidden state">
        <button
          type="button"
          data-testid="plane-jpca"
          aria-pressed={plane === 'jpca'}
          title="Top jPCA plane of the recent condition-averaged reaches, fitted live (Churchland 2012)"
          onClick={() => setPlane('jpca')}
        >
          jPCA (live)
        </button>
        <button
          type="button"
          data-testid="plane-card"
          aria-pressed={plane === 'card'}
          title="The card's fixed PCA plane of hidden states during reaches"
          onClick={() => setPlane('card')}
        >
          card PCA
        </button>
        <button
          type="button"
          data-testid="jpca-refit"
          disabled={plane !== 'jpca' || !onRefit}
          title="Refit jPCA on the reaches collected so far; the plane is aligned to the current one, so the picture does not jump"
          onClick={onRefit}
        >
          refit
        </button>
        {plane === 'jpca' && status && (
          <span className="plane-status" data-testid="jpca-status">
            {status}
          </span>
        )}
      </div>
      <canvas ref={canvasRef} className="plot-canvas plot-hidden" data-testid="plot-hidden" />
    </>
  );
}
