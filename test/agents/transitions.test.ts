import { describe, expect, it } from 'vitest';
import { ActingTransitions, TransitionStream, memoryResets } from '../../src/agents/transitions.ts';
import { Rng, type VectorEnv } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
const MODES = ['next_step', 'same_step', 'disabled'] as const;

interface Row {
  obs: number[];
  action: number;
  reward: number;
  nextObs: number[];
  terminated: number;
  truncated: number;
}

/**
 * Per env, the transitions of `steps` vector steps of CartPole-v1 (episodes cut at 12 steps),
 * with env i's k-th transition taking the k-th action of its own seeded sequence.
 */
async function transitionsOf(mode: (typeof MODES)[number], steps: number): Promise<{ rows: Row[][]; returns: number[][] }> {
  const n = 3;
  const env = registry.makeVec('CartPole-v1', n, { autoresetMode: mode, maxEpisodeSteps: 12 });
  const stream = new TransitionStream(env, { agent: 'test' });
  await stream.reset(4);
  const actions = Array.from({ length: n }, (_, i) => new Rng(i + 10));
  const next = Int32Array.from({ length: n }, (_, i) => actions[i].integer(2));
  const rows: Row[][] = Array.from({ length: n }, () => []);
  const returns: number[][] = Array.from({ length: n }, () => []);
  for (let t = 0; t < steps; t++) {
    const step = await stream.step(Int32Array.from(next));
    for (let i = 0; i < n; i++) {
      if (!step.valid[i]) continue;
      const obs = Array.from((step.obs as Float32Array).subarray(i * 4, i * 4 + 4));
      const nextObs = Array.from((step.nextObs as Float32Array).subarray(i * 4, i * 4 + 4));
      rows[i].push({ obs, action: next[i], reward: step.rewards[i], nextObs, terminated: step.terminated[i], truncated: step.truncated[i] });
      next[i] = actions[i].integer(2);
    }
    for (const f of step.finished) returns[f.env].push(f.episodeReturn);
  }
  await env.close();
  return { rows, returns };
}

describe('TransitionStream', () => {
  it('gives the same transitions and episode returns in every autoreset mode', async () => {
    const [nextStep, sameStep, disabled] = await Promise.all(MODES.map((m) => transitionsOf(m, 120)));
    const common = Math.min(...[nextStep, sameStep, disabled].flatMap((r) => r.rows.map((x) => x.length)));
    expect(common).toBeGreaterThan(80);
    for (let i = 0; i < 3; i++) {
      expect(sameStep.rows[i].slice(0, common)).toEqual(nextStep.rows[i].slice(0, common));
      expect(disabled.rows[i].slice(0, common)).toEqual(nextStep.rows[i].slice(0, common));
      const episodes = Math.min(nextStep.returns[i].length, sameStep.returns[i].length, disabled.returns[i].length);
      expect(episodes).toBeGreaterThan(3);
      expect(sameStep.returns[i].slice(0, episodes)).toEqual(nextStep.returns[i].slice(0, episodes));
      expect(disabled.returns[i].slice(0, episodes)).toEqual(nextStep.returns[i].slice(0, episodes));
    }
  });

  it('links transitions: next_obs is the next transition obs within an episode; episodes end terminated or truncated at 12 steps', async () => {
    const { rows, returns } = await transitionsOf('same_step', 100);
    for (let i = 0; i < 3; i++) {
      let length = 0;
      let sum = 0;
      let ended = 0;
      for (let k = 0; k < rows[i].length; k++) {
        const r = rows[i][k];
        length++;
        sum += r.reward;
        if (r.terminated || r.truncated) {
          expect(r.truncated === 1).toBe(length === 12 && !r.terminated);
          expect(returns[i][ended++]).toBe(sum);
          length = 0;
          sum = 0;
        } else if (k + 1 < rows[i].length) {
          expect(rows[i][k + 1].obs).toEqual(r.nextObs);
        }
      }
      expect(ended).toBe(returns[i].length);
    }
  });

  it('requires info.final_obs under same_step autoreset with a coded error', async () => {
    const inner = registry.makeVec('CartPole-v1', 1, { autoresetMode: 'same_step', maxEpisodeSteps: 2 });
    // the same env, reporting no final observations
    const env: VectorEnv = {
      numEnvs: inner.numEnvs,
      singleObservationSpace: inner.singleObservationSpace,
      singleActionSpace: inner.singleActionSpace,
      contextSpace: inner.contextSpace,
      autoresetMode: inner.autoresetMode,
      maxEpisodeSteps: inner.maxEpisodeSteps,
      reset: (args) => inner.reset(args),
      step: async (a) => {
        const r = await inner.step(a);
        delete r.info.final_obs;
        return r;
      },
      close: () => inner.close(),
    };
    const stream = new TransitionStream(env, { agent: 'probe' });
    await stream.reset(1);
    await stream.step(Int32Array.of(0));
    await expect(stream.step(Int32Array.of(0))).rejects.toMatchObject({ code: 'METARENA_INVALID_STATE', details: { field: 'info.final_obs' } });
    // an evaluation does not need it
    const lenient = new TransitionStream(env, { agent: 'probe', needsFinalObs: false });
    await lenient.reset(1);
    await lenient.step(Int32Array.of(0));
    expect((await lenient.step(Int32Array.of(0))).finished).toHaveLength(1);
  });
});

describe('memoryResets', () => {
  it('resets at every episode end or reset for episode scope, only at a new trial for trial scope', async () => {
    const env = registry.makeVec('Bandit-v0', 2, { autoresetMode: 'same_step', episodesPerTrial: 3 });
    await env.reset({ seed: 1 });
    const episode: number[][] = [];
    const trial: number[][] = [];
    for (let t = 0; t < 6; t++) {
      const r = await env.step(Int32Array.of(0, 1));
      episode.push([...memoryResets(r, 'episode')]);
      trial.push([...memoryResets(r, 'trial')]);
    }
    // one pull per episode: every step ends an episode; every third starts a new trial
    expect(episode).toEqual(Array.from({ length: 6 }, () => [1, 1]));
    expect(trial).toEqual([[0, 0], [0, 0], [1, 1], [0, 0], [0, 0], [1, 1]]);
  });
});

describe('ActingTransitions', () => {
  it('marks the step after an episode end as no transition only when the env did not restart within the done step', () => {
    const step = (term: number[], trunc: number[], info: Record<string, unknown> = {}) => ({ terminated: Uint8Array.from(term), truncated: Uint8Array.from(trunc), info });
    const t = new ActingTransitions(3);
    // env 0 ends (next_step: no reset, no final_obs); env 1 ends and restarts within the step (final_obs); env 2 runs on
    expect([...t.valid(step([1, 0, 0], [0, 1, 0], { final_obs: [null, [0.5], null], _final_obs: [false, true, false] }))]).toEqual([1, 1, 1]);
    // env 0's next step only resets it; the others are steps of their episodes
    expect([...t.valid(step([0, 0, 0], [0, 0, 0], { episode_in_trial: [1, 0, 0], _episode_in_trial: [1, 0, 0] }))]).toEqual([0, 1, 1]);
    expect([...t.valid(step([0, 0, 0], [0, 0, 0]))]).toEqual([1, 1, 1]);
    // an end whose reset is reported in the same step (trial keys) is followed by a real step
    expect([...t.valid(step([0, 0, 1], [0, 0, 0], { episode_in_trial: [0, 0, 0], _episode_in_trial: [0, 0, 1] }))]).toEqual([1, 1, 1]);
    expect([...t.valid(step([0, 0, 0], [0, 0, 0]))]).toEqual([1, 1, 1]);
  });
});
