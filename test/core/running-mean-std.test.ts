import { describe, expect, it } from 'vitest';
import { Rng, RunningMeanStd } from '../../src/core/index.ts';

describe('RunningMeanStd', () => {
  it('matches the batch mean and variance up to the small starting pseudo-count', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 500 }, () => [rng.normal(3, 2), rng.uniform(-1, 1)]);
    const stats = new RunningMeanStd(2);
    for (const x of xs) stats.update(x);
    for (let i = 0; i < 2; i++) {
      const col = xs.map((x) => x[i]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length;
      expect(stats.mean[i]).toBeCloseTo(mean, 5);
      expect(stats.var[i]).toBeCloseTo(variance, 4);
    }
    expect(stats.count).toBeCloseTo(500.0001, 8);
  });

  it('follows Gymnasium for the first sample: count 1e-4, mean 0 and var 1 before it', () => {
    const stats = new RunningMeanStd(1);
    stats.update([2]);
    const total = 1e-4 + 1;
    expect(stats.mean[0]).toBeCloseTo(2 / total, 12);
    expect(stats.var[0]).toBeCloseTo((1 * 1e-4 + (4 * 1e-4 * 1) / total) / total, 12);
  });
});

describe('RunningMeanStd batches', () => {
  it('merges a batch exactly as its rows one by one up to rounding, and round-trips through JSON', () => {
    const rng = new Rng(2);
    const rows = Array.from({ length: 64 }, () => [rng.normal(1, 3), rng.normal(-2, 0.5), rng.uniform(0, 4)]);
    const batched = new RunningMeanStd(3);
    batched.update(rows.slice(0, 32).flat(), 32);
    batched.update(rows.slice(32).flat(), 32);
    const single = new RunningMeanStd(3);
    for (const r of rows) single.update(r);
    for (let i = 0; i < 3; i++) {
      expect(batched.mean[i]).toBeCloseTo(single.mean[i], 9);
      expect(batched.var[i]).toBeCloseTo(single.var[i], 9);
    }
    const copy = RunningMeanStd.fromJSON(JSON.parse(JSON.stringify(batched)));
    expect([...copy.mean]).toEqual([...batched.mean]);
    expect([...copy.var]).toEqual([...batched.var]);
    expect(copy.count).toBe(batched.count);
  });

  it('rejects malformed statistics with a coded error naming the field', () => {
    expect(() => RunningMeanStd.fromJSON({ mean: [0, 1], var: [1], count: 1 }, 'obsStats')).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_ARGUMENT', details: { field: 'obsStats' } }));
    expect(() => new RunningMeanStd(0)).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_ARGUMENT' }));
  });
});
