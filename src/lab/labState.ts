/**
 * The Eigenvalue Lab's state: one table of controls (label, range, step, default, URL key), the
 * parser that reads it from a URL (bad values are named and replaced by defaults) and the writer
 * that puts it back, so the address bar is always a shareable link to what is on screen.
 */

export interface ControlSpec {
  /** URL parameter. */
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
  default: number;
  /** Digits shown in the readout. */
  digits: number;
}

const c = (
  key: string,
  label: string,
  min: number,
  max: number,
  step: number,
  def: number,
  digits = 2,
): ControlSpec => ({ key, label, min, max, step, default: def, digits });

/** Every numeric control of the lab, in page order. */
export const CONTROLS = {
  // 1. Continuous 2-D explorer (issue 6, item 1).
  re: c('re', 'Real part (Re λ): growth/decay rate', -1.5, 0.5, 0.01, -0.1),
  im: c('im', 'Imaginary part (Im λ): oscillation frequency', 0, 3, 0.05, 1.0),
  x0: c('x0', 'Initial x₀', -2, 2, 0.1, 1.5, 1),
  y0: c('y0', 'Initial y₀', -2, 2, 0.1, 0, 1),
  T: c('T', 'Simulation time', 5, 30, 1, 15, 0),
  // 2. Discrete-time explorer.
  mod: c('mod', 'Modulus |λ|', 0.8, 1.2, 0.001, 0.99, 3),
  phase: c('phase', 'Phase arg λ (rad per step)', 0, 3.14, 0.01, 0.3),
  steps: c('steps', 'Steps T', 1, 1000, 1, 100, 0),
  hz: c('hz', 'Control rate (Hz): Δt = 1/rate', 10, 500, 10, 60, 0),
  // 3. LRU ring.
  rmin: c('rmin', 'r_min', 0, 0.999, 0.001, 0.9, 3),
  rmax: c('rmax', 'r_max', 0.01, 1, 0.001, 0.999, 3),
  maxphase: c('maxphase', 'Max phase (rad)', 0, 6.28, 0.01, 6.28),
  n: c('n', 'Eigenvalues', 4, 256, 4, 64, 0),
  seed: c('seed', 'Seed', 1, 999, 1, 1, 0),
  // 4. Surgery on the playground's policy.
  rs: c('rs', '|λ| × (radius_scale)', 0.8, 1.05, 0.01, 1),
  ps: c('ps', 'arg λ × (phase_scale)', 0, 3, 0.05, 1),
} as const satisfies Record<string, ControlSpec>;

export type ControlKey = keyof typeof CONTROLS;

/** The spectrum the gradient-norm plot uses. */
export const SPECTRA = ['single', 'ring', 'policy'] as const;
export type Spectrum = (typeof SPECTRA)[number];

export type LabValues = { [K in ControlKey]: number };

export interface LabState extends LabValues {
  spectrum: Spectrum;
  /** A shipped controller id whose eigenvalues the lab shows ('' for none). */
  policy: string;
}

export function defaultLabState(): LabState {
  const v = {} as LabValues;
  for (const k of Object.keys(CONTROLS) as ControlKey[]) v[k] = CONTROLS[k].default;
  return { ...v, spectrum: 'single', policy: '' };
}

/** Snaps to the control's step grid and clamps to its range. */
export function snap(spec: ControlSpec, value: number): number {
  const k = Math.round((value - spec.min) / spec.step);
  const v = spec.min + k * spec.step;
  const digits = Math.max(0, -Math.floor(Math.log10(spec.step)) + 1);
  return Math.min(spec.max, Math.max(spec.min, Number(v.toFixed(digits))));
}

/**
 * Reads the lab state from URL search parameters. Missing keys take defaults; a bad value is
 * replaced by the default and named in `errors` ("mod is 7; pass a number in [0.8, 1.2]").
 * `knownPolicies` lists the ids `policy` may take.
 */
export function parseLabState(
  search: string | URLSearchParams,
  knownPolicies: readonly string[],
): { state: LabState; errors: string[] } {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const state = defaultLabState();
  const errors: string[] = [];
  for (const k of Object.keys(CONTROLS) as ControlKey[]) {
    const spec = CONTROLS[k];
    const raw = p.get(spec.key);
    if (raw === null) continue;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v < spec.min || v > spec.max) {
      errors.push(
        `${spec.key} is "${raw}"; pass a number in [${spec.min}, ${spec.max}] (using ${spec.default})`,
      );
      continue;
    }
    state[k] = snap(spec, v);
  }
  const spec = p.get('spectrum');
  if (spec !== null) {
    if ((SPECTRA as readonly string[]).includes(spec)) state.spectrum = spec as Spectrum;
    else errors.push(`spectrum is "${spec}"; pass one of ${SPECTRA.join(', ')} (using single)`);
  }
  const pol = p.get('policy');
  if (pol !== null && pol !== '') {
    if (knownPolicies.includes(pol)) state.policy = pol;
    else
      errors.push(
        `policy is "${pol}"; pass one of ${knownPolicies.join(', ')} (showing no policy)`,
      );
  }
  if (state.spectrum === 'policy' && !state.policy) state.spectrum = 'single';
  if (state.rmin >= state.rmax) {
    errors.push(
      `r_min ${state.rmin} is not below r_max ${state.rmax}; using ${CONTROLS.rmin.default} and ${CONTROLS.rmax.default}`,
    );
    state.rmin = CONTROLS.rmin.default;
    state.rmax = CONTROLS.rmax.default;
  }
  return { state, errors };
}

/** The URL search string for a state: only values that differ from the defaults. */
export function labSearch(state: LabState): string {
  const d = defaultLabState();
  const p = new URLSearchParams();
  for (const k of Object.keys(CONTROLS) as ControlKey[])
    if (state[k] !== d[k]) p.set(CONTROLS[k].key, String(state[k]));
  if (state.spectrum !== d.spectrum) p.set('spectrum', state.spectrum);
  if (state.policy) p.set('policy', state.policy);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Presets of the continuous explorer (issue 6, item 1). */
export const PRESETS: readonly {
  id: string;
  label: string;
  values: Partial<Pick<LabValues, 're' | 'im' | 'x0' | 'y0' | 'T'>>;
  note: string;
}[] = [
  {
    id: 'jpca',
    label: 'jPCA rotations',
    values: { re: 0, im: 1 },
    note: 'Re λ = 0: no growth, no decay. Perfect circles, the idealised rotations jPCA looks for.',
  },
  {
    id: 'cortex',
    label: 'Motor cortex sweet spot',
    values: { re: -0.05, im: 1 },
    note: 'Re λ = −0.05: a slow spiral that keeps turning for many cycles; memory without blow-up.',
  },
  {
    id: 'fast-decay',
    label: 'Fast decay',
    values: { re: -1, im: 1 },
    note: 'Re λ = −1: the state is gone within a turn; nothing to remember, nothing to rotate.',
  },
  {
    id: 'growth',
    label: 'Growth',
    values: { re: 0.2, im: 1 },
    note: 'Re λ > 0: outside the stable half-plane; the spiral grows without bound.',
  },
  {
    id: 'real',
    label: 'Purely real',
    values: { re: -0.3, im: 0 },
    note: 'Im λ = 0: no rotation; the state slides straight to the origin.',
  },
];
