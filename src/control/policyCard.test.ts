import { describe, expect, it } from 'vitest';
import { parsePolicyCard } from './policyCard';

function validCard(): Record<string, unknown> {
  const layout = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `x${i}`, scale: 1 }));
  return {
    contract: 'eigenplay-policy/v1',
    id: 'test',
    name: 'Test',
    robot: 'arm',
    family: 'ssm',
    variant: 'lru',
    obs: { dim: 3, layout: layout(3) },
    action: { dim: 2, layout: layout(2) },
    control_hz: 60,
    state_dim: 4,
    hidden_dim: 4,
    eigenvalues: [
      [0.9, 0.1],
      [0.9, -0.1],
    ],
    knobs: [{ name: 'decay_scale', default: 1, min: 0, max: 3, description: '' }],
    projection: {
      method: 'pca',
      mean: [0, 0, 0, 0],
      basis: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
      ],
    },
    training: { data: 'd', command: 'npm run train', seed: 0 },
  };
}

describe('parsePolicyCard', () => {
  it('accepts a complete v1 card', () => {
    expect(parsePolicyCard(validCard()).id).toBe('test');
  });

  it.each([
    ['contract', 'v0', /contract is "v0", expected "eigenplay-policy\/v1"/],
    ['robot', 'boat', /robot is "boat"/],
    ['state_dim', 0, /state_dim must be a positive integer, got 0/],
    ['control_hz', -5, /control_hz must be > 0, got -5/],
    ['eigenvalues', [[1]], /eigenvalues\[0\] must be \[re, im\]/],
  ])('rejects %s = %j and names the value', (key, value, message) => {
    expect(() => parsePolicyCard({ ...validCard(), [key]: value })).toThrow(message);
  });

  it('rejects a layout whose length disagrees with its dim', () => {
    const c = validCard();
    (c.obs as { dim: number }).dim = 5;
    expect(() => parsePolicyCard(c)).toThrow('obs.layout has 3 entries, obs.dim says 5');
  });

  it('rejects a projection basis of the wrong width', () => {
    const c = validCard();
    (c.projection as { basis: number[][] }).basis[1] = [1, 0];
    expect(() => parsePolicyCard(c)).toThrow('projection.basis[1] has 2 values, hidden_dim is 4');
  });

  it('rejects a knob whose default lies outside its range', () => {
    const c = validCard();
    (c.knobs as { default: number }[])[0]!.default = 7;
    expect(() => parsePolicyCard(c)).toThrow('default 7 is outside [0, 3]');
  });

  it('carries the CARD_INVALID code for the UI', () => {
    try {
      parsePolicyCard(null);
    } catch (e) {
      expect((e as { code: string }).code).toBe('CARD_INVALID');
      return;
    }
    throw new Error('expected a throw');
  });

  it('accepts a quadruped card (47 obs, 8 CPG actions at 50 Hz) with a cpg entry', () => {
    const layout = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `x${i}`, scale: 1 }));
    const card = parsePolicyCard({
      ...validCard(),
      robot: 'quadruped',
      family: 'oscillator',
      obs: { dim: 47, layout: layout(47) },
      action: { dim: 8, layout: layout(8) },
      control_hz: 50,
      eigenvalues: [],
      knobs: [],
      cpg: {
        action: 'mu, f',
        mu_range: [1, 2],
        freq_hz_range: [0, 4.5],
        gait: 'trot',
        eigenvalues: 'sim',
      },
    });
    expect(card.robot).toBe('quadruped');
    expect(card.cpg?.eigenvalues).toBe('sim');
  });

  it('rejects a malformed cpg entry and a cpg entry on an arm card', () => {
    const cpg = {
      action: 'a',
      mu_range: [1, 2],
      freq_hz_range: [0, 4.5],
      gait: 'trot',
      eigenvalues: 'sim',
    };
    expect(() =>
      parsePolicyCard({ ...validCard(), robot: 'quadruped', cpg: { ...cpg, mu_range: [2] } }),
    ).toThrow(/cpg needs mu_range/);
    expect(() =>
      parsePolicyCard({
        ...validCard(),
        robot: 'quadruped',
        cpg: { ...cpg, eigenvalues: 'model' },
      }),
    ).toThrow(/cpg.eigenvalues is "model"/);
    expect(() => parsePolicyCard({ ...validCard(), cpg })).toThrow(
      /only meaningful on a quadruped/,
    );
  });
});
