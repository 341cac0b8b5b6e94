import { describe, expect, it } from 'vitest';
import { CurrentTrials } from '../../../src/agents/pearl/current-trials.ts';
import { TrialStore } from '../../../src/agents/pearl/trial-store.ts';
import { MetarenaError, Rng } from '../../../src/core/index.ts';

/** A trial of `rows` transitions whose obs[0] is `id`, obs[1] the row, reward id·100 + row. */
function trial(id: number, rows: number, contextLength: number) {
  const obs = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) [obs[2 * r], obs[2 * r + 1]] = [id, r];
  return { obs, actions: obs.map((x) => -x), rewards: Float32Array.from({ length: rows }, (_, r) => id * 100 + r), nextObs: obs, terminated: new Float32Array(rows), rows, contextLength };
}

describe('PEARL trial store', () => {
  it("draws each task's context from its first episode only and its RL rows from the same trial", () => {
    const store = new TrialStore(1000, 2, 2);
    for (let id = 1; id <= 5; id++) store.add(trial(id, 40, 20));
    const batch = store.sample(64, 8, 16, new Rng(3));
    const w = 2 + 2 + 1;
    const sizes = new Set<number>();
    for (let t = 0; t < 64; t++) {
      let count = 0;
      const ids = new Set<number>();
      const seen = new Set<number>();
      for (let j = 0; j < 8; j++) {
        if (!batch.mask[t * 8 + j]) continue;
        count++;
        const row = batch.context.subarray((t * 8 + j) * w, (t * 8 + j + 1) * w);
        ids.add(row[0]);
        expect(row[1]).toBeLessThan(20); // first episode
        expect(row[2]).toBe(-row[0]); // the action of that transition
        expect(row[4]).toBe(row[0] * 100 + row[1]); // and its reward
        seen.add(row[1]);
      }
      expect(seen.size).toBe(count); // without replacement
      sizes.add(count);
      expect(ids.size).toBe(1);
      const id = [...ids][0];
      for (let j = 0; j < 16; j++) expect(batch.rl.obs[(t * 16 + j) * 2]).toBe(id);
    }
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(8);
    // (s, a, r, s'): the next observation follows the reward
    const withNext = store.sample(4, 8, 1, new Rng(4), true);
    expect(withNext.context.length).toBe(4 * 8 * 7);
    expect([...withNext.context.subarray(5, 7)]).toEqual([...withNext.context.subarray(0, 2)]); // nextObs = obs in this fixture
  });

  it('drops trials whose slots the ring overwrites, and refuses a trial larger than the ring', () => {
    const store = new TrialStore(100, 2, 2);
    for (let id = 1; id <= 3; id++) store.add(trial(id, 40, 20)); // third wraps over the first
    expect(store.size).toBe(2);
    const ids = new Set<number>();
    const batch = store.sample(200, 4, 4, new Rng(1));
    for (let r = 0; r < batch.rl.size; r++) ids.add(batch.rl.obs[2 * r]);
    expect([...ids].sort()).toEqual([2, 3]);
    // the wrapped trial reads back in order
    for (let r = 0; r < batch.rl.size; r++) if (batch.rl.obs[2 * r] === 3) expect(batch.rl.rewards[r]).toBe(300 + batch.rl.obs[2 * r + 1]);
    expect(() => store.add(trial(4, 101, 20))).toThrow(MetarenaError);
    expect(() => new TrialStore(100, 2, 2).sample(1, 1, 1, new Rng(1))).toThrow(/no finished trial/);
  });

  it('checks a restored index against the stored transitions', () => {
    const store = new TrialStore(100, 2, 2);
    store.add(trial(1, 30, 10));
    const index = store.index();
    expect(index).toEqual([{ start: 0, length: 30, contextLength: 10 }]);
    store.restoreIndex(index);
    expect(() => store.restoreIndex([{ start: 0, length: 31, contextLength: 10 }])).toThrow(/trial index/);
    expect(() => store.restoreIndex('x')).toThrow(MetarenaError);
  });
});

describe('PEARL current trials', () => {
  it("keeps each env's transitions of its trial, counts the first episode as context, and starts afresh after take", () => {
    const trials = new CurrentTrials(2, 1, 1);
    trials.record(0, [5, 6], [0.5, 0.6], 1, [7, 8], false);
    trials.record(1, [5, 6], [0.5, 0.6], 2, [7, 8], false);
    trials.endEpisode(1);
    trials.record(0, [9, 10], [0.9, 1.0], 3, [11, 12], true);
    trials.endEpisode(0);
    trials.record(0, [13, 14], [1.3, 1.4], 4, [15, 16], false);
    expect(trials.episode(0)).toBe(1);
    expect(trials.context(0)).toEqual({ rows: Float32Array.from([5, 0.5, 1, 9, 0.9, 3, 13, 1.3, 4]), count: 3 });
    expect(trials.context(1)).toEqual({ rows: Float32Array.from([6, 0.6, 2]), count: 1 });
    expect(trials.context(1, true)).toEqual({ rows: Float32Array.from([6, 0.6, 2, 8]), count: 1 });
    trials.record(1, [0, 17], [0, 0.7], 5, [99], false, 0); // next observation from another row
    expect(trials.context(1, true).rows.subarray(4)).toEqual(Float32Array.from([17, 0.7, 5, 99]));
    const done = trials.take(0);
    expect(done.rows).toBe(3);
    expect(done.contextLength).toBe(2);
    expect([...done.terminated]).toEqual([0, 1, 0]);
    expect([...done.nextObs]).toEqual([7, 11, 15]);
    expect(trials.rows(0)).toBe(0);
    expect(trials.episode(0)).toBe(0);
    expect(trials.rows(1)).toBe(2);
  });
});
