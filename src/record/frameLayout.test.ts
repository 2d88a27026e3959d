import { describe, expect, it } from 'vitest';
import { CLIP_SIZES } from './clipSpec';
import { frameLayout, type Rect } from './frameLayout';

const inside = (r: Rect, w: number, h: number) =>
  r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h && r.w >= 0 && r.h >= 0;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('frameLayout', () => {
  for (const [name, [w, h]] of Object.entries(CLIP_SIZES))
    for (const title of [false, true])
      it(`at ${name}${title ? ' with a title' : ''} puts the view, plots and readouts side by side without overlap`, () => {
        const L = frameLayout(w, h, 2, title);
        const parts = [
          L.scene,
          L.panel,
          L.readouts,
          L.time,
          ...L.plots.flatMap((p) => [p.heading, p.area]),
        ];
        for (const r of parts) expect(inside(r, w, h)).toBe(true);
        expect(L.scene.w + L.panel.w).toBe(w);
        expect(overlap(L.scene, L.panel)).toBe(false);
        expect(overlap(L.plots[0]!.area, L.plots[1]!.area)).toBe(false);
        expect(overlap(L.plots[1]!.area, L.readouts)).toBe(false);
        // Plots are never wider than tall (the eigenvalue plane stays readable) and are large.
        for (const p of L.plots) {
          expect(p.area.h).toBeLessThanOrEqual(p.area.w);
          expect(p.area.h).toBeGreaterThan(h * 0.25);
        }
        expect(L.readouts.h).toBeGreaterThan(60 * L.scale);
        if (title) expect(L.title!.h).toBeGreaterThan(0);
        else expect(L.title).toBeUndefined();
        expect(L.scene.y).toBe(title ? L.title!.h : 0);
      });

  it('scales with the frame height: 4K is three times 720p', () => {
    const a = frameLayout(1280, 720, 2, true);
    const b = frameLayout(3840, 2160, 2, true);
    expect(b.scale).toBe(3);
    expect(b.title!.h).toBe(3 * a.title!.h);
    expect(b.scene.w).toBe(3 * a.scene.w);
  });
});
