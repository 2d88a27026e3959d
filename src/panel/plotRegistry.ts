import type { CanvasBox } from './canvasFit';

/**
 * A panel plot that can draw its current state onto any 2D context: the on-screen canvas, a clip
 * frame being composited, a publication-resolution PNG or an SVG context. `render` draws in CSS
 * pixels over `box` (width × height at `box.dpr`) and must not change what the on-screen plot shows.
 */
export interface PlotRenderer {
  /** Stable id used in file names and test ids, for example `hidden` or `eig`. */
  id: string;
  /** Human title, drawn above the plot in clips and stills. */
  title: string;
  /** Width / height of the plot's natural shape (the on-screen canvas's aspect ratio); 1 if unset. */
  aspect?: number;
  render(ctx: CanvasRenderingContext2D, box: CanvasBox): void;
}

/**
 * The panel plots mounted right now, in panel order. Plot components register on mount and
 * unregister on unmount; the recorder and the stills buttons read the list.
 */
export class PlotRegistry {
  private readonly entries: PlotRenderer[] = [];
  private readonly order = new Map<string, number>();
  private next = 0;

  /** Adds (or replaces, by id) a plot; returns the unregister. */
  register(plot: PlotRenderer, rank?: number): () => void {
    const i = this.entries.findIndex((p) => p.id === plot.id);
    if (i >= 0) this.entries.splice(i, 1);
    if (!this.order.has(plot.id)) this.order.set(plot.id, rank ?? this.next++);
    this.entries.push(plot);
    this.entries.sort((a, b) => this.order.get(a.id)! - this.order.get(b.id)!);
    return () => {
      const j = this.entries.indexOf(plot);
      if (j >= 0) this.entries.splice(j, 1);
    };
  }

  list(): readonly PlotRenderer[] {
    return this.entries;
  }

  get(id: string): PlotRenderer | undefined {
    return this.entries.find((p) => p.id === id);
  }
}

/** The playground's panel plots. */
export const panelPlots = new PlotRegistry();
