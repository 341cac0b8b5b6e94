import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from '../../src/agents/replay-buffer.ts';
import { Rng } from '../../src/core/index.ts';

/** Adds transition t: obs [t, -t], action t % 3, reward t, next obs [t + 1, -t - 1], terminated when t % 4 == 3. */
function fill(buffer: ReplayBuffer, from: number, to: number): void {
  for (let t = from; t < to; t++) buffer.add([t, -t], [t % 3], t, [t + 1, -t - 1], t % 4 === 3);
}

describe('ReplayBuffer', () => {
  it('stores transitions in ring order and overwrites the oldest once full', () => {
    const b = new ReplayBuffer(4, 2, 1);
    fill(b, 0, 3);
    expect(b.size).toBe(3);
    expect([...b.rewards.subarray(0, 3)]).toEqual([0, 1, 2]);
    fill(b, 3, 6);
    expect(b.size).toBe(4);
    // slots 0 and 1 now hold transitions 4 and 5
    expect([...b.rewards]).toEqual([4, 5, 2, 3]);
    expect([...b.obs]).toEqual([4, -4, 5, -5, 2, -2, 3, -3]);
    expect([...b.nextObs.subarray(0, 2)]).toEqual([5, -5]);
    expect([...b.terminated]).toEqual([0, 0, 0, 1]);
    expect(b.state()).toEqual({ capacity: 4, obsSize: 2, actionSize: 1, size: 4, next: 2 });
  });

  it('reads rows of batch arrays', () => {
    const b = new ReplayBuffer(2, 2, 1);
    b.add(new Float32Array([0, 0, 7, 8]), new Float32Array([0, 1]), 1, new Float32Array([9, 9, 5, 6]), false, 1);
    expect([...b.obs.subarray(0, 2)]).toEqual([7, 8]);
    expect([...b.nextObs.subarray(0, 2)]).toEqual([5, 6]);
    expect(b.actions[0]).toBe(1);
  });

  it('samples whole transitions, the same ones for the same seed', () => {
    const b = new ReplayBuffer(50, 2, 1);
    fill(b, 0, 30);
    const s = b.sample(64, new Rng(3));
    expect(b.sample(64, new Rng(3))).toEqual(s);
    expect(b.sample(64, new Rng(4)).rewards).not.toEqual(s.rewards);
    for (let r = 0; r < s.size; r++) {
      const t = s.rewards[r];
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThan(30);
      expect([s.obs[2 * r], s.obs[2 * r + 1], s.actions[r], s.nextObs[2 * r], s.terminated[r]]).toEqual([t, -t, t % 3, t + 1, t % 4 === 3 ? 1 : 0]);
    }
    // only filled slots are drawn, and over 64 draws most of the 30 show up
    expect(new Set(s.rewards).size).toBeGreaterThan(20);
    expect(() => new ReplayBuffer(3, 1, 1).sample(1, new Rng(0))).toThrow(/empty/);
  });

  it('restores from its state and arrays, then continues the ring where it stopped', () => {
    const a = new ReplayBuffer(5, 2, 1);
    fill(a, 0, 7);
    const b = new ReplayBuffer(5, 2, 1);
    for (const k of ['obs', 'actions', 'rewards', 'nextObs', 'terminated'] as const) b[k].set(a[k]);
    b.restore(a.state());
    fill(a, 7, 9);
    fill(b, 7, 9);
    expect(b.state()).toEqual(a.state());
    expect([...b.rewards]).toEqual([5, 6, 7, 8, 4]);
    expect(b.sample(10, new Rng(1))).toEqual(a.sample(10, new Rng(1)));
    expect(() => new ReplayBuffer(4, 2, 1).restore(a.state())).toThrow(/does not fit/);
    expect(() => new ReplayBuffer(0, 2, 1)).toThrow(/capacity must be a positive integer/);
  });
});
