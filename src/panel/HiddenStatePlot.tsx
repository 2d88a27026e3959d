import { useEffect, useRef } from 'react';
import type { PolicyCard } from '../control/policyCard';
import type { SimSnapshot } from '../../workers/contracts';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { DirtyFrame, fitCanvas } from './canvasFit';
import { HiddenPlotView } from './hiddenPlotView';
import { panelPlots } from './plotRegistry';

/**
 * The policy's hidden state projected on the card's plane: the current reach as a trail, the
 * previous eight fading behind it, each colored by its target direction. Drawn imperatively from
 * the snapshot stream, at most once per animation frame and only when new points arrived.
 * `data-points` holds the number of points on the last drawn frame, once any were drawn.
 */
export function HiddenStatePlot({
  snapshots,
  card,
}: {
  snapshots: SnapshotBuffer;
  card?: PolicyCard;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const view = new HiddenPlotView(ctx, card);
    const unregister = panelPlots.register(
      {
        id: 'hidden',
        title: `Hidden state${card ? ` · ${card.projection.method}` : ''}`,
        aspect: 340 / 260,
        render: (c, box) => view.renderTo(c, box),
      },
      0,
    );
    const frame = new DirtyFrame(() => {
      const n = view.draw();
      if (n > 0 || canvas.dataset.points !== undefined) canvas.dataset.points = String(n);
    });
    const disconnect = fitCanvas(canvas, view.box, frame.mark);
    // A new card means a new plane: start from the latest snapshot alone.
    // Only this card's controller (its hidden size and plane); tick 0 (a reset) always passes.
    const mine = (s: SimSnapshot) => s.tick === 0 || s.policyId === card?.id;
    const latest = snapshots.latest;
    if (latest && mine(latest)) view.ingest(latest);
    frame.mark();
    const unsubscribe = snapshots.onSnapshot((s) => {
      if (mine(s) && view.ingest(s)) frame.mark();
    });
    return () => {
      unregister();
      unsubscribe();
      disconnect();
      frame.cancel();
    };
  }, [snapshots, card]);

  return <canvas ref={canvasRef} className="plot-canvas plot-hidden" data-testid="plot-hidden" />;
}
