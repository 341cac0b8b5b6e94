import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Env, MetarenaError, Registry, Rng, buildSplit, createSampler } from '../../../src/core/index.ts';
import bandit, { type BanditReward, sampleBanditTask } from '../../../src/plugins/tabular/bandit.ts';
import { tabular } from '../../../src/plugins/tabular/index.ts';

const registry = new Registry(tabular);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MetarenaError ? e.code : `not a MetarenaError: ${String(e)}`;
  }
  return undefined;
}

/**
 * Plays one trial of `pulls` episodes, pulling the arms in turn; returns the mean reward of each
 * arm over the first and the second half of the trial, and the trial numbers seen.
 */
function playTrial(env: Env, arms: number, pulls: number, seed?: number) {
  const sums = [new Float64Array(arms), new Float64Array(arms)];
  const counts = [new Float64Array(arms), new Float64Array(arms)];
  const trials = new Set<unknown>();
  for (let i = 0; i < pulls; i++) {
    const { info } = env.reset(i === 0 && seed !== undefined ? { seed } : {});
    trials.add(info.trial);
    expect(info.episode_in_trial).toBe(i);
    const arm = i % arms;
    const half = i < pulls / 2 ? 0 : 1;
    const r = env.step(arm);
    sums[half][arm] += r.reward;
    counts[half][arm] += 1;
  }
  const mean = (h: number) => Array.from(sums[h], (s, a) => s / counts[h][a]);
  return { first: mean(0), second: mean(1), all: Array.from(sums[0], (s, a) => (s + sums[1][a]) / (counts[0][a] + counts[1][a])), trials: [...trials] };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('Bandit-v0', () => {
  it('has the agreed spaces, limits and defaults', () => {
    const env = registry.make('Bandit-v0');
    expect(env.observationSpace).toBeInstanceOf(Box);
    expect(env.observationSpace.toJSON()).toEqual({ type: 'Box', shape: [1], dtype: 'float32', low: [0], high: [0] });
    expect(env.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 5, start: 0 });
    expect(env.maxEpisodeSteps).toBe(1);
    expect(env.contextSpace.features).toHaveLength(0);
    expect(bandit.episodesPerTrial).toBe(100);
    expect((registry.make('Bandit-v0', { args: { arms: 10 } }).actionSpace as Discrete).n).toBe(10);
  });

  it('rejects bad arguments and a start state with coded errors', () => {
    expect(codeOf(() => registry.make('Bandit-v0', { args: { arms: 1 } }))).toBe('METARENA_INVALID_OPTION');
    expect(codeOf(() => registry.make('Bandit-v0', { args: { arms: 2.5 } }))).toBe('METARENA_INVALID_OPTION');
    expect(codeOf(() => registry.make('Bandit-v0', { args: { reward: 'poisson' } }))).toBe('METARENA_INVALID_OPTION');
    const env = registry.make('Bandit-v0');
    expect(codeOf(() => env.reset({ seed: 1, options: { state: [0] } }))).toBe('METARENA_INVALID_STATE');
    env.reset({ seed: 1 });
    expect(codeOf(() => env.step(5))).toBe('METARENA_INVALID_ACTION');
  });

  it('ends every episode after one pull, with a 0/1 reward and no task in the info', () => {
    // the pull terminates; make's one-step time limit also marks it truncated, as Gymnasium's TimeLimit would
    const env = registry.make('Bandit-v0');
    for (let i = 0; i < 50; i++) {
      const { obs } = env.reset(i === 0 ? { seed: 3 } : {});
      expect(obs).toEqual(Float32Array.of(0));
      const r = env.step(i % 5);
      expect(r.terminated).toBe(true);
      expect(r.truncated).toBe(true);
      expect([0, 1]).toContain(r.reward);
      expect(env.observationSpace.contains(r.obs)).toBe(true);
      expect(Object.keys(r.info)).toEqual(['episode']);
      expect(codeOf(() => env.step(0))).toBe('METARENA_RESET_NEEDED');
    }
  });

  it('draws Bernoulli p ~ U[0,1] and Gaussian μ ~ N(0,1) across tasks', () => {
    const rng = new Rng(11);
    const ps: number[] = [];
    const mus: number[] = [];
    for (let t = 0; t < 4000; t++) {
      ps.push(...sampleBanditTask(rng, 5, 'bernoulli').means);
      mus.push(...sampleBanditTask(rng, 5, 'gaussian').means);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = (xs: number[]) => {
      const m = mean(xs);
      return mean(xs.map((x) => (x - m) ** 2));
    };
    expect(Math.min(...ps)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ps)).toBeLessThan(1);
    expect(mean(ps)).toBeCloseTo(0.5, 2);
    expect(variance(ps)).toBeCloseTo(1 / 12, 2);
    expect(ps.filter((p) => p < 0.25).length / ps.length).toBeCloseTo(0.25, 1);
    expect(Math.abs(mean(mus))).toBeLessThan(0.03);
    expect(Math.abs(variance(mus) - 1)).toBeLessThan(0.05);
  });

  it.each<[BanditReward]>([['bernoulli'], ['gaussian']])('pays each arm from its %s distribution', (reward) => {
    const instance = bandit.create({ arms: 3, reward });
    const task = { reward, means: Float64Array.of(0.1, 0.55, 0.9) };
    const rng = new Rng(5);
    const n = 20000;
    for (let arm = 0; arm < 3; arm++) {
      let sum = 0;
      let sumSq = 0;
      let notBinary = 0;
      for (let i = 0; i < n; i++) {
        instance.reset(rng, {}, task, {});
        const r = instance.step(arm).reward;
        if (r !== 0 && r !== 1) notBinary += 1;
        sum += r;
        sumSq += r * r;
      }
      if (reward === 'bernoulli') expect(notBinary).toBe(0);
      const m = sum / n;
      const sd = Math.sqrt(sumSq / n - m * m);
      expect(Math.abs(m - task.means[arm])).toBeLessThan(0.02);
      const expectedSd = reward === 'bernoulli' ? Math.sqrt(task.means[arm] * (1 - task.means[arm])) : 1;
      expect(Math.abs(sd - expectedSd)).toBeLessThan(0.02);
    }
  });

  it('keeps the arms for a whole trial and draws new ones at the next', () => {
    const pulls = 2000;
    const env = registry.make('Bandit-v0', { args: { reward: 'gaussian' }, episodesPerTrial: pulls });
    const one = playTrial(env, 5, pulls, 21);
    const two = playTrial(env, 5, pulls);
    expect(one.trials).toEqual([0]);
    expect(two.trials).toEqual([1]);
    // 200 pulls per arm per half: the halves of one trial agree (sd of a difference 0.1) ...
    expect(maxAbsDiff(one.first, one.second)).toBeLessThan(0.4);
    expect(maxAbsDiff(two.first, two.second)).toBeLessThan(0.4);
    // ... the two trials do not
    expect(maxAbsDiff(one.all, two.all)).toBeGreaterThan(0.5);
    // without a split, the first trial's task is drawn from the env's seeded generator
    const expected = sampleBanditTask(new Rng(21), 5, 'gaussian');
    expect(maxAbsDiff(one.all, expected.means)).toBeLessThan(0.25);
  });

  it('uses the default of 100 pulls per trial', () => {
    const env = registry.make('Bandit-v0');
    const trials: unknown[] = [];
    for (let i = 0; i < 201; i++) {
      trials.push(env.reset(i === 0 ? { seed: 2 } : {}).info.trial);
      env.step(0);
    }
    expect(trials.filter((t) => t === 0)).toHaveLength(100);
    expect(trials.filter((t) => t === 1)).toHaveLength(100);
    expect(trials[200]).toBe(2);
  });

  it('gives identical tasks and rewards for the same seed, different ones for another', () => {
    const rewards = (seed: number) => {
      const env = registry.make('Bandit-v0', { episodesPerTrial: 10 });
      const out: number[] = [];
      for (let i = 0; i < 60; i++) {
        env.reset(i === 0 ? { seed } : {});
        out.push(env.step((i * 7) % 5).reward);
      }
      return out;
    };
    expect(rewards(99)).toEqual(rewards(99));
    expect(rewards(99)).not.toEqual(rewards(100));
  });

  it('takes held-out test tasks from a seed stream disjoint from training', () => {
    const sampler = createSampler(bandit.contextSpace);
    const taskMeans = (split: 'train' | 'test') =>
      buildSplit(sampler, split, 2, 0).map((t) => sampleBanditTask(new Rng(t.taskSeed), 5, 'gaussian').means);
    const train = taskMeans('train');
    const test = taskMeans('test');
    for (const a of train) for (const b of test) expect(maxAbsDiff(a, b)).toBeGreaterThan(0);

    const pulls = 2000;
    const play = (split: 'train' | 'test') => {
      const env = registry.make('Bandit-v0', { args: { reward: 'gaussian' }, split, splitSizes: { train: 2, test: 2 }, taskOrder: 'cycle', episodesPerTrial: pulls });
      return [playTrial(env, 5, pulls, 4).all, playTrial(env, 5, pulls).all];
    };
    const playedTrain = play('train');
    const playedTest = play('test');
    for (let i = 0; i < 2; i++) {
      expect(maxAbsDiff(playedTrain[i], train[i])).toBeLessThan(0.25);
      expect(maxAbsDiff(playedTest[i], test[i])).toBeLessThan(0.25);
      expect(maxAbsDiff(playedTrain[i], playedTest[i])).toBeGreaterThan(0.5);
    }
  });
});
