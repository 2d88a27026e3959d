import { createNoise2D } from 'simplex-noise';
import { EigenplayError } from '../../lib/errors';
import { SeededRandom } from '../../lib/random';
import { TerrainGrid } from './terrainGrid';

export const TERRAIN_KINDS = ['flat', 'rough', 'hills', 'slope', 'stairs', 'stones'] as const;
export type TerrainKind = (typeof TERRAIN_KINDS)[number];

/**
 * What terrain to build. Every kind keeps a flat spawn pad of radius PAD_RADIUS around the world
 * origin, where robots start; the features grow along +x (the walking direction) for slope,
 * stairs and stones, everywhere else for rough and hills.
 */
export interface TerrainSpec {
  kind: TerrainKind;
  /** Difficulty dial in [0, 1] (see `terrainHeight` for what it scales). */
  difficulty: number;
  /** Seed of the noise, stone layout and jitter. */
  seed: number;
  /** Extent along x and z, m. Defaults 16 and 8. */
  sizeX?: number;
  sizeZ?: number;
  /** Target sample spacing, m (the exact spacing is size / (samples − 1)). Default 0.05. */
  cell?: number;
  /** World x of the first column, m (z is centred on 0). Default −4. */
  originX?: number;
}

/**
 * Default terrain difficulty of the quadruped (app and `npm run eval:quad`): 0.1, where the blind
 * CPG expert still walks on rough ground, hills and slopes. The evaluation also runs 0.25.
 */
export const QUAD_DEFAULT_DIFFICULTY = 0.1;

/** Radius of the flat spawn pad around the origin, m; features blend in over the next 0.5 m. */
export const PAD_RADIUS = 0.8;

/** Builds a grid for the spec and fills it with `fillTerrain`. */
export function createTerrain(spec: TerrainSpec): TerrainGrid {
  const s = resolveSpec(spec);
  const nx = Math.max(2, Math.round(s.sizeX / s.cell) + 1);
  const nz = Math.max(2, Math.round(s.sizeZ / s.cell) + 1);
  const grid = new TerrainGrid(nx, nz, s.originX, -0.5 * s.sizeZ, s.sizeX, s.sizeZ);
  fillTerrain(grid, s);
  return grid;
}

/** Spec with defaults filled and checked. */
export function resolveSpec(spec: TerrainSpec): Required<TerrainSpec> {
  if (!TERRAIN_KINDS.includes(spec.kind)) {
    throw new EigenplayError(
      'BAD_INPUT',
      `[terrain] unknown kind '${String(spec.kind)}'; expected one of ${TERRAIN_KINDS.join(', ')}`,
    );
  }
  if (!(spec.difficulty >= 0 && spec.difficulty <= 1)) {
    throw new EigenplayError(
      'BAD_INPUT',
      `[terrain] difficulty ${spec.difficulty} is outside [0, 1]`,
    );
  }
  const r: Required<TerrainSpec> = {
    sizeX: 16,
    sizeZ: 8,
    cell: 0.05,
    originX: -4,
    ...spec,
  };
  if (!(r.cell > 0 && r.sizeX >= 2 * r.cell && r.sizeZ >= 2 * r.cell)) {
    throw new EigenplayError(
      'BAD_INPUT',
      `[terrain] size ${r.sizeX}×${r.sizeZ} m with cell ${r.cell} m`,
    );
  }
  return r;
}

/** Writes heights (and mesh y) of `spec` into an existing grid of any size. */
export function fillTerrain(grid: TerrainGrid, spec: TerrainSpec): void {
  const h = terrainHeightFunction(spec);
  for (let iz = 0; iz < grid.nz; iz++) {
    const z = grid.z0 + iz * grid.dz;
    for (let ix = 0; ix < grid.nx; ix++) {
      grid.heights[iz * grid.nx + ix] = h(grid.x0 + ix * grid.dx, z);
    }
  }
  grid.syncMesh();
}

/**
 * Height function (m) of a terrain kind at world (x, z), difficulty d:
 * - flat: 0.
 * - rough: 2-octave simplex noise, wavelength 0.5 m, amplitude 1 + 7d cm.
 * - hills: 3-octave simplex noise, wavelength 6 m, amplitude 0.1 + 0.7d m.
 * - slope: a ramp up along +x from x = PAD_RADIUS, at an angle of 3° + 22°·d.
 * - stairs: steps up along +x, rise 2 + 13d cm, tread 0.35 − 0.1d m.
 * - stones: square stones 0.5 − 0.25d m wide, gaps 25d cm, height jitter ±5d cm, over pits
 *   5 + 35d cm deep (d = 0 is flat).
 */
export function terrainHeightFunction(spec: TerrainSpec): (x: number, z: number) => number {
  const d = spec.difficulty;
  const rng = new SeededRandom(spec.seed);
  const pad = (x: number, z: number): number => {
    const t = (Math.hypot(x, z) - PAD_RADIUS) / 0.5;
    return t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
  };
  switch (spec.kind) {
    case 'flat':
      return () => 0;
    case 'rough': {
      const n = createNoise2D(() => rng.next());
      const amp = 0.01 + 0.07 * d;
      return (x, z) => amp * pad(x, z) * (0.7 * n(x / 0.5, z / 0.5) + 0.3 * n(x / 0.2, z / 0.2));
    }
    case 'hills': {
      const n = createNoise2D(() => rng.next());
      const amp = 0.1 + 0.7 * d;
      return (x, z) =>
        amp *
        pad(x, z) *
        (0.6 * n(x / 6, z / 6) + 0.3 * n(x / 3, z / 3) + 0.1 * n(x / 1.5, z / 1.5));
    }
    case 'slope': {
      const k = Math.tan(((3 + 22 * d) * Math.PI) / 180);
      return (x) => k * Math.max(0, x - PAD_RADIUS);
    }
    case 'stairs': {
      const rise = 0.02 + 0.13 * d;
      const tread = 0.35 - 0.1 * d;
      return (x) => (x < PAD_RADIUS ? 0 : rise * (1 + Math.floor((x - PAD_RADIUS) / tread)));
    }
    case 'stones':
      return stonesHeight(d, rng);
  }
}

function stonesHeight(d: number, rng: SeededRandom): (x: number, z: number) => number {
  const size = 0.5 - 0.25 * d;
  const pitch = size + 0.25 * d;
  const pit = -(0.05 + 0.35 * d);
  // A fixed table of per-stone jitter, indexed by the stone's (column, row) hashed into it.
  const jitter = Float64Array.from({ length: 4096 }, () => rng.uniform(-1, 1) * 0.05 * d);
  const shiftZ = rng.uniform(0, pitch);
  return (x, z) => {
    if (Math.hypot(x, z) < PAD_RADIUS + 0.3 || x < 0) return 0;
    const cx = Math.floor(x / pitch);
    const cz = Math.floor((z + shiftZ) / pitch);
    const u = x - cx * pitch;
    const v = z + shiftZ - cz * pitch;
    if (u > size || v > size) return pit;
    return jitter[((cx * 73856093) ^ (cz * 19349663)) & 4095]!;
  };
}
