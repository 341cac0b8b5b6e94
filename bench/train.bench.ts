/**
 * PPO on CartPole-v1 (issue 6's bar): for 3 seeds, train with `PPO_DEFAULTS` (8 in-process envs,
 * 30k env steps), then evaluate the greedy policy over 20 episodes. Solved means a mean eval
 * return ≥ 475; the figures are the medians over the seeds of training wall-clock and eval
 * return. Stable-Baselines3 PPO (rl-zoo hyperparameters, torch CPU, one thread) needs 20–30k
 * steps and 8.7–11.9 s on a 2-core machine. The `seconds` option does not apply: a run trains for
 * a fixed number of steps.
 */
import { evaluateReturns } from '../src/agents/episode-returns.ts';
import { PPOLearner } from '../src/agents/ppo/learner.ts';
import { PPO_DEFAULTS } from '../src/agents/ppo/options.ts';
import { initBackend } from '../src/nn/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';
import { type CartPoleRun, mean, median, round } from './stats.ts';

export const SEEDS = [1, 2, 3];
export const NUM_ENVS = 8;
export const EVAL_EPISODES = 20;
export const SOLVED_RETURN = 475;

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const backend = await initBackend();
  const registry = createBuiltinRegistry();
  const runs: CartPoleRun[] = [];
  for (const seed of SEEDS) {
    const env = registry.makeVec('CartPole-v1', NUM_ENVS);
    const learner = await PPOLearner.create(env.singleObservationSpace, env.singleActionSpace, {}, seed);
    // whole rollouts of numSteps × NUM_ENVS steps, at least one
    const rollout = PPO_DEFAULTS.numSteps * NUM_ENVS;
    const started = performance.now();
    await learner.train(env, Math.max(1, Math.floor(PPO_DEFAULTS.totalSteps / rollout)) * rollout);
    const seconds = (performance.now() - started) / 1000;
    const evalEnv = registry.makeVec('CartPole-v1', 4);
    const returns = await evaluateReturns(evalEnv, learner.policy(), { episodes: EVAL_EPISODES, seed: 10_000 + seed });
    const evalReturn = mean(returns);
    runs.push({ seed, steps: learner.steps, seconds: round(seconds), evalReturn: round(evalReturn, 1), solved: evalReturn >= SOLVED_RETURN });
    process.stderr.write(`bench train: seed ${seed}: ${learner.steps} steps in ${seconds.toFixed(1)} s, eval return ${evalReturn.toFixed(1)}\n`);
    learner.dispose();
    await env.close();
    await evalEnv.close();
  }
  return {
    env: 'CartPole-v1',
    agent: 'ppo',
    backend: backend.name,
    numEnvs: NUM_ENVS,
    totalSteps: PPO_DEFAULTS.totalSteps,
    medianSeconds: median(runs.map((r) => r.seconds)),
    medianEvalReturn: median(runs.map((r) => r.evalReturn)),
    solvedSeeds: runs.filter((r) => r.solved).length,
    runs,
  };
}
