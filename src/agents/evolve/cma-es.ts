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
 *
 * ## Files
 * The strategy parameters are in cma-es-parameters.ts, the box and its transform in cma-es-box.ts,
 * a run's state, sampling and update in cma-es-run.ts, the stop criteria in cma-es-stop.ts; every
 * name of those that the search's users need is exported here too.
 */
import { type ArgSpecs, type ArgsOf, MetarenaError, Rng, resolveArgs, show } from '../../core/index.ts';
import { drawInUnitBox, fromSearch, invalidOption, type SearchBoxOptions, searchBox, toSearch, VECTOR_KEYS } from './cma-es-box.ts';
import { type StrategyParameters, strategyParameters } from './cma-es-parameters.ts';
import { drawPoint, freshRun, type RunState, updateRun } from './cma-es-run.ts';
import { type StopReason, stopReasons } from './cma-es-stop.ts';

export type { SearchBoxOptions } from './cma-es-box.ts';
export { type StrategyParameters, strategyParameters } from './cma-es-parameters.ts';
export type { StopReason, StopTolerances } from './cma-es-stop.ts';

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

export interface CmaEsOptions extends Partial<CmaEsScalarOptions>, SearchBoxOptions {}

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

    const { n, lower, upper, log, mean } = searchBox(options);
    this.n = n;
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
    this.state = freshRun(n, popSize, this.mean0, this.sigma0);
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
    return toSearch(this, x);
  }

  /** The caller's point of search coordinates `z` (inside the box when `z` is in the unit box). */
  fromSearch(z: ArrayLike<number>): Float64Array {
    return fromSearch(this, z);
  }

  /** The population to evaluate next: λ points in the caller's coordinates (the same until told). */
  ask(): Float64Array[] {
    if (this.finished) throw new MetarenaError('METARENA_CLOSED', `cmaes: the search is done (${this.runList.length} runs, the last stopped by ${this.runList[this.runList.length - 1].stop.join(', ')}); no more points`, { field: 'ask' });
    if (!this.pending) {
      const draw = () => drawPoint(this.state, this.rng);
      const bounded = this.lower !== undefined;
      this.pending = Array.from({ length: this.state.popSize }, () => (bounded ? drawInUnitBox(draw, this.options.maxResample) : draw()));
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
    updateRun(st, this.params, points, order);
    st.bestHistory.push(f[order[0]]);
    st.medianHistory.push(lambda % 2 ? f[order[(lambda - 1) / 2]] : (f[order[lambda / 2 - 1]] + f[order[lambda / 2]]) / 2);
    run.generations = st.generation;
    const stop = stopReasons(st, this.sigma0, this.options, f[order[0]], f[order[lambda - 1]]);
    if (stop.length > 0) {
      run.stop = stop;
      if (this.runList.length - 1 >= this.options.restarts) {
        this.finished = true;
      } else {
        const popSize = Math.max(2, Math.round(st.popSize * this.options.popSizeFactor));
        const mean = this.lower ? Float64Array.from({ length: this.n }, () => this.rng.random()) : this.mean0;
        this.params = strategyParameters(this.n, popSize);
        this.state = freshRun(this.n, popSize, mean, this.sigma0);
        this.runList.push({ popSize, generations: 0, evaluations: 0, best: null, stop: [] });
      }
    }
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
