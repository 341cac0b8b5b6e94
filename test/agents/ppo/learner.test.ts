import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PPOLearner, PPOPolicy, evaluatePolicy, trainPPO } from '../../src/agents/ppo.ts';
import { Rng } from '../../src/core/index.ts';
import { initBackend } from '../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-ppo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('trainPPO', () => {
  it('learns CartPole-v1: greedy return above 150 after 12k steps (random play averages ≈ 22)', async () => {
    const env = registry.makeVec('CartPole-v1', 8);
    const { policy, metrics } = await trainPPO(env, { totalSteps: 12_288, numSteps: 64, numMinibatches: 4, learningRate: 2.5e-3, gamma: 0.99, gaeLambda: 0.95, clipVloss: true, seed: 1 });
    expect(metrics.steps).toBe(12_288);
    expect(metrics.logs).toHaveLength(24);
    // early training episodes are short, late ones long
    expect(mean(metrics.episodeReturns.slice(0, 20))).toBeLessThan(60);
    const evalEnv = registry.makeVec('CartPole-v1', 4);
    const returns = await evaluatePolicy(evalEnv, policy, { episodes: 8, seed: 100 });
    expect(returns).toHaveLength(8);
    expect(mean(returns)).toBeGreaterThan(150);
    policy.dispose();
  });

  it('trains a Gaussian policy on Pendulum-v1 with same_step autoreset, actions within bounds', async () => {
    const env = registry.makeVec('Pendulum-v1', 4, { autoresetMode: 'same_step' });
    const logs: number[] = [];
    const { policy, metrics } = await trainPPO(env, { totalSteps: 2_048, numSteps: 256, updateEpochs: 2, normalizeObservation: true, normalizeReward: true, seed: 3 }, { onLog: (l) => logs.push(l.update) });
    expect(logs).toEqual([1, 2]);
    // Pendulum episodes are truncated at 200 steps: 4 envs × 512 steps finish 8 of them
    expect(metrics.episodeReturns).toHaveLength(8);
    for (const l of metrics.logs) for (const v of [l.policyLoss, l.valueLoss, l.entropy, l.approxKl]) expect(Number.isFinite(v)).toBe(true);
    const obs = Float32Array.from({ length: 30 }, (_, i) => 20 * Math.sin(i));
    const actions = policy.act(obs, { n: 10, deterministic: false, rng: new Rng(1) }) as Float32Array;
    expect(actions).toHaveLength(10);
    for (const a of actions) expect(Math.abs(a)).toBeLessThanOrEqual(2);
    policy.dispose();
  });
});

describe('PPOPolicy checkpoints', () => {
  it('acts the same after save and load (greedy and seeded stochastic), with observation statistics', async () => {
    const env = registry.makeVec('CartPole-v1', 4);
    const { policy } = await trainPPO(env, { totalSteps: 512, numSteps: 64, updateEpochs: 2, normalizeObservation: true, seed: 5 });
    const rng = new Rng(9);
    const obs = Float32Array.from({ length: 4 * 64 }, () => rng.normal(0, 1));
    await policy.save(join(dir, 'cartpole'));
    const loaded = await PPOPolicy.load(join(dir, 'cartpole'));
    expect(loaded.obsStats?.mean).toEqual(policy.obsStats?.mean);
    const greedy = policy.act(obs, { n: 64, deterministic: true });
    expect(loaded.act(obs, { n: 64, deterministic: true })).toEqual(greedy);
    expect(new Set(greedy as Int32Array).size).toBe(2);
    const stochastic = policy.act(obs, { n: 64, deterministic: false, rng: new Rng(4) });
    expect(loaded.act(obs, { n: 64, deterministic: false, rng: new Rng(4) })).toEqual(stochastic);
    // the same returns through the Agent contract
    const evalEnv = registry.makeVec('CartPole-v1', 2);
    expect(await evaluatePolicy(evalEnv, loaded, { episodes: 4, seed: 7 })).toEqual(await evaluatePolicy(evalEnv, policy, { episodes: 4, seed: 7 }));
    const agent = loaded.asAgent();
    const reset = await evalEnv.reset({ seed: 1 });
    agent.start(reset);
    expect(await agent.act(reset.obs)).toEqual(policy.act(reset.obs, { n: 2, deterministic: true }));
    policy.dispose();
    loaded.dispose();
  });

  it('rejects a bad option with a coded error naming the field', async () => {
    const env = registry.makeVec('CartPole-v1', 2);
    await expect(trainPPO(env, { numSteps: 0 })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', details: { field: 'numSteps' } });
  });
});

describe('PPOLearner (the ppo learner plugin)', () => {
  const options = { totalSteps: 1_024, numSteps: 32, updateEpochs: 2, normalizeObservation: true, normalizeReward: true, seed: 11 };

  it('trains in chunks exactly as in one call', async () => {
    const chunked = await PPOLearner.create(registry.makeVec('CartPole-v1', 4).singleObservationSpace, registry.makeVec('CartPole-v1', 4).singleActionSpace, options);
    const whole = await PPOLearner.create(registry.makeVec('CartPole-v1', 4).singleObservationSpace, registry.makeVec('CartPole-v1', 4).singleActionSpace, options);
    const envA = registry.makeVec('CartPole-v1', 4);
    await chunked.train(envA, 256);
    expect(chunked.steps).toBe(256);
    await chunked.train(envA, 700);
    // whole rollouts of 4 × 32 steps: 700 rounds up to 768
    expect(chunked.steps).toBe(768);
    await whole.train(registry.makeVec('CartPole-v1', 4), 768);
    const a = chunked.model.namedVariables();
    const b = whole.model.namedVariables();
    for (const k of Object.keys(a)) expect(a[k].dataSync()).toEqual(b[k].dataSync());
    expect(chunked.episodeReturns).toEqual(whole.episodeReturns);
    chunked.dispose();
    whole.dispose();
  });

  it('saves and loads the Adam state, counters and statistics; acts the same and trains on', async () => {
    const env = registry.makeVec('CartPole-v1', 4);
    const learner = await PPOLearner.create(env.singleObservationSpace, env.singleActionSpace, options);
    await learner.train(env, 512);
    await learner.save(join(dir, 'learner'));
    const loaded = await PPOLearner.load(join(dir, 'learner'));
    expect([loaded.steps, loaded.update]).toEqual([512, 4]);
    const [a, b] = await Promise.all([learner.optimizer.getWeights(), loaded.optimizer.getWeights()]);
    // iter + first and second moments of every variable
    expect(a.length).toBe(1 + 2 * learner.model.variables.length);
    expect(b.map((w) => w.tensor.dataSync())).toEqual(a.map((w) => w.tensor.dataSync()));
    expect(loaded.model.obsStats?.mean).toEqual(learner.model.obsStats?.mean);
    const rng = new Rng(1);
    const obs = Float32Array.from({ length: 4 * 40 }, () => rng.normal(0, 1));
    expect(await loaded.policy().act(obs)).toEqual(await learner.policy().act(obs));
    // the learner's checkpoint is also a policy checkpoint
    const policy = await PPOPolicy.load(join(dir, 'learner'));
    expect(policy.act(obs, { n: 40, deterministic: true })).toEqual(learner.model.act(obs, { n: 40, deterministic: true }));
    policy.dispose();
    // training continues the update counter and the Adam step count (2 epochs of 1 minibatch per update: 8 → 10)
    await loaded.train(registry.makeVec('CartPole-v1', 4), 640);
    expect([loaded.steps, loaded.update]).toEqual([640, 5]);
    expect((await loaded.optimizer.getWeights())[0].tensor.dataSync()[0]).toBe(10);
    learner.dispose();
    loaded.dispose();
  });
});
