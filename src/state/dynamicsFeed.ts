import type { DynamicsFit } from '../../workers/contracts';

/**
 * The latest live dynamics fit from the analysis worker (jPCA plane, DMD eigenvalues, readouts),
 * outside React: plots read it in their own loops. Fits arrive about once a second.
 */
export class DynamicsFeed {
  latest: DynamicsFit | undefined;
  private readonly listeners = new Set<(f: DynamicsFit) => void>();

  push(f: DynamicsFit): void {
    this.latest = f;
    for (const l of this.listeners) l(f);
  }

  /** Called for every new fit; returns the unsubscribe. */
  onFit(l: (f: DynamicsFit) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
