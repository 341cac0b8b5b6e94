/**
 * The NES side that `evolve se` and `evolve rn` share: both evolve the linear parameters ψ of a
 * model (an SE's three networks, an RN's Φ or w) with the paper's NES (`NesStrategy`), σ and α
 * from `--set` or else the env's reference values, and deliver the chosen ψ as that model's
 * checkpoint directory `model/` in the run directory.
 */
import { join } from 'node:path';
import type { Candidate, FitnessTask } from '../../agents/evolve/evaluator.ts';
import { NesStrategy, type NesStrategyState } from '../../agents/evolve/nes-strategy.ts';
import { MetarenaError, deriveSeed } from '../../core/index.ts';
import type { EvolveSetup } from './setup.ts';

/** A model whose parameters are ψ: the SE's `SyntheticModel`, the RN's `RewardNetModel`. */
export interface ParameterModel {
  readonly params: Float32Array;
  record: unknown;
  save(dir: string): Promise<void>;
}

/** The `--set` values NES reads (`SE_OPTIONS`, `RN_OPTIONS`). */
export interface NesOptions {
  sigma: number;
  alpha: number;
  mirrored: boolean;
  weightDecay: number;
  centerEvaluations: number;
}

export interface NesSetupInput {
  kind: 'se' | 'rn';
  /** The task's options, sent to the workers and recorded in run.json. */
  taskOptions: Record<string, unknown>;
  options: NesOptions;
  /** The env's reference σ and α, if it has them. */
  preset?: { sigma: number; alpha: number };
  population?: number;
  /** A model with fresh parameters drawn from `seed`, and one to fill with ψ. */
  randomModel(seed: number): ParameterModel;
  emptyModel(): ParameterModel;
}

/** The NES `EvolveSetup` of a parameter model. */
export function nesSetup({ kind, taskOptions, options: o, preset, population, randomModel, emptyModel }: NesSetupInput): EvolveSetup {
  const nes = { sigma: o.sigma || preset?.sigma || 0.1, alpha: o.alpha || preset?.alpha || 0.5, mirrored: o.mirrored, weightDecay: o.weightDecay, population: population ?? 16 };
  const size = emptyModel().params.length;
  return {
    kind,
    task: { kind, options: { ...taskOptions } } as FitnessTask,
    settings: { ...taskOptions, ...nes, centerEvaluations: o.centerEvaluations, parameters: size },
    defaultGenerations: 50,
    strategy(seed, state) {
      const initial = randomModel(deriveSeed(seed, 'evolve', 'initial')).params;
      return new NesStrategy(initial, { ...nes, seed: deriveSeed(seed, 'nes') }, o.centerEvaluations, state as NesStrategyState | undefined);
    },
    async saveModel(result, out, record) {
      const model = emptyModel();
      model.params.set(candidateParams(result.candidate, size, kind.toUpperCase()));
      model.record = record;
      const dir = join(out, 'model');
      await model.save(dir);
      return dir;
    },
  };
}

/** ψ of a candidate, checked to be `size` parameters (`label`: SE or RN, for the message). */
export function candidateParams(candidate: Candidate, size: number, label: string): Float32Array {
  if (candidate.kind !== 'params' || candidate.params.length !== size) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `an ${label} candidate must be ${size} parameters, got ${candidate.kind === 'params' ? candidate.params.length : 'a JSON object'}`, { field: 'candidate' });
  }
  return candidate.params;
}
