import type { TerrainGrid } from '../../sim/quadruped/terrainGrid';

/** Inclusive sample range of a grid: columns ix0..ix1, rows iz0..iz1. */
export interface GridRange {
  ix0: number;
  ix1: number;
  iz0: number;
  iz1: number;
}

/** The whole grid as a range. */
export function wholeGrid(g: TerrainGrid): GridRange {
  return { ix0: 0, ix1: g.nx - 1, iz0: 0, iz1: g.nz - 1 };
}

/** `r` grown by `by` samples on every side, clipped to the grid (normals read the neighbours). */
export function grow(g: TerrainGrid, r: GridRange, by = 1): GridRange {
  return {
    ix0: Math.max(0, r.ix0 - by),
    ix1: Math.min(g.nx - 1, r.ix1 + by),
    iz0: Math.max(0, r.iz0 - by),
    iz1: Math.min(g.nz - 1, r.iz1 + by),
  };
}

/**
 * Vertex normals of the height grid over `r` (3 floats per sample, same order as the mesh
 * positions): the surface gradient by central differences (one-sided at the edges),
 * n ∝ (−∂h/∂x, 1, −∂h/∂z). Close to the area-weighted normals of the two triangles per cell,
 * and local, so a sculpt recomputes only its patch.
 */
export function writeNormals(g: TerrainGrid, out: Float32Array, r: GridRange): void {
  const h = g.heights;
  const { nx, nz } = g;
  for (let iz = r.iz0; iz <= r.iz1; iz++) {
    const zm = Math.max(0, iz - 1);
    const zp = Math.min(nz - 1, iz + 1);
    for (let ix = r.ix0; ix <= r.ix1; ix++) {
      const xm = Math.max(0, ix - 1);
      const xp = Math.min(nx - 1, ix + 1);
      const gx = (h[iz * nx + xp]! - h[iz * nx + xm]!) / ((xp - xm) * g.dx);
      const gz = (h[zp * nx + ix]! - h[zm * nx + ix]!) / ((zp - zm) * g.dz);
      const inv = 1 / Math.sqrt(gx * gx + 1 + gz * gz);
      const k = 3 * (iz * nx + ix);
      out[k] = -gx * inv;
      out[k + 1] = inv;
      out[k + 2] = -gz * inv;
    }
  }
}

/** Colour ramp by height, low to high (sRGB): deep moss, grass, dry earth, sand. */
const RAMP_SRGB = ['#26342c', '#46603f', '#7f7150', '#cbb98c'] as const;
/** The same in linear RGB (vertex colours are linear). */
const RAMP = RAMP_SRGB.map((hex) =>
  [1, 3, 5].map((i) => (parseInt(hex.slice(i, i + 2), 16) / 255) ** 2.2),
);
/** Size of the checker that makes motion over flat ground visible, m, and its contrast. */
const CHECKER_M = 1;
const CHECKER = 0.12;

/**
 * Vertex colours over `r`: the height ramp between `lo` and `hi` (m; clamped outside), darkened
 * on steep slopes and modulated by a 1 m checker so the ground shows motion even when flat.
 */
export function writeColors(
  g: TerrainGrid,
  normals: Float32Array,
  out: Float32Array,
  r: GridRange,
  lo: number,
  hi: number,
): void {
  const span = Math.max(hi - lo, 0.12);
  const mid = (lo + hi) / 2;
  const base = mid - span / 2;
  const n = RAMP.length - 1;
  for (let iz = r.iz0; iz <= r.iz1; iz++) {
    const z = g.z0 + iz * g.dz;
    for (let ix = r.ix0; ix <= r.ix1; ix++) {
      const s = iz * g.nx + ix;
      const u = Math.min(1, Math.max(0, (g.heights[s]! - base) / span)) * n;
      const i = Math.min(n - 1, Math.floor(u));
      const f = u - i;
      const x = g.x0 + ix * g.dx;
      const cell = (Math.floor(x / CHECKER_M) + Math.floor(z / CHECKER_M)) & 1;
      // Steeper than about 30° gets darker (stair risers, stone sides).
      const ny = normals[3 * s + 1]!;
      const shade = (1 - CHECKER * cell) * (0.6 + 0.4 * Math.min(1, ny * ny * ny * ny * 1.3));
      for (let c = 0; c < 3; c++) {
        const a = RAMP[i]![c]!;
        const b = RAMP[i + 1]![c]!;
        out[3 * s + c] = (a + (b - a) * f) * shade;
      }
    }
  }
}
