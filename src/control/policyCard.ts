import { EigenplayError } from '../lib/errors';

/**
 * The policy card (contract v1): `card.json` beside `model.onnx`, also embedded in the model's
 * metadata_props under the key `eigenplay_card`. Everything the loader, the sim and the panel need
 * to run and draw a policy without knowing how it was built.
 */
export interface LayoutEntry {
  name: string;
  unit?: string;
  /** What is subtracted from the raw quantity before scaling (documentation). */
  offset?: string;
  scale: number;
}

export interface KnobSpec {
  /** ONNX input name, a float32 tensor of shape [1]. */
  name: string;
  default: number;
  min: number;
  max: number;
  description: string;
}

export interface PolicyCard {
  contract: 'eigenplay-policy/v1';
  id: string;
  name: string;
  robot: 'arm' | 'quadruped';
  family: 'ssm' | 'transformer' | 'oscillator' | 'rnn' | 'expert';
  variant: string;
  obs: { dim: number; layout: LayoutEntry[] };
  action: { dim: number; layout: LayoutEntry[] };
  /** Control rate, Hz; the sim checks it against its own. */
  control_hz: number;
  state_dim: number;
  hidden_dim: number;
  /** Parametric discrete-time eigenvalues at the control dt and neutral knobs: [re, im] pairs. */
  eigenvalues: [number, number][];
  knobs: KnobSpec[];
  /** Panel plane: hidden ≈ mean + basis^T · (x, y). basis is 2 × hidden_dim. */
  projection: { method: string; mean: number[]; basis: [number[], number[]] };
  training: { data: string; command: string; seed: number; [k: string]: unknown };
  /**
   * Quadruped policies that act through the CPG (CpgController.setAction): what the action drives
   * and where the eigenvalues to draw come from. 'sim' = the CPG's, computed by the sim
   * (QuadSim.eigenvalues), for every such policy; the card's own `eigenvalues` are the network's
   * (LRU modes; [] for the MLP and the Transformer).
   */
  cpg?: {
    action: string;
    mu_range: [number, number];
    freq_hz_range: [number, number];
    gait: string;
    eigenvalues: 'sim';
  };
  /** Quadruped results of `npm run eval:quad -- --write` (training/evaluateQuad.ts). */
  quad_evaluation?: {
    episodes_per_cell: number;
    command: string;
    /** Share of episodes without a fall on rough terrain at QUAD_DEFAULT_DIFFICULTY. */
    survival_rough_default: number | null;
    cells: {
      terrain: string;
      difficulty: number;
      episodes: number;
      distance_m: number;
      mean_speed_mps: number;
      falls_per_min: number;
      survival_rate: number;
      [k: string]: unknown;
    }[];
    [k: string]: unknown;
  };
  evaluation?: {
    episodes: number;
    success_rate: number;
    median_movement_time_s: number;
    command: string;
    [k: string]: unknown;
  };
}

const FAMILIES = ['ssm', 'transformer', 'oscillator', 'rnn', 'expert'];

/**
 * Parses and checks a card. Throws CARD_INVALID naming the field, the value found and what was
 * expected; never returns a half-valid card.
 */
export function parsePolicyCard(json: unknown): PolicyCard {
  const fail = (msg: string): never => {
    throw new EigenplayError('CARD_INVALID', `[policy] card: ${msg}`);
  };
  if (typeof json !== 'object' || json === null)
    return fail(`expected a JSON object, got ${typeof json}`);
  const c = json as Record<string, unknown>;
  if (c.contract !== 'eigenplay-policy/v1')
    fail(`contract is ${JSON.stringify(c.contract)}, expected "eigenplay-policy/v1"`);
  for (const k of ['id', 'name', 'variant'] as const)
    if (typeof c[k] !== 'string' || c[k] === '')
      fail(`${k} must be a non-empty string, got ${JSON.stringify(c[k])}`);
  if (c.robot !== 'arm' && c.robot !== 'quadruped')
    fail(`robot is ${JSON.stringify(c.robot)}, expected "arm" or "quadruped"`);
  if (!FAMILIES.includes(c.family as string))
    fail(`family is ${JSON.stringify(c.family)}, expected one of ${FAMILIES.join(', ')}`);
  const posInt = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
      fail(`${what} must be a positive integer, got ${JSON.stringify(v)}`);
    return v as number;
  };
  for (const part of ['obs', 'action'] as const) {
    const p = c[part] as { dim?: unknown; layout?: unknown } | undefined;
    if (!p || typeof p !== 'object') fail(`${part} is missing`);
    const dim = posInt(p!.dim, `${part}.dim`);
    if (!Array.isArray(p!.layout)) fail(`${part}.layout must be an array`);
    const layout = p!.layout as unknown[];
    if (layout.length !== dim)
      fail(`${part}.layout has ${layout.length} entries, ${part}.dim says ${dim}`);
    layout.forEach((e, i) => {
      const en = e as Partial<LayoutEntry>;
      if (
        typeof en?.name !== 'string' ||
        typeof en.scale !== 'number' ||
        !Number.isFinite(en.scale)
      )
        fail(
          `${part}.layout[${i}] needs a string name and a finite scale, got ${JSON.stringify(e)}`,
        );
    });
  }
  if (typeof c.control_hz !== 'number' || !(c.control_hz > 0))
    fail(`control_hz must be > 0, got ${JSON.stringify(c.control_hz)}`);
  const stateDim = posInt(c.state_dim, 'state_dim');
  const hiddenDim = posInt(c.hidden_dim, 'hidden_dim');
  void stateDim;
  if (!Array.isArray(c.eigenvalues)) fail('eigenvalues must be an array of [re, im] pairs');
  (c.eigenvalues as unknown[]).forEach((e, i) => {
    if (
      !Array.isArray(e) ||
      e.length !== 2 ||
      !e.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      fail(`eigenvalues[${i}] must be [re, im], got ${JSON.stringify(e)}`);
  });
  if (!Array.isArray(c.knobs)) fail('knobs must be an array (empty if the model has none)');
  (c.knobs as KnobSpec[]).forEach((k, i) => {
    if (
      typeof k?.name !== 'string' ||
      ![k.default, k.min, k.max].every((v) => typeof v === 'number')
    )
      fail(`knobs[${i}] needs name, default, min, max; got ${JSON.stringify(k)}`);
    if (k.default < k.min || k.default > k.max)
      fail(`knobs[${i}] (${k.name}) default ${k.default} is outside [${k.min}, ${k.max}]`);
  });
  const proj = c.projection as PolicyCard['projection'] | undefined;
  if (!proj || !Array.isArray(proj.mean) || !Array.isArray(proj.basis) || proj.basis.length !== 2)
    fail('projection needs mean (hidden_dim numbers) and basis (2 rows of hidden_dim numbers)');
  if (proj!.mean.length !== hiddenDim)
    fail(`projection.mean has ${proj!.mean.length} values, hidden_dim is ${hiddenDim}`);
  proj!.basis.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== hiddenDim)
      fail(
        `projection.basis[${i}] has ${Array.isArray(row) ? row.length : 'no'} values, hidden_dim is ${hiddenDim}`,
      );
  });
  if (c.cpg !== undefined) {
    const g = c.cpg as Partial<NonNullable<PolicyCard['cpg']>> | null;
    const range = (r: unknown) =>
      Array.isArray(r) &&
      r.length === 2 &&
      typeof r[0] === 'number' &&
      typeof r[1] === 'number' &&
      r[0] < r[1];
    if (!g || typeof g !== 'object' || !range(g.mu_range) || !range(g.freq_hz_range))
      fail(`cpg needs mu_range and freq_hz_range as [lo, hi]; got ${JSON.stringify(c.cpg)}`);
    if (g!.eigenvalues !== 'sim')
      fail(`cpg.eigenvalues is ${JSON.stringify(g!.eigenvalues)}, expected "sim"`);
    if (c.robot !== 'quadruped') fail('cpg is only meaningful on a quadruped card');
  }
  const tr = c.training as Record<string, unknown> | undefined;
  if (!tr || typeof tr.command !== 'string')
    fail('training.command is missing: say how the model was made');
  return c as unknown as PolicyCard;
}
