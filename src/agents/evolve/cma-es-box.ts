/**
 * The search box of CmaEs (cma-es.ts): the vector options `lower`, `upper`, `log` and `mean`
 * checked and read, the map between the caller's coordinates and the unit box, and the drawing of
 * points inside that box.
 *
 * - With `lower` and `upper` (finite, lower < upper; both or neither), search coordinate i is
 *   `(t(x) − t(lower)) / (t(upper) − t(lower))` with t = ln where `log` is set (bounds > 0) and
 *   t(x) = x elsewhere, as Optuna's CmaEsSampler (`_SearchSpaceTransform(transform_0_1=True)`).
 *   The way back is clipped to the box.
 * - Without bounds the coordinates are the caller's (`log` must be off, `mean` gives n).
 * - `drawInUnitBox` draws again a point outside the unit box, up to `maxResample` times, then
 *   clips it (CyberAgentAILab/cmaes' `ask`).
 *
 * Errors: METARENA_INVALID_OPTION naming the field (`cmaes.lower`, `cmaes.log[1]`, `cmaes.mean[2]`…)
 * with what is allowed.
 */
import { MetarenaError, show } from '../../core/index.ts';

/** The vector options of CmaEs. */
export interface SearchBoxOptions {
  /** Lower bounds of the box (caller's coordinates); with `upper`. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** Search ln(x) instead of x: one flag for every coordinate, or one each (needs bounds > 0). */
  log?: boolean | ArrayLike<boolean>;
  /** Mean of the first run (caller's coordinates); default the box's centre. Required without bounds. */
  mean?: ArrayLike<number>;
}

export const VECTOR_KEYS = ['lower', 'upper', 'log', 'mean'] as const;

/** The checked box: n dimensions, bounds (both or neither) and one log flag per coordinate. */
export interface SearchBox {
  n: number;
  lower: Float64Array | undefined;
  upper: Float64Array | undefined;
  log: readonly boolean[];
}

export const invalidOption = (field: string, message: string, allowed?: string) => new MetarenaError('METARENA_INVALID_OPTION', `cmaes: ${message}`, { field: `cmaes.${field}`, allowed });

function finiteArray(v: unknown, field: string): Float64Array {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') throw invalidOption(field, `${field} must be an array of numbers, got ${show(v)}`, 'finite numbers');
  const a = v as ArrayLike<unknown>;
  return Float64Array.from({ length: a.length }, (_, i) => {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw invalidOption(`${field}[${i}]`, `${field}[${i}] must be a finite number, got ${show(x)}`, 'finite numbers');
    return x;
  });
}

/** The box of the options, and their `mean` (caller's coordinates) if given; throws on a bad one. */
export function searchBox(options: SearchBoxOptions): SearchBox & { log: boolean[]; mean: Float64Array | undefined } {
  const hasLower = options.lower !== undefined;
  if (hasLower !== (options.upper !== undefined)) throw invalidOption(hasLower ? 'upper' : 'lower', 'give both lower and upper, or neither', 'both or neither');
  const lower = hasLower ? finiteArray(options.lower, 'lower') : undefined;
  const upper = hasLower ? finiteArray(options.upper, 'upper') : undefined;
  const mean = options.mean === undefined ? undefined : finiteArray(options.mean, 'mean');
  const n = lower?.length ?? mean?.length ?? 0;
  if (n === 0) throw invalidOption(hasLower ? 'lower' : 'mean', hasLower ? 'lower must not be empty' : 'without bounds, give the mean (its length is the dimension)', 'a non-empty array');
  if (upper && upper.length !== n) throw invalidOption('upper', `upper has ${upper.length} entries, lower ${n}`, `${n} numbers`);
  if (mean && mean.length !== n) throw invalidOption('mean', `mean has ${mean.length} entries for ${n} dimensions`, `${n} numbers`);

  const logGiven = options.log ?? false;
  let log: boolean[];
  if (typeof logGiven === 'boolean') log = new Array(n).fill(logGiven);
  else {
    if (typeof logGiven !== 'object' || logGiven === null || logGiven.length !== n) throw invalidOption('log', `log must be true, false or ${n} flags, got ${show(logGiven)}`, 'a boolean or one per coordinate');
    log = Array.from({ length: n }, (_, i) => {
      if (typeof logGiven[i] !== 'boolean') throw invalidOption(`log[${i}]`, `log[${i}] must be true or false, got ${show(logGiven[i])}`, 'true, false');
      return logGiven[i];
    });
  }
  if (!lower && log.some(Boolean)) throw invalidOption('log', 'a log coordinate needs bounds (lower and upper)', 'lower and upper > 0');
  if (lower && upper) {
    for (let i = 0; i < n; i++) {
      if (!(lower[i] < upper[i])) throw invalidOption(`upper[${i}]`, `upper[${i}] = ${show(upper[i])} must exceed lower[${i}] = ${show(lower[i])}`, `> ${show(lower[i])}`);
      if (log[i] && !(lower[i] > 0)) throw invalidOption(`lower[${i}]`, `lower[${i}] = ${show(lower[i])} must be > 0 for a log coordinate`, '> 0');
      if (mean && !(mean[i] >= lower[i] && mean[i] <= upper[i])) throw invalidOption(`mean[${i}]`, `mean[${i}] = ${show(mean[i])} is outside [${show(lower[i])}, ${show(upper[i])}]`, `[${show(lower[i])}, ${show(upper[i])}]`);
    }
    }
  return { n, lower, upper, log, mean };
}

/** Search coordinates of a caller's point. */
export function toSearch({ n, lower, upper, log }: SearchBox, x: ArrayLike<number>): Float64Array {
  if (!lower || !upper) return Float64Array.from(x);
  return Float64Array.from({ length: n }, (_, i) => {
    const t = log[i] ? Math.log : (v: number) => v;
    return (t(x[i]) - t(lower[i])) / (t(upper[i]) - t(lower[i]));
  });
}

/** The caller's point of search coordinates `z` (inside the box when `z` is in the unit box). */
export function fromSearch({ n, lower, upper, log }: SearchBox, z: ArrayLike<number>): Float64Array {
  if (!lower || !upper) return Float64Array.from(z);
  return Float64Array.from({ length: n }, (_, i) => {
    const v = log[i] ? Math.exp(Math.log(lower[i]) + z[i] * (Math.log(upper[i]) - Math.log(lower[i]))) : lower[i] + z[i] * (upper[i] - lower[i]);
    return Math.min(upper[i], Math.max(lower[i], v));
  });
}

/** A point of `draw` in the unit box: drawn again while outside, up to `maxResample` times, then clipped. */
export function drawInUnitBox(draw: () => Float64Array, maxResample: number): Float64Array {
  const inBox = (x: Float64Array) => x.every((v) => v >= 0 && v <= 1);
  let x = draw();
  for (let t = 0; !inBox(x) && t < maxResample; t++) x = draw();
  for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, x[i]));
  return x;
}
