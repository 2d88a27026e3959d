import type { Collider, World } from '@dimforge/rapier3d-compat';
import type { Rapier } from '../rapier';
import type { TerrainGrid } from './terrainGrid';

/**
 * One Rapier heightfield collider for the whole grid (never tiles: seams catch feet).
 * Rapier's conventions (parry): `nrows`/`ncols` count cells, rows run along z and columns along
 * x, heights are column-major, and the field spans [−scale/2, scale/2] around the collider's
 * translation with heights multiplied by scale.y. FIX_INTERNAL_EDGES stops feet sliding on flat
 * ground from catching triangle edges.
 */
export function createTerrainCollider(
  R: Rapier,
  world: World,
  grid: TerrainGrid,
  friction: number,
  collisionGroups: number,
): Collider {
  const desc = R.ColliderDesc.heightfield(
    grid.nz - 1,
    grid.nx - 1,
    grid.rapierHeights(),
    { x: grid.sizeX, y: 1, z: grid.sizeZ },
    R.HeightFieldFlags.FIX_INTERNAL_EDGES,
  )
    .setTranslation(grid.centerX, 0, grid.centerZ)
    .setCollisionGroups(collisionGroups)
    .setFriction(friction);
  return world.createCollider(desc);
}
