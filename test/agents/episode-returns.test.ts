import { describe, expect, it } from 'vitest';
import { evaluateEpisodes, evaluateReturns } from '../../src/agents/episode-returns.ts';
import type { Batch } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const registry = createBuiltinRegistry();

describe('evaluateReturns', () => {
  it('splits the episodes evenly over the envs, the first envs taking the remainder', async () => {
    // a constant action makes every episode of an env the same length
    const returns = await evaluateReturns(registry.makeVec('CartPole-v1', 3), { act: () => Int32Array.of(0, 0, 0) }, { episodes: 4, seed: 2 });
    expect(returns).toHaveLength(4);
    for (const r of returns) expect(r).toBeGreaterThan(5);
    expect(returns.reduce((a, b) => a + b, 0)).toBeLessThan(4 * 20);
  });

  it('gives the same returns in every autoreset mode and calls start and observe', async () => {
    const results: number[][] = [];
    for (const autoresetMode of ['next_step', 'same_step', 'disabled'] as const) {
      let started = 0;
      let observed = 0;
      // a constant action: the modes' extra reset steps (next_step) do not change what is played
      const agent = { act: () => Int32Array.of(0, 0), start: () => void started++, observe: () => void observed++ };
      results.push(await evaluateReturns(registry.makeVec('CartPole-v1', 2, { autoresetMode }), agent, { episodes: 5, seed: 5 }));
      expect(started).toBe(1);
      expect(observed).toBeGreaterThan(2 * 8);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('stops an evaluation whose episodes do not end with a coded error', async () => {
    const env = registry.makeVec('Pendulum-v1', 1, { maxEpisodeSteps: 500 });
    await expect(evaluateReturns(env, { act: () => Float32Array.of(0) }, { episodes: 1, seed: 1, maxSteps: 50 })).rejects.toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED', details: { field: 'episodes' } });
  });

  it('sums the real reward (info.env_reward) under a reward-shaping wrapper, or the shaped one with rewardKey null', async () => {
    // a fixed walk on CliffWalking: up from the start, right along the row above the cliff, down into the goal
    const act = (obs: Batch) => Int32Array.from(obs as Int32Array, (s) => (s === 36 ? 0 : s % 12 === 11 ? 2 : 1));
    const plain = registry.makeVec('CliffWalking-v0', 2, { maxEpisodeSteps: 30 });
    const wrapped = () => registry.makeVec('CliffWalking-v0', 2, { maxEpisodeSteps: 30, wrappers: [{ id: 'RewardNet', mode: 2, hidden: [8], init_seed: 4 }] });
    const real = await evaluateEpisodes(plain, { act }, { episodes: 3, seed: 1 });
    const judged = await evaluateEpisodes(wrapped(), { act }, { episodes: 3, seed: 1 });
    const shaped = await evaluateEpisodes(wrapped(), { act }, { episodes: 3, seed: 1, rewardKey: null });
    // up, 11 × right, down: the optimal path, 13 steps of −1
    expect(real.returns).toEqual([-13, -13, -13]);
    expect(real.lengths).toEqual([13, 13, 13]);
    expect(real.truncated).toEqual([0, 0, 0]);
    expect(real.rewardKeySteps).toBe(0);
    expect(judged.returns).toEqual(real.returns);
    expect(judged.rewardKeySteps).toBeGreaterThanOrEqual(39);
    expect(shaped.rewardKeySteps).toBe(0);
    for (const r of shaped.returns) expect(r).not.toBe(-13);
  });

  it('counts episodes cut by a time limit as truncated, with their lengths', async () => {
    // always up: CliffWalking never ends; the make's limit cuts each episode at 7 steps
    const env = registry.makeVec('CliffWalking-v0', 3, { maxEpisodeSteps: 7 });
    const r = await evaluateEpisodes(env, { act: () => Int32Array.of(0, 0, 0) }, { episodes: 4, seed: 3 });
    expect(r).toMatchObject({ returns: [-7, -7, -7, -7], lengths: [7, 7, 7, 7], truncated: [1, 1, 1, 1] });
  });
});
