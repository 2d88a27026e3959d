import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, LineBasicMaterial, LineLoop } from 'three';
import type { TerrainModel } from '../../state/terrainModel';
import { uiStore } from '../../state/uiStore';
import type { QuadView } from './quadView';

const SEGMENTS = 72;
const RAISE = new Color('#7dffb0');
const LOWER = new Color('#ff6b6b');

/**
 * The sculpt brush under the mouse: a ring of the brush radius draped over the terrain (1 cm
 * above it), green when it raises, red when it lowers (Shift). Shown only in brush mode.
 */
export function BrushRing({ view, model }: { view: QuadView; model: TerrainModel }) {
  const line = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(3 * SEGMENTS), 3));
    const l = new LineLoop(g, new LineBasicMaterial({ depthTest: false, transparent: true }));
    l.frustumCulled = false;
    l.renderOrder = 9;
    return l;
  }, []);
  useEffect(
    () => () => {
      line.geometry.dispose();
      (line.material as LineBasicMaterial).dispose();
    },
    [line],
  );

  useFrame(() => {
    const { active, radius } = uiStore.getState().quad.brush;
    const grid = model.grid;
    line.visible = active && view.brushVisible && grid !== undefined;
    if (!line.visible || !grid) return;
    const pos = line.geometry.getAttribute('position') as BufferAttribute;
    const a = pos.array as Float32Array;
    for (let i = 0; i < SEGMENTS; i++) {
      const th = (2 * Math.PI * i) / SEGMENTS;
      const x = view.brush.x + radius * Math.cos(th);
      const z = view.brush.z + radius * Math.sin(th);
      a[3 * i] = x;
      a[3 * i + 1] = grid.heightAt(x, z) + 0.01;
      a[3 * i + 2] = z;
    }
    pos.needsUpdate = true;
    const m = line.material as LineBasicMaterial;
    m.color.copy(view.brushLower ? LOWER : RAISE);
  });

  return <primitive object={line} />;
}
