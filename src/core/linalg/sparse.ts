/**
 * Sparse matrices in compressed sparse row (CSR) form, float64 and free of tfjs: the type, a
 * seeded random matrix with an exact number of non-zero entries (as `scipy.sparse.random`:
 * round(density·rows·cols) distinct positions, the count rounded half to even as Python's
 * `round`), and conversions from and to dense row-major arrays. Used for an echo state
 * network's weights, whose products with a vector cost O(non-zero entries).
 */
import { MetarenaError } from '../errors.ts';
import type { Rng } from '../rng.ts';

/** A sparse matrix in compressed sparse row form. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Row i's entries are `values[rowStart[i]..rowStart[i+1])` in columns `colIndex[...]`. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
}

/** Rounds to the nearest integer, ties to even, as Python's `round` (which scipy's count uses). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * A `rows`×`cols` matrix with exactly round(density·rows·cols) non-zero entries at uniformly
 * drawn distinct positions (Floyd's sampling), each `draw()`n in row-major order.
 */
export function randomSparse(rows: number, cols: number, density: number, rng: Rng, draw: () => number): CsrMatrix {
  const total = rows * cols;
  const k = Math.min(total, roundHalfEven(density * total));
  const chosen = new Set<number>();
  for (let j = total - k; j < total; j++) {
    const t = Math.floor(rng.random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  const flat = Float64Array.from(chosen).sort();
  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(k);
  const values = new Float64Array(k);
  for (let e = 0; e < k; e++) {
    const row = Math.floor(flat[e] / cols);
    rowStart[row + 1]++;
    colIndex[e] = flat[e] - row * cols;
    values[e] = draw();
  }
  for (let i = 0; i < rows; i++) rowStart[i + 1] += rowStart[i];
  return { rows, cols, rowStart, colIndex, values };
}

/** A CSR matrix from a dense row-major one (zeros left out). */
export function csrFromDense(dense: ArrayLike<number>, rows: number, cols: number): CsrMatrix {
  if (dense.length !== rows * cols) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `expected ${rows}x${cols} = ${rows * cols} entries, got ${dense.length}`, { field: 'matrix' });
  const rowStart = new Int32Array(rows + 1);
  const cols_: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = dense[i * cols + j];
      if (v !== 0) {
        cols_.push(j);
        vals.push(v);
      }
    }
    rowStart[i + 1] = vals.length;
  }
  return { rows, cols, rowStart, colIndex: Int32Array.from(cols_), values: Float64Array.from(vals) };
}

/** The dense row-major form of a CSR matrix. */
export function csrToDense(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) for (let e = m.rowStart[i]; e < m.rowStart[i + 1]; e++) out[i * m.cols + m.colIndex[e]] = m.values[e];
  return out;
}
