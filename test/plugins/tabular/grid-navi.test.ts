import { describe, expect, it } from 'vitest';
import { type Env, MetarenaError, Registry, Rng } from '../../../src/core/index.ts';
import gridNavi, { type GridNaviTask, gridNaviGoalCells } from '../../../src/plugins/tabular/grid-navi.ts';
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

const EXCLUDED = ['0,0', '0,1', '1,0', '1,1'];
const NOOP = 0, UP = 1, RIGHT = 2, DOWN = 3, LEFT = 4;

/**
 * Finds the goal of the current trial by starting one episode on each of the 25 cells and
 * staying there: only the goal pays +1. Needs 25 episodes left in the trial.
 */
function probeGoal(env: Env, seed?: number): { paying: string[]; trials: unknown[] } {
  const paying: string[] = [];
  const trials = new Set<unknown>();
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const first = x === 0 && y === 0 && seed !== undefined;
      const { obs, info } = env.reset({ ...(first ? { seed } : {}), options: { state: [x, y] } });
      expect(Array.from(obs as Float32Array)).toEqual([x, y]);
      trials.add(info.trial);
      const r = env.step(NOOP);
      if (r.reward === 1) paying.push(`${x},${y}`);
      else expect(r.reward).toBeCloseTo(-0.1, 12);
    }
  }
  return { paying, trials: [...trials] };
}

describe('GridNavi-v0', () => {
  it('has the agreed spaces, limits and defaults', () => {
    const env = registry.make('GridNavi-v0');
    expect(env.observationSpace.toJSON()).toEqual({ type: 'Box', shape: [2], dtype: 'float32', low: [0, 0], high: [4, 4] });
    expect(env.actionSpace.toJSON()).toEqual({ type: 'Discrete', n: 5, start: 0 });
    expect(env.maxEpisodeSteps).toBe(15);
    expect(gridNavi.episodesPerTrial).toBe(4);
    expect(env.contextSpace.features).toHaveLength(0);
    const trials: unknown[] = [];
    for (let i = 0; i < 9; i++) {
      const { obs, info } = env.reset(i === 0 ? { seed: 1 } : {});
      expect(Array.from(obs as Float32Array)).toEqual([0, 0]);
      trials.push(info.trial);
    }
    expect(trials).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2]);
  });

  it('draws goals uniformly over the 21 cells away from the start', () => {
    expect(gridNaviGoalCells(5)).toHaveLength(21);
    const rng = new Rng(13);
    const counts = new Map<string, number>();
    const n = 21000;
    for (let i = 0; i < n; i++) {
      const { goalX, goalY } = gridNavi.sampleTask!(rng, {}, { size: 5, steps: 15 }) as GridNaviTask;
      const key = `${goalX},${goalY}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(21);
    for (const cell of EXCLUDED) expect(counts.has(cell)).toBe(false);
    for (const [cell, c] of counts) {
      const [x, y] = cell.split(',').map(Number);
      expect(x >= 0 && x < 5 && y >= 0 && y < 5).toBe(true);
      expect(Math.abs(c - 1000)).toBeLessThan(130); // sd ≈ 31
    }
  });

  it('moves noop/up/right/down/left as varibad and stays inside the grid', () => {
    const env = registry.make('GridNavi-v0');
    env.reset({ seed: 4 });
    const path: [number, number[]][] = [
      [UP, [0, 1]],
      [RIGHT, [1, 1]],
      [DOWN, [1, 0]],
      [LEFT, [0, 0]],
      [LEFT, [0, 0]],
      [DOWN, [0, 0]],
      [NOOP, [0, 0]],
    ];
    for (const [action, cell] of path) expect(Array.from(env.step(action).obs as Float32Array)).toEqual(cell);
    env.reset({ options: { state: [4, 4] } });
    expect(Array.from(env.step(UP).obs as Float32Array)).toEqual([4, 4]);
    expect(Array.from(env.step(RIGHT).obs as Float32Array)).toEqual([4, 4]);
  });

  it('pays +1 on exactly one hidden goal, keeps it for the trial and redraws it at the next', () => {
    const env = registry.make('GridNavi-v0', { episodesPerTrial: 25 });
    const goals: string[] = [];
    for (let trial = 0; trial < 12; trial++) {
      const { paying, trials } = probeGoal(env, trial === 0 ? 6 : undefined);
      expect(trials).toEqual([trial]);
      expect(paying).toHaveLength(1);
      expect(EXCLUDED).not.toContain(paying[0]);
      goals.push(paying[0]);
    }
    expect(new Set(goals).size).toBeGreaterThan(3);
    // without a split, the first trial's goal is drawn from the env's seeded generator
    const first = gridNavi.sampleTask!(new Rng(6), {}, { size: 5, steps: 15 }) as GridNaviTask;
    expect(goals[0]).toBe(`${first.goalX},${first.goalY}`);
  });

  it('does not end the episode on the goal; truncates after 15 steps', () => {
    // 25 probing episodes and one more in the same trial
    const env = registry.make('GridNavi-v0', { episodesPerTrial: 26 });
    const { paying } = probeGoal(env, 9);
    const [gx, gy] = paying[0].split(',').map(Number);
    env.reset({ options: { state: [gx, gy] } });
    for (let t = 1; t <= 15; t++) {
      const r = env.step(NOOP);
      expect(r.reward).toBe(1);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(t === 15);
      if (t === 15) expect(r.info.episode).toEqual({ return: 15, length: 15 });
    }
    expect(codeOf(() => env.step(NOOP))).toBe('METARENA_RESET_NEEDED');
  });

  it('gives identical goals and trajectories for the same seed', () => {
    const run = (seed: number) => {
      const env = registry.make('GridNavi-v0');
      const actions = new Rng(2);
      const out: number[] = [];
      for (let episode = 0; episode < 40; episode++) {
        env.reset(episode === 0 ? { seed } : {});
        for (let t = 0; t < 15; t++) {
          const r = env.step(actions.integer(5));
          out.push(...(r.obs as Float32Array), r.reward);
        }
      }
      return out;
    };
    expect(run(12)).toEqual(run(12));
    expect(run(12)).not.toEqual(run(13));
  });

  it('rejects a start state outside the grid', () => {
    const env = registry.make('GridNavi-v0');
    for (const state of [[5, 0], [0, -1], [0.5, 1], [1], [1, 2, 3]]) {
      expect(codeOf(() => env.reset({ seed: 1, options: { state } }))).toBe('METARENA_INVALID_STATE');
    }
    expect(codeOf(() => registry.make('GridNavi-v0', { args: { size: 2 } }))).toBe('METARENA_INVALID_OPTION');
  });
});
