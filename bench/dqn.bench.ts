/**
 * DQN on CartPole-v1 (issue 6: "DQN solves CartPole-v1"): for 3 seeds, train the `dqn` learner
 * with its defaults (4 in-process envs, `totalSteps` 30k), evaluating the greedy policy over 20
 * episodes every 2,000 env steps, and stop at the first evaluation with a mean ≥ 475 (solved).
 * The figures are the medians over the seeds of the env steps and wall-clock seconds (training
 * plus the evaluations) to solve; a seed that never solves counts as the full budget. The
 * `seconds` option does not apply.
 */
import type { AgentEnvSpec } from '../src/agents/agent.ts';
import { DQN_DEFAULTS, dqnLearner } from '../src/agents/dqn.ts';
import { evaluateReturns } from '../src/agents/episode-returns.ts';
import { deriveSeed, resolveArgs } from '../src/core/index.ts';
import { initBackend } from '../src/nn/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';
import { type CartPoleRun, mean, median, round } from './stats.ts';

export const SEEDS = [1, 2, 3];
export const NUM_ENVS = 4;
export const EVAL_EVERY = 2_000;
export const EVAL_EPISODES = 20;
export const SOLVED_RETURN = 475;

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const backend = await initBackend();
  const registry = createBuiltinRegistry();
  const budget = DQN_DEFAULTS.totalSteps;
  const runs: CartPoleRun[] = [];
  for (const seed of SEEDS) {
    const env = registry.makeVec('CartPole-v1', NUM_ENVS);
    const evalEnv = registry.makeVec('CartPole-v1', 4);
    const spec: AgentEnvSpec = { envId: 'CartPole-v1', numEnvs: NUM_ENVS, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: 1, envArgs: {} };
    const started = performance.now();
    const learner = await dqnLearner.create(spec, resolveArgs(dqnLearner.options, {}, 'dqn'), seed);
    let evalReturn = 0;
    while (learner.steps < budget) {
      await learner.train(env, Math.min(budget, learner.steps + EVAL_EVERY));
      const returns = await evaluateReturns(evalEnv, learner.policy(), { episodes: EVAL_EPISODES, seed: deriveSeed(seed, 'eval') });
      evalReturn = mean(returns);
      if (evalReturn >= SOLVED_RETURN) break;
    }
    const seconds = (performance.now() - started) / 1000;
    runs.push({ seed, steps: learner.steps, seconds: round(seconds), evalReturn: round(evalReturn, 1), solved: evalReturn >= SOLVED_RETURN });
    process.stderr.write(`bench dqn: seed ${seed}: ${learner.steps} steps in ${seconds.toFixed(1)} s, eval return ${evalReturn.toFixed(1)}\n`);
    learner.dispose();
    await env.close();
    await evalEnv.close();
  }
  return {
    env: 'CartPole-v1',
    agent: 'dqn',
    backend: backend.name,
    numEnvs: NUM_ENVS,
    budgetSteps: budget,
    medianStepsToSolve: median(runs.map((r) => r.steps)),
    medianSecondsToSolve: median(runs.map((r) => r.seconds)),
    solvedSeeds: runs.filter((r) => r.solved).length,
    runs,
  };
}
