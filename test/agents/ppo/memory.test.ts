import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateReturns } from '../../../src/agents/episode-returns.ts';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { PPOLearner } from '../../../src/agents/ppo/learner.ts';
import type { PPOOptions } from '../../../src/agents/ppo/options.ts';
import { Box, Discrete, Registry, type Rng, defineEnv } from '../../../src/core/index.ts';
import { initBackend } from '../../../src/nn/index.ts';

/**
 * A memory task: the first observation shows a cue (±1), the next `DELAY` show nothing, then a
 * query asks for the cue: action 1 for +1, 0 for −1 earns +1, the other −1. A policy without
 * memory sees the same query whatever the cue, so its expected return is 0; one that remembers
 * earns 1.
 */
const DELAY = 2;
const recall = defineEnv({
  id: 'test/Recall-v0',
  description: 'Remember a cue over a delay and report it when asked.',
  observationSpace: new Box({ low: -1, high: 1, shape: [2] }),
  actionSpace: new Discrete(2),
  create: () => {
    let cue = 0;
    let t = 0;
    return {
      reset: (rng: Rng) => {
        cue = rng.integer(2) === 1 ? 1 : -1;
        t = 0;
        return { obs: Float32Array.of(cue, 0) };
      },
      step: (action: number) => {
        t++;
        if (t <= DELAY) return { obs: Float32Array.of(0, t === DELAY ? 1 : 0), reward: 0, terminated: false };
        return { obs: Float32Array.of(0, 0), reward: action === (cue > 0 ? 1 : 0) ? 1 : -1, terminated: true };
      },
    };
  },
});
/**
 * A two-episode trial: the trial's task is a sign (±1) shown only in the first episode's one
 * observation; the second episode's one observation is a query whose answer is that sign. Only a
 * memory that lasts across the episodes of a trial (RL²'s) can earn more than 0 on average.
 */
const trialRecall = defineEnv({
  id: 'test/TrialRecall-v0',
  description: 'Remember a cue from the first episode of a trial in the second.',
  observationSpace: new Box({ low: -1, high: 1, shape: [2] }),
  actionSpace: new Discrete(2),
  episodesPerTrial: 2,
  sampleTask: (rng: Rng) => (rng.integer(2) === 1 ? 1 : -1),
  create: () => {
    let cue = 0;
    let query = false;
    let episodes = 0;
    return {
      reset: (_rng: Rng, _context: unknown, task: number) => {
        // trials are two episodes: the first shows the cue, the second asks for it
        query = episodes++ % 2 === 1;
        cue = task;
        return { obs: query ? Float32Array.of(0, 1) : Float32Array.of(task, 0) };
      },
      step: (action: number) => ({ obs: Float32Array.of(0, 0), reward: query ? (action === (cue > 0 ? 1 : 0) ? 1 : -1) : 0, terminated: true }),
    };
  },
});
const registry = new Registry([recall, trialRecall]);

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const learners: PPOLearner[] = [];
afterEach(() => {
  for (const l of learners.splice(0)) l.dispose();
});

/** Greedy mean return over 64 episodes after `steps` of training with `options`. */
async function trainedReturn(options: Partial<PPOOptions>, steps: number, envId = 'test/Recall-v0', autoresetMode: 'next_step' | 'same_step' = 'next_step'): Promise<number> {
  const env = registry.makeVec(envId, 8, { autoresetMode });
  const learner = await PPOLearner.create(env.singleObservationSpace, env.singleActionSpace, { totalSteps: steps, numSteps: 24, updateEpochs: 4, learningRate: 3e-3, hidden: [32], entCoef: 0.01, ...options }, 1);
  learners.push(learner);
  await learner.train(env, steps);
  const returns = await evaluateReturns(registry.makeVec(envId, 8, { autoresetMode }), learner.policy(), { episodes: 64, seed: 99 });
  return returns.reduce((a, b) => a + b, 0) / returns.length;
}

describe('recurrent PPO', () => {
  it('remembers a cue over a delay, which a feed-forward policy cannot: GRU return above 0.8, feed-forward below 0.5', async () => {
    const steps = 9_600;
    const ff = await trainedReturn({}, steps);
    const gru = await trainedReturn({ cell: 'gru', cellUnits: 16, seqLen: 8 }, steps);
    expect(ff).toBeLessThan(0.5);
    expect(gru).toBeGreaterThan(0.8);
  });

  it('RL² is a configuration: memory inputs and trial resets carry a cue across episodes, episode resets cannot', async () => {
    const steps = 9_600;
    const rl2: Partial<PPOOptions> = { cell: 'gru', cellUnits: 16, seqLen: 8, memoryInputs: ['action', 'reward', 'done'] };
    const acrossTrial = await trainedReturn({ ...rl2, memoryReset: 'trial' }, steps, 'test/TrialRecall-v0', 'same_step');
    const perEpisode = await trainedReturn({ ...rl2, memoryReset: 'episode' }, steps, 'test/TrialRecall-v0', 'same_step');
    // half the episodes are queries worth ±1, the other half pay 0
    expect(acrossTrial).toBeGreaterThan(0.4);
    expect(perEpisode).toBeLessThan(0.25);
  });

  it('saves and loads an LSTM policy: the loaded agent acts the same step after step, memory included, and trains on', async () => {
    const env = registry.makeVec('test/Recall-v0', 4);
    const learner = await PPOLearner.create(env.singleObservationSpace, env.singleActionSpace, { numSteps: 12, updateEpochs: 2, cell: 'lstm', cellUnits: 8, seqLen: 4, memoryInputs: ['action', 'reward'] }, 2);
    learners.push(learner);
    await learner.train(env, 96);
    const dir = await mkdtemp(join(tmpdir(), 'metarena-ppo-memory-'));
    try {
      await learner.save(dir);
      const loaded = (await createLearnerRegistry().load(dir)).learner as PPOLearner;
      learners.push(loaded);
      expect(loaded.model.memory?.cell.kind).toBe('lstm');
      const [a, b] = [learner.policy({ deterministic: false, seed: 5 }), loaded.policy({ deterministic: false, seed: 5 })];
      const play = registry.makeVec('test/Recall-v0', 4);
      const reset = await play.reset({ seed: 3 });
      a.start(reset);
      b.start(reset);
      let obs = reset.obs;
      for (let t = 0; t < 12; t++) {
        const actions = await a.act(obs);
        expect(await b.act(obs)).toEqual(actions);
        const result = await play.step(actions);
        a.observe(actions, result);
        b.observe(actions, result);
        obs = result.obs;
      }
      await loaded.train(registry.makeVec('test/Recall-v0', 4), 144);
      expect(loaded.steps).toBe(144);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
