import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/agents/eval/evaluate.ts';
import { Box, Discrete, Registry, defineEnv } from '../../../src/core/index.ts';
import { runTrialBatch } from '../../../src/agents/eval/run-trials.ts';
import { mean } from '../../../src/agents/eval/stats.ts';
import { specOf } from '../../../src/agents/eval/evaluate.ts';
import { agentRegistry, envRegistry, localSource } from '../helpers.ts';

const run = (labels: string[], trials: number, n: number, envArgs: Record<string, unknown> = {}) =>
  evaluate(agentRegistry, localSource('Bandit-v0', n, envArgs), { agents: labels.map((l) => agentRegistry.parse(l)), trials, seed: 7 });

describe('bandit baselines', () => {
  it('Thompson sampling, UCB1 and Gittins beat random clearly on 200 paired trials (n=100, k=5)', async () => {
    const runs = await run(['random', 'ts', 'ucb1:c=0.2', 'gittins:discount=0.98'], 200, 100);
    const [random, ts, ucb1, gittins] = runs.map((r) => mean(r.returns));
    expect(random).toBeGreaterThan(45);
    expect(random).toBeLessThan(55);
    for (const m of [ts, ucb1, gittins]) expect(m).toBeGreaterThan(random + 15);
  });

  it('textbook UCB1 pulls every arm once before repeating one', async () => {
    const env = envRegistry.makeVec('Bandit-v0', 3, { episodesPerTrial: 20, args: { arms: 6 } });
    const spec = specOf(env, localSource('Bandit-v0', 20, { arms: 6 }));
    const agent = agentRegistry.create(agentRegistry.parse('ucb1:estimate=empirical'), spec, 1);
    const seen = Array.from({ length: 3 }, () => [] as number[]);
    const reset = await env.reset({ seed: [1, 2, 3] });
    agent.start(reset);
    let obs = reset.obs;
    for (let t = 0; t < 12; t++) {
      const a = agent.act(obs) as Int32Array;
      const r = await env.step(a);
      // next_step autoreset: every other step only resets
      if (!(r.info._trial as Uint8Array | undefined)?.[0]) for (let i = 0; i < 3; i++) seen[i].push(a[i]);
      agent.observe(a, r);
      obs = r.obs;
    }
    for (const arms of seen) expect([...arms].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('forgets arm statistics when a new trial starts', async () => {
    // arm 0 always pays: greedy that kept its memory would pull arm 0 first in the next trial;
    // with memory cleared at the trial boundary its first pull is a tie broken at random
    const alwaysArm0 = defineEnv({
      id: 'test/ArmZeroPays-v0',
      description: 'two arms, arm 0 always pays 1',
      observationSpace: new Box({ low: 0, high: 0, shape: [1] }),
      actionSpace: new Discrete(2),
      maxEpisodeSteps: 1,
      episodesPerTrial: 5,
      create: () => ({
        reset: () => ({ obs: new Float32Array(1) }),
        step: (a: number) => ({ obs: new Float32Array(1), reward: a === 0 ? 1 : 0, terminated: true }),
      }),
    });
    const env = new Registry([alwaysArm0]).makeVec('test/ArmZeroPays-v0', 400);
    const spec = specOf(env, { envId: 'test/ArmZeroPays-v0', envArgs: {}, episodesPerTrial: 5, open: async () => env });
    const agent = agentRegistry.create(agentRegistry.parse('greedy'), spec, 3);
    const reset = await env.reset({ seed: 11 });
    agent.start(reset);
    let obs = reset.obs;
    const firstPulls = [0, 0];
    const laterPulls = [0, 0];
    for (let t = 0; t < 20; t++) {
      const a = agent.act(obs) as Int32Array;
      const r = await env.step(a);
      agent.observe(a, r);
      obs = r.obs;
      // next_step autoreset: pulls at even t, resets at odd t; t = 9 resets into trial 1
      if (t === 7) for (const x of agent.act(obs) as Int32Array) laterPulls[x] += 1; // trial 0, 5th pull
      if (t === 9) for (const x of agent.act(obs) as Int32Array) firstPulls[x] += 1; // trial 1, 1st pull
    }
    expect(laterPulls[0]).toBe(400);
    expect(firstPulls[0]).toBeGreaterThan(150);
    expect(firstPulls[1]).toBeGreaterThan(150);
  });

  it('runs Gaussian-reward bandits with a Normal posterior', async () => {
    const runs = await run(['random', 'ts'], 100, 50, { reward: 'gaussian' });
    expect(mean(runs[1].returns)).toBeGreaterThan(mean(runs[0].returns) + 20);
  });

  it('runTrialBatch counts each trial exactly once, per episode', async () => {
    const env = envRegistry.makeVec('Bandit-v0', 4, { episodesPerTrial: 10 });
    const spec = specOf(env, localSource('Bandit-v0', 10));
    const r = await runTrialBatch(env, agentRegistry.create(agentRegistry.parse('random'), spec, 1), [1, 2, 3, 4], 10);
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let e = 0; e < 10; e++) {
        const x = r.episodeReturns[i * 10 + e];
        expect(x === 0 || x === 1).toBe(true);
        s += x;
      }
      expect(r.returns[i]).toBe(s);
    }
  });
});
