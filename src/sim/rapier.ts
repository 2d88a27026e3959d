import RAPIER from '@dimforge/rapier3d-compat';

/**
 * Rapier, loaded once. The -compat build inlines its wasm, so the same import works in Node
 * (tests, training data collection) and in the browser worker.
 */
let ready: Promise<typeof RAPIER> | undefined;

export function loadRapier(): Promise<typeof RAPIER> {
  ready ??= RAPIER.init().then(() => RAPIER);
  return ready;
}

export type Rapier = typeof RAPIER;
