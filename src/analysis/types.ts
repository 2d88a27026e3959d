/**
 * The array conventions shared by the whole analysis library.
 *
 * Matrices are arrays of rows: `m[i][j]` is row i, column j. Data matrices put one sample per row
 * and one feature (unit, neuron, hidden dimension) per column. Inputs accept any array-like rows
 * (plain arrays or Float64Array / Float32Array rows), so hidden-state snapshots need no copying
 * before a call; outputs are always plain `number[][]`, ready for JSON.
 */

/** An input matrix: rows of equal length, row-major (`m[row][column]`). */
export type RowsLike = readonly ArrayLike<number>[];

/** An output matrix: plain nested arrays, row-major (`m[row][column]`). */
export type Rows = number[][];

/**
 * Condition × time × unit data (trial-averaged PSTHs or hidden-state trajectories):
 * `data[c][t][u]` is unit u at time step t of condition c.
 */
export type Tensor3Like = readonly RowsLike[];

/** A complex vector stored as separate real and imaginary parts of equal length. */
export interface ComplexVector {
  re: number[];
  im: number[];
}
