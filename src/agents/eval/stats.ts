/**
 * Summary statistics of per-trial returns: mean, sample standard deviation, a seeded percentile
 * bootstrap 95% confidence interval of the mean, and the interquartile mean (the mean of the
 * middle 50%, as rliable's IQM: Agarwal et al. 2021).
 */
import { Rng } from '../../core/index.ts';

export interface Summary {
  mean: number;
  std: number;
  ci95: [number, number];
  iqm: number;
  n: number;
}

export const BOOTSTRAP_RESAMPLES = 2000;

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : Number.NaN;
}

export function std(xs: ArrayLike<number>): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Mean of the middle 50%: the lowest and highest quarter removed, fractional ends weighted. */
export function iqm(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(xs).sort();
  const lo = n * 0.25;
  const hi = n * 0.75;
  let s = 0;
  for (let i = Math.floor(lo); i < Math.ceil(hi); i++) {
    const w = Math.min(i + 1, hi) - Math.max(i, lo);
    s += w * sorted[i];
  }
  return s / (hi - lo);
}

/** Percentile bootstrap interval of the mean from `resamples` seeded resamples. */
export function bootstrapCi(xs: ArrayLike<number>, seed: number, level = 0.95, resamples = BOOTSTRAP_RESAMPLES): [number, number] {
  const n = xs.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  const rng = new Rng(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[Math.floor(rng.random() * n)];
    means[r] = s / n;
  }
  means.sort();
  const q = (p: number) => {
    const x = p * (resamples - 1);
    const i = Math.floor(x);
    return i + 1 < resamples ? means[i] + (x - i) * (means[i + 1] - means[i]) : means[i];
  };
  return [q((1 - level) / 2), q(1 - (1 - level) / 2)];
}

export function summarize(xs: ArrayLike<number>, seed: number): Summary {
  return { mean: mean(xs), std: std(xs), ci95: bootstrapCi(xs, seed), iqm: iqm(xs), n: xs.length };
}
