import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/index.ts';
import { symmetricEigen } from '../../../src/agents/evolve/symmetric-eigen.ts';

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('A = B·diag(values)·Bᵀ with orthonormal B and ascending values, for random symmetric matrices', () => {
    const rng = new Rng(3);
    for (const n of [1, 2, 5, 12]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
      const { values, vectors: b } = symmetricEigen(a, n);
      for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let back = 0;
          let gram = 0;
          for (let k = 0; k < n; k++) {
            back += b[i * n + k] * values[k] * b[j * n + k];
            gram += b[k * n + i] * b[k * n + j];
          }
          expect(back).toBeCloseTo(a[i * n + j], 12);
          expect(gram).toBeCloseTo(i === j ? 1 : 0, 12);
        }
      }
    }
  });

  it('a known case: [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, -1)/√2 and (1, 1)/√2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(Math.abs(vectors[0] + vectors[2])).toBeLessThan(1e-14); // column 0 ∝ (1, -1)
    expect(Math.abs(vectors[1] - vectors[3])).toBeLessThan(1e-14); // column 1 ∝ (1, 1)
    expect(Math.abs(vectors[1])).toBeCloseTo(Math.SQRT1_2, 14);
  });
});
