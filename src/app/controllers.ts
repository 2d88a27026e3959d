/**
 * The arm controllers shipped in assets/policies/, in the order the picker shows them. Each is a
 * policy directory (model.onnx + card.json, contract v1) made by `npm run train -- FAMILY`.
 */
export interface ShippedController {
  id: string;
  /** Short label for the picker. */
  label: string;
  /** One line for the picker's tooltip: what the recurrence is. */
  blurb: string;
}

export const SHIPPED_CONTROLLERS: readonly ShippedController[] = [
  {
    id: 'arm-transformer',
    label: 'Transformer',
    blurb: 'causal attention over the last 16 ticks; its state is that window, no recurrence',
  },
  {
    id: 'arm-lru',
    label: 'LRU',
    blurb: 'linear recurrent unit: 32 fixed complex eigenvalues near the unit circle',
  },
  {
    id: 'arm-selective',
    label: 'Selective SSM',
    blurb: 'Mamba-style: input-dependent step size, eigenvalues exp(Δ_t·A) move every tick',
  },
  {
    id: 'arm-linoss',
    label: 'LinOSS',
    blurb: 'oscillatory SSM: 32 damped harmonic oscillators, implicit discretisation',
  },
];

/** The controller the demo starts with. */
export const DEFAULT_CONTROLLER = 'arm-lru';

export function isShippedController(id: string): boolean {
  return SHIPPED_CONTROLLERS.some((c) => c.id === id);
}
