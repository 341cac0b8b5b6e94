import { describe, expect, it } from 'vitest';
import { type Env, MetarenaError, Registry, Rng, buildSplit, createSampler } from '../../../src/core/index.ts';
import { tabular } from '../../../src/plugins/tabular/index.ts';
import tabularMdp, { type TabularMdpTask, sampleTabularMdpTask } from '../../../src/plugins/tabular/tabular-mdp.ts';

const registry = new Registry(tabular);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MetarenaError ? e.code : `not a MetarenaError: ${String(e)}`;
  }
  return undefined;
}

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: ArrayLike<number>) => {
  const m = mean(xs);
  return mean(Array.from(xs, (x) => (x - m) ** 2));
};

/**
 * One trial of a 2-state, 1-action, horizon-1 MDP: every episode is one step from state 0.
 * Returns, for each half of the trial, the mean reward (≈ μ(0,0)) and how often the next state
 * was 1 (≈ P(1 | 0, 0)).
 */
function probeTrial(env: Env, episodes: number, seed?: number) {
  const halves = [
    { reward: 0, toOne: 0, n: 0 },
    { reward: 0, toOne: 0, n: 0 },
  ];
  const trials = new Set<unknown>();
  for (let i = 0; i < episodes; i++) {
    const { obs, info } = env.reset(i === 0 && seed !== undefined ? { seed } : {});
    expect(obs).toBe(0);
    trials.add(info.trial);
    const r = env.step(0);
    const h = halves[i < episodes / 2 ? 0 : 1];
    h.reward += r.reward;
    h.toOne += r.obs === 1 ? 1 : 0;
    h.n += 1;
  }
  const stats = halves.map((h) => ({ mu: h.reward / h.n, p: h.toOne / h.n }));
  const all = { mu: (stats[0].mu + stats[1].mu) / 2, p: (stats[0].p + stats[1].p) / 2 };
  return { halves: stats, all, trials: [...trials] };
}

const tiny = { states: 2, actions: 1, horizon: 1 };

describe('TabularMDP-v0', () => {
  it('has the agreed spaces, limits and defaults', () => {
    const env = registry.make('TabularMDP-v0');
    expect(env.observationSpace.toJSON()).toEqual({ type: 'Discrete', n: 10, start: 0 });
    expect(env.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 5, start: 0 });
    expect(env.maxEpisodeSteps).toBe(10);
    expect(tabularMdp.episodesPerTrial).toBe(10);
    expect(env.contextSpace.features).toHaveLength(0);
    const big = registry.make('TabularMDP-v0', { args: { states: 7, actions: 3, horizon: 25 } });
    expect(big.observationSpace.toJSON()).toEqual({ type: 'Discrete', n: 7, start: 0 });
    expect(big.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 3, start: 0 });
    expect(big.maxEpisodeSteps).toBe(25);
    expect(codeOf(() => registry.make('TabularMDP-v0', { args: { states: 0 } }))).toBe('METARENA_INVALID_OPTION');
    expect(codeOf(() => registry.make('TabularMDP-v0', { args: { horizon: 1.5 } }))).toBe('METARENA_INVALID_OPTION');
  });

  it('starts in state 0 and is truncated (never terminated) at the horizon', () => {
    const env = registry.make('TabularMDP-v0');
    for (let episode = 0; episode < 12; episode++) {
      const { obs, info } = env.reset(episode === 0 ? { seed: 8 } : {});
      expect(obs).toBe(0);
      expect(info.trial).toBe(episode < 10 ? 0 : 1);
      expect(info.episode_in_trial).toBe(episode % 10);
      let ret = 0;
      for (let t = 1; t <= 10; t++) {
        const r = env.step((t + episode) % 5);
        ret += r.reward;
        expect(env.observationSpace.contains(r.obs)).toBe(true);
        expect(r.terminated).toBe(false);
        expect(r.truncated).toBe(t === 10);
        expect(Object.keys(r.info)).toEqual(t === 10 ? ['episode'] : []);
        if (t === 10) expect(r.info.episode).toEqual({ return: ret, length: 10 });
      }
      expect(codeOf(() => env.step(0))).toBe('METARENA_RESET_NEEDED');
    }
  });

  it('draws Dirichlet(1) transition rows and N(1,1) reward means', () => {
    const rng = new Rng(17);
    const means: number[] = [];
    const entries: number[] = [];
    let worstRowError = 0;
    let negative = 0;
    for (let t = 0; t < 500; t++) {
      const task = sampleTabularMdpTask(rng, 10, 5);
      expect(task.transitions).toHaveLength(500);
      expect(task.rewardMeans).toHaveLength(50);
      means.push(...task.rewardMeans);
      for (let row = 0; row < 50; row++) {
        let sum = 0;
        for (let s = 0; s < 10; s++) {
          const p = task.transitions[row * 10 + s];
          if (p < 0) negative += 1;
          sum += p;
          entries.push(p);
        }
        worstRowError = Math.max(worstRowError, Math.abs(sum - 1));
      }
    }
    expect(negative).toBe(0);
    expect(worstRowError).toBeLessThan(1e-12);
    expect(Math.abs(mean(means) - 1)).toBeLessThan(0.03);
    expect(Math.abs(variance(means) - 1)).toBeLessThan(0.05);
    // a Dirichlet(1,…,1) entry over 10 states is Beta(1, 9): mean 0.1, variance 9/1100
    expect(mean(entries)).toBeCloseTo(0.1, 6);
    expect(Math.abs(variance(entries) - 9 / 1100) / (9 / 1100)).toBeLessThan(0.03);
    expect(entries.filter((p) => p > 0.3).length / entries.length).toBeCloseTo(0.7 ** 9, 2); // P(Beta(1, 9) > 0.3) = 0.7^9
  });

  it('moves by P(· | s, a) and pays N(μ(s, a), 1) for the state the action was taken in', () => {
    const task: TabularMdpTask = {
      states: 3,
      actions: 2,
      transitions: Float64Array.of(0.2, 0.3, 0.5, 1, 0, 0, 0, 0.6, 0.4, 0.1, 0.1, 0.8, 0.5, 0.5, 0, 0.3, 0.3, 0.4),
      rewardMeans: Float64Array.of(-1, 2, 0.5, 3, 1.5, -2),
    };
    const instance = tabularMdp.create({ states: 3, actions: 2, horizon: 1 });
    const rng = new Rng(23);
    const n = 20000;
    for (let s = 0; s < 3; s++) {
      for (let a = 0; a < 2; a++) {
        const counts = [0, 0, 0];
        let sum = 0;
        let sumSq = 0;
        let wrongStart = 0;
        for (let i = 0; i < n; i++) {
          if (instance.reset(rng, {}, task, { state: [s] }).obs !== s) wrongStart += 1;
          const r = instance.step(a);
          counts[r.obs] += 1;
          sum += r.reward;
          sumSq += r.reward * r.reward;
        }
        expect(wrongStart).toBe(0);
        const row = s * 2 + a;
        for (let next = 0; next < 3; next++) expect(Math.abs(counts[next] / n - task.transitions[row * 3 + next])).toBeLessThan(0.015);
        expect(Math.abs(sum / n - task.rewardMeans[row])).toBeLessThan(0.03);
        expect(Math.abs(Math.sqrt(sumSq / n - (sum / n) ** 2) - 1)).toBeLessThan(0.03);
      }
    }
  });

  it('keeps the MDP for a whole trial and draws a new one at the next', () => {
    const episodes = 2000;
    const env = registry.make('TabularMDP-v0', { args: tiny, episodesPerTrial: episodes });
    const one = probeTrial(env, episodes, 31);
    const two = probeTrial(env, episodes);
    expect(one.trials).toEqual([0]);
    expect(two.trials).toEqual([1]);
    for (const t of [one, two]) {
      expect(Math.abs(t.halves[0].mu - t.halves[1].mu)).toBeLessThan(0.2);
      expect(Math.abs(t.halves[0].p - t.halves[1].p)).toBeLessThan(0.1);
    }
    expect(Math.abs(one.all.mu - two.all.mu) + Math.abs(one.all.p - two.all.p)).toBeGreaterThan(0.3);
    // without a split, the first trial's MDP is drawn from the env's seeded generator
    const expected = sampleTabularMdpTask(new Rng(31), 2, 1);
    expect(Math.abs(one.all.mu - expected.rewardMeans[0])).toBeLessThan(0.1);
    expect(Math.abs(one.all.p - expected.transitions[1])).toBeLessThan(0.05);
  });

  it('gives identical MDPs and trajectories for the same seed, different ones for another', () => {
    const run = (seed: number) => {
      const env = registry.make('TabularMDP-v0');
      const actions = new Rng(1);
      const out: number[] = [];
      for (let episode = 0; episode < 30; episode++) {
        out.push(env.reset(episode === 0 ? { seed } : {}).obs as number);
        for (let t = 0; t < 10; t++) {
          const r = env.step(actions.integer(5));
          out.push(r.obs as number, r.reward);
        }
      }
      return out;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('takes held-out test MDPs from a seed stream disjoint from training', () => {
    const sampler = createSampler(tabularMdp.contextSpace);
    const tasks = (split: 'train' | 'test') => buildSplit(sampler, split, 2, 0).map((t) => sampleTabularMdpTask(new Rng(t.taskSeed), 2, 1));
    const train = tasks('train');
    const test = tasks('test');
    for (const a of train) for (const b of test) expect(a.rewardMeans[0]).not.toBe(b.rewardMeans[0]);

    const episodes = 2000;
    const play = (split: 'train' | 'test') => {
      const env = registry.make('TabularMDP-v0', { args: tiny, split, splitSizes: { train: 2, test: 2 }, taskOrder: 'cycle', episodesPerTrial: episodes });
      return [probeTrial(env, episodes, 3).all, probeTrial(env, episodes).all];
    };
    const playedTrain = play('train');
    const playedTest = play('test');
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(playedTrain[i].mu - train[i].rewardMeans[0])).toBeLessThan(0.1);
      expect(Math.abs(playedTrain[i].p - train[i].transitions[1])).toBeLessThan(0.05);
      expect(Math.abs(playedTest[i].mu - test[i].rewardMeans[0])).toBeLessThan(0.1);
      expect(Math.abs(playedTest[i].p - test[i].transitions[1])).toBeLessThan(0.05);
    }
  });

  it('starts from a given state and rejects an invalid one', () => {
    const env = registry.make('TabularMDP-v0');
    expect(env.reset({ seed: 1, options: { state: [7] } }).obs).toBe(7);
    for (const state of [[10], [-1], [1.5], [1, 2], []]) {
      expect(codeOf(() => env.reset({ options: { state } }))).toBe('METARENA_INVALID_STATE');
    }
  });
});
