import type { Rows } from './types';
import { badInput, checkPositive } from './validate';

/**
 * Text formats for the analysis CLI (scripts/analyze.ts), kept here so they are pure and
 * tested. Parsing checks the syntax; shapes are checked by the analysis functions themselves.
 */

/** Condition (or trial) × time × unit data read from a file. */
export interface ParsedData {
  /** `data[c][t][u]`. */
  data: number[][][];
  /** Time step from a JSON file's `"dt"` field, s; undefined when absent. */
  dt?: number;
  /** Condition labels in order of first appearance (CSV only). */
  labels?: string[];
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badInput(`${source} is not valid JSON (${(e as Error).message})`);
  }
}

/**
 * JSON data: either the nested array itself, `[[[u0, u1, …], …], …]` (conditions × time ×
 * units), or an object `{ "data": <that array>, "dt": <seconds, optional> }`.
 *
 * @param text file contents. @param source file name for messages.
 */
export function parseDataJson(text: string, source = 'input'): ParsedData {
  const v = parseJson(text, source);
  if (Array.isArray(v)) return { data: v as number[][][] };
  if (typeof v === 'object' && v !== null && 'data' in v) {
    const o = v as { data: unknown; dt?: unknown };
    if (!Array.isArray(o.data)) {
      throw badInput(`${source}: "data" is not an array; it must be conditions × time × units`);
    }
    if (o.dt !== undefined) checkPositive(`${source}: "dt"`, o.dt);
    return { data: o.data as number[][][], dt: o.dt as number | undefined };
  }
  throw badInput(
    `${source} holds neither an array nor an object with "data"; pass [[[...]]] or {"data": [[[...]]], "dt": 0.01}`,
  );
}

interface CsvLine {
  line: number;
  fields: string[];
}

function csvLines(text: string): CsvLine[] {
  const out: CsvLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (s === '' || s.startsWith('#')) return;
    out.push({ line: i + 1, fields: s.split(',').map((f) => f.trim()) });
  });
  return out;
}

function toNumber(source: string, l: CsvLine, col: number, what: string): number {
  const f = l.fields[col]!;
  const v = f === '' ? NaN : Number(f);
  if (!Number.isFinite(v)) {
    throw badInput(
      `${source} line ${l.line}, column ${col + 1} (${what}) is "${f}"; it must be a finite number`,
    );
  }
  return v;
}

/**
 * CSV data in long format, one row per condition and time step:
 * `condition,time,unit_0,unit_1,…,unit_{n−1}`. An optional header line (recognised by a
 * non-numeric time field) and lines starting with `#` are skipped. `condition` is any label;
 * conditions keep the order in which they first appear. Rows of a condition are sorted by
 * `time`, which is used only for ordering (pass the step with `--dt`).
 *
 * @param text file contents. @param source file name for messages.
 */
export function parseDataCsv(text: string, source = 'input'): ParsedData {
  let lines = csvLines(text);
  if (lines.length > 0 && !Number.isFinite(Number(lines[0]!.fields[1] ?? '')))
    lines = lines.slice(1);
  if (lines.length === 0) throw badInput(`${source} has no data rows`);
  const width = lines[0]!.fields.length;
  if (width < 3) {
    throw badInput(
      `${source} line ${lines[0]!.line} has ${width} fields; rows are condition,time,unit_0,…,unit_{n-1}`,
    );
  }
  const groups = new Map<string, { time: number; line: number; values: number[] }[]>();
  for (const l of lines) {
    if (l.fields.length !== width) {
      throw badInput(
        `${source} line ${l.line} has ${l.fields.length} fields, line ${lines[0]!.line} has ${width}; every row needs the same units`,
      );
    }
    const label = l.fields[0]!;
    const time = toNumber(source, l, 1, 'time');
    const values = l.fields.slice(2).map((_, j) => toNumber(source, l, j + 2, `unit_${j}`));
    const g = groups.get(label) ?? [];
    g.push({ time, line: l.line, values });
    groups.set(label, g);
  }
  const data: number[][][] = [];
  for (const [label, rows] of groups) {
    rows.sort((a, b) => a.time - b.time);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.time === rows[i - 1]!.time) {
        throw badInput(
          `${source}: condition "${label}" has two rows at time ${rows[i]!.time} (lines ${rows[i - 1]!.line} and ${rows[i]!.line}); keep one`,
        );
      }
    }
    data.push(rows.map((r) => r.values));
  }
  return { data, labels: [...groups.keys()] };
}

/** JSON matrix for `eig`: `[[a, b], [c, d]]` (rows) or `{ "matrix": [[…], …] }`. */
export function parseMatrixJson(text: string, source = 'input'): Rows {
  const v = parseJson(text, source);
  if (Array.isArray(v)) return v as Rows;
  if (typeof v === 'object' && v !== null && Array.isArray((v as { matrix?: unknown }).matrix)) {
    return (v as { matrix: Rows }).matrix;
  }
  throw badInput(`${source} holds neither an array of rows nor {"matrix": [[...]]}`);
}

/** CSV matrix for `eig`: one row of comma-separated numbers per line, no header. */
export function parseMatrixCsv(text: string, source = 'input'): Rows {
  const lines = csvLines(text);
  if (lines.length === 0) throw badInput(`${source} has no rows`);
  return lines.map((l) => l.fields.map((_, j) => toNumber(source, l, j, 'matrix entry')));
}
