import { describe, expect, it } from 'vitest';
import { Rng, eigenvalues, spectralRadius, symmetricEigen } from '../../../src/core/index.ts';

describe('eigenvalues (Hessenberg + Francis QR)', () => {
  it('finds known spectra: a rotation (a complex pair), a diagonal, a companion matrix', () => {
    expect(spectralRadius([0, -2, 2, 0], 2)).toBeCloseTo(2, 12);
    expect(spectralRadius([2, 0, 0, 0, 3, 0, 0, 0, -5], 3)).toBeCloseTo(5, 12);
    // x^4 - 2x^3 - 13x^2 + 38x - 24 = (x - 1)(x - 2)(x - 3)(x + 4)
    const { re, im } = eigenvalues([2, 13, -38, 24, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], 4);
    expect(Array.from(re).sort((a, b) => a - b).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([-4, 1, 2, 3]);
    expect(Array.from(im).every((v) => Math.abs(v) < 1e-9)).toBe(true);
  });

  it('the eigenvalues of a random matrix satisfy the trace identities sum(λ^k) = tr(A^k), k = 1..n (which fix the spectrum)', () => {
    const n = 7;
    const rng = new Rng(5);
    const a = Float64Array.from({ length: n * n }, () => rng.normal());
    const { re, im } = eigenvalues(a, n);
    let power = Float64Array.from(a);
    for (let k = 1; k <= n; k++) {
      let trace = 0;
      for (let i = 0; i < n; i++) trace += power[i * n + i];
      let sumRe = 0;
      let sumIm = 0;
      for (let i = 0; i < n; i++) {
        const r = Math.hypot(re[i], im[i]) ** k;
        const angle = Math.atan2(im[i], re[i]) * k;
        sumRe += r * Math.cos(angle);
        sumIm += r * Math.sin(angle);
      }
      expect(sumRe, `k = ${k}`).toBeCloseTo(trace, 6);
      expect(Math.abs(sumIm)).toBeLessThan(1e-6 * Math.max(1, Math.abs(trace)));
      const next = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) next[i * n + j] += power[i * n + l] * a[l * n + j];
      power = next;
    }
  });
});

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
