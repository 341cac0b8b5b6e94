import { describe, expect, it } from 'vitest';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { EpisodeRecorder } from '../../../src/commands/episode-recorder.ts';
import { createInnerLearner, meanLast, trainInner, varyHyperparameters } from '../../../src/commands/evolve/inner-agent.ts';
import { SB3_PPO, SE_PRESETS } from '../../../src/commands/evolve/presets.ts';
import { innerAgent } from '../../../src/commands/evolve/setup.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
const learners = createLearnerRegistry();

describe('varyHyperparameters', () => {
  it('draws learning rate, batch size and hidden layers in the reference ranges, the same for the same seed', () => {
    const base = { learningRate: 3e-4, batchSize: 199, hidden: [57], gamma: 0.988 };
    const draws = Array.from({ length: 200 }, (_, s) => varyHyperparameters(base, s));
    for (const d of draws) {
      expect(d.learningRate as number).toBeGreaterThanOrEqual(1e-4 - 1e-12);
      expect(d.learningRate as number).toBeLessThanOrEqual(9e-4 + 1e-12);
      expect(d.batchSize as number).toBeGreaterThanOrEqual(66);
      expect(d.batchSize as number).toBeLessThanOrEqual(597);
      const hidden = d.hidden as number[];
      expect(hidden.length === 1 || hidden.length === 2).toBe(true);
      expect(hidden.every((w) => w === hidden[0] && w >= 19 && w <= 171)).toBe(true);
      expect(d.gamma).toBe(0.988);
    }
    // both ends of the ranges are reached, and layer counts 1 and 2 (l − 1 = 0 is raised to 1)
    expect(Math.min(...draws.map((d) => d.batchSize as number))).toBeLessThan(80);
    expect(Math.max(...draws.map((d) => d.batchSize as number))).toBeGreaterThan(500);
    expect(new Set(draws.map((d) => (d.hidden as number[]).length))).toEqual(new Set([1, 2]));
    expect(varyHyperparameters(base, 7)).toEqual(varyHyperparameters(base, 7));
    expect(varyHyperparameters({ alpha: 0.5 }, 3)).toEqual({ alpha: 0.5 });
  });
});

describe('meanLast', () => {
  it("is the reference AverageMeter's mean (fewer values when there are not enough, 0 for none)", () => {
    expect(meanLast([1, 2, 3, 4, 5], 2)).toBe(4.5);
    expect(meanLast([1, 2, 3, 4, 5], 2, 2)).toBe(2.5);
    expect(meanLast([1, 2, 3], 2, 2)).toBe(1);
    expect(meanLast([1], 2, 2)).toBe(0);
  });
});

describe('innerAgent', () => {
  it("applies the env's reference options to learners that take them all, then --set agent.NAME", () => {
    const preset = SE_PRESETS['CartPole-v1'];
    expect(innerAgent(learners, '', preset, [['batchSize', '32']], 'CartPole-v1')).toEqual({ agent: 'double-dqn', options: { ...preset.options, batchSize: 32 } });
    expect(innerAgent(learners, 'dueling-dqn', preset, [], 'CartPole-v1').options).toEqual(preset.options);
    // PPO takes none of the DQN options' tau: it keeps its own defaults
    expect(innerAgent(learners, 'ppo', preset, [], 'CartPole-v1')).toEqual({ agent: 'ppo', options: {} });
    expect(innerAgent(learners, 'ppo', { agent: 'ppo', options: SB3_PPO }, [], 'CartPole-v1').options).toEqual(SB3_PPO);
    expect(() => innerAgent(learners, '', preset, [['gamma', '3']], 'CartPole-v1')).toThrow(/gamma must be a number in \[0, 1\]/);
  });
});

describe('trainInner', () => {
  it('stops when afterEpisodes says so, after maxEpisodes episodes, or at maxSteps', async () => {
    const make = () => new EpisodeRecorder(registry.makeVec('CliffWalking-v0', 1, { maxEpisodeSteps: 10 }));
    const run = async (o: Omit<Parameters<typeof trainInner>[2], 'maxSteps'> & { maxSteps?: number }) => {
      const env = make();
      const learner = await createInnerLearner(learners, env, 'CliffWalking-v0', { agent: 'q-learning', options: {} }, 3);
      const stop = await trainInner(learner, env, { maxSteps: 1000, ...o });
      return { stop, steps: learner.steps, episodes: env.episodes.length };
    };
    let calls = 0;
    expect(await run({ maxEpisodes: 100, afterEpisodes: () => ++calls === 3 })).toMatchObject({ stop: 'early-out', episodes: 3 });
    const episodes = await run({ maxEpisodes: 4 });
    expect(episodes).toMatchObject({ stop: 'episodes', episodes: 4 });
    expect(await run({ maxEpisodes: 100, maxSteps: 25 })).toMatchObject({ stop: 'steps', steps: 25 });
  });
});
