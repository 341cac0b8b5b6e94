import { describe, expect, it } from 'vitest';
import { MetarenaError, Registry, Rng } from '../../../src/core/index.ts';
import cliffWalking from '../../../src/plugins/tabular/cliff-walking.ts';
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

const UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;

/**
 * Gymnasium's documented CliffWalking-v0 rules, restated: (row, col) moves by the action, clipped
 * to the 4×12 grid; entering row 3, cols 1–10 gives −100 and returns to 36; otherwise −1, and
 * entering 47 terminates.
 */
function reference(cell: number, action: number): { next: number; reward: number; terminated: boolean } {
  const [dr, dc] = [[-1, 0], [0, 1], [1, 0], [0, -1]][action];
  const row = Math.min(3, Math.max(0, Math.floor(cell / 12) + dr));
  const col = Math.min(11, Math.max(0, (cell % 12) + dc));
  if (row === 3 && col >= 1 && col <= 10) return { next: 36, reward: -100, terminated: false };
  return { next: row * 12 + col, reward: -1, terminated: row === 3 && col === 11 };
}

const startCells = Array.from({ length: 37 }, (_, i) => i); // 0–35 and the start 36

describe('CliffWalking-v0', () => {
  it('has Gymnasium spaces, start and no time limit', () => {
    const env = registry.make('CliffWalking-v0');
    expect(env.observationSpace.toJSON()).toEqual({ type: 'Discrete', n: 48, start: 0 });
    expect(env.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 4, start: 0 });
    expect(env.maxEpisodeSteps).toBeUndefined();
    expect(cliffWalking.episodesPerTrial).toBe(1);
    const { obs, info } = env.reset({ seed: 0 });
    expect(obs).toBe(36);
    expect(info.prob).toBe(1);
    expect(info.context).toEqual({ slip: 0 });
  });

  it('matches the documented transition for every cell and action', () => {
    const env = registry.make('CliffWalking-v0');
    env.reset({ seed: 0 });
    for (const cell of startCells) {
      for (let action = 0; action < 4; action++) {
        env.reset({ options: { state: [cell] } });
        const r = env.step(action);
        const want = reference(cell, action);
        expect({ cell, action, obs: r.obs, reward: r.reward, terminated: r.terminated, truncated: r.truncated }).toEqual({
          cell,
          action,
          obs: want.next,
          reward: want.reward,
          terminated: want.terminated,
          truncated: false,
        });
        expect(r.info.prob).toBe(1);
      }
    }
  });

  it('returns −100 and puts the agent back on the start when it walks off the cliff', () => {
    const env = registry.make('CliffWalking-v0');
    env.reset({ seed: 0 });
    const r = env.step(RIGHT);
    expect([r.obs, r.reward, r.terminated, r.truncated]).toEqual([36, -100, false, false]);
    env.step(UP); // 24
    env.step(RIGHT); // 25
    const fall = env.step(DOWN); // 37 is cliff
    expect([fall.obs, fall.reward, fall.terminated]).toEqual([36, -100, false]);
  });

  it('scores −13 on the shortest safe path and terminates at the goal', () => {
    const env = registry.make('CliffWalking-v0');
    env.reset({ seed: 0 });
    const actions = [UP, ...Array(11).fill(RIGHT), DOWN];
    let last;
    for (const a of actions) {
      last = env.step(a);
      if (a !== DOWN) expect(last.terminated).toBe(false);
    }
    expect(last!.obs).toBe(47);
    expect(last!.terminated).toBe(true);
    expect(last!.info.episode).toEqual({ return: -13, length: 13 });
    expect(codeOf(() => env.step(UP))).toBe('METARENA_RESET_NEEDED');
  });

  it('never truncates by itself; make can set a time limit', () => {
    const env = registry.make('CliffWalking-v0');
    env.reset({ seed: 0 });
    for (let t = 0; t < 2000; t++) {
      const r = env.step(LEFT);
      if (r.truncated || r.terminated) throw new Error(`episode ended at step ${t + 1}`);
    }
    const limited = registry.make('CliffWalking-v0', { maxEpisodeSteps: 100 });
    limited.reset({ seed: 0 });
    for (let t = 1; t <= 100; t++) expect(limited.step(LEFT).truncated).toBe(t === 100);
  });

  it('slips perpendicular to the chosen direction with probability slip', () => {
    const env = registry.make('CliffWalking-v0', { context: { slip: 0.5 } });
    env.reset({ seed: 3 });
    // from cell 13 (row 1, col 1): up → 1, right → 14, left → 12
    const counts = new Map<number, number>();
    const probs = new Map<number, number>();
    const n = 20000;
    for (let i = 0; i < n; i++) {
      env.reset({ options: { state: [13] } });
      const r = env.step(UP);
      counts.set(r.obs as number, (counts.get(r.obs as number) ?? 0) + 1);
      probs.set(r.obs as number, r.info.prob as number);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 12, 14]);
    expect(Math.abs(counts.get(1)! / n - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(counts.get(12)! / n - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(counts.get(14)! / n - 0.25)).toBeLessThan(0.015);
    expect([probs.get(1), probs.get(12), probs.get(14)]).toEqual([0.5, 0.25, 0.25]);

    const always = registry.make('CliffWalking-v0', { context: { slip: 1 } });
    always.reset({ seed: 1 });
    const outcomes = new Set<number>();
    for (let i = 0; i < 200; i++) {
      always.reset({ options: { state: [36] } });
      const r = always.step(UP); // slips to left (wall: stays on 36, −1) or right (cliff: 36, −100)
      expect(r.obs).toBe(36);
      outcomes.add(r.reward);
    }
    expect([...outcomes].sort((a, b) => a - b)).toEqual([-100, -1]);
  });

  it('gives identical trajectories for the same seed when slippery', () => {
    const run = (seed: number) => {
      const env = registry.make('CliffWalking-v0', { context: { slip: 0.3 }, maxEpisodeSteps: 50 });
      const actions = new Rng(7);
      const out: number[] = [];
      for (let episode = 0; episode < 10; episode++) {
        env.reset(episode === 0 ? { seed } : {});
        for (;;) {
          const r = env.step(actions.integer(4));
          out.push(r.obs as number, r.reward);
          if (r.terminated || r.truncated) break;
        }
      }
      return out;
    };
    expect(run(21)).toEqual(run(21));
    expect(run(21)).not.toEqual(run(22));
  });

  it('rejects cliff, goal and off-grid start states and an out-of-bounds slip', () => {
    const env = registry.make('CliffWalking-v0');
    for (const state of [[37], [46], [47], [48], [-1], [2.5], [1, 2]]) {
      expect(codeOf(() => env.reset({ seed: 1, options: { state } }))).toBe('METARENA_INVALID_STATE');
    }
    expect(codeOf(() => registry.make('CliffWalking-v0', { context: { slip: 1.5 } }))).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(codeOf(() => env.reset({ options: { context: { slip: -0.1 } } }))).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
  });
});
