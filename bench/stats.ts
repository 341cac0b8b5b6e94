/** Small statistics the benchmarks share. */

/** The median of `xs` (the mean of the two middle values for an even count). */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The mean of `xs` (NaN when empty), as the eval harness computes it. */
export { mean } from '../src/agents/eval/stats.ts';

/** One seed's run of a CartPole benchmark. */
export interface CartPoleRun {
  seed: number;
  steps: number;
  seconds: number;
  evalReturn: number;
  solved: boolean;
}
