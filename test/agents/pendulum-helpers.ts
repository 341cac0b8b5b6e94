/** Helpers the SAC and TD3 tests (and the off-policy bench) share: env specs and Pendulum returns. */
import type { Agent, AgentEnvSpec } from '../../src/agents/agent.ts';
import { specOf as evalSpecOf } from '../../src/agents/eval/evaluate.ts';
import { runTrialBatch } from '../../src/agents/eval/run-trials.ts';
import { Rng, type VectorEnv } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

/** The spec a learner sees for `env` (one episode per trial, no env args). */
export const specOf = (env: VectorEnv, envId: string): AgentEnvSpec => evalSpecOf(env, { envId, envArgs: {}, episodesPerTrial: 1 });

/** Mean return of one episode in each of 4 Pendulum envs from fixed seeds. */
export async function meanPendulumReturn(agent: Agent): Promise<number> {
  const env = createBuiltinRegistry().makeVec('Pendulum-v1', 4);
  const { returns } = await runTrialBatch(env, agent, [101, 102, 103, 104], 1);
  await env.close();
  return returns.reduce((a, b) => a + b, 0) / returns.length;
}

/** Uniform random torques in [-2, 2] for Pendulum (3 observation numbers per env). */
export const randomPendulumAgent = (seed: number): Agent => {
  const rng = new Rng(seed);
  return { name: 'random', start: () => {}, act: (obs) => Float32Array.from({ length: (obs as Float32Array).length / 3 }, () => rng.uniform(-2, 2)), observe: () => {} };
};
