import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { TerrainModel } from '../../state/terrainModel';
import { grow, wholeGrid, writeColors, writeNormals, type GridRange } from './terrainShading';

/**
 * The terrain as one mesh built from the main thread's TerrainGrid: its positions array is the
 * position attribute itself and its indices the index (the physics' triangles, not a re-mesh);
 * vertex normals and height colours are computed here. A sculpt patch updates its rows in place
 * (only those bytes are uploaded); a new grid of the same size refills the buffers; a new size
 * builds new ones and disposes the old.
 */
export function TerrainMesh({ model }: { model: TerrainModel }) {
  const geometry = useMemo(() => new BufferGeometry(), []);

  useEffect(() => {
    let normals = new Float32Array(0);
    let colors = new Float32Array(0);
    const shade = (r: GridRange) => {
      const g = model.grid!;
      writeNormals(g, normals, r);
      writeColors(g, normals, colors, r, model.lo, model.hi);
    };
    const rebuild = () => {
      const g = model.grid;
      if (!g) return;
      const pos = geometry.getAttribute('position') as BufferAttribute | undefined;
      if (!pos || pos.array !== g.positions) {
        normals = new Float32Array(g.positions.length);
        colors = new Float32Array(g.positions.length);
        geometry.dispose();
        geometry.setAttribute('position', new BufferAttribute(g.positions, 3));
        geometry.setAttribute('normal', new BufferAttribute(normals, 3));
        geometry.setAttribute('color', new BufferAttribute(colors, 3));
        geometry.setIndex(new BufferAttribute(g.indices, 1));
      }
      shade(wholeGrid(g));
      for (const name of ['position', 'normal', 'color']) {
        const a = geometry.getAttribute(name) as BufferAttribute;
        a.clearUpdateRanges();
        a.needsUpdate = true;
      }
    };
    const patch = (r: GridRange) => {
      const g = model.grid!;
      const around = grow(g, r);
      shade(around);
      // Whole rows: one contiguous upload range per attribute.
      const start = around.iz0 * g.nx * 3;
      const count = (around.iz1 - around.iz0 + 1) * g.nx * 3;
      for (const name of ['position', 'normal', 'color']) {
        const a = geometry.getAttribute(name) as BufferAttribute;
        a.addUpdateRange(start, count);
        a.needsUpdate = true;
      }
    };
    rebuild();
    const off = model.onChange((c) => (c.kind === 'full' ? rebuild() : patch(c)));
    return () => {
      off();
      geometry.dispose();
    };
  }, [model, geometry]);

  // Culling off: sculpting moves vertices outside the bounding sphere computed at build time.
  return (
    <mesh geometry={geometry} receiveShadow frustumCulled={false}>
      <meshStandardMaterial vertexColors roughness={0.92} metalness={0} />
    </mesh>
  );
}
