import { describe, expect, it } from 'vitest';
import { MetarenaError, Rng, checkSeed, deriveSeed } from '../../src/core/index.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};
const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for nearby seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = draws(100, () => a.random());
    expect(draws(100, () => b.random())).toEqual(xs);
    const c = new Rng(43);
    expect(draws(100, () => c.random()).filter((x, i) => x === xs[i]).length).toBe(0);
    const big = new Rng(Number.MAX_SAFE_INTEGER);
    const big2 = new Rng(Number.MAX_SAFE_INTEGER - 2 ** 32);
    expect(big.random()).not.toBe(big2.random());
  });

  it('rejects bad seeds, naming the value', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53, '3']) {
      try {
        new Rng(bad as number);
        throw new Error('expected an error');
      } catch (e) {
        expect(e).toBeInstanceOf(MetarenaError);
        expect((e as MetarenaError).code).toBe('METARENA_INVALID_SEED');
      }
    }
    expect(() => checkSeed(-1, 'split_seed')).toThrow('split_seed must be a non-negative safe integer, got -1');
  });

  it('random and uniform stay in range and look uniform', () => {
    const rng = new Rng(1);
    const xs = draws(20000, () => rng.random());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    const buckets = new Array(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)] += 1;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
    const us = draws(1000, () => rng.uniform(-3, 2));
    expect(us.every((u) => u >= -3 && u < 2)).toBe(true);
    const ints = draws(6000, () => rng.integer(6));
    for (let k = 0; k < 6; k++) expect(Math.abs(ints.filter((v) => v === k).length - 1000)).toBeLessThan(150);
  });

  it('normal has the requested mean and std', () => {
    const rng = new Rng(2);
    const xs = draws(20000, () => rng.normal(3, 2));
    expect(Math.abs(mean(xs) - 3)).toBeLessThan(0.05);
    expect(Math.abs(std(xs) - 2)).toBeLessThan(0.05);
  });

  it('gamma, beta and dirichlet have the right means', () => {
    const rng = new Rng(3);
    for (const shape of [0.5, 1, 4]) {
      const xs = draws(20000, () => rng.gamma(shape));
      expect(xs.every((x) => x > 0)).toBe(true);
      expect(Math.abs(mean(xs) - shape) / shape).toBeLessThan(0.04);
      expect(Math.abs(std(xs) - Math.sqrt(shape)) / Math.sqrt(shape)).toBeLessThan(0.05);
    }
    const bs = draws(20000, () => rng.beta(2, 5));
    expect(Math.abs(mean(bs) - 2 / 7)).toBeLessThan(0.01);
    const alpha = [1, 2, 7];
    const sums = [0, 0, 0];
    for (let i = 0; i < 10000; i++) {
      const p = rng.dirichlet(alpha);
      expect(Math.abs(p[0] + p[1] + p[2] - 1)).toBeLessThan(1e-12);
      p.forEach((v, j) => (sums[j] += v));
    }
    sums.forEach((s, j) => expect(Math.abs(s / 10000 - alpha[j] / 10)).toBeLessThan(0.01));
  });

  it('categorical follows the weights, also on a slice', () => {
    const rng = new Rng(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 12000; i++) counts[rng.categorical([1, 2, 3])] += 1;
    expect(counts.map((c) => Math.round(c / 1000))).toEqual([2, 4, 6]);
    const slice = new Float64Array([100, 0, 1, 100]);
    for (let i = 0; i < 100; i++) expect(rng.categorical(slice, 1, 2)).toBe(1);
  });

  it('spawn and state snapshots are reproducible', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    expect(a.spawn().random()).toBe(b.spawn().random());
    a.normal();
    const state = a.getState();
    const next = draws(5, () => a.normal());
    const c = new Rng(0);
    c.setState(state);
    expect(draws(5, () => c.normal())).toEqual(next);
  });
});

describe('deriveSeed', () => {
  it('is stable, a valid seed, and differs per label', () => {
    const s = deriveSeed(7, 'train', 'task', 3);
    expect(deriveSeed(7, 'train', 'task', 3)).toBe(s);
    expect(checkSeed(s)).toBe(s);
    const all = new Set([s, deriveSeed(7, 'test', 'task', 3), deriveSeed(7, 'train', 'task', 4), deriveSeed(8, 'train', 'task', 3), deriveSeed(7, 'train', 'context', 3)]);
    expect(all.size).toBe(5);
  });
});
