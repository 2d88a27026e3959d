import type { Collider, RigidBody, World } from '@dimforge/rapier3d-compat';
import { EigenplayError } from '../../lib/errors';
import { hashBodies, writeBodyPoses } from '../bodies';
import type { Fnv1a } from '../hash';
import type { Rapier } from '../rapier';
import { buildA1 } from './a1Bodies';
import { A1, JOINT_AXES, QUAD_BODY_COUNT, QUAD_JOINTS } from './a1Model';
import { linkPoses } from './quadPose';
import { rotate, type Quat, type Vec3 } from './quat';
import { createTerrainCollider } from './terrainCollider';
import type { TerrainGrid } from './terrainGrid';

/** Scratch: a joint axis in world frame (no allocation per step). */
const AXIS_WORLD: Vec3 = { x: 0, y: 0, z: 0 };

/** Physics step, s (500 Hz). */
export const QUAD_PHYSICS_DT = 0.002;
const G = 9.81;

/** Collision groups: robot parts touch the terrain, never each other. */
const GROUP_TERRAIN = 0x0001;
const GROUP_ROBOT = 0x0002;
const ROBOT_GROUPS = (GROUP_ROBOT << 16) | GROUP_TERRAIN;
const TERRAIN_GROUPS = (GROUP_TERRAIN << 16) | GROUP_ROBOT;

/**
 * The quadruped and its terrain in a Rapier world. Bodies: trunk, then per leg (FR, FL, RR, RL)
 * hip, thigh, calf (foot sphere on the calf). Impulse revolute joints with limits and no motors:
 * our PD torque (clamped to ±33.5 N m) is applied each physics step to the child link and its
 * reaction to the parent, as for the arm (armWorld.ts). Multibody joints were not used: the JS
 * bindings expose no motors for them either, and the impulse chain holds the 12.5 kg robot at
 * 500 Hz with the armature added to the link inertias (a1Model.ts).
 */
export class QuadWorld {
  readonly world: World;
  readonly trunk: RigidBody;
  /** Leg links, index 3·leg + joint (hip, thigh, calf). */
  readonly links: RigidBody[];
  /** All posed bodies: trunk then the 12 links. */
  readonly bodies: RigidBody[];
  /** Foot spheres, one per leg. */
  readonly feet: Collider[];
  private readonly robotColliders: Collider[];
  terrainCollider: Collider;
  /** Joint angles (rad), velocities (rad/s) and applied torques (N m), refreshed each step. */
  readonly q = new Float64Array(QUAD_JOINTS);
  readonly qd = new Float64Array(QUAD_JOINTS);
  readonly torque = new Float64Array(QUAD_JOINTS);
  stepCount = 0;
  payload = 0;
  friction = 0.8;
  private freed = false;
  private readonly rot: Quat[] = [];
  private readonly angvel: Vec3[] = [];
  private readonly tq = new Float64Array(QUAD_BODY_COUNT * 3);

  constructor(
    private readonly R: Rapier,
    public terrain: TerrainGrid,
  ) {
    const world = new R.World({ x: 0, y: -G, z: 0 });
    world.timestep = QUAD_PHYSICS_DT;
    world.numSolverIterations = 8;
    this.world = world;
    this.terrainCollider = this.createTerrainCollider(terrain);

    const robot = buildA1(R, world, ROBOT_GROUPS);
    this.trunk = robot.trunk;
    this.links = robot.links;
    this.feet = robot.feet;
    this.robotColliders = robot.colliders;
    this.bodies = [this.trunk, ...this.links];
    for (let i = 0; i < QUAD_BODY_COUNT; i++) {
      this.rot.push({ x: 0, y: 0, z: 0, w: 1 });
      this.angvel.push({ x: 0, y: 0, z: 0 });
    }
    this.setFriction(this.friction);
  }

  private createTerrainCollider(grid: TerrainGrid): Collider {
    return createTerrainCollider(this.R, this.world, grid, this.friction, TERRAIN_GROUPS);
  }

  /** Rebuilds the terrain collider from `grid` (after regeneration or sculpting). */
  replaceTerrain(grid: TerrainGrid): void {
    this.world.removeCollider(this.terrainCollider, false);
    this.terrain = grid;
    this.terrainCollider = this.createTerrainCollider(grid);
  }

  /**
   * Teleports the robot at rest: trunk origin `pos` (m, world), orientation `rot`, joint angles
   * q (12 values, rad). Link frames follow by forward kinematics.
   */
  setPose(pos: Vec3, rot: Quat, q: ArrayLike<number>): void {
    const zero = { x: 0, y: 0, z: 0 };
    linkPoses(pos, rot, q, (i, p, r) => {
      const b = this.bodies[i]!;
      b.setTranslation(p, true);
      b.setRotation(r, true);
      b.setLinvel(zero, true);
      b.setAngvel(zero, true);
    });
    this.readJoints();
  }

  /**
   * Refreshes q and qd from the bodies (relative rotations about each joint axis). Angles are
   * wrapped to (−π, π]: the hip's range reaches 4.19 rad, but a hip past π (leg folded over the
   * back) reads as negative. The walking workspace stays far from it.
   */
  readJoints(): void {
    for (let i = 0; i < QUAD_BODY_COUNT; i++) {
      const b = this.bodies[i]!;
      Object.assign(this.rot[i]!, b.rotation());
      Object.assign(this.angvel[i]!, b.angvel());
    }
    const aw = AXIS_WORLD;
    for (let k = 0; k < QUAD_JOINTS; k++) {
      const parent = k % 3 === 0 ? 0 : k; // body index of the parent: trunk or previous link
      const child = k + 1;
      const p = this.rot[parent]!;
      const c = this.rot[child]!;
      const a = JOINT_AXES[k % 3]!;
      // rel = conj(p) ∘ c; angle about the local axis a.
      const rw = p.w * c.w + p.x * c.x + p.y * c.y + p.z * c.z;
      const rx = p.w * c.x - p.x * c.w - p.y * c.z + p.z * c.y;
      const ry = p.w * c.y + p.x * c.z - p.y * c.w - p.z * c.x;
      const rz = p.w * c.z - p.x * c.y + p.y * c.x - p.z * c.w;
      const ang = 2 * Math.atan2(rx * a.x + ry * a.y + rz * a.z, rw);
      this.q[k] = ang - 2 * Math.PI * Math.round(ang / (2 * Math.PI));
      rotate(p, a, aw);
      const wp = this.angvel[parent]!;
      const wc = this.angvel[child]!;
      this.qd[k] = (wc.x - wp.x) * aw.x + (wc.y - wp.y) * aw.y + (wc.z - wp.z) * aw.z;
    }
  }

  /**
   * One physics step: PD toward qTarget (12 rad) with gains and torque limit from A1, torques on
   * child and reaction on parent, then `world.step()`. Returns false, without stepping, if the
   * world was freed. The caller checks the state afterwards (watchdog.ts).
   */
  step(qTarget: ArrayLike<number>): void {
    if (this.freed) throw new EigenplayError('SIM_FAULT', '[quad] step() on a freed world');
    this.readJoints();
    const tq = this.tq.fill(0);
    const aw = AXIS_WORLD;
    for (let k = 0; k < QUAD_JOINTS; k++) {
      const j = k % 3;
      const pd = A1.kp[j]! * (qTarget[k]! - this.q[k]!) - A1.kd[j]! * this.qd[k]!;
      const t = Math.max(-A1.torqueLimit, Math.min(A1.torqueLimit, pd));
      this.torque[k] = t;
      const parent = j === 0 ? 0 : k;
      rotate(this.rot[parent]!, JOINT_AXES[j]!, aw);
      const c = (k + 1) * 3;
      const p = parent * 3;
      tq[c] = tq[c]! + t * aw.x;
      tq[c + 1] = tq[c + 1]! + t * aw.y;
      tq[c + 2] = tq[c + 2]! + t * aw.z;
      tq[p] = tq[p]! - t * aw.x;
      tq[p + 1] = tq[p + 1]! - t * aw.y;
      tq[p + 2] = tq[p + 2]! - t * aw.z;
    }
    for (let i = 0; i < QUAD_BODY_COUNT; i++) {
      const b = this.bodies[i]!;
      b.resetTorques(false);
      b.addTorque({ x: tq[i * 3]!, y: tq[i * 3 + 1]!, z: tq[i * 3 + 2]! }, true);
    }
    this.world.step();
    this.stepCount++;
  }

  /** World position of leg i's foot-sphere centre, m. */
  footPosition(leg: number, out: Vec3 = { x: 0, y: 0, z: 0 }): Vec3 {
    const calf = this.links[leg * 3 + 2]!;
    rotate(calf.rotation(), { x: 0, y: -A1.calfLength, z: 0 }, out);
    const t = calf.translation();
    out.x += t.x;
    out.y += t.y;
    out.z += t.z;
    return out;
  }

  /**
   * Instantaneous impulse on the trunk at its centre of mass, N s (world frame): the trunk's
   * velocity jumps by impulse / (trunk mass + payload) and the joints share it out on the next
   * step. Written as a velocity change because Rapier's `applyImpulse` is a no-op until the
   * first `step()` has computed the body's mass properties.
   */
  applyPush(impulse: Vec3): void {
    const m = A1.trunkMass + this.payload;
    const v = this.trunk.linvel();
    this.trunk.setLinvel(
      { x: v.x + impulse.x / m, y: v.y + impulse.y / m, z: v.z + impulse.z / m },
      true,
    );
  }

  /** Friction coefficient of feet, legs, trunk and terrain (average combine gives exactly mu). */
  setFriction(mu: number): void {
    if (!(mu >= 0 && Number.isFinite(mu))) {
      throw new EigenplayError('BAD_INPUT', `[quad] friction must be finite and >= 0, got ${mu}`);
    }
    this.friction = mu;
    this.terrainCollider.setFriction(mu);
    for (const c of this.robotColliders) c.setFriction(mu);
  }

  /** Adds `kg` to the trunk mass (at its centre; inertia scaled with the mass). */
  setPayload(kg: number): void {
    if (!(kg >= 0 && Number.isFinite(kg))) {
      throw new EigenplayError('BAD_INPUT', `[quad] payload must be finite and >= 0 kg, got ${kg}`);
    }
    this.payload = kg;
    const s = (A1.trunkMass + kg) / A1.trunkMass;
    this.trunk.setAdditionalMassProperties(
      A1.trunkMass + kg,
      { x: 0, y: 0, z: 0 },
      vec(A1.trunkInertia.map((v) => v * s)),
      { x: 0, y: 0, z: 0, w: 1 },
      true,
    );
  }

  /** pos (3) + quat xyzw (4) per body, trunk then 12 links: QUAD_BODY_COUNT × 7 floats. */
  writePoses(out: Float32Array, offset = 0): void {
    writeBodyPoses(this.bodies, out, offset);
  }

  /** Adds every body's pose and velocity to h. */
  hashInto(h: Fnv1a): Fnv1a {
    return hashBodies(this.bodies, h);
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.world.free();
  }

  get isFreed(): boolean {
    return this.freed;
  }
}

function vec(a: readonly number[]): Vec3 {
  return { x: a[0]!, y: a[1]!, z: a[2]! };
}
