import { describe, expect, it } from 'vitest';
import {
  cameraAt,
  cameraFromParam,
  cameraToParam,
  parseScenario,
  scenarioJson,
  type QuadScenario,
  type Scenario,
} from './scenario';
import { parseUrlSettings } from '../app/urlParams';

const IDS = ['arm-lru', 'arm-linoss'];
const base: Scenario = {
  format: 'eigenplay-scenario/v1',
  robot: 'arm',
  controller: 'arm-linoss',
  seed: 7,
  mode: 'annulus',
  camera: [
    { t: 0, position: [0.14, 1.22, 0.98], target: [0.1, 0.9, -0.3] },
    { t: 2.5, position: [0.8, 0.9, 0.6], target: [0.1, 0.9, -0.3] },
  ],
};

describe('scenario files', () => {
  it('round-trip through JSON', () => {
    expect(parseScenario(JSON.parse(scenarioJson(base)), IDS)).toEqual(base);
  });

  it.each([
    [{ ...base, format: 'x' }, /format must be "eigenplay-scenario\/v1", got "x"/],
    [
      { ...base, robot: 'quadruped' },
      /robot "quadruped" is not available; this playground has "arm"/,
    ],
    [
      { ...base, controller: 'arm-gru' },
      /controller "arm-gru" is not shipped; pass one of arm-lru, arm-linoss/,
    ],
    [{ ...base, seed: 1.5 }, /seed must be an integer in \[0, 2³¹ − 1\], got 1.5/],
    [{ ...base, mode: 'spiral' }, /mode must be "center-out" or "annulus", got "spiral"/],
    [{ ...base, terrain: { kind: 'hills' } }, /terrain is set, but the arm has no terrain/],
    [
      {
        ...base,
        camera: [
          { t: 1, position: [0, 0, 0], target: [0, 0, 0] },
          { t: 1, position: [0, 0, 0], target: [0, 0, 0] },
        ],
      },
      /camera keyframe times must increase: camera\[1\].t = 1 after 1/,
    ],
    [
      { ...base, camera: [{ t: 0, position: [0, 'a', 0], target: [0, 0, 0] }] },
      /camera\[0\].position must be \[x, y, z\]/,
    ],
    [[1, 2], /a scenario file is a JSON object/],
  ])('refuses %j by name', (json, msg) => {
    expect(() => parseScenario(json, IDS)).toThrow(msg);
  });
});

describe('camera path', () => {
  it('round-trips through the URL parameter at 0.1 mm', () => {
    const back = cameraFromParam(cameraToParam(base.camera));
    expect(back).toEqual(base.camera);
    expect(
      parseUrlSettings(`?cam=${encodeURIComponent(cameraToParam(base.camera))}`).camera,
    ).toEqual(base.camera);
  });

  it('names a bad URL keyframe and keeps running without a path', () => {
    const s = parseUrlSettings('?cam=0,1,2');
    expect(s.camera).toEqual([]);
    expect(s.warnings[0]).toMatch(
      /cam keyframe 1 is "0,1,2"; pass t,x,y,z,tx,ty,tz \(7 numbers\); using no camera path/,
    );
  });

  it('holds the ends, eases between keys and passes through them exactly', () => {
    const k = base.camera;
    expect(cameraAt([], 1)).toBeUndefined();
    expect(cameraAt(k, -1)!.position).toEqual(k[0]!.position);
    expect(cameraAt(k, 9)!.position).toEqual(k[1]!.position);
    expect(cameraAt(k, 2.5)!.position).toEqual(k[1]!.position);
    const mid = cameraAt(k, 1.25)!.position;
    for (let i = 0; i < 3; i++)
      expect(mid[i]).toBeCloseTo((k[0]!.position[i]! + k[1]!.position[i]!) / 2, 12);
    // Smoothstep: zero velocity at the keys (a small step moves much less than linearly).
    const near = cameraAt(k, 0.01)!.position[0];
    expect(Math.abs(near - k[0]!.position[0])).toBeLessThan(
      0.1 * (0.01 / 2.5) * Math.abs(k[1]!.position[0] - k[0]!.position[0]) + 1e-12,
    );
  });
});

const QUAD_IDS = [...IDS, 'quad-cpg-expert'];
const quad: QuadScenario = {
  format: 'eigenplay-scenario/v1',
  robot: 'quadruped',
  controller: 'quad-cpg-expert',
  seed: 3,
  terrain: {
    kind: 'rough',
    difficulty: 0.15,
    seed: 9,
    sizeX: 28,
    sizeZ: 10,
    cell: 0.05,
    originX: -4,
  },
  gait: 'walk',
  command: { vx: 0.5, yawRate: -0.2 },
  friction: 0.6,
  payload: 2,
  perturbations: [
    { t: 3, kind: 'push', impulse: [0, 0, 8] },
    { t: 8, kind: 'push', impulse: [-8, 0, 0] },
  ],
  camera: [],
};

describe('quadruped scenario files', () => {
  it('round-trip through JSON with terrain, gait, command and the perturbation timeline', () => {
    expect(parseScenario(JSON.parse(scenarioJson(quad)), QUAD_IDS)).toEqual(quad);
  });

  it('come back with the timeline sorted and the terrain filled with its defaults', () => {
    const { sizeX: _x, sizeZ: _z, cell: _c, originX: _o, ...spec } = quad.terrain;
    const s = parseScenario(
      { ...quad, terrain: spec, perturbations: [...quad.perturbations].reverse() },
      QUAD_IDS,
    ) as QuadScenario;
    expect(s.perturbations).toEqual(quad.perturbations);
    expect(s.terrain).toEqual({ ...spec, sizeX: 16, sizeZ: 8, cell: 0.05, originX: -4 });
  });

  it('are available only where a quadruped controller is', () => {
    expect(() => parseScenario(quad, IDS)).toThrow(
      /robot "quadruped" is not available; this playground has "arm"/,
    );
    expect(() => parseScenario({ ...quad, controller: 'arm-lru' }, QUAD_IDS)).toThrow(
      /controller "arm-lru" is not shipped; pass one of quad-cpg-expert/,
    );
    expect(() => parseScenario({ ...base, controller: 'quad-cpg-expert' }, QUAD_IDS)).toThrow(
      /controller "quad-cpg-expert" is not shipped; pass one of arm-lru, arm-linoss/,
    );
  });

  it.each([
    [{ mode: 'annulus' }, /mode is set, but the quadruped has no target mode/],
    [{ terrain: { ...quad.terrain, kind: 'lava' } }, /\[scenario\] terrain: unknown kind 'lava'/],
    [{ terrain: { ...quad.terrain, difficulty: 2 } }, /terrain: difficulty 2 is outside \[0, 1\]/],
    [{ terrain: { ...quad.terrain, seed: 'a' } }, /terrain.seed must be an integer, got "a"/],
    [{ gait: 'gallop' }, /gait must be one of trot, pace, bound, walk, pronk, got "gallop"/],
    [{ command: { vx: 5, yawRate: 0 } }, /command vx must be 0-1.2 m\/s, got 5/],
    [{ friction: -1 }, /friction must be 0-2, got -1/],
    [{ payload: 'heavy' }, /payload must be 0-10 kg, got "heavy"/],
    [
      { perturbations: [{ t: 1, kind: 'push', impulse: [0, 0, 'x'] }] },
      /\[scenario\] perturbations\[0\].impulse must be \[x, y, z\] in N s/,
    ],
  ])('refuse %j by name', (patch, msg) => {
    expect(() => parseScenario({ ...quad, ...patch }, QUAD_IDS)).toThrow(msg);
  });
});
