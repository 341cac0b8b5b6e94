/**
 * The outer loop as the population runner (`population.ts`) sees it: a `Strategy` asks for the
 * evaluations of one generation, is told their fitnesses, and can be saved and restored between
 * generations. Two adapters implement it: `NesStrategy` (the GTN's NES over a flat parameter
 * vector, `nes-strategy.ts`) and `CmaEsStrategy` (CMA-ES over named hyperparameters,
 * `cmaes-strategy.ts`).
 *
 * Fitness is maximised. A failed evaluation is told as −Infinity (the worst value).
 */
import type { Candidate } from './evaluator.ts';

/** One evaluation a strategy asks for. */
export interface StrategyJob {
  /** Member of the generation it belongs to. */
  member: number;
  /** Which evaluation of the member (e.g. `plus`, `minus`, `center`, `point`). */
  tag: string;
  /**
   * The path the job's seed is derived from after (run seed, generation): evaluations that share
   * it (a member's mirrored pair) train their inner agents with the same seed.
   */
  seedPath: (string | number)[];
  candidate: Candidate;
}

/** What a generation gave, per member (after the strategy combined a member's evaluations). */
export interface GenerationReport {
  /** Each member's fitness, in member order (−Infinity for a member whose evaluations failed). */
  members: number[];
  /** The step size the generation was drawn with (NES σ, CMA-ES σ in its search coordinates). */
  stepSize: number;
  /** Strategy-specific numbers for the log (e.g. the mean fitness of the centre). */
  extra: Record<string, number | null>;
}

/** The candidate a run would deliver now, with the fitness it was judged by. */
export interface StrategyResult {
  candidate: Candidate;
  /** Null when the candidate was never evaluated as such (NES without centre evaluations). */
  fitness: number | null;
  /** The generation it comes from. */
  generation: number;
}

export interface Strategy {
  /** `nes` or `cmaes`. */
  readonly name: string;
  /** True when the strategy has nothing more to ask (every CMA-ES restart has stopped). */
  readonly done: boolean;
  /** The evaluations of the next generation (the same until told). */
  ask(): StrategyJob[];
  /** Completes the generation with the fitness of every job of `ask()`, in its order. */
  tell(fitness: readonly number[]): GenerationReport;
  /** The candidate to deliver (see each strategy for which one). */
  result(): StrategyResult | null;
  /** JSON state that `restore` (of the same adapter) resumes exactly. */
  toJSON(): unknown;
}
