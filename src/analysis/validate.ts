import { EigenplayError } from '../lib/errors';
import type { RowsLike, Tensor3Like } from './types';

/**
 * Boundary checks for the analysis library. Every message names the offending value and says
 * what would fix it; all errors are `EigenplayError('BAD_INPUT', '[analysis] …')`.
 */

/** A BAD_INPUT error with the library's prefix. */
export function badInput(message: string): EigenplayError {
  return new EigenplayError('BAD_INPUT', `[analysis] ${message}`);
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return typeof v;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return (
    Array.isArray(v) ||
    ArrayBuffer.isView(v) ||
    (typeof v === 'object' && v !== null && typeof (v as { length?: unknown }).length === 'number')
  );
}

/** Throws unless `v` is a finite number; `where` names it, e.g. "data[0][3][2]". */
export function checkFinite(where: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw badInput(`${where} is ${describe(v)}; every value must be a finite number`);
  }
}

/** Throws unless `v` is a finite number > 0 (e.g. a time step in seconds). */
export function checkPositive(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw badInput(`${name} is ${describe(v)}; it must be a finite number greater than 0`);
  }
}

/** Throws unless `v` is an integer in [min, max]; `hint` is appended to say why the bound holds. */
export function checkInteger(
  name: string,
  v: unknown,
  min: number,
  max = Infinity,
  hint = '',
): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw badInput(`${name} is ${describe(v)}; it must be an integer ${range}${hint}`);
  }
}

/**
 * Checks a matrix given as rows: at least one row, every row the same non-zero length, every
 * value finite. Returns its shape.
 */
export function checkMatrix(name: string, m: RowsLike): { rows: number; cols: number } {
  if (!isArrayLike(m)) throw badInput(`${name} is ${describe(m)}; pass an array of rows`);
  if (m.length === 0) throw badInput(`${name} has no rows; pass at least one row`);
  const first = m[0];
  if (!isArrayLike(first)) {
    throw badInput(`${name}[0] is ${describe(first)}; each row must be an array of numbers`);
  }
  const cols = first.length;
  if (cols === 0) throw badInput(`${name}[0] is empty; each row needs at least one value`);
  for (let i = 0; i < m.length; i++) {
    const row = m[i];
    if (!isArrayLike(row)) {
      throw badInput(`${name}[${i}] is ${describe(row)}; each row must be an array of numbers`);
    }
    if (row.length !== cols) {
      throw badInput(
        `${name}[${i}] has ${row.length} columns, ${name}[0] has ${cols}; every row needs the same length`,
      );
    }
    for (let j = 0; j < cols; j++) checkFinite(`${name}[${i}][${j}]`, row[j]);
  }
  return { rows: m.length, cols };
}

/** Shape of checked condition × time × unit data; `steps[c]` is the length of condition c. */
export interface Tensor3Shape {
  groups: number;
  steps: number[];
  units: number;
}

/**
 * Checks `data[c][t][u]` (conditions or trials × time × units): at least one group, every time
 * step the same number of units, every value finite, each group at least `minSteps` long, and,
 * with `sameLength`, all groups equally long. `what` names a group in messages ("condition",
 * "trial").
 */
export function checkTensor3(
  name: string,
  data: Tensor3Like,
  what: string,
  opts: { sameLength: boolean; minSteps: number },
): Tensor3Shape {
  if (!isArrayLike(data))
    throw badInput(`${name} is ${describe(data)}; pass ${what}s × time × units`);
  if (data.length === 0) throw badInput(`${name} has no ${what}s; pass at least one`);
  const steps: number[] = [];
  let units = -1;
  for (let c = 0; c < data.length; c++) {
    const g = data[c];
    if (!isArrayLike(g)) {
      throw badInput(`${name}[${c}] (${what} ${c}) is ${describe(g)}; pass time × units rows`);
    }
    if (g.length < opts.minSteps) {
      throw badInput(
        `${what} ${c} has ${g.length} time steps; each ${what} needs at least ${opts.minSteps}`,
      );
    }
    if (opts.sameLength && c > 0 && g.length !== steps[0]) {
      throw badInput(
        `${what}s have different lengths: ${what} ${c} has ${g.length} time steps, ${what} 0 has ${steps[0]}; trim or pad them to one length`,
      );
    }
    steps.push(g.length);
    for (let t = 0; t < g.length; t++) {
      const row = g[t];
      if (!isArrayLike(row)) {
        throw badInput(
          `${name}[${c}][${t}] is ${describe(row)}; each time step is an array of units`,
        );
      }
      if (units < 0) {
        units = row.length;
        if (units === 0) throw badInput(`${name}[${c}][${t}] has no units; pass at least one`);
      } else if (row.length !== units) {
        throw badInput(
          `${what} ${c}, time ${t} has ${row.length} units, ${what} 0, time 0 has ${units}; every time step needs the same units`,
        );
      }
      for (let u = 0; u < units; u++) checkFinite(`${name}[${c}][${t}][${u}]`, row[u]);
    }
  }
  return { groups: data.length, steps, units };
}
