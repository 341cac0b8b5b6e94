import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEnvSpec } from '../../src/agents/agent.ts';
import { DQNLearner, doubleDqnLearner, dqnLearner, duelingDqnLearner } from '../../src/agents/dqn.ts';
import type { LearnerPlugin } from '../../src/agents/learner.ts';
import { createLearnerRegistry, evaluateReturns } from '../../src/agents/learners.ts';
import { Rng } from '../../src/core/index.ts';
import { initBackend, loadCheckpoint } from '../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
const learners = createLearnerRegistry();
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-dqn-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function specOf(envId: string, numEnvs: number): AgentEnvSpec {
  const env = registry.makeVec(envId, numEnvs);
  return { envId, numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: 1, envArgs: {} };
}

async function create(name: string, given: Record<string, unknown>, seed: number, numEnvs = 4): Promise<DQNLearner> {
  return (await learners.get(name).create(specOf('CartPole-v1', numEnvs), learners.options(name, given), seed)) as DQNLearner;
}

describe('DQN', () => {
  it('learns CartPole-v1: greedy return above 150 after 16k steps (random play averages ≈ 22)', async () => {
    const learner = await create('dqn', { totalSteps: 16_000 }, 1);
    const env = registry.makeVec('CartPole-v1', 4);
    const logs: number[] = [];
    await learner.train(env, 16_000, { onLog: (l) => logs.push(l.losses.q_loss) });
    expect(learner.steps).toBe(16_000);
    expect(logs.some(Number.isFinite)).toBe(true);
    const returns = await evaluateReturns(registry.makeVec('CartPole-v1', 4), learner.policy(), { episodes: 8, seed: 100 });
    expect(mean(returns)).toBeGreaterThan(150);
    learner.dispose();
  });

  it('double and dueling variants train and give different Q values than plain DQN from the same seed', async () => {
    const given = { totalSteps: 1_500, learningStarts: 500, trainFreq: 100, gradientSteps: 4, hidden: [16, 16] };
    const obs = Float32Array.from({ length: 4 * 16 }, (_, i) => Math.sin(i) * 0.1);
    const q: Record<string, Float32Array> = {};
    for (const name of ['dqn', 'double-dqn', 'dueling-dqn']) {
      const learner = await create(name, given, 7, 2);
      await learner.train(registry.makeVec('CartPole-v1', 2), 1_500);
      // training phases at 500, 600, …, 1500 env steps, 4 gradient steps each
      expect(learner.gradientSteps).toBe(44);
      q[name] = learner.qValues(obs, 16);
      expect(q[name].every(Number.isFinite)).toBe(true);
      learner.dispose();
    }
    expect(q['double-dqn']).not.toEqual(q.dqn);
    expect(q['dueling-dqn']).not.toEqual(q['double-dqn']);
    expect(doubleDqnLearner.options.double.default).toBe(true);
    expect(duelingDqnLearner.options.dueling.default).toBe(true);
  });

  it('saves and loads: same actions, networks, Adam state, replay and counters; then trains on', async () => {
    for (const plugin of [dqnLearner, duelingDqnLearner] as unknown as LearnerPlugin[]) {
      const learner = await create(plugin.name, { totalSteps: 2_000, learningStarts: 200, trainFreq: 100, gradientSteps: 2, hidden: [16, 16] }, 3, 2);
      await learner.train(registry.makeVec('CartPole-v1', 2), 1_000);
      const path = join(dir, plugin.name);
      await learner.save(path);
      const loaded = (await plugin.load(path)) as DQNLearner;
      const rng = new Rng(2);
      const obs = Float32Array.from({ length: 4 * 32 }, () => rng.normal(0, 0.5));
      expect(loaded.qValues(obs, 32)).toEqual(learner.qValues(obs, 32));
      expect(await loaded.policy().act(obs)).toEqual(await learner.policy().act(obs));
      expect(await loaded.policy({ deterministic: false, seed: 4 }).act(obs)).toEqual(await learner.policy({ deterministic: false, seed: 4 }).act(obs));
      expect([loaded.steps, loaded.gradientSteps]).toEqual([learner.steps, learner.gradientSteps]);
      expect(loaded.replay.state()).toEqual(learner.replay.state());
      expect(loaded.replay.obs).toEqual(learner.replay.obs);
      const [a, b] = await Promise.all([learner.optimizer.getWeights(), loaded.optimizer.getWeights()]);
      expect(b.length).toBe(a.length);
      a.forEach((w, i) => expect(b[i].tensor.dataSync()).toEqual(w.tensor.dataSync()));
      const { tensors } = await loadCheckpoint(path);
      expect(Object.keys(tensors).some((k) => k.startsWith('q_target/'))).toBe(true);
      tf.dispose(Object.values(tensors));
      await loaded.train(registry.makeVec('CartPole-v1', 2), 1_400);
      expect(loaded.steps).toBe(1_400);
      expect(loaded.gradientSteps).toBe(learner.gradientSteps + 8);
      learner.dispose();
      loaded.dispose();
    }
  });

  it('fits Box observations with Discrete actions only, and checks options', async () => {
    expect(dqnLearner.fits(specOf('CartPole-v1', 1))).toBeUndefined();
    expect(dqnLearner.fits(specOf('Pendulum-v1', 1))).toMatch(/Discrete action space/);
    expect(() => learners.options('dqn', { tau: 2 })).toThrow(/tau must be a number in \(0, 1\]/);
    // tau 0 would never move the target network: the range is open at 0
    expect(() => learners.options('dqn', { tau: 0 })).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_OPTION', details: { field: 'dqn options.tau', allowed: '(0, 1]' } }));
    const env = registry.makeVec('CartPole-v1', 1);
    expect(() => new DQNLearner('dqn', env.singleObservationSpace, env.singleActionSpace, { learningRate: 0 }, 1)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'dqn.learningRate' }) }));
  });
});
