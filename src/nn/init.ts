/**
 * Weight initialisers, seeded by the project's Rng so that a network built with the same seed
 * has the same weights on every backend. `orthogonal` is the scaled orthogonal init of Saxe et
 * al. (2014) that CleanRL's PPO uses (gain √2 for hidden layers, 0.01 for the policy head, 1 for
 * the value head).
 */
import { MetarenaError, Rng, show } from '../core/index.ts';

/** A `rows × cols` matrix (row-major) with orthonormal rows or columns, times `gain`. */
export function orthogonal(rows: number, cols: number, gain: number, rng: Rng): Float32Array {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `orthogonal init needs positive integer dimensions, got ${show(rows)}×${show(cols)}`, { field: 'shape' });
  }
  // Gram–Schmidt on the `small` vectors of length `big` (columns of the taller orientation)
  const big = Math.max(rows, cols);
  const small = Math.min(rows, cols);
  const q = Array.from({ length: small }, () => Float64Array.from({ length: big }, () => rng.normal()));
  for (let k = 0; k < small; k++) {
    const v = q[k];
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < big; i++) dot += v[i] * q[j][i];
      for (let i = 0; i < big; i++) v[i] -= dot * q[j][i];
    }
    let norm = 0;
    for (let i = 0; i < big; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < big; i++) v[i] /= norm;
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
  }
  return out;
}

/** Glorot (Xavier) uniform: U(±√(6 / (fanIn + fanOut))), tfjs's default for dense kernels. */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => rng.uniform(-limit, limit));
}
