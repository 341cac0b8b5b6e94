import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Env, MultiBinary, Registry, type StepResult, defineEnv } from '../../../src/core/index.ts';
import { TransitionRewardWrapper, encodeObservation, encodingWidth, observationEncoding } from '../../../src/plugins/wrappers/transition-reward.ts';

describe('observation encodings', () => {
  it('a Box flattened, a Discrete one-hot from its start, other spaces none', () => {
    const box = observationEncoding(new Box({ low: -1, high: 1, shape: [2, 2] }))!;
    expect(box).toEqual({ kind: 'box', size: 4 });
    expect(Array.from(encodeObservation(box, Float32Array.of(1, -1, 0.5, 0), new Float64Array(4)))).toEqual([1, -1, 0.5, 0]);
    const discrete = observationEncoding(new Discrete(3, 5))!;
    expect(encodingWidth(discrete)).toBe(3);
    expect(Array.from(encodeObservation(discrete, 6, Float64Array.of(9, 9, 9)))).toEqual([0, 1, 0]);
    expect(observationEncoding(new MultiBinary(2))).toBeUndefined();
  });
});

/** Observation [t] (Discrete 4 from 1: t = 1, 2, 3, ...), reward 10·t. */
const counter = defineEnv({
  id: 'test/Counter-v0',
  description: 'Observation t (one-hot as Discrete(4, start 1)); reward 10 t.',
  observationSpace: new Discrete(4, 1),
  actionSpace: new Discrete(2),
  create: () => {
    let t = 1;
    return {
      reset: () => ({ obs: (t = 1) }),
      step: () => ({ obs: ++t, reward: 10 * t, terminated: t === 4, info: { t } }),
    };
  },
});

/** Reward: the index of the hot entry of s, plus 100 × that of s′, plus the action; info `seen`. */
class Probe extends TransitionRewardWrapper<number, number> {
  constructor(env: Env<number, number>) {
    super(env, observationEncoding(env.observationSpace)!);
  }
  protected transitionReward(s: Float64Array, action: number, next: Float64Array, r: StepResult<number>) {
    return { reward: s.indexOf(1) + 100 * next.indexOf(1) + action, info: { seen: r.reward } };
  }
}

describe('TransitionRewardWrapper', () => {
  it('gives the subclass s (from the reset or the previous step) and s′ encoded, adds env_reward to the info', () => {
    const inner = new Registry([counter]).make('test/Counter-v0') as Env<number, number>;
    const env = new Probe(inner);
    expect(env.observationSpace).toBe(inner.observationSpace);
    expect(env.actionSpace).toBe(inner.actionSpace);
    expect(env.reset().obs).toBe(1);
    const steps = [1, 0, 1].map((a) => env.step(a));
    expect(steps.map((r) => r.reward)).toEqual([0 + 100 + 1, 1 + 200 + 0, 2 + 300 + 1]);
    // (the last info also holds the make's episode statistics)
    expect(steps.map((r) => r.info)).toMatchObject([
      { t: 2, env_reward: 20, seen: 20 },
      { t: 3, env_reward: 30, seen: 30 },
      { t: 4, env_reward: 40, seen: 40 },
    ]);
    expect(steps.map((r) => [r.obs, r.terminated, r.truncated])).toEqual([
      [2, false, false],
      [3, false, false],
      [4, true, false],
    ]);
    env.reset();
    expect(env.step(0).reward).toBe(100);
  });
});
