import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AgentEnvSpec } from '../../src/agents/agent.ts';
import { runTrialBatch } from '../../src/agents/eval/run-trials.ts';
import { TD3Learner, td3Learner } from '../../src/agents/td3.ts';
import { MetarenaError, Rng, type VectorEnv } from '../../src/core/index.ts';
import { initBackend } from '../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-td3-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const specOf = (env: VectorEnv, envId: string): AgentEnvSpec => ({
  envId,
  numEnvs: env.numEnvs,
  observationSpace: env.singleObservationSpace,
  actionSpace: env.singleActionSpace,
  contextSpace: env.contextSpace,
  maxEpisodeSteps: env.maxEpisodeSteps,
  episodesPerTrial: 1,
  envArgs: {},
});

/** Small and fast: Pendulum's effective torque range, small nets and batches, a larger step size. */
const SMALL = { hidden: [64, 64], batchSize: 64, learningRate: 1e-3, explorationNoise: 0.2, learningStarts: 1000, bufferSize: 10_000, actionBound: 2, logEvery: 1000 };

/** Mean return of one episode in each of 4 Pendulum envs from fixed seeds. */
async function meanReturn(agent: Agent): Promise<number> {
  const env = registry.makeVec('Pendulum-v1', 4);
  const { returns } = await runTrialBatch(env, agent, [101, 102, 103, 104], 1);
  await env.close();
  return returns.reduce((a, b) => a + b, 0) / returns.length;
}

const randomAgent = (seed: number): Agent => {
  const rng = new Rng(seed);
  return { name: 'random', start: () => {}, act: (obs) => Float32Array.from({ length: (obs as Float32Array).length / 3 }, () => rng.uniform(-2, 2)), observe: () => {} };
};

describe('td3', () => {
  it('learns Pendulum-v1: the greedy policy beats a uniform random policy by a clear margin', async () => {
    const env = registry.makeVec('Pendulum-v1', 1);
    const learner = await td3Learner.create(specOf(env, 'Pendulum-v1'), SMALL as never, 3);
    const logs: number[] = [];
    await learner.train(env, 3000, { onLog: (l) => logs.push(l.steps) });
    await learner.train(env, 6000, { onLog: (l) => logs.push(l.steps) });
    expect(learner.steps).toBe(6000);
    expect(logs).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    const trained = await meanReturn(learner.policy());
    const random = await meanReturn(randomAgent(5));
    expect(trained).toBeGreaterThan(random + 300);
    learner.dispose();
    await env.close();
  }, 240_000);

  it('resumes from a checkpoint: same actions, same Adam state, counters and buffer; the next update matches', async () => {
    const env = registry.makeVec('Pendulum-v1', 2);
    const learner = (await td3Learner.create(specOf(env, 'Pendulum-v1'), { ...SMALL, hidden: [16], batchSize: 16, learningStarts: 40 } as never, 7)) as TD3Learner;
    await learner.train(env, 80);
    await learner.save(join(dir, 'resume'));
    const loaded = (await td3Learner.load(join(dir, 'resume'))) as TD3Learner;
    expect(loaded.steps).toBe(80);
    expect(loaded.updates).toBe(learner.updates);
    expect(loaded.replay.size).toBe(80);
    const obs = Float32Array.from({ length: 5 * 3 }, (_, k) => Math.sin(k));
    expect([...(loaded.policy().act(obs) as Float32Array)]).toEqual([...(learner.policy().act(obs) as Float32Array)]);
    for (const [a, b] of [[learner.actorOptimizer, loaded.actorOptimizer], [learner.criticOptimizer, loaded.criticOptimizer]] as const) {
      const [wa, wb] = [await a.getWeights(), await b.getWeights()];
      expect(wa.length).toBeGreaterThan(1);
      expect(wb.map((w) => [...w.tensor.dataSync()])).toEqual(wa.map((w) => [...w.tensor.dataSync()]));
    }
    // one more update on each gives the same weights everywhere (replay, rng, Adam
    // restored), up to float rounding: tfjs rebuilds Adam's β^t as a power on load, where
    // training multiplied it up step by step
    const start = learner.namedVariables();
    const startValues = Object.fromEntries(Object.entries(start).map(([k, v]) => [k, [...v.dataSync()]]));
    for (let u = 0; u < 2; u++) {
      // the second is a delayed actor update
      learner.update(false);
      loaded.update(false);
    }
    const other = loaded.namedVariables();
    let moved = 0;
    for (const [key, v] of Object.entries(learner.namedVariables())) {
      const [x, y] = [v.dataSync(), other[key].dataSync()];
      for (let k = 0; k < x.length; k++) {
        expect(Math.abs(x[k] - y[k]), key).toBeLessThan(1e-6 * (1 + Math.abs(x[k])));
        moved = Math.max(moved, Math.abs(x[k] - startValues[key][k]));
      }
    }
    expect(moved).toBeGreaterThan(1e-5);
    learner.dispose();
    loaded.dispose();
    await env.close();
  }, 60_000);

  it('does not leak tensors across updates and actions', async () => {
    const env = registry.makeVec('Pendulum-v1', 1);
    const learner = (await td3Learner.create(specOf(env, 'Pendulum-v1'), { ...SMALL, hidden: [8], batchSize: 8, learningStarts: 20 } as never, 1)) as TD3Learner;
    await learner.train(env, 40);
    const before = tf.memory().numTensors;
    await learner.train(env, 80, { onLog: () => {} });
    learner.update(true);
    expect(tf.memory().numTensors).toBe(before);
    learner.dispose();
    await env.close();
  }, 30_000);

  it('rejects bad options with coded errors naming the field, and envs without Box actions', async () => {
    const env = registry.makeVec('Pendulum-v1', 1);
    const spec = specOf(env, 'Pendulum-v1');
    const fails = async (options: Record<string, unknown>, field: string) => {
      const e = await td3Learner.create(spec, options as never, 1).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(MetarenaError);
      expect((e as MetarenaError).code).toBe('METARENA_INVALID_OPTION');
      expect((e as MetarenaError).message).toContain(field);
    };
    await fails({ batchSize: 0 }, 'td3.batchSize');
    await fails({ tau: 1.5 }, 'td3.tau');
    await fails({ hidden: [] }, 'td3.hidden');
    await fails({ batchSize: 64, bufferSize: 10 }, 'td3.batchSize');
    await fails({ learningrate: 1e-3 }, 'learningrate');
    const cartPole = registry.makeVec('CartPole-v1', 1);
    expect(td3Learner.fits(specOf(cartPole, 'CartPole-v1'))).toMatch(/Box action space/);
    expect(td3Learner.fits(spec)).toBeUndefined();
    await cartPole.close();
    await env.close();
  });
});
