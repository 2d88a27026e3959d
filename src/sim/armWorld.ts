import type { ImpulseJoint, RigidBody, World } from '@dimforge/rapier3d-compat';
import { EigenplayError } from '../lib/errors';
import { ARM } from './armModel';
import { hashBodies, writeBodyPoses } from './bodies';
import { Fnv1a } from './hash';
import type { Rapier } from './rapier';

/** Physics step of the arm, s (240 Hz). */
export const ARM_PHYSICS_DT = 1 / 240;

/** Collision groups: robot parts touch the table, never each other. */
const GROUP_TABLE = 0x0001;
const GROUP_ARM = 0x0002;
const ARM_GROUPS = (GROUP_ARM << 16) | GROUP_TABLE;
const TABLE_GROUPS = (GROUP_TABLE << 16) | GROUP_ARM;

/** Number of posed bodies in a snapshot: turret, upper arm, forearm. */
export const ARM_BODY_COUNT = 3;

const G = 9.81;

/**
 * The arm in a Rapier world: impulse revolute joints without motors, driven by our own PD torque
 * each physics step plus exact gravity compensation (DESIGN.md: 0.06 mm final error, where the
 * built-in motors miss by centimetres). Owns the world; `free()` releases it.
 */
export class ArmWorld {
  readonly world: World;
  readonly bodies: RigidBody[];
  private readonly joints: ImpulseJoint[];
  /** Joint angles (rad) and velocities (rad/s), refreshed by `readJoints()`. */
  readonly q = new Float64Array(3);
  readonly qd = new Float64Array(3);
  readonly torque = new Float64Array(3);
  stepCount = 0;
  private freed = false;

  constructor(
    private readonly R: Rapier,
    q0: ArrayLike<number>,
  ) {
    const world = new R.World({ x: 0, y: -G, z: 0 });
    world.timestep = ARM_PHYSICS_DT;
    world.numSolverIterations = 8;
    this.world = world;

    // Table: one fixed box whose top is y = 0.
    const table = world.createRigidBody(R.RigidBodyDesc.fixed().setTranslation(0.3, -0.025, 0));
    world.createCollider(
      R.ColliderDesc.cuboid(0.6, 0.025, 0.6).setCollisionGroups(TABLE_GROUPS).setFriction(0.8),
      table,
    );

    const s = ARM.shoulder;
    const ident = { x: 0, y: 0, z: 0, w: 1 };
    // Turret: a short vertical cylinder under the shoulder, yaw about +y.
    const turret = world.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(s.x, s.y, s.z)
        .setAdditionalMassProperties(
          ARM.m0,
          { x: 0, y: -0.1, z: 0 },
          { x: 0.004, y: 0.004, z: 0.004 },
          ident,
        ),
    );
    world.createCollider(
      R.ColliderDesc.cylinder(0.1, 0.05)
        .setTranslation(0, -0.12, 0)
        .setDensity(0)
        .setCollisionGroups(ARM_GROUPS),
      turret,
    );
    // Upper arm: frame at the shoulder, link along +x.
    const upper = world.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(s.x, s.y, s.z)
        .setAdditionalMassProperties(
          ARM.m1,
          { x: ARM.s1, y: 0, z: 0 },
          { x: 0.002, y: ARM.I1, z: ARM.I1 },
          ident,
        ),
    );
    world.createCollider(
      R.ColliderDesc.capsule(ARM.l1 / 2 - 0.03, 0.03)
        .setRotation({ x: 0, y: 0, z: Math.SQRT1_2, w: Math.SQRT1_2 })
        .setTranslation(ARM.l1 / 2, 0, 0)
        .setDensity(0)
        .setCollisionGroups(ARM_GROUPS),
      upper,
    );
    // Forearm with the hand at its tip: frame at the elbow.
    const fore = world.createRigidBody(
      R.RigidBodyDesc.dynamic()
        .setTranslation(s.x + ARM.l1, s.y, s.z)
        .setAdditionalMassProperties(
          ARM.m2,
          { x: ARM.s2, y: 0, z: 0 },
          { x: 0.002, y: ARM.I2, z: ARM.I2 },
          ident,
        ),
    );
    world.createCollider(
      R.ColliderDesc.capsule(ARM.l2 / 2 - 0.03, 0.022)
        .setRotation({ x: 0, y: 0, z: Math.SQRT1_2, w: Math.SQRT1_2 })
        .setTranslation(ARM.l2 / 2 - 0.02, 0, 0)
        .setDensity(0)
        .setCollisionGroups(ARM_GROUPS),
      fore,
    );
    world.createCollider(
      R.ColliderDesc.ball(ARM.handRadius)
        .setTranslation(ARM.l2, 0, 0)
        .setDensity(0)
        .setCollisionGroups(ARM_GROUPS),
      fore,
    );

    const yawJ = world.createImpulseJoint(
      R.JointData.revolute(
        { x: s.x - 0.3, y: s.y + 0.025, z: s.z },
        { x: 0, y: 0, z: 0 },
        { x: 0, y: 1, z: 0 },
      ),
      table,
      turret,
      true,
    );
    const shJ = world.createImpulseJoint(
      R.JointData.revolute({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 1 }),
      turret,
      upper,
      true,
    );
    const elJ = world.createImpulseJoint(
      R.JointData.revolute({ x: ARM.l1, y: 0, z: 0 }, { x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 1 }),
      upper,
      fore,
      true,
    );
    this.joints = [yawJ, shJ, elJ];
    this.joints.forEach((j, i) => {
      j.setContactsEnabled(false);
      (j as unknown as { setLimits(a: number, b: number): void }).setLimits(
        ARM.limits[i]![0],
        ARM.limits[i]![1],
      );
    });
    this.bodies = [turret, upper, fore];
    this.setPose(q0);
  }

  /** Teleports the arm to joint angles q (rad) at rest. */
  setPose(q: ArrayLike<number>): void {
    const [yaw, sh, el] = [q[0]!, q[1]!, q[2]!];
    const s = ARM.shoulder;
    const qYaw = quatAxis(0, 1, 0, yaw);
    const qUpper = quatMul(qYaw, quatAxis(0, 0, 1, sh));
    const qFore = quatMul(qYaw, quatAxis(0, 0, 1, sh + el));
    const r1 = ARM.l1 * Math.cos(sh);
    const elbow = {
      x: s.x + r1 * Math.cos(yaw),
      y: s.y + ARM.l1 * Math.sin(sh),
      z: s.z - r1 * Math.sin(yaw),
    };
    const poses = [
      [s, qYaw],
      [s, qUpper],
      [elbow, qFore],
    ] as const;
    const zero = { x: 0, y: 0, z: 0 };
    this.bodies.forEach((b, i) => {
      b.setTranslation(poses[i]![0], true);
      b.setRotation(poses[i]![1], true);
      b.setLinvel(zero, true);
      b.setAngvel(zero, true);
    });
    this.readJoints();
  }

  /** Reads joint angles from the two bodies' quaternions (Rapier has no getter) and velocities. */
  readJoints(): void {
    const [turret, upper, fore] = this.bodies as [RigidBody, RigidBody, RigidBody];
    const rt = turret.rotation();
    const ru = upper.rotation();
    const rf = fore.rotation();
    this.q[0] = 2 * Math.atan2(rt.y, rt.w);
    this.q[1] = relAngleZ(rt, ru);
    this.q[2] = relAngleZ(ru, rf);
    for (let i = 0; i < 3; i++) this.q[i] = wrap(this.q[i]!);
    const wt = turret.angvel();
    const wu = upper.angvel();
    const wf = fore.angvel();
    this.qd[0] = wt.y;
    const az = rotateZ(rt); // shoulder axis in world
    this.qd[1] = (wu.x - wt.x) * az.x + (wu.y - wt.y) * az.y + (wu.z - wt.z) * az.z;
    this.qd[2] = (wf.x - wu.x) * az.x + (wf.y - wu.y) * az.y + (wf.z - wu.z) * az.z;
  }

  /**
   * One physics step: PD toward qTarget (rad) plus gravity compensation, torques applied to the
   * child and the reaction to the parent, then `world.step()` and a finite-state check.
   */
  step(qTarget: ArrayLike<number>): void {
    if (this.freed) throw new EigenplayError('SIM_FAULT', '[sim] step() on a freed arm world');
    this.readJoints();
    const [turret, upper, fore] = this.bodies as [RigidBody, RigidBody, RigidBody];
    const az = rotateZ(turret.rotation());
    // Gravity torque about the pitch axis (world z rotated by yaw), from COM lever arms.
    const c1 = upper.worldCom();
    const c2 = fore.worldCom();
    const e = fore.translation();
    const s = ARM.shoulder;
    const gSh = -G * (ARM.m1 * leverZ(c1, s, az) + ARM.m2 * leverZ(c2, s, az));
    const gEl = -G * ARM.m2 * leverZ(c2, e, az);
    const comp = [0, -gSh, -gEl];
    for (let i = 0; i < 3; i++) {
      const pd = ARM.kp[i]! * (qTarget[i]! - this.q[i]!) - ARM.kd[i]! * this.qd[i]!;
      const lim = ARM.maxTorque[i]!;
      this.torque[i] = Math.max(-lim, Math.min(lim, pd + comp[i]!));
    }
    for (const b of this.bodies) b.resetTorques(false);
    const t0 = this.torque[0]!;
    const t1 = this.torque[1]!;
    const t2 = this.torque[2]!;
    turret.addTorque({ x: -t1 * az.x, y: t0 - t1 * az.y, z: -t1 * az.z }, true);
    upper.addTorque({ x: (t1 - t2) * az.x, y: (t1 - t2) * az.y, z: (t1 - t2) * az.z }, true);
    fore.addTorque({ x: t2 * az.x, y: t2 * az.y, z: t2 * az.z }, true);
    this.world.step();
    this.stepCount++;
    this.checkFinite();
  }

  private checkFinite(): void {
    for (let i = 0; i < this.bodies.length; i++) {
      const t = this.bodies[i]!.translation();
      const v = this.bodies[i]!.linvel();
      if (
        !Number.isFinite(t.x + t.y + t.z + v.x + v.y + v.z) ||
        Math.abs(v.x) + Math.abs(v.y) + Math.abs(v.z) > 100
      ) {
        throw new EigenplayError(
          'SIM_FAULT',
          `[sim] arm body ${i} left a finite state at physics step ${this.stepCount}: reset the episode`,
        );
      }
    }
  }

  /** Writes pos (3) + quat (4) of each body into out at offset. Layout: ARM_BODY_COUNT × 7. */
  writePoses(out: Float32Array, offset = 0): void {
    writeBodyPoses(this.bodies, out, offset);
  }

  /** Hash of every body's pose and velocity: equal only for bit-identical worlds. */
  hash(): string {
    return hashBodies(this.bodies, new Fnv1a()).hex();
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

type Q = { x: number; y: number; z: number; w: number };
type V = { x: number; y: number; z: number };

function quatAxis(x: number, y: number, z: number, a: number): Q {
  const s = Math.sin(a / 2);
  return { x: x * s, y: y * s, z: z * s, w: Math.cos(a / 2) };
}

function quatMul(a: Q, b: Q): Q {
  return {
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

/** Angle about the parent's local z of child relative to parent. */
function relAngleZ(p: Q, c: Q): number {
  const conj = { x: -p.x, y: -p.y, z: -p.z, w: p.w };
  const r = quatMul(conj, c);
  return 2 * Math.atan2(r.z, r.w);
}

/** Local +z of a rotation, in world. */
function rotateZ(q: Q): V {
  return {
    x: 2 * (q.x * q.z + q.w * q.y),
    y: 2 * (q.y * q.z - q.w * q.x),
    z: 1 - 2 * (q.x * q.x + q.y * q.y),
  };
}

/** z-component along axis a of (c - p) × (0, 1, 0): the lever of a unit upward force. */
function leverZ(c: V, p: V, a: V): number {
  const rx = c.x - p.x;
  const rz = c.z - p.z;
  // (r × ŷ) = (-rz, 0, rx)
  return -rz * a.x + rx * a.z;
}

function wrap(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}
