import { describe, expect, it } from 'vitest';
import { evaluateReturns } from '../../src/agents/episode-returns.ts';
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
});
