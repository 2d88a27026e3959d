import { describe, expect, it } from 'vitest';
import { parseUrlSettings } from './urlParams';

describe('parseUrlSettings', () => {
  it('reads seed, ep and mode from the query', () => {
    expect(parseUrlSettings('?seed=7&ep=wasm&mode=annulus&controller=arm-linoss')).toEqual({
      seed: 7,
      ep: 'wasm',
      mode: 'annulus',
      controller: 'arm-linoss',
      camera: [],
      warnings: [],
    });
  });

  it('defaults to seed 1, auto EP and center-out', () => {
    expect(parseUrlSettings('')).toEqual({
      seed: 1,
      ep: 'auto',
      mode: 'center-out',
      controller: 'arm-lru',
      camera: [],
      warnings: [],
    });
  });

  it.each([
    ['?seed=abc', 'seed=abc is not an integer in [0, 2^31); using seed 1'],
    ['?seed=', 'seed= is not an integer in [0, 2^31); using seed 1'],
    ['?seed=1.5', 'seed=1.5 is not an integer'],
    ['?seed=4294967296', 'seed=4294967296 is not an integer in [0, 2^31)'],
    ['?ep=cuda', 'ep=cuda is not one of auto, wasm, webgpu; using auto'],
    ['?mode=spiral', 'mode=spiral is not center-out or annulus; using center-out'],
    ['?controller=../x', 'controller=../x is not one of arm-transformer, arm-lru,'],
  ])('names the bad value in %s and falls back to the default', (query, warning) => {
    const s = parseUrlSettings(query);
    expect(s.warnings.join('; ')).toContain(warning);
  });
});
