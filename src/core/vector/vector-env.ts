/**
 * The VectorEnv contract: n envs stepped together, batch-first. In-process and remote vector
 * envs implement it alike, so an agent cannot tell them apart; every call returns a Promise.
 */
import type { ContextSpace } from '../context.ts';
import type { Info } from '../env.ts';
import type { Space } from '../spaces/index.ts';
import type { Batch } from './batch.ts';

/**
 * What happens when a sub-env's episode ends (Gymnasium 1.x `AutoresetMode`):
 * - `next_step`: the next step() resets it (its action is ignored; reward 0, not done) and
 *   returns the reset observation and reset info;
 * - `same_step`: it is reset within the same step(); `info.final_obs` / `info.final_info` keep
 *   the last observation and info of the finished episode;
 * - `disabled`: the caller resets it with `reset({options: {mask}})`.
 */
export type AutoresetMode = 'next_step' | 'same_step' | 'disabled';
export const AUTORESET_MODES: readonly AutoresetMode[] = ['next_step', 'same_step', 'disabled'];

export interface VectorResetOptions {
  /** Which envs to reset (default: all). */
  mask?: ArrayLike<boolean | number>;
  /** Context for every env being reset. */
  context?: Record<string, number>;
  /** Context per env (null/undefined entries keep the sampler). */
  contexts?: (Record<string, number> | null | undefined)[];
}

export interface VectorResetArgs {
  /** One seed (env i gets seed + i, as Gymnasium does) or one per env (null: no reseed). */
  seed?: number | (number | null | undefined)[];
  options?: VectorResetOptions;
}

export interface VectorResetResult {
  obs: Batch;
  info: Info;
}

export interface VectorStepResult {
  obs: Batch;
  rewards: Float64Array;
  terminated: Uint8Array;
  truncated: Uint8Array;
  info: Info;
}

export interface VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space;
  readonly singleActionSpace: Space;
  readonly contextSpace: ContextSpace;
  readonly autoresetMode: AutoresetMode;
  readonly maxEpisodeSteps: number | undefined;
  reset(args?: VectorResetArgs): Promise<VectorResetResult>;
  step(actions: Batch | unknown[]): Promise<VectorStepResult>;
  close(): Promise<void>;
}
