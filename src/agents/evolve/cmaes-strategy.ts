/**
 * CMA-ES (`cma-es.ts`, IPOP restarts) as a population-runner strategy over named, bounded
 * hyperparameters (e.g. a reservoir's spectral radius, leak rate and input scaling, searched in
 * log coordinates as ER-MRL's Optuna setup).
 *
 * - A generation is one `ask`: λ points (λ doubles at each restart), each a member (`point`) with
 *   its own seed; the candidate is the JSON object `{name: value}`.
 * - Fitness is maximised; a failed evaluation counts as −Infinity.
 * - `result()`: the best point told so far (CMA-ES's `best`), with its fitness.
 * - `done` once the last allowed restart has stopped.
 */
import { MetarenaError, show } from '../../core/index.ts';
import { CmaEs, type CmaEsJSON, type CmaEsOptions } from './cma-es.ts';
import type { GenerationReport, Strategy, StrategyJob, StrategyResult } from './strategy.ts';

export interface CmaEsStrategyState {
  cmaes: CmaEsJSON;
  generation: number;
}

export class CmaEsStrategy implements Strategy {
  readonly name = 'cmaes';
  readonly es: CmaEs;
  private generation: number;

  /**
   * A search over `names` (one per coordinate of the box in `options`), or (with `state`) the one
   * saved by `toJSON`.
   */
  constructor(
    readonly names: readonly string[],
    options: CmaEsOptions,
    state?: CmaEsStrategyState,
  ) {
    this.es = state ? CmaEs.fromJSON(state.cmaes) : new CmaEs({ ...options, maximize: true });
    if (!this.es.options.maximize) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'the CMA-ES state of a population run must maximise', { field: 'state' });
    if (names.length !== this.es.n || new Set(names).size !== names.length) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `CMA-ES: ${this.es.n} coordinates need as many distinct names, got ${show(names)}`, { field: 'names' });
    }
    this.generation = state?.generation ?? 0;
  }

  get done(): boolean {
    return this.es.done;
  }

  /** The point `x` as the candidate's JSON object. */
  values(x: ArrayLike<number>): Record<string, number> {
    return Object.fromEntries(this.names.map((name, i) => [name, x[i]]));
  }

  ask(): StrategyJob[] {
    return this.es.ask().map((x, i) => ({ member: i, tag: 'point', seedPath: [i], candidate: { kind: 'json', value: this.values(x) } }));
  }

  tell(fitness: readonly number[]): GenerationReport {
    const stepSize = this.es.sigma;
    const run = this.es.run;
    const values = fitness.map((v) => (Number.isNaN(v) ? -Infinity : v));
    this.es.tell(values);
    this.generation++;
    return { members: values, stepSize, extra: { restart: run, population: values.length } };
  }

  result(): StrategyResult | null {
    const best = this.es.best;
    return best && { candidate: { kind: 'json', value: this.values(best.x) }, fitness: best.value, generation: this.bestGeneration(best) };
  }

  toJSON(): CmaEsStrategyState {
    return { cmaes: this.es.toJSON(), generation: this.generation };
  }

  /** The runner's generation of CMA-ES's best point: generations of the earlier runs plus its generation within its run. */
  private bestGeneration(best: { run: number; generation: number }): number {
    const runs = this.es.runs;
    let g = 0;
    for (let r = 0; r < best.run; r++) g += runs[r].generations;
    return g + best.generation;
  }
}
