/**
 * Unitree A1-like quadruped (SCIENCE.md §10.1, from the MuJoCo menagerie `a1.xml`).
 *
 * Frames. World: y up, metres. Trunk (body) frame: x forward, y up, z right, so the robot at
 * identity orientation walks along world +x. The leg kinematics (src/control/cpg/legIk.ts) use
 * the menagerie's leg frame instead (x forward, y left, z up); `legToBody` converts.
 *
 * Joint angle conventions are the menagerie's: q = (abduction, hip flexion, knee). Abduction
 * turns about the trunk's forward axis (+q swings the foot to the robot's left); hip and knee turn
 * about the robot's left axis (body -z), so +q2 swings the foot backwards and the knee is
 * negative. Home posture (0, 0.9, -1.8) puts the foot centre 0.2486 m below the hip.
 */

/** Leg order everywhere: front-right, front-left, rear-right, rear-left. */
export const LEG_NAMES = ['FR', 'FL', 'RR', 'RL'] as const;
export type LegName = (typeof LEG_NAMES)[number];

/** +1 for left legs, -1 for right legs: the sign of the leg-frame y (left) offsets. */
export const LEG_SIDE: readonly number[] = [-1, 1, -1, 1];
/** +1 for front legs, -1 for rear legs. */
export const LEG_FRONT: readonly number[] = [1, 1, -1, -1];

export const A1 = {
  trunkMass: 4.713,
  /** Trunk collision box half extents in the body frame (x, y, z), m. */
  trunkHalf: [0.1335, 0.057, 0.066] as const,
  /**
   * Trunk principal inertia in the body frame (x, y up, z right), kg m^2. Approximate: taken
   * from the menagerie's diaginertia (mapped to our axes), which SCIENCE.md does not list.
   */
  trunkInertia: [0.0158533, 0.0456542, 0.0377999] as const,
  /** Hip (abduction) joint offsets from the trunk origin: x forward, lateral half-width. */
  hipX: 0.183,
  hipLateral: 0.047,
  /** Thigh joint offset outward from the abduction joint (the IK's l1), m. */
  thighOffset: 0.08505,
  thighLength: 0.2,
  calfLength: 0.2,
  footRadius: 0.02,
  hipMass: 0.696,
  thighMass: 1.013,
  /** Calf with the foot lumped in, as in the menagerie. */
  calfMass: 0.226,
  /**
   * Link inertias (x, y up, z right about the COM), kg m^2, approximate (menagerie values).
   * Rotor armature (0.01 kg m^2 in the menagerie) is added about each link's joint axis, since
   * Rapier has no joint armature: it stiffens the light calf against our explicit PD.
   */
  hipInertia: [0.00080775, 0.00046898, 0.00055293] as const,
  thighInertia: [0.00555739, 0.00133944, 0.00513936] as const,
  calfInertia: [0.00340344, 0.0000354834, 0.00339393] as const,
  armature: 0.01,
  /** Link centres of mass in their link frames (x, y up, z right), m; lateral parts neglected. */
  thighCom: [-0.003237, -0.027326, 0] as const,
  calfCom: [0.006435, -0.107388, 0] as const,
  /** Joint limits (rad) per joint of a leg: abduction, hip, knee. */
  limits: [
    [-0.802851, 0.802851],
    [-1.0472, 4.18879],
    [-2.69653, -0.916298],
  ] as const,
  /**
   * PD gains and torque limit per joint (menagerie servo kp 100, damping 1/2/2; ±33.5 N m).
   * Not modelled: the menagerie's joint frictionloss 0.2 N m (a Coulomb term Rapier lacks).
   */
  kp: [100, 100, 100] as const,
  kd: [1, 2, 2] as const,
  torqueLimit: 33.5,
  home: [0, 0.9, -1.8] as const,
  /** Total mass, kg (SCIENCE.md: 12.453). */
  get totalMass(): number {
    return this.trunkMass + 4 * (this.hipMass + this.thighMass + this.calfMass);
  },
} as const;

/** Number of joints and of posed bodies (trunk + 3 links per leg). */
export const QUAD_JOINTS = 12;
export const QUAD_BODY_COUNT = 13;

/**
 * Axis of each joint of a leg (abduction, hip, knee) in its parent link's frame, which is also
 * the child's at q = 0: abduction about body +x, hip and knee about the robot's left (body −z).
 */
export const JOINT_AXES: readonly { x: number; y: number; z: number }[] = [
  { x: 1, y: 0, z: 0 },
  { x: 0, y: 0, z: -1 },
  { x: 0, y: 0, z: -1 },
];

/** Hip (abduction joint) position of leg i in the body frame, written to out (x, y, z). */
export function hipInBody(leg: number, out: Float64Array | number[]): void {
  out[0] = LEG_FRONT[leg]! * A1.hipX;
  out[1] = 0;
  out[2] = -LEG_SIDE[leg]! * A1.hipLateral;
}

/** Leg frame (x forward, y left, z up) to body frame (x forward, y up, z right), in place ok. */
export function legToBody(x: number, y: number, z: number, out: Float64Array | number[]): void {
  out[0] = x;
  out[1] = z;
  out[2] = -y;
}
