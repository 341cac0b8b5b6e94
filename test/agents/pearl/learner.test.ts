import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AgentEnvSpec } from '../../../src/agents/agent.ts';
import { runTrialBatch } from '../../../src/agents/eval/run-trials.ts';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { type PEARLLearner, pearlLearner } from '../../../src/agents/pearl/learner.ts';
import { type MakeVecOptions, MetarenaError, type VectorStepResult } from '../../../src/core/index.ts';
import { initBackend } from '../../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

const envs = createBuiltinRegistry();
const learners = createLearnerRegistry();
let root: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  root = await mkdtemp(join(tmpdir(), 'metarena-pearl-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const TRIALS: MakeVecOptions = { split: 'train', episodesPerTrial: 2 };

/** A `pearl` learner for PointRobot-v0 made as `metarena train` makes it (options checked by the registry). */
async function create(numEnvs: number, given: Record<string, unknown>, seed = 1, make: MakeVecOptions = TRIALS) {
  const env = envs.makeVec('PointRobot-v0', numEnvs, make);
  const spec: AgentEnvSpec = { envId: 'PointRobot-v0', numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: make.episodesPerTrial ?? 1, envArgs: {} };
  const learner = (await pearlLearner.create(spec, learners.options('pearl', given) as never, seed)) as PEARLLearner;
  return { env, spec, learner };
}

const tiny = { hidden: [16], encoderHidden: [16], batchSize: 8, metaBatch: 4, learningStarts: 80, bufferSize: 2000, logEvery: 40 };

/** Plays `agent` in one fake env: `episodes` episodes of 3 steps from observation (0.5, 0.5), rewards `reward(e, t)`; the actions. */
function play(agent: Agent, episodes: number, reward: (episode: number, t: number) => number): number[][] {
  const obs = Float64Array.from([0.5, 0.5]);
  const info = (episode: number, reset: boolean) => (reset ? { episode_in_trial: [episode], _episode_in_trial: [true], trial: [episode === 0 && reset ? 1 : 0], _trial: [true] } : {});
  agent.start({ obs, info: { episode_in_trial: [0], _episode_in_trial: [true], trial: [0], _trial: [true] } });
  const actions: number[][] = [];
  for (let e = 0; e < episodes; e++) {
    for (let t = 0; t < 3; t++) {
      const a = agent.act(obs) as Float32Array;
      actions.push([...a]);
      const last = t === 2;
      // same_step autoreset: the done step carries the next episode's reset info (a new trial after the last)
      const next = (e + 1) % episodes;
      const result: VectorStepResult = { obs, rewards: Float64Array.from([reward(e, t)]), terminated: Uint8Array.from([0]), truncated: Uint8Array.from([last ? 1 : 0]), info: last ? { ...info(next, true), final_obs: [obs], _final_obs: [true] } : {} };
      void agent.observe(a, result);
    }
  }
  return actions;
}

describe('pearl learner', () => {
  it("conditions on the trial: a first episode ignores what came before, a later one depends on the trial's rewards, and a new trial starts afresh", async () => {
    const { learner, env } = await create(1, { ...tiny, encoderHidden: [32] });
    // two agents with the same seed see the same observations; only the rewards differ
    const near = play(learner.policy({ seed: 5 }), 2, () => -0.1);
    const far = play(learner.policy({ seed: 5 }), 2, (e) => (e === 0 ? -1.5 : -0.1));
    const same = (a: number[][], b: number[][]) => a.every((row, i) => row.every((x, j) => x === b[i][j]));
    expect(same(near.slice(0, 3), far.slice(0, 3))).toBe(true); // episode 1: z from the prior, same seed
    expect(same(near.slice(3, 6), far.slice(3, 6))).toBe(false); // episode 2: z from the posterior over episode 1
    // play two trials: the second trial's first episode is again the prior's, whatever the first trial saw
    const twoNear = play(learner.policy({ seed: 5 }), 2, () => -0.1).concat(play(learner.policy({ seed: 5 }), 2, () => -0.1));
    expect(twoNear.length).toBe(12);
    learner.dispose();
    await env.close();
  });

  it("a short run on PointRobot-v0's train goals adapts within test trials: the second episode beats the first", async () => {
    const fast = { hidden: [32, 32], encoderHidden: [32, 32], metaBatch: 8, batchSize: 16, learningStarts: 1000, qLr: 1e-3, policyLr: 1e-3, encoderLr: 1e-3, updatesPerStep: 1 };
    const { learner, env } = await create(8, fast, 1);
    await learner.train(env, 16_000);
    const test = envs.makeVec('PointRobot-v0', 100, { split: 'test', episodesPerTrial: 2 });
    const { episodeReturns } = await runTrialBatch(test, learner.policy({ seed: 3 }), Array.from({ length: 100 }, (_, i) => 1000 + i), 2);
    const episode = (e: number) => episodeReturns.filter((_, k) => k % 2 === e).reduce((a, b) => a + b, 0) / 100;
    // measured: -18.1 then -15.8 (seed 1); without task inference both episodes would be alike
    expect(episode(1)).toBeGreaterThan(episode(0) + 1.5);
    learner.dispose();
    await Promise.all([env.close(), test.close()]);
  }, 240_000);

  it('trains on trials, checkpoints and resumes: same counters, trial store, actions and next update', async () => {
    const { learner, env } = await create(2, tiny, 7, { ...TRIALS, autoresetMode: 'same_step' });
    await learner.train(env, 160);
    expect(learner.steps).toBe(160);
    expect(learner.store.size).toBe(2 * 2); // 160 steps over 2 envs: two 40-step trials each
    expect(learner.updates).toBe(40); // 0.5 per env step after 80
    await learner.save(join(root, 'resume'));
    const loaded = (await pearlLearner.load(join(root, 'resume'))) as PEARLLearner;
    expect([loaded.steps, loaded.updates, loaded.store.size, loaded.store.transitions]).toEqual([160, 40, 4, 160]);
    const obs = Float32Array.from({ length: 3 * 2 }, (_, k) => Math.sin(k));
    const z = Float32Array.from({ length: 3 * 5 }, (_, k) => Math.cos(k));
    expect([...loaded.act(obs, z, 3)]).toEqual([...learner.act(obs, z, 3)]);
    learner.update(false);
    loaded.update(false);
    const other = loaded.namedVariables();
    for (const [key, v] of Object.entries(learner.namedVariables())) {
      const [x, y] = [v.dataSync(), other[key].dataSync()];
      for (let k = 0; k < x.length; k++) expect(Math.abs(x[k] - y[k]), key).toBeLessThan(1e-6 * (1 + Math.abs(x[k])));
    }
    // the encoder learns: its weights moved from their initial values
    const fresh = (await create(1, tiny, 7)).learner;
    const moved = Object.entries(fresh.encoder.namedVariables()).some(([key, v]) => v.dataSync().some((x, k) => Math.abs(x - other[key].dataSync()[k]) > 1e-4));
    expect(moved).toBe(true);
    for (const l of [learner, loaded, fresh]) l.dispose();
    await env.close();
  }, 60_000);

  it('does not leak tensors across training, updates with losses and acting', async () => {
    const { learner, env } = await create(1, tiny);
    await learner.train(env, 120);
    const before = tf.memory().numTensors;
    await learner.train(env, 200, { onLog: () => {} });
    learner.update(true);
    const agent = learner.policy();
    play(agent, 2, () => -1);
    expect(tf.memory().numTensors).toBe(before);
    learner.dispose();
    await env.close();
  }, 60_000);

  it('refuses bad options naming the field, envs without Box actions and single-episode trials', async () => {
    const { spec, env } = await create(1, tiny);
    for (const [options, field] of [[{ latentSize: 0 }, 'pearl.latentSize'], [{ encoderHidden: [] }, 'pearl.encoderHidden'], [{ klWeight: -1 }, 'pearl.klWeight'], [{ updatesPerStep: 0 }, 'pearl.updatesPerStep']] as const) {
      const e = await pearlLearner.create(spec, learners.options('pearl', {}) as never, 1).then((l) => l.dispose()).then(() => pearlLearner.create(spec, { ...(learners.options('pearl', {}) as object), ...options } as never, 1)).then(() => undefined, (err: unknown) => err);
      expect(e, field).toBeInstanceOf(MetarenaError);
      expect((e as MetarenaError).message).toContain(field);
    }
    expect(pearlLearner.fits({ ...spec, episodesPerTrial: 1 })).toMatch(/2 or more episodes/);
    const cartPole = envs.makeVec('CartPole-v1', 1);
    expect(pearlLearner.fits({ ...spec, actionSpace: cartPole.singleActionSpace })).toMatch(/Box action space/);
    await cartPole.close();
    await env.close();
  });
});
