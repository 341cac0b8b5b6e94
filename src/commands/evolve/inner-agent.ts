/**
 * The inner agent of a fitness evaluation: one of the project's learners, made for the env it
 * trains on, trained in short chunks so that the fitness function can look at each training
 * episode as it ends (`trainInner`) and stop early, as the reference agents' episode loops do
 * (automl/learning_environments `agents/base_agent.py`).
 *
 * `varyHyperparameters` is the reference's "vary HP" (`agents/DDQN_vary.py`): per evaluation, the
 * learning rate log-uniform in [lr/3, 3·lr], the batch size and the hidden width log-uniform
 * integers in [⌊x/3⌋, ⌊3x⌋], the number of hidden layers uniform in [l − 1, l + 1] (at least 1),
 * drawn from the evaluation's seed; a learner without one of these options keeps the others.
 */
import type { AgentEnvSpec } from '../../agents/agent.ts';
import type { Learner } from '../../agents/learner.ts';
import type { LearnerRegistry } from '../../agents/learners.ts';
import { Rng, type VectorEnv } from '../../core/index.ts';
import type { EpisodeRecorder, RecordedEpisode } from '../episode-recorder.ts';

export interface InnerAgent {
  agent: string;
  options: Record<string, unknown>;
}

/** `options` with learningRate, batchSize and hidden varied as the reference's vary_hp, from `seed`. */
export function varyHyperparameters(options: Record<string, unknown>, seed: number): Record<string, unknown> {
  const rng = new Rng(seed);
  const logUniform = (x: number) => Math.exp(rng.uniform(Math.log(x / 3), Math.log(x * 3)));
  const logInteger = (x: number) => {
    const lo = Math.max(1, Math.floor(x / 3));
    const hi = Math.max(lo, Math.floor(x * 3));
    return Math.min(hi, Math.floor(Math.exp(rng.uniform(Math.log(lo), Math.log(hi + 1)))));
  };
  const out = { ...options };
  if (typeof out.learningRate === 'number') out.learningRate = logUniform(out.learningRate);
  if (typeof out.batchSize === 'number') out.batchSize = logInteger(out.batchSize);
  if (Array.isArray(out.hidden) && out.hidden.length > 0) {
    const hidden = out.hidden as number[];
    const width = logInteger(hidden[0]);
    const layers = Math.max(1, hidden.length - 1 + rng.integer(3));
    out.hidden = new Array<number>(layers).fill(width);
  }
  return out;
}

/** A fresh learner `agent` with `options` (completed with its defaults) for `env`. */
/** The varied options of an evaluation, for its metrics row. */
export function variedInfo(options: Record<string, unknown>): Record<string, number | string | null> {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return { learning_rate: num(options.learningRate), batch_size: num(options.batchSize), hidden: Array.isArray(options.hidden) ? options.hidden.join('x') : null };
}

export async function createInnerLearner(learners: LearnerRegistry, env: VectorEnv, envId: string, { agent, options }: InnerAgent, seed: number): Promise<Learner> {
  const plugin = learners.get(agent, 'agent');
  const spec: AgentEnvSpec = {
    envId,
    numEnvs: env.numEnvs,
    observationSpace: env.singleObservationSpace,
    actionSpace: env.singleActionSpace,
    contextSpace: env.contextSpace,
    maxEpisodeSteps: env.maxEpisodeSteps,
    episodesPerTrial: 1,
    envArgs: {},
  };
  const why = plugin.fits(spec);
  if (why !== undefined) throw new Error(`learner ${agent} cannot train in ${envId}: ${why}`);
  return plugin.create(spec, learners.options(agent, options), seed);
}

export interface TrainInnerOptions {
  /** Most env steps (all envs). */
  maxSteps: number;
  /** Most training episodes. */
  maxEpisodes: number;
  /** Env steps per chunk (default: one vector step). */
  chunk?: number;
  /** Called with the episodes that ended in a chunk; true stops the training. */
  afterEpisodes?(ended: readonly RecordedEpisode[]): boolean | Promise<boolean>;
}

export type TrainStop = 'early-out' | 'episodes' | 'steps';

/** Trains `learner` on `env` until `afterEpisodes` says so, `maxEpisodes` episodes ended or `maxSteps` steps. */
export async function trainInner(learner: Learner, env: EpisodeRecorder, { maxSteps, maxEpisodes, chunk = env.numEnvs, afterEpisodes }: TrainInnerOptions): Promise<TrainStop> {
  let seen = 0;
  while (learner.steps < maxSteps) {
    await learner.train(env, Math.min(maxSteps, learner.steps + chunk));
    if (env.episodes.length === seen) continue;
    const ended = env.episodes.slice(seen);
    seen = env.episodes.length;
    if (afterEpisodes && (await afterEpisodes(ended))) return 'early-out';
    if (seen >= maxEpisodes) return 'episodes';
  }
  return 'steps';
}

const meanOf = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/**
 * The reference's mean of the last `num` values skipping the last `skip` (`AverageMeter._mean`:
 * fewer values when there are not enough, 0 for none).
 */
export function meanLast(values: readonly number[], num: number, skip = 0): number {
  const end = Math.max(values.length - skip, 0);
  return meanOf(values.slice(Math.max(end - num, 0), end));
}
