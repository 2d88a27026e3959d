import { describe, expect, it } from 'vitest';
import { createTerrain } from '../sim/quadruped/terrain';
import type { TerrainData } from '../../workers/quadContracts';
import { TerrainModel, type TerrainChange } from './terrainModel';

function data(rev: number): TerrainData {
  const g = createTerrain({
    kind: 'rough',
    difficulty: 0.5,
    seed: 2,
    sizeX: 4,
    sizeZ: 2,
    originX: -2,
  });
  return {
    rev,
    spec: { kind: 'rough', difficulty: 0.5, seed: 2 },
    nx: g.nx,
    nz: g.nz,
    x0: g.x0,
    z0: g.z0,
    sizeX: g.sizeX,
    sizeZ: g.sizeZ,
    heights: g.heights.slice(),
  };
}

describe("the main thread's terrain copy", () => {
  it('matches the worker grid after a sculpt patch: heights, mesh and heightAt', () => {
    const worker = createTerrain({
      kind: 'rough',
      difficulty: 0.5,
      seed: 2,
      sizeX: 4,
      sizeZ: 2,
      originX: -2,
    });
    const m = new TerrainModel();
    const changes: TerrainChange[] = [];
    m.onChange((c) => changes.push(c));
    m.setFull(data(3));
    const d = worker.sculpt(0.5, 0.2, 0.3, 0.2)!;
    const w = d.ix1 - d.ix0 + 1;
    const heights = new Float32Array(w * (d.iz1 - d.iz0 + 1));
    for (let iz = d.iz0; iz <= d.iz1; iz++)
      heights.set(
        worker.heights.subarray(iz * worker.nx + d.ix0, iz * worker.nx + d.ix1 + 1),
        (iz - d.iz0) * w,
      );
    expect(m.applyPatch({ rev: 4, ...d, heights, workerMs: 0 })).toBe(true);
    expect(m.grid!.heights).toEqual(worker.heights);
    expect(m.grid!.positions).toEqual(worker.positions);
    expect(m.grid!.heightAt(0.52, 0.21)).toBe(worker.heightAt(0.52, 0.21));
    expect(m.top).toBeGreaterThanOrEqual(m.hi);
    expect(changes).toEqual([{ kind: 'full' }, { kind: 'patch', ...d }]);
  });

  it('refuses a patch that is not the next revision (the caller fetches the whole grid)', () => {
    const m = new TerrainModel();
    m.setFull(data(3));
    const p = {
      rev: 5,
      ix0: 0,
      ix1: 0,
      iz0: 0,
      iz1: 0,
      heights: new Float32Array([9]),
      workerMs: 0,
    };
    expect(m.applyPatch(p)).toBe(false);
    expect(m.grid!.heights[0]).not.toBe(9);
    expect(m.rev).toBe(3);
  });

  it('keeps its grid object for a new terrain of the same size', () => {
    const m = new TerrainModel();
    m.setFull(data(1));
    const g = m.grid;
    m.setFull(data(2));
    expect(m.grid).toBe(g);
  });
});
