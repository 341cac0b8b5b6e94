/**
 * Gittins indices of a Beta-Bernoulli arm under geometric discounting (Gittins & Jones 1974;
 * Gittins, Glazebrook & Weber, "Multi-armed Bandit Allocation Indices", 2nd ed. 2011, ch. 8).
 *
 * The index of an arm whose success probability has posterior Beta(a, b) is the retirement
 * reward λ per step at which a player is indifferent between retiring forever (worth
 * λ/(1−γ)) and pulling once more and then continuing optimally (calibration against a standard
 * arm). For a given λ the value of that stopping problem follows from dynamic programming over
 * the posterior states (a + s, b + f) reachable from (a, b); the index is the root in λ of
 * that indifference, found by Newton's method (see `calibrate`).
 *
 * Truncation: the DP stops `depth` pulls below the state; there the posterior is treated as
 * known (value max(λ, mean)/(1−γ)), the usual approximation for tables of the index. The
 * default depth makes γ^depth ≤ 1e-3, capped at 120 pulls.
 *
 * Indices are tabulated lazily (each state once) per (discount, depth) and the tables are shared
 * by every agent in the process.
 */
import { MetarenaError, show } from '../../core/index.ts';

/** Truncation depth used when none is given: γ^depth ≤ 1e-3, within [30, 120]. */
export function defaultGittinsDepth(discount: number): number {
  const d = Math.ceil(Math.log(1e-3) / Math.log(discount));
  return Math.min(120, Math.max(30, Number.isFinite(d) ? d : 30));
}

export class GittinsTable {
  private readonly values = new Map<number, number>();
  private readonly stateValues: Float64Array;
  private readonly slopes: Float64Array;

  constructor(
    readonly discount: number,
    readonly depth: number = defaultGittinsDepth(discount),
    /** Newton's method stops when its step is shorter than this. */
    readonly tolerance = 1e-9,
  ) {
    if (!(discount > 0 && discount < 1)) throw new MetarenaError('METARENA_INVALID_OPTION', `gittins discount must be in (0, 1), got ${show(discount)}`, { field: 'discount', allowed: '(0, 1)' });
    if (!Number.isInteger(depth) || depth < 1) throw new MetarenaError('METARENA_INVALID_OPTION', `gittins depth must be a positive integer, got ${show(depth)}`, { field: 'depth', allowed: 'integer >= 1' });
    this.stateValues = new Float64Array(depth + 1);
    this.slopes = new Float64Array(depth + 1);
  }

  /** Number of indices computed so far. */
  get size(): number {
    return this.values.size;
  }

  /** The index of Beta(a, b), a and b positive integers (a − 1 successes, b − 1 failures under a uniform prior). */
  index(a: number, b: number): number {
    const key = a * 1_048_576 + b;
    let v = this.values.get(key);
    if (v === undefined) {
      v = this.calibrate(a, b);
      this.values.set(key, v);
    }
    return v;
  }

  /**
   * Solves g(λ) = C(λ) − λ/(1−γ) = 0, where C(λ) is the value of pulling once and then
   * continuing optimally. g is convex, piecewise linear and decreasing in λ (C is a maximum of
   * policies' values, each linear in λ), and g(mean) ≥ 0, so Newton's method from λ = mean
   * climbs to the root without overshooting and ends after finitely many steps; the DP carries
   * dC/dλ alongside C.
   */
  private calibrate(a: number, b: number): number {
    const g = this.discount;
    const D = this.depth;
    const val = this.stateValues;
    const der = this.slopes;
    const mean0 = a / (a + b);
    const k = 1 / (1 - g);
    let lambda = mean0;
    for (let iter = 0; iter < 100; iter++) {
      const retire = lambda * k;
      // boundary: D pulls below (a, b), the arm is treated as known
      const nD = a + b + D;
      for (let x = 0; x <= D; x++) {
        const mu = (a + x) / nD;
        if (mu > lambda) {
          val[x] = mu * k;
          der[x] = 0;
        } else {
          val[x] = retire;
          der[x] = k;
        }
      }
      // backward induction: val[x] = value at (a + x, b + d − x)
      for (let d = D - 1; d >= 1; d--) {
        const inv = 1 / (a + b + d);
        for (let x = 0; x <= d; x++) {
          const mu = (a + x) * inv;
          const cont = mu + g * (mu * val[x + 1] + (1 - mu) * val[x]);
          if (cont > retire) {
            val[x] = cont;
            der[x] = g * (mu * der[x + 1] + (1 - mu) * der[x]);
          } else {
            val[x] = retire;
            der[x] = k;
          }
        }
      }
      const gap = mean0 + g * (mean0 * val[1] + (1 - mean0) * val[0]) - retire;
      const slope = g * (mean0 * der[1] + (1 - mean0) * der[0]) - k;
      const step = -gap / slope;
      if (!(step > this.tolerance * 1e-3)) break;
      lambda += step;
    }
    return lambda;
  }
}

const tables = new Map<string, GittinsTable>();

/** The shared table for (discount, depth). */
export function gittinsTable(discount: number, depth: number = defaultGittinsDepth(discount)): GittinsTable {
  const key = `${discount}/${depth}`;
  let t = tables.get(key);
  if (!t) {
    t = new GittinsTable(discount, depth);
    tables.set(key, t);
  }
  return t;
}
