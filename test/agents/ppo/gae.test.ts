import { describe, expect, it } from 'vitest';
import { advantages } from '../../../src/agents/ppo/gae.ts';
import type { Rollout } from '../../../src/agents/ppo/rollout.ts';

/**
 * A one-env rollout of one-step episodes (a bandit's pulls): every valid row ends its episode
 * (terminated), values 0. `keep[t]` = 0 where the memory starts afresh before row t.
 */
function rollout(rewards: number[], keep: number[] | undefined, { valid, lastKeep = 1 }: { valid?: number[]; lastKeep?: number } = {}): Rollout {
  const T = rewards.length;
  const ok = Uint8Array.from(valid ?? rewards.map(() => 1));
  return {
    T,
    n: 1,
    width: 1,
    obs: new Float32Array(T),
    actions: new Float32Array(T),
    logp: new Float32Array(T),
    values: new Float32Array(T),
    rewards: Float32Array.from(rewards),
    terminated: ok.slice(),
    done: ok.slice(),
    valid: ok,
    finalValue: new Float32Array(T),
    lastValues: new Float32Array(1),
    keep: keep ? Float32Array.from(keep) : undefined,
    lastKeep: keep ? Float32Array.of(lastKeep) : undefined,
    finished: [],
  };
}

const undiscounted = { gamma: 1, gaeLambda: 1, memoryReset: 'trial' } as const;
const adv = (r: Rollout, restarts = true, memoryReset: 'trial' | 'episode' = 'trial') => Array.from(advantages(r, { ...undiscounted, memoryReset }, restarts).advantages);

describe('GAE', () => {
  it('runs the return over a whole trial when the memory is kept across its episodes, and cuts it at the trial end', () => {
    // two trials of three pulls: the memory starts afresh at rows 0 and 3
    const r = rollout([0, 0, 1, 0, 2, 0], [0, 1, 1, 0, 1, 1], { lastKeep: 0 });
    expect(adv(r)).toEqual([1, 1, 1, 2, 2, 0]);
    // memory reset at every episode (or no memory at all): every pull is its own return
    expect(adv(rollout([0, 0, 1, 0, 2, 0], [0, 0, 0, 0, 0, 0], { lastKeep: 0 }), true, 'episode')).toEqual([0, 0, 1, 0, 2, 0]);
    expect(adv(rollout([0, 0, 1, 0, 2, 0], undefined), true, 'episode')).toEqual([0, 0, 1, 0, 2, 0]);
  });

  it('bootstraps an episode that ends inside a trial from the next episode’s first value, discounted', () => {
    const r = rollout([1, 0, 0], [0, 1, 1], { lastKeep: 0 });
    r.values.set([0.5, 2, 4]);
    const { advantages: a, returns } = advantages(r, { gamma: 0.5, gaeLambda: 0, memoryReset: 'trial' }, true);
    // λ = 0: one-step TD errors, r + γ V(next episode's first step) − V, and 0 bootstrap at the trial end
    expect(Array.from(a)).toEqual([1 + 0.5 * 2 - 0.5, 0 + 0.5 * 4 - 2, 0 - 4]);
    expect(Array.from(returns)).toEqual([2, 2, 0]);
  });

  it('passes over next_step reset rows: the pull before one continues with the pull after it, and the reset decides where the trial ends', () => {
    // pull, reset step, pull, reset step (into a new trial: memory afresh after it), pull, reset step
    const r = rollout([0, 0, 3, 0, 5, 0], [0, 1, 1, 1, 0, 1], { valid: [1, 0, 1, 0, 1, 0], lastKeep: 1 });
    expect(adv(r, false)).toEqual([3, 0, 3, 0, 5, 0]);
  });

  it('bootstraps a time-limit truncation from its final value, but not the end of a trial', () => {
    // two-step truncated episodes (no terminal states), values 1, final observations worth 4
    const truncated = (keep: number[] | undefined) => {
      const r = rollout([0, 1, 0, 1], keep, { lastKeep: 0 });
      r.terminated.fill(0);
      r.done.set([0, 1, 0, 1]);
      r.values.fill(1);
      r.finalValue.set([0, 4, 0, 4]);
      return r;
    };
    const episodes = advantages(truncated([0, 1, 0, 1]), { gamma: 1, gaeLambda: 1, memoryReset: 'episode' }, true).returns;
    expect(Array.from(episodes)).toEqual([5, 5, 5, 5]);
    // one trial of both episodes: the first bootstraps into the second, the trial's end from nothing
    const trial = advantages(truncated([0, 1, 1, 1]), { gamma: 1, gaeLambda: 1, memoryReset: 'trial' }, true).returns;
    expect(Array.from(trial)).toEqual([2, 2, 1, 1]);
  });
});
