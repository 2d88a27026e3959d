import type { TerrainData, TerrainPatch } from '../../workers/quadContracts';
import { TerrainGrid } from '../sim/quadruped/terrainGrid';

/** What changed: the whole grid, or rows iz0..iz1 × columns ix0..ix1 (inclusive). */
export type TerrainChange =
  { kind: 'full' } | { kind: 'patch'; ix0: number; ix1: number; iz0: number; iz1: number };

/**
 * The main thread's copy of the quadruped's terrain: a TerrainGrid (the same class, so the same
 * triangles, heights and `heightAt` as the physics) kept in step with the worker by whole grids
 * (reset, regenerate) and sculpt patches, each stamped with the worker's terrain revision. The
 * view listens and uploads only what changed; picking under the mouse uses `heightAt`.
 */
export class TerrainModel {
  grid: TerrainGrid | undefined;
  /** The worker's terrain revision this copy matches; −1 before the first grid. */
  rev = -1;
  /** Lowest and highest height of the last whole grid, m: the colour scale (kept while sculpting). */
  lo = 0;
  hi = 0;
  /** Highest height now, m (sculpting raises it): where picking starts marching down. */
  top = 0;
  private readonly listeners = new Set<(c: TerrainChange) => void>();

  /** Takes a whole grid; the grid object is kept when the size is unchanged. */
  setFull(d: TerrainData): void {
    const g = this.grid;
    if (
      !g ||
      g.nx !== d.nx ||
      g.nz !== d.nz ||
      g.x0 !== d.x0 ||
      g.z0 !== d.z0 ||
      g.sizeX !== d.sizeX ||
      g.sizeZ !== d.sizeZ
    )
      this.grid = new TerrainGrid(d.nx, d.nz, d.x0, d.z0, d.sizeX, d.sizeZ);
    this.grid!.heights.set(d.heights);
    this.grid!.syncMesh();
    this.rev = d.rev;
    let lo = Infinity;
    let hi = -Infinity;
    for (const h of d.heights) {
      if (h < lo) lo = h;
      if (h > hi) hi = h;
    }
    this.lo = lo;
    this.hi = hi;
    this.top = hi;
    this.emit({ kind: 'full' });
  }

  /**
   * Writes a sculpt patch in. Returns false (and changes nothing) unless the patch is the next
   * revision of this copy: the caller then fetches the whole grid.
   */
  applyPatch(p: TerrainPatch): boolean {
    const g = this.grid;
    if (!g || p.rev !== this.rev + 1) return false;
    const w = p.ix1 - p.ix0 + 1;
    for (let iz = p.iz0; iz <= p.iz1; iz++)
      g.heights.set(p.heights.subarray((iz - p.iz0) * w, (iz - p.iz0 + 1) * w), iz * g.nx + p.ix0);
    g.syncMesh(p.iz0, p.iz1);
    for (const h of p.heights) if (h > this.top) this.top = h;
    this.rev = p.rev;
    this.emit({ kind: 'patch', ix0: p.ix0, ix1: p.ix1, iz0: p.iz0, iz1: p.iz1 });
    return true;
  }

  /** Calls `l` after every change; returns the unsubscribe. */
  onChange(l: (c: TerrainChange) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(c: TerrainChange): void {
    for (const l of this.listeners) l(c);
  }
}
