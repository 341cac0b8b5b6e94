/**
 * The GTN's NES (`nes.ts`) as a population-runner strategy over a flat parameter vector ψ (an
 * SE's or RN's linear weights).
 *
 * - A generation asks, for each member i, ψ + εᵢ (`plus`) and, mirrored, ψ − εᵢ (`minus`); both
 *   evaluations share member i's seed, so the pair differs only by the sign of εᵢ. With
 *   `centerEvaluations` k > 0 it also asks for ψ itself k times (`center`, each its own seed):
 *   the reference workers' `score_orig` (automl/learning_environments `GTN_worker.py`, one per
 *   worker there), which the reference master uses to keep its best model.
 * - A member's fitness is the better of its two scores (`mirroredChoice`); failed evaluations
 *   count as −Infinity. The update is `Nes.tell`.
 * - `result()`: with centre evaluations, the ψ whose centre evaluations had the best mean so far
 *   (the reference master's `save_good_model`); without, the current ψ (fitness null).
 */
import { MetarenaError, show } from '../../core/index.ts';
import type { Candidate } from './evaluator.ts';
import { Nes, type NesOptions, type NesState } from './nes.ts';
import type { GenerationReport, Strategy, StrategyJob, StrategyResult } from './strategy.ts';

export interface NesStrategyState {
  nes: NesState;
  best: { params: number[]; fitness: number; generation: number } | null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export class NesStrategy implements Strategy {
  readonly name = 'nes';
  readonly done = false;
  readonly nes: Nes;
  private best: { params: Float32Array; fitness: number; generation: number } | null;

  /**
   * A search from ψ = `params`, or (with `state`) the one saved by `toJSON`. `centerEvaluations`
   * is the number of evaluations of ψ per generation.
   */
  constructor(
    params: ArrayLike<number>,
    readonly options: NesOptions,
    readonly centerEvaluations = 0,
    state?: NesStrategyState,
  ) {
    if (!Number.isInteger(centerEvaluations) || centerEvaluations < 0) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `centerEvaluations must be an integer >= 0, got ${show(centerEvaluations)}`, { field: 'centerEvaluations', allowed: 'integer >= 0' });
    }
    this.nes = state ? Nes.fromState(state.nes, options) : new Nes(params, options);
    if (state && state.nes.params.length !== params.length) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES state has ${state.nes.params.length} parameters, the model ${params.length}`, { field: 'state' });
    }
    this.best = state?.best ? { ...state.best, params: Float32Array.from(state.best.params) } : null;
  }

  ask(): StrategyJob[] {
    const { population, mirrored } = this.nes;
    const jobs: StrategyJob[] = [];
    const candidate = (params: Float32Array): Candidate => ({ kind: 'params', params });
    for (let i = 0; i < population; i++) {
      jobs.push({ member: i, tag: 'plus', seedPath: [i], candidate: candidate(this.nes.candidate(i, 1)) });
      if (mirrored) jobs.push({ member: i, tag: 'minus', seedPath: [i], candidate: candidate(this.nes.candidate(i, -1)) });
    }
    for (let c = 0; c < this.centerEvaluations; c++) jobs.push({ member: c, tag: 'center', seedPath: ['center', c], candidate: candidate(Float32Array.from(this.nes.params)) });
    return jobs;
  }

  tell(fitness: readonly number[]): GenerationReport {
    const { population, mirrored } = this.nes;
    const per = mirrored ? 2 : 1;
    const expected = population * per + this.centerEvaluations;
    if (fitness.length !== expected) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `NES: tell needs ${expected} fitness values, got ${fitness.length}`, { field: 'fitness' });
    const worst = (v: number) => (Number.isNaN(v) ? -Infinity : v);
    const scores = Array.from({ length: population }, (_, i) => (mirrored ? { plus: worst(fitness[2 * i]), minus: worst(fitness[2 * i + 1]) } : { plus: worst(fitness[i]) }));
    const centers = fitness.slice(population * per).map(worst);
    const center = centers.length ? mean(centers) : null;
    const generation = this.nes.generation;
    const params = Float32Array.from(this.nes.params);
    const told = this.nes.tell(scores);
    if (center !== null && Number.isFinite(center) && (!this.best || center > this.best.fitness)) this.best = { params, fitness: center, generation };
    return { members: told.scores, stepSize: this.nes.sigma, extra: { center_fitness: center !== null && Number.isFinite(center) ? center : null } };
  }

  result(): StrategyResult | null {
    if (this.centerEvaluations > 0) return this.best && { candidate: { kind: 'params', params: Float32Array.from(this.best.params) }, fitness: this.best.fitness, generation: this.best.generation };
    return { candidate: { kind: 'params', params: Float32Array.from(this.nes.params) }, fitness: null, generation: this.nes.generation };
  }

  toJSON(): NesStrategyState {
    return { nes: this.nes.state(), best: this.best && { params: Array.from(this.best.params), fitness: this.best.fitness, generation: this.best.generation } };
  }
}
