/**
 * Dynamics analysis of your own data from the command line; prints JSON to stdout.
 *
 *   npm run analyze -- jpca FILE [--dt 0.01] [--k 6] [--soft-norm 5 | --soft-norm off]
 *                                [--no-mean-subtract] [--time-range START:END] [--no-align]
 *   npm run analyze -- dmd  FILE [--dt 0.01] [--rank R | --energy 0.99] [--subtract-mean]
 *   npm run analyze -- eig  FILE [--tol 1e-10]
 *   add --pretty to indent the JSON.
 *
 * FILE for jpca and dmd, conditions (trials) × time × units:
 *   .json  [[[u0, u1, …], …], …]  or  {"data": [[[…]]], "dt": 0.01}
 *   .csv   rows condition,time,unit_0,…,unit_{n-1}; optional header; time only orders rows
 * FILE for eig, a square matrix: .json [[a, b], [c, d]] or {"matrix": …}; .csv one row a line.
 * The time step comes from --dt, else the JSON "dt", else 0.01 s (with a note on stderr).
 * Eigenvalues print as [re, im] pairs, complex vectors as arrays of [re, im].
 * Exit status: 0 done, 1 bad data (the message names the value), 2 bad command line.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  dmd,
  eig,
  jpca,
  parseDataCsv,
  parseDataJson,
  parseMatrixCsv,
  parseMatrixJson,
  type ComplexVector,
  type ParsedData,
} from '../src/analysis';
import { isEigenplayError } from '../src/lib/errors';

const USAGE = `usage:
  npm run analyze -- jpca FILE [--dt 0.01] [--k 6] [--soft-norm 5|off] [--no-mean-subtract]
                               [--time-range START:END] [--no-align] [--pretty]
  npm run analyze -- dmd  FILE [--dt 0.01] [--rank R | --energy 0.99] [--subtract-mean] [--pretty]
  npm run analyze -- eig  FILE [--tol 1e-10] [--pretty]
FILE: .json (conditions × time × units, or {"data": …, "dt": …}) or .csv (condition,time,unit_0,…)`;

const DEFAULT_DT = 0.01;

class UsageError extends Error {}

const { values: opt, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        dt: { type: 'string' },
        k: { type: 'string' },
        'soft-norm': { type: 'string' },
        'no-mean-subtract': { type: 'boolean', default: false },
        'time-range': { type: 'string' },
        'no-align': { type: 'boolean', default: false },
        rank: { type: 'string' },
        energy: { type: 'string' },
        'subtract-mean': { type: 'boolean', default: false },
        tol: { type: 'string' },
        pretty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(2, `${(e as Error).message}\n${USAGE}`);
  }
})();

function fail(code: number, message: string): never {
  process.stderr.write(`analyze: ${message}\n`);
  process.exit(code);
}

/** A numeric flag, or undefined when absent; `example` shows a valid value in the error. */
function numberFlag(name: string, example: string): number | undefined {
  const raw = opt[name as keyof typeof opt];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(v)) {
    throw new UsageError(`--${name} is "${String(raw)}"; pass a number, e.g. --${name} ${example}`);
  }
  return v;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file} (${(e as Error).message})`);
  }
}

function isCsv(file: string, text: string): boolean {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return true;
  if (ext === '.json') return false;
  return !/^\s*[[{]/.test(text);
}

function readData(file: string): ParsedData {
  const text = readText(file);
  return isCsv(file, text) ? parseDataCsv(text, file) : parseDataJson(text, file);
}

function timeStep(parsed: ParsedData): { dt: number; dtSource: 'flag' | 'file' | 'default' } {
  const flag = numberFlag('dt', '0.01');
  if (flag !== undefined) return { dt: flag, dtSource: 'flag' };
  if (parsed.dt !== undefined) return { dt: parsed.dt, dtSource: 'file' };
  process.stderr.write(`analyze: no --dt and no "dt" in the file; using ${DEFAULT_DT} s\n`);
  return { dt: DEFAULT_DT, dtSource: 'default' };
}

const pairs = (re: number[], im: number[]): [number, number][] => re.map((r, i) => [r, im[i]!]);
const complexVector = (v: ComplexVector): [number, number][] => pairs(v.re, v.im);

function runJpca(file: string): unknown {
  const parsed = readData(file);
  const { dt, dtSource } = timeStep(parsed);
  const softRaw = opt['soft-norm'];
  const softNorm =
    softRaw === 'off' || softRaw === 'false' ? false : (numberFlag('soft-norm', '5') ?? 5);
  let timeRange: [number, number] | undefined;
  if (opt['time-range'] !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(opt['time-range'].trim());
    if (!m) {
      throw new UsageError(
        `--time-range is "${opt['time-range']}"; pass step indices START:END (END exclusive), e.g. --time-range 10:30`,
      );
    }
    timeRange = [Number(m[1]), Number(m[2])];
  }
  const meanSubtract = !opt['no-mean-subtract'];
  const r = jpca(parsed.data, {
    dt,
    k: numberFlag('k', '6'),
    softNorm,
    meanSubtract,
    timeRange,
    alignToPreparatory: !opt['no-align'],
  });
  const skew = eig(r.mSkew);
  return {
    command: 'jpca',
    file,
    dt,
    dtSource,
    k: r.mSkew.length,
    softNorm,
    meanSubtract,
    timeRange: r.preprocess.timeRange,
    conditions: parsed.labels ?? parsed.data.map((_, c) => String(c)),
    r2: { skewKD: r.r2SkewKD, bestKD: r.r2BestKD, ratio: r.r2Ratio },
    eigenvalues: pairs(skew.re, skew.im),
    planes: r.planes.map((p) => ({
      eigenvalue: p.eigenvalue,
      frequencyHz: p.frequencyHz,
      r2Skew: p.r2Skew,
      r2Best: p.r2Best,
      varianceCaptured: p.varianceCaptured,
      varianceCapturedPerAxis: p.varianceCapturedPerAxis,
      axes: p.axes,
      projections: p.projections,
    })),
    mSkew: r.mSkew,
    mBest: r.mBest,
    pca: {
      explainedVarianceRatio: r.pca.explainedVarianceRatio,
      components: r.pca.components,
      mean: r.pca.mean,
    },
    preprocess: { scale: r.preprocess.scale, meanSubtracted: r.preprocess.conditionMean !== null },
    warnings: r.warnings,
  };
}

function runDmd(file: string): unknown {
  const parsed = readData(file);
  const { dt, dtSource } = timeStep(parsed);
  const r = dmd(parsed.data, {
    dt,
    rank: numberFlag('rank', '4'),
    energy: numberFlag('energy', '0.99'),
    subtractMean: opt['subtract-mean'],
  });
  return {
    command: 'dmd',
    file,
    dt,
    dtSource,
    trials: parsed.labels ?? parsed.data.map((_, c) => String(c)),
    rank: r.rank,
    singularValues: r.singularValues,
    eigenvalues: pairs(r.eigenvalues.re, r.eigenvalues.im),
    continuousEigenvalues: pairs(r.continuousEigenvalues.re, r.continuousEigenvalues.im),
    frequencyHz: r.continuousEigenvalues.im.map((w) => w / (2 * Math.PI)),
    growthRatePerSecond: r.continuousEigenvalues.re,
    modes: r.modes.map(complexVector),
    amplitudes: r.amplitudes.map(complexVector),
    reducedOperator: r.reducedOperator,
    mean: r.mean,
  };
}

function runEig(file: string): unknown {
  const text = readText(file);
  const A = isCsv(file, text) ? parseMatrixCsv(text, file) : parseMatrixJson(text, file);
  const r = eig(A, { tol: numberFlag('tol', '1e-10') });
  return {
    command: 'eig',
    file,
    eigenvalues: pairs(r.re, r.im),
    eigenvectors: r.vectors.map(complexVector),
  };
}

if (opt.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [command, file, ...extra] = positionals;
if (!command || !file || extra.length > 0) {
  fail(
    2,
    `${extra.length > 0 ? `unexpected argument "${extra[0]}"` : 'missing COMMAND or FILE'}\n${USAGE}`,
  );
}
const commands: Record<string, (file: string) => unknown> = {
  jpca: runJpca,
  dmd: runDmd,
  eig: runEig,
};
const run = commands[command];
if (!run) fail(2, `unknown command "${command}"; use jpca, dmd or eig\n${USAGE}`);
try {
  const out = run(file);
  process.stdout.write(`${JSON.stringify(out, null, opt.pretty ? 2 : undefined)}\n`);
} catch (e) {
  if (e instanceof UsageError) fail(2, e.message);
  if (isEigenplayError(e)) fail(1, e.message);
  throw e;
}
