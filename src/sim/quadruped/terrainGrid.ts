import { EigenplayError } from '../../lib/errors';

/**
 * A regular height grid and the triangle mesh the renderer draws, triangulated exactly as
 * Rapier's heightfield is, so `heightAt` (and any drawn surface) agrees with physics.
 *
 * Layout. nx samples along world x (columns, index ix), nz along world z (rows, index iz);
 * sample (iz, ix) sits at (x0 + ix·dx, heights[iz·nx + ix], z0 + iz·dz), m.
 * Rapier's heightfield (parry) instead takes the matrix column-major with rows along z and
 * columns along x, `nrows`/`ncols` counting cells, and centred on the collider: see
 * `rapierHeights()` and quadWorld's `createTerrainCollider`.
 *
 * Each cell is split along the diagonal from (ix, iz+1) to (ix+1, iz), parry's default
 * (non-zigzag) subdivision: triangles (p00, p10, p01) and (p10, p11, p01) with p_ab = (iz+a, ix+b).
 */
export class TerrainGrid {
  /** Heights, m, row-major [iz·nx + ix]; float32 like Rapier's copy. */
  readonly heights: Float32Array;
  /** Mesh vertices (x, y, z) per sample, world frame, m: same order as `heights`. */
  readonly positions: Float32Array;
  /** Mesh triangles, 2 per cell, counter-clockwise seen from above (normals up). */
  readonly indices: Uint32Array;
  readonly dx: number;
  readonly dz: number;

  constructor(
    readonly nx: number,
    readonly nz: number,
    /** World x of column 0 and z of row 0, m. */
    readonly x0: number,
    readonly z0: number,
    /** Extent along x and z, m. */
    readonly sizeX: number,
    readonly sizeZ: number,
  ) {
    if (!(nx >= 2 && nz >= 2 && sizeX > 0 && sizeZ > 0)) {
      throw new EigenplayError(
        'BAD_INPUT',
        `[terrain] a grid needs at least 2×2 samples and a positive size, got ${nx}×${nz}, ${sizeX}×${sizeZ} m`,
      );
    }
    this.dx = sizeX / (nx - 1);
    this.dz = sizeZ / (nz - 1);
    this.heights = new Float32Array(nx * nz);
    this.positions = new Float32Array(nx * nz * 3);
    for (let iz = 0; iz < nz; iz++) {
      for (let ix = 0; ix < nx; ix++) {
        const k = (iz * nx + ix) * 3;
        this.positions[k] = x0 + ix * this.dx;
        this.positions[k + 2] = z0 + iz * this.dz;
      }
    }
    this.indices = new Uint32Array((nx - 1) * (nz - 1) * 6);
    let t = 0;
    for (let iz = 0; iz < nz - 1; iz++) {
      for (let ix = 0; ix < nx - 1; ix++) {
        const p00 = iz * nx + ix;
        const p01 = p00 + 1;
        const p10 = p00 + nx;
        const p11 = p10 + 1;
        this.indices.set([p00, p10, p01, p10, p11, p01], t);
        t += 6;
      }
    }
  }

  /** World x of the grid centre (where the Rapier collider sits), m. */
  get centerX(): number {
    return this.x0 + 0.5 * this.sizeX;
  }

  get centerZ(): number {
    return this.z0 + 0.5 * this.sizeZ;
  }

  /** Copies the heights into the mesh positions' y (rows iz0..iz1, all columns). */
  syncMesh(iz0 = 0, iz1 = this.nz - 1): void {
    for (let iz = iz0; iz <= iz1; iz++) {
      for (let ix = 0; ix < this.nx; ix++) {
        const k = iz * this.nx + ix;
        this.positions[k * 3 + 1] = this.heights[k]!;
      }
    }
  }

  /**
   * Surface height (m) at world (x, z), interpolated on the same triangle Rapier uses. Outside the
   * grid it returns the nearest edge's height (the terrain does not continue there).
   */
  heightAt(x: number, z: number): number {
    const fx = Math.min(Math.max((x - this.x0) / this.dx, 0), this.nx - 1);
    const fz = Math.min(Math.max((z - this.z0) / this.dz, 0), this.nz - 1);
    const ix = Math.min(Math.floor(fx), this.nx - 2);
    const iz = Math.min(Math.floor(fz), this.nz - 2);
    const u = fx - ix;
    const v = fz - iz;
    const h = this.heights;
    const k = iz * this.nx + ix;
    const h00 = h[k]!;
    const h01 = h[k + 1]!;
    const h10 = h[k + this.nx]!;
    const h11 = h[k + this.nx + 1]!;
    if (u + v <= 1) return h00 + u * (h01 - h00) + v * (h10 - h00);
    return h11 + (1 - u) * (h10 - h11) + (1 - v) * (h01 - h11);
  }

  /** Heights in Rapier's order: column-major, rows along z: out[iz + ix·nz]. */
  rapierHeights(out = new Float32Array(this.nx * this.nz)): Float32Array {
    for (let iz = 0; iz < this.nz; iz++) {
      for (let ix = 0; ix < this.nx; ix++)
        out[iz + ix * this.nz] = this.heights[iz * this.nx + ix]!;
    }
    return out;
  }

  /**
   * Raises (amount > 0) or lowers the surface under a round brush centred at world (cx, cz) with
   * radius m, by amount·(1 + cos(π d/radius))/2 at distance d. Updates heights and mesh; returns
   * the changed rows and columns (inclusive) so a renderer can upload only those, or null.
   */
  sculpt(
    cx: number,
    cz: number,
    radius: number,
    amount: number,
  ): { ix0: number; ix1: number; iz0: number; iz1: number } | null {
    if (!(radius > 0) || !Number.isFinite(amount + cx + cz)) {
      throw new EigenplayError(
        'BAD_INPUT',
        `[terrain] sculpt needs a finite centre and amount and radius > 0, got radius ${radius}, amount ${amount}`,
      );
    }
    const ix0 = Math.max(0, Math.ceil((cx - radius - this.x0) / this.dx));
    const ix1 = Math.min(this.nx - 1, Math.floor((cx + radius - this.x0) / this.dx));
    const iz0 = Math.max(0, Math.ceil((cz - radius - this.z0) / this.dz));
    const iz1 = Math.min(this.nz - 1, Math.floor((cz + radius - this.z0) / this.dz));
    if (ix0 > ix1 || iz0 > iz1) return null;
    for (let iz = iz0; iz <= iz1; iz++) {
      for (let ix = ix0; ix <= ix1; ix++) {
        const d = Math.hypot(this.x0 + ix * this.dx - cx, this.z0 + iz * this.dz - cz);
        if (d >= radius) continue;
        const k = iz * this.nx + ix;
        this.heights[k] = this.heights[k]! + amount * 0.5 * (1 + Math.cos((Math.PI * d) / radius));
      }
    }
    this.syncMesh(iz0, iz1);
    return { ix0, ix1, iz0, iz1 };
  }
}
