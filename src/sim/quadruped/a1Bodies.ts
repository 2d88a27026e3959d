import type { Collider, RigidBody, World } from '@dimforge/rapier3d-compat';
import type { Rapier } from '../rapier';
import { A1, hipInBody, JOINT_AXES, LEG_SIDE } from './a1Model';

export interface A1Bodies {
  trunk: RigidBody;
  /** Index 3·leg + joint: hip, thigh, calf. */
  links: RigidBody[];
  /** Foot spheres, one per leg. */
  feet: Collider[];
  /** Every robot collider (trunk box, leg capsules, feet). */
  colliders: Collider[];
}

const IDENT = { x: 0, y: 0, z: 0, w: 1 };

/**
 * Creates the A1-like robot in `world` at the origin with q = 0 (legs straight down): bodies with
 * the model's masses and inertias (colliders have zero density), impulse revolute joints with
 * limits and no motors, joint contacts off. `setPose` places it properly afterwards.
 */
export function buildA1(R: Rapier, world: World, collisionGroups: number): A1Bodies {
  const colliders: Collider[] = [];
  const body = (mass: number, com: readonly number[], inertia: readonly number[]) =>
    world.createRigidBody(
      R.RigidBodyDesc.dynamic().setAdditionalMassProperties(mass, vec(com), vec(inertia), IDENT),
    );
  const collider = (desc: InstanceType<Rapier['ColliderDesc']>, b: RigidBody) => {
    const c = world.createCollider(desc.setDensity(0).setCollisionGroups(collisionGroups), b);
    colliders.push(c);
    return c;
  };

  const trunk = body(A1.trunkMass, [0, 0, 0], A1.trunkInertia);
  const [hx, hy, hz] = A1.trunkHalf;
  collider(R.ColliderDesc.cuboid(hx, hy, hz), trunk);
  const links: RigidBody[] = [];
  const feet: Collider[] = [];
  const hip = [0, 0, 0];
  const arm = A1.armature;
  for (let leg = 0; leg < 4; leg++) {
    hipInBody(leg, hip);
    // Rotor armature adds to each link's inertia about its own joint axis.
    const hipB = body(A1.hipMass, [0, 0, 0], add(A1.hipInertia, [arm, 0, 0]));
    const thigh = body(A1.thighMass, A1.thighCom, add(A1.thighInertia, [0, 0, arm]));
    const calf = body(A1.calfMass, A1.calfCom, add(A1.calfInertia, [0, 0, arm]));
    collider(R.ColliderDesc.capsule(0.07, 0.02).setTranslation(0, -0.1, 0), thigh);
    collider(R.ColliderDesc.capsule(0.07, 0.013).setTranslation(0, -0.1, 0), calf);
    feet.push(
      collider(R.ColliderDesc.ball(A1.footRadius).setTranslation(0, -A1.calfLength, 0), calf),
    );
    const anchors = [
      { x: hip[0]!, y: hip[1]!, z: hip[2]! },
      { x: 0, y: 0, z: -LEG_SIDE[leg]! * A1.thighOffset },
      { x: 0, y: -A1.thighLength, z: 0 },
    ];
    const chain = [trunk, hipB, thigh, calf];
    for (let j = 0; j < 3; j++) {
      const joint = world.createImpulseJoint(
        R.JointData.revolute(anchors[j]!, { x: 0, y: 0, z: 0 }, JOINT_AXES[j]!),
        chain[j]!,
        chain[j + 1]!,
        true,
      );
      joint.setContactsEnabled(false);
      const lim = A1.limits[j]!;
      (joint as unknown as { setLimits(a: number, b: number): void }).setLimits(lim[0], lim[1]);
    }
    links.push(hipB, thigh, calf);
  }
  return { trunk, links, feet, colliders };
}

function vec(a: readonly number[]) {
  return { x: a[0]!, y: a[1]!, z: a[2]! };
}

function add(a: readonly number[], b: readonly number[]): number[] {
  return [a[0]! + b[0]!, a[1]! + b[1]!, a[2]! + b[2]!];
}
