/**
 * The natural evolution strategy that learns synthetic environments and reward networks in
 * Ferreira et al., "Learning Synthetic Environments and Reward Networks for Reinforcement
 * Learning" (ICLR 2022), as its code runs it (automl/learning_environments
 * `agents/GTN_master.py`, `agents/GTN_worker.py`), over one flat parameter vector ψ (the linear
 * layers' weights and biases of an SE or RN):
 *
 * 1. Each of λ members (population, default 16) draws ε ~ N(0, σ²) of ψ's size.
 * 2. Mirrored sampling (default): the member scores ψ + ε and ψ − ε and keeps the better sign
 *    (ε ← −ε when ψ − ε scored higher; a tie keeps +ε); its score is the better one. Without
 *    mirroring it scores ψ + ε only.
 * 3. Rank transform (`score_transform_type` 3; 2 with `zeroMean`): rank the scores, 1 for the
 *    best; uᵢ = max(0, ln(λ/2 + 1) − ln rankᵢ); u ← u / Σu (and u ← u − 1/λ with `zeroMean`);
 *    u ← u / max(u). Equal scores are ranked by member index (the reference sorts with numpy's
 *    unstable argsort).
 * 4. Update: ψ ← (1 − weight decay)·ψ, then ψ ← ψ + α Σᵢ uᵢ εᵢ, with α/λ in place of α when
 *    `divideByPopulation` (the reference's `nes_step_size`). No division by σ, as there.
 *
 * The reference configs: CartPole SE σ 0.0124, α 0.148; Acrobot SE σ 0.0114, α 0.727; RNs σ 0.1,
 * α 0.5; population 16, mirrored, no weight decay, transform 3.
 *
 * Seeding: member i's ε in generation g comes from `deriveSeed(seed, 'nes', g, i)`, so any process
 * can rebuild it from (seed, g, i), and a generation is reproducible from ψ and g alone — the
 * state to checkpoint is `{generation, params}` (`NesState`).
 */
import { MetarenaError, Rng, deriveSeed, show } from '../../core/index.ts';

export interface NesOptions {
  /** λ, the number of members per generation (default 16). */
  population?: number;
  /** σ, the standard deviation of the perturbations. */
  sigma: number;
  /** α, the step size. */
  alpha: number;
  /** Score ψ − ε as well as ψ + ε and keep the better sign (default true). */
  mirrored?: boolean;
  /** ψ ← (1 − weightDecay)·ψ before each update (default 0). */
  weightDecay?: number;
  /** Use α/λ as the step size (default false). */
  divideByPopulation?: boolean;
  /** Subtract 1/λ from the normalised weights (transform 2 instead of 3; default false). */
  zeroMean?: boolean;
  /** Seed of the perturbations. */
  seed: number;
}

/** What one member's evaluation gave: the score of ψ + ε and (mirrored) of ψ − ε. */
export interface MemberScores {
  plus: number;
  minus?: number;
}

export interface GenerationResult {
  /** The generation that was evaluated. */
  generation: number;
  /** Each member's kept score. */
  scores: number[];
  /** Each member's kept sign of ε (+1 or −1). */
  signs: (1 | -1)[];
  /** Each member's rank-transformed weight uᵢ. */
  weights: number[];
}

/** What to checkpoint to resume an evolution: the next generation's number and ψ. */
export interface NesState {
  generation: number;
  params: number[];
}

/**
 * The rank transform (see the file's doc, step 3): weights for `scores` (higher is better), in
 * member order.
 */
export function rankWeights(scores: readonly number[], { zeroMean = false }: { zeroMean?: boolean } = {}): number[] {
  const n = scores.length;
  if (n < 1 || scores.some((s) => typeof s !== 'number' || Number.isNaN(s))) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES: scores must be a non-empty list of numbers, got ${show(scores)}`, { field: 'scores' });
  }
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const rank = new Array<number>(n);
  order.forEach((member, k) => {
    rank[member] = k + 1;
  });
  let u = rank.map((r) => Math.max(0, Math.log(n / 2 + 1) - Math.log(r)));
  const sum = u.reduce((a, b) => a + b, 0);
  u = u.map((v) => v / sum);
  if (zeroMean) u = u.map((v) => v - 1 / n);
  const max = Math.max(...u);
  return u.map((v) => v / max);
}

/** Member `member`'s ε ~ N(0, σ²) of generation `generation`, `size` values. */
export function perturbation(seed: number, generation: number, member: number, size: number, sigma: number): Float32Array {
  const rng = new Rng(deriveSeed(seed, 'nes', generation, member));
  const eps = new Float32Array(size);
  for (let k = 0; k < size; k++) eps[k] = sigma * rng.normal();
  return eps;
}

/** The mirrored choice: the better of the two scores and the sign of ε that gave it (a tie keeps +). */
export function mirroredChoice({ plus, minus }: MemberScores): { score: number; sign: 1 | -1 } {
  if (minus === undefined || !(minus > plus)) return { score: plus, sign: 1 };
  return { score: minus, sign: -1 };
}

export class Nes {
  readonly population: number;
  readonly sigma: number;
  readonly alpha: number;
  readonly mirrored: boolean;
  readonly weightDecay: number;
  readonly divideByPopulation: boolean;
  readonly zeroMean: boolean;
  readonly seed: number;
  /** ψ, updated in place by `tell`. */
  readonly params: Float32Array;
  private gen: number;

  constructor(params: ArrayLike<number>, options: NesOptions, generation = 0) {
    const { population = 16, sigma, alpha, mirrored = true, weightDecay = 0, divideByPopulation = false, zeroMean = false, seed } = options;
    if (!Number.isInteger(population) || population < 2) throw new MetarenaError('METARENA_INVALID_OPTION', `NES population must be an integer >= 2, got ${show(population)}`, { field: 'population', allowed: 'integer >= 2' });
    for (const [field, v] of [['sigma', sigma], ['alpha', alpha]] as const) {
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new MetarenaError('METARENA_INVALID_OPTION', `NES ${field} must be a positive number, got ${show(v)}`, { field, allowed: '> 0' });
    }
    if (!(weightDecay >= 0 && weightDecay < 1)) throw new MetarenaError('METARENA_INVALID_OPTION', `NES weightDecay must be in [0, 1), got ${show(weightDecay)}`, { field: 'weightDecay', allowed: '[0, 1)' });
    if (!Number.isInteger(generation) || generation < 0) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES generation must be a non-negative integer, got ${show(generation)}`, { field: 'generation' });
    this.population = population;
    this.sigma = sigma;
    this.alpha = alpha;
    this.mirrored = mirrored;
    this.weightDecay = weightDecay;
    this.divideByPopulation = divideByPopulation;
    this.zeroMean = zeroMean;
    this.seed = seed;
    this.params = Float32Array.from(params);
    if (!this.params.every(Number.isFinite)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'NES params must be finite numbers', { field: 'params' });
    this.gen = generation;
  }

  /** Resumes from a state written by `state()`. */
  static fromState(state: NesState, options: NesOptions): Nes {
    if (typeof state !== 'object' || state === null || !Array.isArray(state.params)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES state must be {generation, params}, got ${show(state)}`, { field: 'state' });
    return new Nes(state.params, options, state.generation);
  }

  /** The generation the next `tell` completes. */
  get generation(): number {
    return this.gen;
  }

  /** Member `member`'s ε of the current generation. */
  epsilon(member: number): Float32Array {
    if (!Number.isInteger(member) || member < 0 || member >= this.population) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES member must be an integer in [0, ${this.population - 1}], got ${show(member)}`, { field: 'member' });
    }
    return perturbation(this.seed, this.gen, member, this.params.length, this.sigma);
  }

  /** ψ + sign·ε of member `member` (the parameters that member scores). */
  candidate(member: number, sign: 1 | -1 = 1): Float32Array {
    const eps = this.epsilon(member);
    const out = new Float32Array(this.params.length);
    for (let k = 0; k < out.length; k++) out[k] = this.params[k] + sign * eps[k];
    return out;
  }

  /** Completes the generation with every member's scores (in member order): updates ψ. */
  tell(results: readonly MemberScores[]): GenerationResult {
    if (!Array.isArray(results) || results.length !== this.population) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES: tell needs the scores of all ${this.population} members, got ${Array.isArray(results) ? results.length : show(results)}`, { field: 'results' });
    }
    results.forEach((r, i) => {
      const bad = typeof r?.plus !== 'number' || Number.isNaN(r.plus) || (this.mirrored ? typeof r.minus !== 'number' || Number.isNaN(r.minus) : r.minus !== undefined);
      if (bad) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES: member ${i} needs ${this.mirrored ? 'plus and minus scores' : 'a plus score only (not mirrored)'}, got ${show(r)}`, { field: `results[${i}]` });
    });
    const chosen = results.map(mirroredChoice);
    const scores = chosen.map((c) => c.score);
    const signs = chosen.map((c) => c.sign);
    const weights = rankWeights(scores, { zeroMean: this.zeroMean });
    const step = this.divideByPopulation ? this.alpha / this.population : this.alpha;
    const next = Float64Array.from(this.params, (v) => v * (1 - this.weightDecay));
    for (let i = 0; i < this.population; i++) {
      if (weights[i] === 0) continue;
      const eps = this.epsilon(i);
      const scale = step * weights[i] * signs[i];
      for (let k = 0; k < next.length; k++) next[k] += scale * eps[k];
    }
    this.params.set(next);
    const generation = this.gen;
    this.gen += 1;
    return { generation, scores, signs, weights };
  }

  state(): NesState {
    return { generation: this.gen, params: Array.from(this.params) };
  }
}
