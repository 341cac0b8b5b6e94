import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/core/index.ts';
import { CHEETAH_DIR_TASKS, CHEETAH_VEL_TASKS, cheetahReward } from '../../../src/plugins/locomotion/half-cheetah.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';

const registry = new Registry(locomotion);

/**
 * The contexts a split hands out, in order (cycle), one trial per reset. Without a sampler the
 * split comes from the task's family; with the family's own sampler it must be the same list.
 */
function splitContexts(task: 'vel' | 'dir', sampler: typeof CHEETAH_VEL_TASKS | undefined, split: 'train' | 'test', n: number, splitSeed?: number) {
  const env = registry.make('HalfCheetah-v0', { args: { task }, ...(sampler ? { contextSampler: sampler } : {}), split, taskOrder: 'cycle', splitSeed, maxEpisodeSteps: 1 });
  const out: Record<string, number>[] = [];
  env.reset({ seed: 0 });
  for (let i = 0; i < n; i++) out.push((i === 0 ? env.reset({ seed: 0 }) : env.reset()).info.context as Record<string, number>);
  env.close();
  return out;
}

describe('HalfCheetah-v0 task families', () => {
  it('the default task is Gymnasium’s: forward velocity − 0.1‖a‖²', () => {
    const env = registry.make('HalfCheetah-v0');
    env.reset({ seed: 1 });
    const a = Float32Array.of(0.5, -0.5, 0.5, -0.5, 0.5, -0.5);
    const r = env.step(a);
    expect(r.reward).toBeCloseTo((r.info.x_velocity as number) - 0.1 * 1.5, 10);
    env.close();
  });

  it('vel and dir rewards follow PEARL: −|v − v_goal| − 0.05‖a‖² and dir·v − 0.05‖a‖²', () => {
    const a = Float32Array.of(1, 0, 0, 0, 0, -1);
    for (const [task, context] of [['vel', { goal_velocity: 2 }], ['dir', { direction: -1 }]] as const) {
      const env = registry.make('HalfCheetah-v0', { args: { task }, context });
      env.reset({ seed: 2 });
      for (let t = 0; t < 5; t++) {
        const r = env.step(a);
        const v = r.info.x_velocity as number;
        const expected = task === 'vel' ? -Math.abs(v - 2) - 0.05 * 2 : -v - 0.05 * 2;
        expect(r.reward).toBeCloseTo(expected, 10);
      }
      env.close();
    }
    expect(cheetahReward('forward', 1.5, { goal_velocity: 3, direction: -1 }).run).toBe(1.5);
  });

  it('cheetah-vel splits: 100 train / 30 test goal velocities in [0, 3], disjoint and seeded', () => {
    const train = splitContexts('vel', undefined, 'train', 100).map((c) => c.goal_velocity);
    expect(splitContexts('vel', CHEETAH_VEL_TASKS, 'train', 100).map((c) => c.goal_velocity)).toEqual(train);
    const test = splitContexts('vel', CHEETAH_VEL_TASKS, 'test', 30).map((c) => c.goal_velocity);
    expect(new Set(train).size).toBe(100);
    expect(new Set(test).size).toBe(30);
    for (const v of [...train, ...test]) expect(v >= 0 && v <= 3).toBe(true);
    expect(test.filter((v) => train.includes(v))).toEqual([]);
    // the same split seed gives the same list; another seed another list
    expect(splitContexts('vel', CHEETAH_VEL_TASKS, 'test', 30).map((c) => c.goal_velocity)).toEqual(test);
    expect(splitContexts('vel', CHEETAH_VEL_TASKS, 'test', 30, 7).map((c) => c.goal_velocity)).not.toEqual(test);
    // a train cycle of 100 trials visits every task once
    expect(splitContexts('vel', CHEETAH_VEL_TASKS, 'train', 101)[100].goal_velocity).toBe(train[0]);
  });

  it('cheetah-dir: both directions in both splits', () => {
    for (const split of ['train', 'test'] as const) {
      expect(splitContexts('dir', undefined, split, 4)).toEqual(splitContexts('dir', CHEETAH_DIR_TASKS, split, 4));
      const dirs = new Set(splitContexts('dir', undefined, split, 4).map((c) => c.direction));
      expect([...dirs].sort()).toEqual([-1, 1]);
    }
  });

  it('a sine gait earns more under the direction it runs in, and tracks a goal velocity better than standing', () => {
    const run = (task: 'vel' | 'dir', context: Record<string, number>, gait: boolean) => {
      const env = registry.make('HalfCheetah-v0', { args: { task }, context });
      env.reset({ seed: 0 });
      let ret = 0;
      for (let t = 0; t < 100; t++) {
        const w = 2 * Math.PI * 2 * t * 0.05;
        const a = new Float32Array(6);
        if (gait) for (let j = 0; j < 3; j++) [a[j], a[3 + j]] = [Math.sin(w + 0.8 * j), Math.sin(w + Math.PI + 0.8 * j)];
        ret += env.step(a).reward;
      }
      env.close();
      return ret;
    };
    expect(run('dir', { direction: 1 }, true)).toBeGreaterThan(run('dir', { direction: -1 }, true));
    expect(run('vel', { goal_velocity: 1.5 }, true)).toBeGreaterThan(run('vel', { goal_velocity: 1.5 }, false));
  });
});
