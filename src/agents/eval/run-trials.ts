/**
 * Runs one agent for one trial in every env of a vector env, from a seeded reset: trial j of a
 * batch starts from `seeds[j]`, so the same seeds give every agent the same tasks. Works with
 * any autoreset mode and needs no trial length: an env's trial is over when it reports a reset
 * into its next trial (`info.trial` > 0).
 */
import { MetarenaError, type VectorEnv } from '../../core/index.ts';
import type { Agent } from '../agent.ts';

export interface TrialBatchResult {
  /** Total reward of each env's trial. */
  returns: Float64Array;
  /** Return of episode e of env i's trial at `i * episodesPerTrial + e` (episodes past that are dropped). */
  episodeReturns: Float64Array;
}

/** Steps per env after which a trial that has not ended is an error (guards a hung env). */
const DEFAULT_STEP_LIMIT = 10_000_000;

export async function runTrialBatch(env: VectorEnv, agent: Agent, seeds: readonly number[], episodesPerTrial: number, stepLimit = DEFAULT_STEP_LIMIT): Promise<TrialBatchResult> {
  const n = env.numEnvs;
  const returns = new Float64Array(n);
  const episodeReturns = new Float64Array(n * episodesPerTrial);
  const episode = new Int32Array(n);
  const finished = new Uint8Array(n);
  let open = n;

  const reset = await env.reset({ seed: [...seeds] });
  if (!(reset.info.trial && reset.info._trial)) {
    throw new MetarenaError('METARENA_NOT_SUPPORTED', 'the env reports no trial in its reset info, so trials cannot be counted (metarena envs report info.trial and info.episode_in_trial)', { field: 'env' });
  }
  agent.start(reset);
  let obs = reset.obs;
  for (let t = 0; open > 0; t++) {
    if (t >= stepLimit) throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `a trial did not end within ${stepLimit} steps`, { field: 'episodes_per_trial' });
    const actions = await agent.act(obs);
    const result = await env.step(actions);
    await agent.observe(actions, result);
    const trial = result.info.trial as ArrayLike<number> | undefined;
    const mask = result.info._trial as ArrayLike<number> | undefined;
    const eit = result.info.episode_in_trial as ArrayLike<number> | undefined;
    const rewards = result.rewards;
    for (let i = 0; i < n; i++) {
      if (finished[i]) continue;
      returns[i] += rewards[i];
      if (episode[i] < episodesPerTrial) episodeReturns[i * episodesPerTrial + episode[i]] += rewards[i];
      if (mask && mask[i]) {
        if (trial![i] > 0) {
          finished[i] = 1;
          open -= 1;
        } else {
          episode[i] = eit ? eit[i] : episode[i] + 1;
        }
      }
    }
    obs = result.obs;
  }
  return { returns, episodeReturns };
}
