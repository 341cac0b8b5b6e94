import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateReturns } from '../../../src/agents/episode-returns.ts';
import type { TrainLog } from '../../../src/agents/learner.ts';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { PPOLearner, ppoLearner } from '../../../src/agents/ppo/learner.ts';
import { Rng } from '../../../src/core/index.ts';
import { initBackend } from '../../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
const learners = createLearnerRegistry();
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-ppo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A `ppo` learner for `envId` through the plugin (options checked as `metarena train --set` does). */
async function create(envId: string, numEnvs: number, given: Record<string, unknown>, seed: number, make: Parameters<typeof registry.makeVec>[2] = {}) {
  const env = registry.makeVec(envId, numEnvs, make);
  const spec = { envId, numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: 1, envArgs: {} };
  const learner = (await ppoLearner.create(spec, learners.options('ppo', given) as never, seed)) as PPOLearner;
  return { env, learner };
}

describe('ppo learner', () => {
  it('learns CartPole-v1: greedy return above 150 after 12k steps (random play averages ≈ 22)', async () => {
    const { env, learner } = await create('CartPole-v1', 8, { totalSteps: 12_288, numSteps: 64, numMinibatches: 4, learningRate: 2.5e-3, gamma: 0.99, gaeLambda: 0.95, clipVloss: true }, 1);
    const logs: TrainLog[] = [];
    await learner.train(env, 12_288, { onLog: (l) => logs.push(l) });
    expect(learner.steps).toBe(12_288);
    expect(logs).toHaveLength(24);
    // early training episodes are short, late ones long
    expect(mean(learner.episodeReturns.slice(0, 20))).toBeLessThan(60);
    const returns = await evaluateReturns(registry.makeVec('CartPole-v1', 4), learner.policy(), { episodes: 8, seed: 100 });
    expect(returns).toHaveLength(8);
    expect(mean(returns)).toBeGreaterThan(150);
    learner.dispose();
  });

  it('decays the clip range linearly with annealClip (rl-zoo lin_0.2), and a smaller clip range clips more', async () => {
    const logsOf = async (given: Record<string, unknown>) => {
      const { env, learner } = await create('CartPole-v1', 2, { totalSteps: 256, numSteps: 32, updateEpochs: 4, ...given }, 5);
      const logs: TrainLog[] = [];
      await learner.train(env, 256, { onLog: (l) => logs.push(l) });
      learner.dispose();
      return logs;
    };
    const annealed = await logsOf({ annealClip: true });
    expect(annealed.map((l) => l.losses.clip_range)).toEqual([0.2, 0.15, 0.1, 0.05].map((c) => expect.closeTo(c, 12)));
    const constant = await logsOf({});
    expect(constant.every((l) => !('clip_range' in l.losses))).toBe(true);
    // the first update is the same (same clip range); later ones clip at the smaller range
    expect(annealed[0].losses.policy_loss).toBe(constant[0].losses.policy_loss);
    expect(annealed[3].losses.clip_fraction).toBeGreaterThanOrEqual(constant[3].losses.clip_fraction);
  });

  it('trains a Gaussian policy on Pendulum-v1 with same_step autoreset, actions within bounds', async () => {
    const { env, learner } = await create('Pendulum-v1', 4, { totalSteps: 2_048, numSteps: 256, updateEpochs: 2, normalizeObservation: true, normalizeReward: true }, 3, { autoresetMode: 'same_step' });
    const logs: TrainLog[] = [];
    await learner.train(env, 2_048, { onLog: (l) => logs.push(l) });
    expect(logs.map((l) => l.steps)).toEqual([1_024, 2_048]);
    // Pendulum episodes are truncated at 200 steps: 4 envs × 512 steps finish 8 of them
    expect(learner.episodeReturns).toHaveLength(8);
    for (const l of logs) for (const k of ['policy_loss', 'value_loss', 'entropy', 'approx_kl']) expect(Number.isFinite(l.losses[k])).toBe(true);
    const obs = Float32Array.from({ length: 30 }, (_, i) => 20 * Math.sin(i));
    const actions = (await learner.policy({ deterministic: false, seed: 1 }).act(obs)) as Float32Array;
    expect(actions).toHaveLength(10);
    const { low, high } = env.singleActionSpace.toJSON() as { low: number[]; high: number[] };
    for (const a of actions) expect(a >= low[0] && a <= high[0]).toBe(true);
    learner.dispose();
  });

  it('rejects a bad option with a coded error naming the field', async () => {
    expect(() => learners.options('ppo', { numSteps: 0 })).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_OPTION', details: expect.objectContaining({ field: 'ppo options.numSteps' }) }));
    // "> 0" options: the minimum itself is refused
    expect(() => learners.options('ppo', { clipCoef: 0 })).toThrow(expect.objectContaining({ details: { field: 'ppo options.clipCoef', allowed: '(0, Infinity]' } }));
    const env = registry.makeVec('CartPole-v1', 1);
    await expect(PPOLearner.create(env.singleObservationSpace, env.singleActionSpace, { memoryReset: 'trial' }, 1)).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', details: { field: 'ppo.cell' } });
  });

  const options = { totalSteps: 1_024, numSteps: 32, updateEpochs: 2, normalizeObservation: true, normalizeReward: true };

  it('trains in chunks exactly as in one call', async () => {
    const chunked = await create('CartPole-v1', 4, options, 11);
    const whole = await create('CartPole-v1', 4, options, 11);
    await chunked.learner.train(chunked.env, 256);
    expect(chunked.learner.steps).toBe(256);
    await chunked.learner.train(chunked.env, 700);
    // whole rollouts of 4 × 32 steps: 700 rounds up to 768
    expect(chunked.learner.steps).toBe(768);
    await whole.learner.train(whole.env, 768);
    const a = chunked.learner.model.namedVariables();
    const b = whole.learner.model.namedVariables();
    for (const k of Object.keys(a)) expect(a[k].dataSync()).toEqual(b[k].dataSync());
    expect(chunked.learner.episodeReturns).toEqual(whole.learner.episodeReturns);
    chunked.learner.dispose();
    whole.learner.dispose();
  });

  for (const envId of ['CartPole-v1', 'Pendulum-v1']) {
    it(`saves and loads the Adam state, counters and statistics; acts the same and trains on (${envId})`, async () => {
      const { env, learner } = await create(envId, 4, options, 11);
      await learner.train(env, 512);
      await learner.save(join(dir, envId));
      const loaded = (await learners.load(join(dir, envId))).learner as PPOLearner;
      expect([loaded.steps, loaded.update]).toEqual([512, 4]);
      const [a, b] = await Promise.all([learner.optimizer.getWeights(), loaded.optimizer.getWeights()]);
      // iter + first and second moments of every variable
      expect(a.length).toBe(1 + 2 * learner.model.variables.length);
      expect(b.map((w) => w.tensor.dataSync())).toEqual(a.map((w) => w.tensor.dataSync()));
      expect(loaded.model.obsStats?.mean).toEqual(learner.model.obsStats?.mean);
      const rng = new Rng(1);
      const obs = Float32Array.from({ length: (envId === 'CartPole-v1' ? 4 : 3) * 40 }, () => rng.normal(0, 1));
      expect(await loaded.policy().act(obs)).toEqual(await learner.policy().act(obs));
      expect(await loaded.policy({ deterministic: false, seed: 4 }).act(obs)).toEqual(await learner.policy({ deterministic: false, seed: 4 }).act(obs));
      // training continues the update counter and the Adam step count (2 epochs of 1 minibatch per update: 8 → 10)
      await loaded.train(registry.makeVec(envId, 4), 640);
      expect([loaded.steps, loaded.update]).toEqual([640, 5]);
      expect((await loaded.optimizer.getWeights())[0].tensor.dataSync()[0]).toBe(10);
      learner.dispose();
      loaded.dispose();
    });
  }
});
