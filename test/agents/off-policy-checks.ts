/** Checks the SAC and TD3 tests share: learning Pendulum, checkpoint resume, tensor leaks, option errors. */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { LearnerPlugin } from '../../src/agents/learner.ts';
import type { SACLearner } from '../../src/agents/sac.ts';
import type { TD3Learner } from '../../src/agents/td3.ts';
import { MetarenaError } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { meanPendulumReturn, randomPendulumAgent, specOf } from './pendulum-helpers.ts';

type OffPolicyLearner = SACLearner | TD3Learner;
const registry = createBuiltinRegistry();

/**
 * Trains on one Pendulum-v1 env in two calls (to `steps[0]`, then `steps[1]`), expecting a log at
 * each of `logSteps`; then the greedy policy beats uniform random torques by 300.
 */
export async function expectLearnsPendulum(plugin: LearnerPlugin, options: Record<string, unknown>, steps: [number, number], logSteps: number[]): Promise<void> {
  const env = registry.makeVec('Pendulum-v1', 1);
  const learner = await plugin.create(specOf(env, 'Pendulum-v1'), options as never, 3);
  const logs: number[] = [];
  for (const until of steps) await learner.train(env, until, { onLog: (l) => logs.push(l.steps) });
  expect((learner as OffPolicyLearner).steps).toBe(steps[1]);
  expect(logs).toEqual(logSteps);
  const trained = await meanPendulumReturn(learner.policy());
  const random = await meanPendulumReturn(randomPendulumAgent(5));
  expect(trained).toBeGreaterThan(random + 300);
  learner.dispose();
  await env.close();
}

/**
 * Trains 80 steps, saves to `dir`, loads: same counters, buffer, actions and Adam states (every
 * optimizer the learner checkpoints); then `updates` more updates on each give the same weights
 * everywhere, up to float rounding (tfjs rebuilds Adam's β^t as a power on load, where training
 * multiplied it up step by step).
 */
export async function expectResumeMatches(plugin: LearnerPlugin, options: Record<string, unknown>, dir: string, updates: number): Promise<void> {
  const env = registry.makeVec('Pendulum-v1', 2);
  const learner = (await plugin.create(specOf(env, 'Pendulum-v1'), { ...options, hidden: [16], batchSize: 16, learningStarts: 40 } as never, 7)) as OffPolicyLearner;
  await learner.train(env, 80);
  await learner.save(join(dir, 'resume'));
  const loaded = (await plugin.load(join(dir, 'resume'))) as OffPolicyLearner;
  expect(loaded.steps).toBe(80);
  expect(loaded.updates).toBe(learner.updates);
  expect(loaded.replay.size).toBe(80);
  const obs = Float32Array.from({ length: 5 * 3 }, (_, k) => Math.sin(k));
  expect([...(loaded.policy().act(obs) as Float32Array)]).toEqual([...(learner.policy().act(obs) as Float32Array)]);
  const loadedOptimizers = loaded.optimizers();
  for (const [name, a] of Object.entries(learner.optimizers())) {
    const [wa, wb] = [await a.optimizer.getWeights(), await loadedOptimizers[name].optimizer.getWeights()];
    expect(wa.length).toBeGreaterThan(1);
    expect(wb.map((w) => [...w.tensor.dataSync()])).toEqual(wa.map((w) => [...w.tensor.dataSync()]));
  }
  const start = learner.namedVariables();
  const startValues = Object.fromEntries(Object.entries(start).map(([k, v]) => [k, [...v.dataSync()]]));
  for (let u = 0; u < updates; u++) {
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
}

/** Training, updates with losses and actions leave the tensor count where it was. */
export async function expectNoTensorLeak(plugin: LearnerPlugin, options: Record<string, unknown>): Promise<void> {
  const env = registry.makeVec('Pendulum-v1', 1);
  const learner = (await plugin.create(specOf(env, 'Pendulum-v1'), { ...options, hidden: [8], batchSize: 8, learningStarts: 20 } as never, 1)) as OffPolicyLearner;
  await learner.train(env, 40);
  const before = tf.memory().numTensors;
  await learner.train(env, 80, { onLog: () => {} });
  learner.update(true);
  expect(tf.memory().numTensors).toBe(before);
  learner.dispose();
  await env.close();
}

/** Bad options fail with coded errors naming the field; CartPole (Discrete actions) does not fit. */
export async function expectOptionErrors(plugin: LearnerPlugin): Promise<void> {
  const env = registry.makeVec('Pendulum-v1', 1);
  const spec = specOf(env, 'Pendulum-v1');
  const name = plugin.name;
  const fails = async (options: Record<string, unknown>, field: string) => {
    const e = await plugin.create(spec, options as never, 1).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(MetarenaError);
    expect((e as MetarenaError).code).toBe('METARENA_INVALID_OPTION');
    expect((e as MetarenaError).message).toContain(field);
  };
  await fails({ batchSize: 0 }, `${name}.batchSize`);
  await fails({ tau: 1.5 }, `${name}.tau`);
  await fails({ hidden: [] }, `${name}.hidden`);
  await fails({ batchSize: 64, bufferSize: 10 }, `${name}.batchSize`);
  await fails({ learningrate: 1e-3 }, 'learningrate');
  const cartPole = registry.makeVec('CartPole-v1', 1);
  expect(plugin.fits(specOf(cartPole, 'CartPole-v1'))).toMatch(/Box action space/);
  expect(plugin.fits(spec)).toBeUndefined();
  await cartPole.close();
  await env.close();
}
