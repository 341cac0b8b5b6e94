import { describe, expect, it } from 'vitest';
import { bootstrapCi, iqm, mean, std, summarize } from '../../../src/agents/eval/stats.ts';

describe('stats', () => {
  it('mean, std and IQM of small samples', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
    // n = 8: the middle 50% is the 3rd to 6th values
    expect(iqm([100, 1, 2, 3, 4, 5, 6, -50])).toBeCloseTo((2 + 3 + 4 + 5) / 4, 12);
    // n = 6: quarter cut at 1.5 values: 0.5·x2 + x3 + x4 + 0.5·x5 over 3
    expect(iqm([1, 2, 3, 4, 5, 6])).toBeCloseTo((0.5 * 2 + 3 + 4 + 0.5 * 5) / 3, 12);
  });

  it('bootstrap CI is seeded, brackets the mean and narrows with n', () => {
    const xs = Array.from({ length: 400 }, (_, i) => Math.sin(i * 12.9898) * 10);
    const ci = bootstrapCi(xs, 1);
    expect(bootstrapCi(xs, 1)).toEqual(ci);
    expect(ci[0]).toBeLessThan(mean(xs));
    expect(ci[1]).toBeGreaterThan(mean(xs));
    // ≈ ±1.96 standard errors
    const se = std(xs) / Math.sqrt(xs.length);
    expect((ci[1] - ci[0]) / (2 * 1.96 * se)).toBeGreaterThan(0.85);
    expect((ci[1] - ci[0]) / (2 * 1.96 * se)).toBeLessThan(1.15);
    expect(summarize(xs, 1).n).toBe(400);
  });
});
