import { useEffect, useRef } from 'react';
import type { QuadSnapshot } from '../../workers/quadContracts';
import type { SnapshotBuffer } from '../state/snapshotBuffer';
import { DirtyFrame, fitCanvas } from './canvasFit';
import { CpgOrbitView } from './cpgOrbitView';
import { panelPlots } from './plotRegistry';

/**
 * The quadruped controller's hidden state: the CPG expert's four oscillators on their orbits
 * (CpgOrbitView), redrawn at most once per animation frame from the snapshot stream.
 * `data-points` holds the trail points per leg on the last frame.
 */
export function CpgOrbitPlot({ snapshots }: { snapshots: SnapshotBuffer<QuadSnapshot> }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const view = new CpgOrbitView(ctx);
    const unregister = panelPlots.register(
      {
        id: 'hidden',
        title: 'CPG oscillators (x, y) per leg',
        aspect: 1,
        render: (c, b) => view.renderTo(c, b),
      },
      0,
    );
    const frame = new DirtyFrame(() => {
      canvas.dataset.points = String(view.draw());
    });
    const disconnect = fitCanvas(canvas, view.box, frame.mark);
    const off = snapshots.onSnapshot((s) => {
      if (view.ingest(s)) frame.mark();
    });
    return () => {
      unregister();
      off();
      disconnect();
      frame.cancel();
    };
  }, [snapshots]);
  return <canvas ref={canvasRef} className="plot-canvas plot-cpg" data-testid="plot-cpg" />;
}
