import { describe, expect, it } from 'vitest';
import { GittinsTable, defaultGittinsDepth } from '../../../src/agents/baselines/gittins-index.ts';

// Gittins indices of a Bernoulli arm with a uniform prior, discount 0.9, as tabulated by
// Gittins (Gittins, Glazebrook & Weber 2011, "Multi-armed Bandit Allocation Indices", table of
// Beta-Bernoulli indices; reprinted in Christian & Griffiths 2016, "Algorithms to Live By", ch. 2):
// a record of s wins and f losses has posterior Beta(s + 1, f + 1).
const PUBLISHED_0_9: [wins: number, losses: number, index: number][] = [
  [0, 0, 0.7029],
  [1, 1, 0.6346],
  [2, 2, 0.601],
  [9, 1, 0.8695],
  [9, 6, 0.63],
];

describe('GittinsTable', () => {
  it('reproduces published Beta-Bernoulli indices at γ = 0.9 to 4 decimals', () => {
    const table = new GittinsTable(0.9, 150);
    for (const [s, f, index] of PUBLISHED_0_9) expect(table.index(s + 1, f + 1)).toBeCloseTo(index, 4);
  });

  it('is above the posterior mean, rises with successes and with the discount', () => {
    const t = new GittinsTable(0.95);
    expect(t.index(3, 5)).toBeGreaterThan(3 / 8);
    expect(t.index(4, 5)).toBeGreaterThan(t.index(3, 5));
    expect(t.index(3, 6)).toBeLessThan(t.index(3, 5));
    expect(new GittinsTable(0.99).index(1, 1)).toBeGreaterThan(t.index(1, 1));
  });

  it('tabulates each state once', () => {
    const t = new GittinsTable(0.8);
    t.index(2, 3);
    t.index(2, 3);
    expect(t.size).toBe(1);
    expect(defaultGittinsDepth(0.5)).toBe(30);
    expect(defaultGittinsDepth(0.999)).toBe(120);
  });
});
