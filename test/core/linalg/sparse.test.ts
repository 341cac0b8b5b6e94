import { describe, expect, it } from 'vitest';
import { Rng, csrFromDense, csrToDense, randomSparse } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

describe('CSR matrices', () => {
  it('csrFromDense keeps the non-zero entries by rows; csrToDense gives the dense matrix back', () => {
    const dense = [0, 2, 0, -1, 0, 0, 0, 0, 3, 0, 0, 4];
    const m = csrFromDense(dense, 3, 4);
    expect([m.rows, m.cols]).toEqual([3, 4]);
    expect(Array.from(m.rowStart)).toEqual([0, 2, 2, 4]);
    expect(Array.from(m.colIndex)).toEqual([1, 3, 0, 3]);
    expect(Array.from(m.values)).toEqual([2, -1, 3, 4]);
    expect(Array.from(csrToDense(m))).toEqual(dense);
    const e = thrown(() => csrFromDense([1, 2, 3], 2, 2));
    expect([e.code, e.details.field]).toEqual(['METARENA_INVALID_ARGUMENT', 'matrix']);
  });

  it('randomSparse has exactly round(density·rows·cols) entries, the count rounded half to even', () => {
    const count = (rows: number, cols: number, density: number) => randomSparse(rows, cols, density, new Rng(1), () => 1).values.length;
    expect(count(2, 5, 0.25)).toBe(2); // 2.5
    expect(count(2, 7, 0.25)).toBe(4); // 3.5
    expect(count(1, 3, 0.5)).toBe(2); // 1.5
    expect(count(4, 4, 0.1)).toBe(2); // 1.6
    expect(count(3, 3, 1)).toBe(9);
  });

  it('randomSparse: distinct positions in row order, values drawn in that order, seeded', () => {
    let next = 0;
    const m = randomSparse(10, 10, 0.3, new Rng(7), () => ++next);
    expect(Array.from(m.values)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(m.rowStart[10]).toBe(30);
    for (let i = 0; i < 10; i++) {
      for (let e = m.rowStart[i] + 1; e < m.rowStart[i + 1]; e++) expect(m.colIndex[e]).toBeGreaterThan(m.colIndex[e - 1]);
    }
    const again = randomSparse(10, 10, 0.3, new Rng(7), () => 0);
    expect(Array.from(again.colIndex)).toEqual(Array.from(m.colIndex));
    expect(Array.from(again.rowStart)).toEqual(Array.from(m.rowStart));
    const other = randomSparse(10, 10, 0.3, new Rng(8), () => 0);
    expect(Array.from(csrToDense({ ...other, values: other.values.fill(1) }))).not.toEqual(Array.from(csrToDense({ ...m, values: m.values.fill(1) })));
  });

  it('randomSparse picks every position with the same probability', () => {
    const rng = new Rng(3);
    const hits = new Float64Array(9);
    const draws = 6000;
    for (let t = 0; t < draws; t++) {
      const dense = csrToDense(randomSparse(3, 3, 2 / 9, rng, () => 1));
      for (let p = 0; p < 9; p++) hits[p] += dense[p];
    }
    // each position is chosen with probability 2/9; 5 standard deviations of a binomial count
    const sd = Math.sqrt(draws * (2 / 9) * (7 / 9));
    for (const h of hits) expect(Math.abs(h - (draws * 2) / 9)).toBeLessThan(5 * sd);
  });
});
