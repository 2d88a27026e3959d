/**
 * The dynamics analysis library: PCA with refit continuity, eigen-decomposition with
 * deterministic conventions, jPCA and exact DMD. Pure TypeScript on ml-matrix, float64
 * throughout; no DOM, React, three or onnxruntime, so it runs in Node, tests and workers.
 *
 * **Array convention (whole library).** A matrix is an array of rows, `m[row][column]`; data
 * matrices hold one sample per row and one feature (unit, neuron, hidden dimension) per column.
 * Inputs accept any array-like rows (`number[]`, `Float64Array`, `Float32Array`); outputs are
 * plain `number[][]`. Condition/trial × time × unit data are `data[c][t][u]`. Complex vectors
 * are `{ re, im }` arrays; complex scalars are `[re, im]` pairs. See types.ts.
 *
 * Bad input throws `EigenplayError` with code `BAD_INPUT` and a message that names the value
 * and the fix. Formulas and known answers: SCIENCE.md §7 (jPCA), §8 (DMD), §9, §11.
 */
export type { ComplexVector, Rows, RowsLike, Tensor3Like } from './types';
export { pca, type PcaOptions, type PcaResult } from './pca';
export {
  alignBasis,
  basisAlignment,
  EXACT_ASSIGNMENT_MAX_K,
  type BasisAlignment,
} from './alignBasis';
export { eig, type EigOptions, type EigResult } from './eig';
export {
  complexExp,
  complexLog,
  continuousToDiscrete,
  discreteToContinuous,
  type Complex,
} from './complex';
export { fitLinear, fitSkewSymmetric } from './linearFit';
export { jpca, type JpcaOptions, type JpcaPlane, type JpcaResult } from './jpca';
export { dmd, type DmdOptions, type DmdResult } from './dmd';
export {
  parseDataCsv,
  parseDataJson,
  parseMatrixCsv,
  parseMatrixJson,
  type ParsedData,
} from './readData';
export { summariseEigenvalues, type EigenSummary } from './eigenSummary';
