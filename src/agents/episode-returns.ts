/**
 * The one episode-evaluation loop: the returns of whole episodes of an agent in a vector env,
 * read through the transition stream, so it works in every autoreset mode. Every learner's
 * greedy evaluation (`metarena train`), the evolution's fitness evaluations and the learners'
 * tests use it.
 *
 * - Real reward: reward-shaping wrappers (RewardNet, ICM) put the env's own reward of a step in
 *   `info.env_reward`; an evaluation sums that one where a step reports it (`rewardKey`, default
 *   `env_reward`; null: the reward the agent sees), so a greedy evaluation judges the task, not
 *   the shaping.
 * - Episodes that never end: an env without a time limit (CliffWalking-v0, as Gymnasium
 *   registers it) lets a greedy policy loop forever. Give the env a time limit for evaluations
 *   (`make(…, {maxEpisodeSteps})`: the episode is truncated and counted, `truncated`);
 *   `maxSteps` is only the last guard: vector steps after which the evaluation fails with
 *   METARENA_LIMIT_EXCEEDED instead of hanging.
 */
import { MetarenaError, type VectorEnv } from '../core/index.ts';
import type { Agent } from './agent.ts';
import { TransitionStream } from './transitions.ts';

/** The info key under which reward-shaping wrappers record the env's own reward. */
export const ENV_REWARD_KEY = 'env_reward';

/** The episode cap an evaluation gives an env without a time limit, unless told otherwise. */
export const DEFAULT_EVAL_MAX_EPISODE_STEPS = 1_000;

export interface EpisodeReturnsOptions {
  episodes: number;
  /** Seeds the env's reset. */
  seed: number;
  /** Vector steps after which episodes that have not ended are an error. */
  maxSteps?: number;
  /** Sum `info[rewardKey]` where a step reports it instead of the reward (default `env_reward`; null: the reward). */
  rewardKey?: string | null;
}

export interface EpisodeResults {
  /** Episode returns, in the order the episodes ended. */
  returns: number[];
  /** Their lengths in steps. */
  lengths: number[];
  /** 1 where the episode was truncated (a time limit), 0 where it terminated. */
  truncated: number[];
  /** Steps whose reward was read from `info[rewardKey]` (0: every step's own reward was used). */
  rewardKeySteps: number;
}

type EvaluatedAgent = Pick<Agent, 'act'> & Partial<Pick<Agent, 'start' | 'observe'>>;

/**
 * `episodes` whole episodes of `agent` in `env` (reset here with `seed`), split evenly over the
 * envs so that short episodes are not over-counted, in the order they ended. `env` is not closed.
 */
export async function evaluateEpisodes(env: VectorEnv, agent: EvaluatedAgent, { episodes, seed, maxSteps = 1_000_000, rewardKey = ENV_REWARD_KEY }: EpisodeReturnsOptions): Promise<EpisodeResults> {
  const n = env.numEnvs;
  const quota = Array.from({ length: n }, (_, i) => Math.floor(episodes / n) + (i < episodes % n ? 1 : 0));
  const ended = new Array<number>(n).fill(0);
  const out: EpisodeResults = { returns: [], lengths: [], truncated: [], rewardKeySteps: 0 };
  const running = new Float64Array(n);
  const length = new Int32Array(n);
  const stream = new TransitionStream(env, { agent: 'evaluation', needsFinalObs: false });
  const reset = await stream.reset(seed);
  agent.start?.(reset);
  for (let t = 0; out.returns.length < episodes; t++) {
    if (t >= maxSteps) throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `evaluation: ${episodes} episodes did not end within ${maxSteps} steps (give the env a time limit: maxEpisodeSteps)`, { field: 'episodes' });
    const actions = await agent.act(stream.obs);
    const step = await stream.step(actions);
    await agent.observe?.(actions, step.result);
    const real = rewardKey === null ? undefined : (step.info[rewardKey] as ArrayLike<number> | undefined);
    const mask = rewardKey === null ? undefined : (step.info[`_${rewardKey}`] as ArrayLike<number> | undefined);
    for (let i = 0; i < n; i++) {
      if (!step.valid[i]) continue;
      const useKey = real !== undefined && (mask === undefined || mask[i] === 1) && typeof real[i] === 'number';
      if (useKey) out.rewardKeySteps++;
      running[i] += useKey ? real[i] : step.rewards[i];
      length[i]++;
      if (step.done[i]) {
        if (ended[i] < quota[i]) {
          out.returns.push(running[i]);
          out.lengths.push(length[i]);
          out.truncated.push(step.terminated[i] ? 0 : 1);
        }
        ended[i]++;
        running[i] = 0;
        length[i] = 0;
      }
    }
  }
  return out;
}

/** The returns of `evaluateEpisodes`. */
export async function evaluateReturns(env: VectorEnv, agent: EvaluatedAgent, options: EpisodeReturnsOptions): Promise<number[]> {
  return (await evaluateEpisodes(env, agent, options)).returns;
}
