/**
 * CMA-ES with IPOP restarts: the covariance matrix adaptation evolution strategy as in Hansen's
 * tutorial (N. Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772, Table 1 and
 * eqs. 39–58, with the active (negative) recombination weights that pycma and CyberAgentAILab/cmaes
 * use by default), behind an ask/tell interface, restarted with a doubled population when a run
 * stops (IPOP-CMA-ES: Auger & Hansen, CEC 2005), seeded by the project's Rng.
 *
 * ## Use
 *     const es = new CmaEs({ lower: [1e-4, 1e-2, 0.1], upper: [1e2, 1, 10], log: true, maximize: true, seed: 0 });
 *     while (!es.done && es.evaluations < budget) {
 *       const points = es.ask();                   // λ points inside the box, in the caller's coordinates
 *       es.tell(points.map(fitness));              // in the same order
 *     }
 *     es.best                                      // {x, value, run, generation}
 * `ask` returns the same points until they are told; `toJSON`/`CmaEs.fromJSON` resume a search
 * exactly (state, random stream, pending points). `optimize(f, {maxEvaluations, target})` is the
 * loop above for a synchronous `f`.
 *
 * ## Search space
 * - With `lower` and `upper` (finite, lower < upper; both or neither), the search runs in the
 *   unit box: coordinate i is `(t(x) − t(lower)) / (t(upper) − t(lower))` with t = ln where
 *   `log` is set (bounds > 0: the log-spaced hyperparameter ranges of ER-MRL's Optuna setup) and
 *   t(x) = x elsewhere, as Optuna's CmaEsSampler (`_SearchSpaceTransform(transform_0_1=True)`).
 *   Defaults there, also Optuna's: mean at the box's centre, `sigma` 1/6. A point drawn outside
 *   the box is drawn again, up to `maxResample` times, then clipped to it (cmaes' `ask`); the
 *   update uses the clipped point.
 * - Without bounds, coordinates are the caller's; `mean` and `sigma` are required.
 *
 * ## Parameters (tutorial Table 1; n dimensions, λ population, μ = ⌊λ/2⌋)
 * - λ = 4 + ⌊3 ln n⌋ unless `popSize`; w'ᵢ = ln((λ+1)/2) − ln i for i = 1..λ; μ_eff from the
 *   positive ones; c_σ = (μ_eff + 2)/(n + μ_eff + 5); d_σ = 1 + 2·max(0, √((μ_eff − 1)/(n + 1)) − 1)
 *   + c_σ; c_c = (4 + μ_eff/n)/(n + 4 + 2μ_eff/n); c₁ = 2/((n + 1.3)² + μ_eff);
 *   c_μ = min(1 − c₁, 2(μ_eff − 2 + 1/μ_eff)/((n + 2)² + μ_eff)); positive weights sum to 1, the
 *   negative ones to −min(1 + c₁/c_μ, 1 + 2μ_eff⁻/(μ_eff + 2), (1 − c₁ − c_μ)/(n c_μ)); c_m = 1.
 * - Update per generation: mean by the μ best; p_σ with C^(−1/2); σ ← σ·exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1));
 *   h_σ stall of p_c; C by rank one (p_c) and rank μ (all λ, negative weights rescaled by
 *   n/‖C^(−1/2)y‖²). The eigendecomposition C = B·D²·Bᵀ (Jacobi, core/linalg/eigen.ts) is
 *   refreshed every max(1, ⌊1/(10 n (c₁ + c_μ))⌋) generations (the tutorial's O(n²) per sample).
 *
 * ## Stopping a run, restarting (IPOP)
 * A run stops when one of these holds (pycma's defaults and names, Hansen's tutorial §B.3):
 * - `tolFun` (1e-11): the values of this generation and the best values of the last
 *   10 + ⌈30n/λ⌉ generations each span less than tolFun;
 * - `tolX` (1e-11): σ·√Cᵢᵢ and σ·|p_c,ᵢ| are below tolX in every coordinate;
 * - `tolFacUpX` (1e3): σ·√Cᵢᵢ exceeds its start by this factor in some coordinate (divergence);
 * - `noEffectAxis` / `noEffectCoord`: adding 0.1σ along a principal axis (one per generation,
 *   in turn) or 0.2σ√Cᵢᵢ to one coordinate leaves the mean unchanged;
 * - `tolConditionCov` (1e14): the condition number of C exceeds it;
 * - `stagnation`: over the last 20% of the run's generations, but at least 120 + 30n/λ (at most
 *   20 000), the median of the newest 30% of both the best and the median values is no better than
 *   the median of the oldest 30% (Hansen, "Benchmarking a BI-population CMA-ES on the BBOB-2009
 *   function testbed", GECCO 2009).
 * Then, while fewer than `restarts` restarts have run, a new run starts with λ multiplied by
 * `popSizeFactor` (2), σ back at its start, C = I, and the mean drawn uniformly in the box (its
 * start without bounds), as Auger & Hansen and Optuna's `restart_strategy="ipop"`; after the
 * last one `done` is true. `runs` records every run (population, generations, evaluations, best,
 * why it stopped).
 *
 * ## Options and errors
 * `lower`, `upper`, `log` (one flag, or one per coordinate), `mean` are arrays; the rest are
 * declared in CMAES_OPTIONS. A bad option is a METARENA_INVALID_OPTION naming it (`cmaes.sigma`,
 * `cmaes.lower[2]`…); `tell` with the wrong number of values, a NaN, or before `ask` is a
 * METARENA_INVALID_ARGUMENT naming `values`; `ask` after `done`, METARENA_CLOSED. Values are
 * minimised unless `maximize`; +∞ (−∞ when maximising) counts as the worst value.
 */
import { type ArgSpecs, type ArgsOf, MetarenaError, Rng, resolveArgs, show, symmetricEigen } from '../../core/index.ts';

export const CMAES_OPTIONS = {
  sigma: { type: 'number', default: 0, min: 0, description: 'initial step size in search coordinates (0: 1/6 of the unit box when bounded; required without bounds)' },
  popSize: { type: 'integer', default: 0, min: 0, description: 'population size λ of the first run (0: 4 + floor(3 ln n)); at least 2' },
  seed: { type: 'integer', default: 0, min: 0, max: Number.MAX_SAFE_INTEGER, description: 'seed of the random stream' },
  maximize: { type: 'boolean', default: false as boolean, description: 'maximise the values instead of minimising them' },
  restarts: { type: 'integer', default: 9, min: 0, description: 'IPOP restarts after the first run (each with popSizeFactor times the population)' },
  popSizeFactor: { type: 'number', default: 2, min: 1, description: 'population growth per restart' },
  maxResample: { type: 'integer', default: 100, min: 0, description: 'draws of a point outside the box before it is clipped to it' },
  tolFun: { type: 'number', default: 1e-11, min: 0, description: 'stop a run when recent values span less than this' },
  tolX: { type: 'number', default: 1e-11, min: 0, description: 'stop a run when every sigma·sqrt(C_ii) and sigma·|p_c,i| is below this' },
  tolFacUpX: { type: 'number', default: 1e3, min: 1, description: 'stop a run when some sigma·sqrt(C_ii) grows by this factor' },
  tolConditionCov: { type: 'number', default: 1e14, min: 1, description: 'stop a run when the condition number of C exceeds this' },
  stagnation: { type: 'boolean', default: true as boolean, description: 'stop a run when its best and median values stagnate (Hansen 2009)' },
} satisfies ArgSpecs;

export type CmaEsScalarOptions = ArgsOf<typeof CMAES_OPTIONS>;

export interface CmaEsOptions extends Partial<CmaEsScalarOptions> {
  /** Lower bounds of the box (caller's coordinates); with `upper`. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** Search ln(x) instead of x: one flag for every coordinate, or one each (needs bounds > 0). */
  log?: boolean | ArrayLike<boolean>;
  /** Mean of the first run (caller's coordinates); default the box's centre. Required without bounds. */
  mean?: ArrayLike<number>;
}

export type StopReason = 'tolFun' | 'tolX' | 'tolFacUpX' | 'noEffectAxis' | 'noEffectCoord' | 'tolConditionCov' | 'stagnation';

export interface CmaEsBest {
  /** Caller's coordinates. */
  x: Float64Array;
  value: number;
  run: number;
  generation: number;
}

export interface CmaEsRun {
  popSize: number;
  generations: number;
  evaluations: number;
  /** Best value of the run (as told); null before its first tell. */
  best: number | null;
  /** Why it stopped; empty while it runs. */
  stop: StopReason[];
}

/** The strategy parameters for n dimensions and λ points (tutorial Table 1). */
export interface StrategyParameters {
  lambda: number;
  mu: number;
  weights: Float64Array;
  muEff: number;
  cSigma: number;
  dSigma: number;
  cc: number;
  c1: number;
  cMu: number;
  chiN: number;
  /** Generations between eigendecompositions. */
  eigenEvery: number;
}

export function strategyParameters(n: number, lambda: number): StrategyParameters {
  const mu = Math.floor(lambda / 2);
  const prime = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const sumOf = (from: number, to: number, f: (w: number) => number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += f(prime[i]);
    return s;
  };
  const muEff = sumOf(0, mu, (w) => w) ** 2 / sumOf(0, mu, (w) => w * w);
  const muEffMinus = lambda > mu ? sumOf(mu, lambda, (w) => w) ** 2 / sumOf(mu, lambda, (w) => w * w) : 0;
  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  const cMu = Math.min(1 - c1, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
  const alphaMinus = Math.min(1 + c1 / cMu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cMu) / (n * cMu));
  const positive = sumOf(0, lambda, (w) => (w > 0 ? w : 0));
  const negative = sumOf(0, lambda, (w) => (w < 0 ? -w : 0));
  const weights = prime.map((w) => (w >= 0 ? w / positive : negative > 0 ? (alphaMinus * w) / negative : 0));
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const eigenEvery = Math.max(1, Math.floor(1 / (10 * n * (c1 + cMu))));
  return { lambda, mu, weights, muEff, cSigma, dSigma, cc, c1, cMu, chiN, eigenEvery };
}

/** One run's state (search coordinates). */
interface RunState {
  popSize: number;
  mean: Float64Array;
  sigma: number;
  C: Float64Array;
  B: Float64Array;
  D: Float64Array;
  pc: Float64Array;
  ps: Float64Array;
  generation: number;
  eigenAt: number;
  /** Per generation: best and median value (stagnation) and best (tolFun). */
  bestHistory: number[];
  medianHistory: number[];
}

/** A number in JSON: finite, or "Infinity" / "-Infinity" / "NaN". */
export type JsonNumber = number | string;
const encodeNumber = (x: number): JsonNumber => (Number.isFinite(x) ? x : String(x));
const decodeNumber = (x: JsonNumber): number => (typeof x === 'string' ? Number(x) : x);

/** The JSON form of a search, for resuming it (`CmaEs.fromJSON`). */
export interface CmaEsJSON {
  version: 1;
  options: CmaEsScalarOptions & { lower?: number[]; upper?: number[]; log: boolean[]; mean?: number[] };
  rng: JsonNumber[];
  run: Omit<RunState, 'mean' | 'C' | 'B' | 'D' | 'pc' | 'ps' | 'bestHistory' | 'medianHistory'> & { mean: number[]; C: number[]; B: number[]; D: number[]; pc: number[]; ps: number[]; bestHistory: JsonNumber[]; medianHistory: JsonNumber[] };
  runs: (Omit<CmaEsRun, 'best'> & { best: JsonNumber | null })[];
  evaluations: number;
  best: { x: number[]; value: JsonNumber; run: number; generation: number } | null;
  pending: number[][] | null;
  done: boolean;
}

const invalidOption = (field: string, message: string, allowed?: string) => new MetarenaError('METARENA_INVALID_OPTION', `cmaes: ${message}`, { field: `cmaes.${field}`, allowed });

function finiteArray(v: unknown, field: string): Float64Array {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') throw invalidOption(field, `${field} must be an array of numbers, got ${show(v)}`, 'finite numbers');
  const a = v as ArrayLike<unknown>;
  return Float64Array.from({ length: a.length }, (_, i) => {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw invalidOption(`${field}[${i}]`, `${field}[${i}] must be a finite number, got ${show(x)}`, 'finite numbers');
    return x;
  });
}

const VECTOR_KEYS = ['lower', 'upper', 'log', 'mean'] as const;

export class CmaEs {
  readonly options: Readonly<CmaEsScalarOptions>;
  /** Dimensions. */
  readonly n: number;
  readonly lower: Float64Array | undefined;
  readonly upper: Float64Array | undefined;
  readonly log: readonly boolean[];
  /** Start of the first run and of σ, search coordinates. */
  private readonly mean0: Float64Array;
  private readonly sigma0: number;
  private rng: Rng;
  private state: RunState;
  private params: StrategyParameters;
  private pending: Float64Array[] | null = null;
  private readonly runList: CmaEsRun[] = [];
  private evals = 0;
  private bestSoFar: CmaEsBest | null = null;
  private finished = false;

  constructor(options: CmaEsOptions = {}) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new MetarenaError('METARENA_INVALID_OPTION', `cmaes options must be an object, got ${show(options)}`, { field: 'cmaes' });
    const rest: Record<string, unknown> = { ...options };
    for (const k of VECTOR_KEYS) delete rest[k];
    this.options = Object.freeze(resolveArgs(CMAES_OPTIONS, rest, 'cmaes'));
    const o = this.options;

    const hasLower = options.lower !== undefined;
    if (hasLower !== (options.upper !== undefined)) throw invalidOption(hasLower ? 'upper' : 'lower', 'give both lower and upper, or neither', 'both or neither');
    const lower = hasLower ? finiteArray(options.lower, 'lower') : undefined;
    const upper = hasLower ? finiteArray(options.upper, 'upper') : undefined;
    const mean = options.mean === undefined ? undefined : finiteArray(options.mean, 'mean');
    const n = lower?.length ?? mean?.length ?? 0;
    if (n === 0) throw invalidOption(hasLower ? 'lower' : 'mean', hasLower ? 'lower must not be empty' : 'without bounds, give the mean (its length is the dimension)', 'a non-empty array');
    if (upper && upper.length !== n) throw invalidOption('upper', `upper has ${upper.length} entries, lower ${n}`, `${n} numbers`);
    if (mean && mean.length !== n) throw invalidOption('mean', `mean has ${mean.length} entries for ${n} dimensions`, `${n} numbers`);
    this.n = n;

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
    this.lower = lower;
    this.upper = upper;
    this.log = Object.freeze(log);
    this.mean0 = mean ? this.toSearch(mean) : new Float64Array(n).fill(0.5);
    if (o.sigma === 0 && !lower) throw invalidOption('sigma', 'without bounds, give sigma (> 0)', '> 0');
    this.sigma0 = o.sigma > 0 ? o.sigma : 1 / 6;
    if (o.popSize === 1) throw invalidOption('popSize', 'popSize must be at least 2 (0: the default)', '0 or >= 2');
    this.rng = new Rng(o.seed);
    const popSize = o.popSize || 4 + Math.floor(3 * Math.log(n));
    this.params = strategyParameters(n, popSize);
    this.state = this.freshRun(popSize, this.mean0);
    this.runList.push({ popSize, generations: 0, evaluations: 0, best: null, stop: [] });
  }

  /** Number of restarts so far (0 during the first run). */
  get run(): number {
    return this.runList.length - 1;
  }
  /** Generations of the current run. */
  get generation(): number {
    return this.state.generation;
  }
  get popSize(): number {
    return this.state.popSize;
  }
  get evaluations(): number {
    return this.evals;
  }
  /** True when the last allowed run has stopped. */
  get done(): boolean {
    return this.finished;
  }
  /** The current σ (search coordinates). */
  get sigma(): number {
    return this.state.sigma;
  }
  /** The current mean, caller's coordinates. */
  get mean(): Float64Array {
    return this.fromSearch(this.state.mean);
  }
  /** The best point told so far, over every run (null before the first tell). */
  get best(): CmaEsBest | null {
    return this.bestSoFar && { ...this.bestSoFar, x: Float64Array.from(this.bestSoFar.x) };
  }
  /** Every run so far, the current one last (values as told). */
  get runs(): readonly CmaEsRun[] {
    return this.runList.map((r) => ({ ...r, stop: [...r.stop] }));
  }
  /** The covariance matrix C (search coordinates, n×n row-major), a copy. */
  get covariance(): Float64Array {
    return Float64Array.from(this.state.C);
  }
  get parameters(): Readonly<StrategyParameters> {
    return this.params;
  }

  /** Search coordinates of a caller's point. */
  toSearch(x: ArrayLike<number>): Float64Array {
    const { lower, upper, log } = this;
    if (!lower || !upper) return Float64Array.from(x);
    return Float64Array.from({ length: this.n }, (_, i) => {
      const t = log[i] ? Math.log : (v: number) => v;
      return (t(x[i]) - t(lower[i])) / (t(upper[i]) - t(lower[i]));
    });
  }

  /** The caller's point of search coordinates `z` (inside the box when `z` is in the unit box). */
  fromSearch(z: ArrayLike<number>): Float64Array {
    const { lower, upper, log } = this;
    if (!lower || !upper) return Float64Array.from(z);
    return Float64Array.from({ length: this.n }, (_, i) => {
      const v = log[i] ? Math.exp(Math.log(lower[i]) + z[i] * (Math.log(upper[i]) - Math.log(lower[i]))) : lower[i] + z[i] * (upper[i] - lower[i]);
      return Math.min(upper[i], Math.max(lower[i], v));
    });
  }

  private freshRun(popSize: number, mean: Float64Array): RunState {
    const n = this.n;
    const C = new Float64Array(n * n);
    const B = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      C[i * n + i] = 1;
      B[i * n + i] = 1;
    }
    return {
      popSize,
      mean: Float64Array.from(mean),
      sigma: this.sigma0,
      C,
      B,
      D: new Float64Array(n).fill(1),
      pc: new Float64Array(n),
      ps: new Float64Array(n),
      generation: 0,
      eigenAt: 0,
      bestHistory: [],
      medianHistory: [],
    };
  }

  /** The population to evaluate next: λ points in the caller's coordinates (the same until told). */
  ask(): Float64Array[] {
    if (this.finished) throw new MetarenaError('METARENA_CLOSED', `cmaes: the search is done (${this.runList.length} runs, the last stopped by ${this.runList[this.runList.length - 1].stop.join(', ')}); no more points`, { field: 'ask' });
    if (!this.pending) {
      const { n, rng } = this;
      const { mean, sigma, B, D } = this.state;
      const bounded = this.lower !== undefined;
      const z = new Float64Array(n);
      const draw = () => {
        for (let i = 0; i < n; i++) z[i] = D[i] * rng.normal();
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += B[i * n + j] * z[j];
          x[i] = mean[i] + sigma * s;
        }
        return x;
      };
      const inBox = (x: Float64Array) => x.every((v) => v >= 0 && v <= 1);
      this.pending = Array.from({ length: this.state.popSize }, () => {
        let x = draw();
        for (let t = 0; bounded && !inBox(x) && t < this.options.maxResample; t++) x = draw();
        if (bounded) for (let i = 0; i < n; i++) x[i] = Math.min(1, Math.max(0, x[i]));
        return x;
      });
    }
    return this.pending.map((z) => this.fromSearch(z));
  }

  /** The values of the points of the last `ask`, in their order; one generation of the update. */
  tell(values: ArrayLike<number>): void {
    const points = this.pending;
    if (!points) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'cmaes: tell() without a pending ask()', { field: 'values', allowed: 'the values of the last ask()' });
    if (values === null || typeof values !== 'object' || values.length !== points.length) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `cmaes: tell() needs ${points.length} values (one per asked point), got ${show(values)}`, { field: 'values', allowed: `${points.length} numbers` });
    }
    const sign = this.options.maximize ? -1 : 1;
    const f = Float64Array.from({ length: points.length }, (_, k) => {
      const v = values[k];
      if (typeof v !== 'number' || Number.isNaN(v)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `cmaes: values[${k}] must be a number, got ${show(v)}`, { field: `values[${k}]`, allowed: 'a number (+-Infinity for the worst)' });
      return sign * v;
    });
    this.pending = null;
    const lambda = points.length;
    const order = Array.from({ length: lambda }, (_, k) => k).sort((a, b) => (f[a] < f[b] ? -1 : f[a] > f[b] ? 1 : a - b));
    const run = this.runList[this.runList.length - 1];
    this.evals += lambda;
    run.evaluations += lambda;
    const st = this.state;
    const bestK = order[0];
    if (!this.bestSoFar || f[bestK] < sign * this.bestSoFar.value) {
      this.bestSoFar = { x: this.fromSearch(points[bestK]), value: values[bestK], run: this.run, generation: st.generation };
    }
    if (run.best === null || f[bestK] < sign * run.best) run.best = values[bestK];
    this.update(points, order);
    st.bestHistory.push(f[order[0]]);
    st.medianHistory.push(lambda % 2 ? f[order[(lambda - 1) / 2]] : (f[order[lambda / 2 - 1]] + f[order[lambda / 2]]) / 2);
    run.generations = st.generation;
    const stop = this.stopReasons(f[order[0]], f[order[lambda - 1]]);
    if (stop.length > 0) {
      run.stop = stop;
      if (this.runList.length - 1 >= this.options.restarts) {
        this.finished = true;
      } else {
        const popSize = Math.max(2, Math.round(st.popSize * this.options.popSizeFactor));
        const mean = this.lower ? Float64Array.from({ length: this.n }, () => this.rng.random()) : this.mean0;
        this.params = strategyParameters(this.n, popSize);
        this.state = this.freshRun(popSize, mean);
        this.runList.push({ popSize, generations: 0, evaluations: 0, best: null, stop: [] });
      }
    }
  }

  /** One generation's update of mean, paths, σ and C from the sorted points (tutorial eqs. 39–47). */
  private update(points: Float64Array[], order: number[]): void {
    const { n, params: p } = this;
    const st = this.state;
    const { mean, sigma, B, D, C } = st;
    const lambda = points.length;
    const y = order.map((k) => Float64Array.from(points[k], (v, i) => (v - mean[i]) / sigma));
    const yw = new Float64Array(n);
    for (let r = 0; r < p.mu; r++) for (let i = 0; i < n; i++) yw[i] += p.weights[r] * y[r][i];
    for (let i = 0; i < n; i++) mean[i] += sigma * yw[i];
    // C^(-1/2)·v = B·D^(-1)·Bᵀ·v
    const invSqrtC = (v: Float64Array) => {
      const t = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += B[i * n + j] * v[i];
        t[j] = s / D[j];
      }
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += B[i * n + j] * t[j];
        out[i] = s;
      }
      return out;
    };
    const cyw = invSqrtC(yw);
    const psGain = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      st.ps[i] = (1 - p.cSigma) * st.ps[i] + psGain * cyw[i];
      psNorm2 += st.ps[i] * st.ps[i];
    }
    const psNorm = Math.sqrt(psNorm2);
    st.generation += 1;
    const hSigma = psNorm / Math.sqrt(1 - (1 - p.cSigma) ** (2 * st.generation)) < (1.4 + 2 / (n + 1)) * p.chiN ? 1 : 0;
    const pcGain = hSigma * Math.sqrt(p.cc * (2 - p.cc) * p.muEff);
    for (let i = 0; i < n; i++) st.pc[i] = (1 - p.cc) * st.pc[i] + pcGain * yw[i];
    // rank-μ weights: negative ones rescaled by n / ‖C^(-1/2) y‖²
    const wo = new Float64Array(lambda);
    let wSum = 0;
    for (let r = 0; r < lambda; r++) {
      const w = p.weights[r];
      wSum += w;
      if (w >= 0) wo[r] = w;
      else {
        const c = invSqrtC(y[r]);
        let norm2 = 0;
        for (let i = 0; i < n; i++) norm2 += c[i] * c[i];
        wo[r] = (w * n) / Math.max(norm2, 1e-300);
      }
    }
    const deltaH = (1 - hSigma) * p.cc * (2 - p.cc);
    const decay = 1 + p.c1 * deltaH - p.c1 - p.cMu * wSum;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let rankMu = 0;
        for (let r = 0; r < lambda; r++) if (wo[r] !== 0) rankMu += wo[r] * y[r][i] * y[r][j];
        const v = decay * C[i * n + j] + p.c1 * st.pc[i] * st.pc[j] + p.cMu * rankMu;
        C[i * n + j] = v;
        C[j * n + i] = v;
      }
    }
    st.sigma = sigma * Math.exp((p.cSigma / p.dSigma) * (psNorm / p.chiN - 1));
    if (st.generation - st.eigenAt >= p.eigenEvery) this.decompose();
  }

  /** C = B·D²·Bᵀ; eigenvalues that rounding made non-positive are lifted to a tiny positive value. */
  private decompose(): void {
    const st = this.state;
    const { values, vectors } = symmetricEigen(st.C, this.n);
    const top = Math.max(...values);
    st.B.set(vectors);
    for (let i = 0; i < this.n; i++) st.D[i] = Math.sqrt(Math.max(values[i], top * 1e-20, 1e-300));
    st.eigenAt = st.generation;
  }

  private stopReasons(bestValue: number, worstValue: number): StopReason[] {
    const { n, options: o } = this;
    const st = this.state;
    const { mean, sigma, C, B, D, pc } = st;
    const out: StopReason[] = [];
    const g = st.generation;
    const histLength = 10 + Math.ceil((30 * n) / st.popSize);
    if (g >= histLength) {
      const recent = st.bestHistory.slice(-histLength);
      if (worstValue - bestValue < o.tolFun && Math.max(...recent) - Math.min(...recent) < o.tolFun) out.push('tolFun');
    }
    let small = true;
    let large = false;
    let noEffectCoord = false;
    for (let i = 0; i < n; i++) {
      const sd = sigma * Math.sqrt(C[i * n + i]);
      if (!(sd < o.tolX && Math.abs(sigma * pc[i]) < o.tolX)) small = false;
      if (sd > this.sigma0 * o.tolFacUpX) large = true;
      if (mean[i] === mean[i] + 0.2 * sd) noEffectCoord = true;
    }
    if (small) out.push('tolX');
    if (large) out.push('tolFacUpX');
    const axis = g % n;
    let noEffectAxis = true;
    for (let i = 0; i < n; i++) if (mean[i] !== mean[i] + 0.1 * sigma * D[axis] * B[i * n + axis]) noEffectAxis = false;
    if (noEffectAxis) out.push('noEffectAxis');
    if (noEffectCoord) out.push('noEffectCoord');
    const dMax = Math.max(...D);
    const dMin = Math.min(...D);
    if ((dMax / dMin) ** 2 > o.tolConditionCov) out.push('tolConditionCov');
    if (o.stagnation) {
      const window = Math.min(20000, Math.max(Math.ceil(120 + (30 * n) / st.popSize), Math.ceil(0.2 * g)));
      if (g >= window) {
        const part = Math.max(1, Math.floor(0.3 * window));
        const medianOf = (xs: number[]) => {
          const s = [...xs].sort((a, b) => a - b);
          return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        };
        const stalled = (h: number[]) => {
          const recent = h.slice(-window);
          return medianOf(recent.slice(-part)) >= medianOf(recent.slice(0, part));
        };
        if (stalled(st.bestHistory) && stalled(st.medianHistory)) out.push('stagnation');
      }
    }
    return out;
  }

  /**
   * Runs ask/tell with the synchronous `f` until `maxEvaluations` values were told, a value
   * reaches `target` (≤ when minimising, ≥ when maximising) or the search is done; the best point.
   */
  optimize(f: (x: Float64Array) => number, { maxEvaluations, target }: { maxEvaluations: number; target?: number }): CmaEsBest {
    if (!(Number.isInteger(maxEvaluations) && maxEvaluations > 0)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `cmaes: maxEvaluations must be a positive integer, got ${show(maxEvaluations)}`, { field: 'maxEvaluations' });
    const reached = (v: number) => target !== undefined && (this.options.maximize ? v >= target : v <= target);
    while (!this.finished && this.evals < maxEvaluations) {
      this.tell(this.ask().map(f));
      if (reached(this.bestSoFar!.value)) break;
    }
    return this.best!;
  }

  /** A plain JSON-safe object (infinite values as the strings "Infinity" / "-Infinity"). */
  toJSON(): CmaEsJSON {
    const st = this.state;
    const arr = (a: ArrayLike<number>) => Array.from(a);
    return {
      version: 1,
      options: { ...this.options, lower: this.lower && arr(this.lower), upper: this.upper && arr(this.upper), log: [...this.log], mean: arr(this.fromSearch(this.mean0)) },
      rng: [...this.rng.getState()].map(encodeNumber),
      run: { ...st, mean: arr(st.mean), C: arr(st.C), B: arr(st.B), D: arr(st.D), pc: arr(st.pc), ps: arr(st.ps), bestHistory: st.bestHistory.map(encodeNumber), medianHistory: st.medianHistory.map(encodeNumber) },
      runs: this.runs.map((r) => ({ ...r, best: r.best === null ? null : encodeNumber(r.best) })),
      evaluations: this.evals,
      best: this.bestSoFar && { ...this.bestSoFar, x: arr(this.bestSoFar.x), value: encodeNumber(this.bestSoFar.value) },
      pending: this.pending && this.pending.map(arr),
      done: this.finished,
    };
  }

  /** A search resumed from `toJSON()`: it continues exactly as the original would. */
  static fromJSON(json: CmaEsJSON): CmaEs {
    if (typeof json !== 'object' || json === null || json.version !== 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `cmaes: not a saved search (version 1), got ${show(json)}`, { field: 'json' });
    const { lower, upper, log, mean, ...scalars } = json.options;
    const es = new CmaEs({ ...scalars, lower, upper, log, mean });
    const r = json.run;
    es.params = strategyParameters(es.n, r.popSize);
    es.state = {
      ...r,
      mean: Float64Array.from(r.mean),
      C: Float64Array.from(r.C),
      B: Float64Array.from(r.B),
      D: Float64Array.from(r.D),
      pc: Float64Array.from(r.pc),
      ps: Float64Array.from(r.ps),
      bestHistory: r.bestHistory.map(decodeNumber),
      medianHistory: r.medianHistory.map(decodeNumber),
    };
    es.rng.setState(json.rng.map(decodeNumber));
    es.runList.length = 0;
    es.runList.push(...json.runs.map((x) => ({ ...x, best: x.best === null ? null : decodeNumber(x.best), stop: [...x.stop] })));
    es.evals = json.evaluations;
    es.bestSoFar = json.best && { ...json.best, x: Float64Array.from(json.best.x), value: decodeNumber(json.best.value) };
    es.pending = json.pending && json.pending.map((p) => Float64Array.from(p));
    es.finished = json.done;
    return es;
  }
}
