import { A1, hipInBody, LEG_SIDE } from './a1Model';
import { quatAxis, quatMul, rotate, type Quat, type Vec3 } from './quat';

/**
 * Forward kinematics of every body: given the trunk origin `pos` (world, m), its orientation
 * `rot` and the 12 joint angles q (rad), calls `visit(body, position, rotation)` for the trunk
 * (body 0) and each link (body 1 + 3·leg + joint: hip, thigh, calf), in world frame. Link frames
 * sit at their joints and equal the trunk's orientation when q = 0 (a1Model.ts conventions).
 */
export function linkPoses(
  pos: Vec3,
  rot: Quat,
  q: ArrayLike<number>,
  visit: (body: number, p: Vec3, r: Quat) => void,
): void {
  visit(0, pos, rot);
  const hip = [0, 0, 0];
  for (let leg = 0; leg < 4; leg++) {
    hipInBody(leg, hip);
    let p = add(pos, rotate(rot, { x: hip[0]!, y: hip[1]!, z: hip[2]! }));
    let r = quatMul(rot, quatAxis(1, 0, 0, q[leg * 3]!));
    visit(1 + leg * 3, p, r);
    p = add(p, rotate(r, { x: 0, y: 0, z: -LEG_SIDE[leg]! * A1.thighOffset }));
    r = quatMul(r, quatAxis(0, 0, -1, q[leg * 3 + 1]!));
    visit(2 + leg * 3, p, r);
    p = add(p, rotate(r, { x: 0, y: -A1.thighLength, z: 0 }));
    r = quatMul(r, quatAxis(0, 0, -1, q[leg * 3 + 2]!));
    visit(3 + leg * 3, p, r);
  }
}

function add(a: Vec3, b: Vec3): Vec3 {
  return { x: a.x + b.x, y: a.y + b.y, z: a.z + b.z };
}
