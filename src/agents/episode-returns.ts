/**
 * The one episode-evaluation loop: the returns of whole episodes of an agent in a vector env,
 * read through the transition stream, so it works in every autoreset mode. Every learner's
 * greedy evaluation (`metarena train`) and the learners' tests use it.
 */
import { MetarenaError, type VectorEnv } from '../core/index.ts';
import type { Agent } from './agent.ts';
import { TransitionStream } from './transitions.ts';

export interface EpisodeReturnsOptions {
  episodes: number;
  /** Seeds the env's reset. */
  seed: number;
  /** Vector steps after which episodes that have not ended are an error. */
  maxSteps?: number;
}

/**
 * Returns of `episodes` whole episodes of `agent` in `env` (reset here with `seed`), split evenly
 * over the envs so that short episodes are not over-counted; in the order they ended. `env` is
 * not closed.
 */
export async function evaluateReturns(env: VectorEnv, agent: Pick<Agent, 'act'> & Partial<Pick<Agent, 'start' | 'observe'>>, { episodes, seed, maxSteps = 1_000_000 }: EpisodeReturnsOptions): Promise<number[]> {
  const n = env.numEnvs;
  const quota = Array.from({ length: n }, (_, i) => Math.floor(episodes / n) + (i < episodes % n ? 1 : 0));
  const ended = new Array<number>(n).fill(0);
  const returns: number[] = [];
  const stream = new TransitionStream(env, { agent: 'evaluation', needsFinalObs: false });
  const reset = await stream.reset(seed);
  agent.start?.(reset);
  for (let t = 0; returns.length < episodes; t++) {
    if (t >= maxSteps) throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `evaluation: ${episodes} episodes did not end within ${maxSteps} steps`, { field: 'episodes' });
    const actions = await agent.act(stream.obs);
    const step = await stream.step(actions);
    await agent.observe?.(actions, step.result);
    for (const { env: i, episodeReturn } of step.finished) {
      if (ended[i] < quota[i]) returns.push(episodeReturn);
      ended[i]++;
    }
  }
  return returns;
}
