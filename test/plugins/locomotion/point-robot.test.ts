import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/core/index.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { POINT_ROBOT_TASKS, SPARSE_POINT_ROBOT_TASKS, sparseReward } from '../../../src/plugins/locomotion/point-robot.ts';

const registry = new Registry(locomotion);
const contexts = (id: string, sampler: object, split: 'train' | 'test', seed = 0) => {
  const env = registry.make(id, { contextSampler: sampler as never, split, splitSeed: seed, taskOrder: 'cycle' });
  const n = split === 'train' ? 80 : 20;
  const out = Array.from({ length: n }, () => env.reset().info.context as Record<string, number>);
  env.close();
  return out;
};

describe('PointRobot-v0', () => {
  it('moves by the action and pays −distance to the goal', () => {
    const env = registry.make('PointRobot-v0', { context: { goal_x: 0.3, goal_y: -0.2 } });
    env.reset({ seed: 0, options: { state: [0.5, 0.5] } });
    const r = env.step(new Float32Array([0.05, -0.1]));
    const x = 0.5 + Math.fround(0.05), y = 0.5 - 0.1;
    expect(Array.from(r.obs as Float64Array)).toEqual([x, y]);
    expect(r.reward).toBeCloseTo(-Math.sqrt((x - 0.3) ** 2 + (y + 0.2) ** 2), 12);
    expect(r.terminated).toBe(false);
  });

  it('clips each action entry to ±0.1 (the float32 bound lies above 0.1)', () => {
    const env = registry.make('PointRobot-v0');
    env.reset({ seed: 0, options: { state: [0, 0] } });
    const a = new Float32Array([0.1, -0.1]);
    expect(a[0]).toBeGreaterThan(0.1);
    const r = env.step(a);
    expect(Array.from(r.obs as Float64Array)).toEqual([0.1, -0.1]);
    expect(() => env.step(new Float32Array([0.2, 0]))).toThrow(/action/);
  });

  it('starts uniformly in the unit square and truncates after 20 steps', () => {
    const env = registry.make('PointRobot-v0');
    const starts = Array.from({ length: 200 }, (_, i) => Array.from(env.reset({ seed: i }).obs as Float64Array)).flat();
    expect(Math.max(...starts)).toBeLessThanOrEqual(1);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...starts)).toBeGreaterThan(0.9);
    expect(Math.min(...starts)).toBeLessThan(-0.9);
    env.reset({ seed: 1 });
    for (let t = 1; t <= 20; t++) expect(env.step(new Float32Array(2)).truncated).toBe(t === 20);
  });

  it('has disjoint, seeded train/test goal splits in [−1, 1]²', () => {
    const train = contexts('PointRobot-v0', POINT_ROBOT_TASKS, 'train');
    const test = contexts('PointRobot-v0', POINT_ROBOT_TASKS, 'test');
    const key = (c: Record<string, number>) => `${c.goal_x},${c.goal_y}`;
    expect(new Set(train.map(key)).size).toBe(80);
    const trainKeys = new Set(train.map(key));
    expect(test.some((c) => trainKeys.has(key(c)))).toBe(false);
    for (const c of [...train, ...test]) expect(Math.max(Math.abs(c.goal_x), Math.abs(c.goal_y))).toBeLessThanOrEqual(1);
    expect(contexts('PointRobot-v0', POINT_ROBOT_TASKS, 'train')).toEqual(train);
    expect(contexts('PointRobot-v0', POINT_ROBOT_TASKS, 'train', 1)).not.toEqual(train);
  });
});

describe('PointRobotSparse-v0', () => {
  it("pays oyster's sparse reward: 1 − d within radius 0.2 of the goal, else 0; dense reward in info", () => {
    expect(sparseReward(-0.2)).toBeCloseTo(0.8, 12);
    expect(sparseReward(-0.2000001)).toBe(0);
    expect(sparseReward(-0.05)).toBeCloseTo(0.95, 12);
    const env = registry.make('PointRobotSparse-v0', { context: { goal_angle: 0 } });
    expect(Array.from(env.reset({ seed: 0 }).obs as Float64Array)).toEqual([0, 0]);
    // from the origin towards the goal (1, 0) by 0.1 per step: outside the radius for 7 steps, d ≈ 0.1 after 9
    const rewards: number[] = [];
    for (let t = 0; t < 9; t++) {
      const r = env.step(new Float32Array([0.1, 0]));
      rewards.push(r.reward);
      expect(r.info.dense_reward).toBeCloseTo(-(1 - 0.1 * (t + 1)), 12);
    }
    expect(rewards.slice(0, 7).every((r) => r === 0)).toBe(true);
    expect(rewards[8]).toBeCloseTo(0.9, 12);
    // inside the radius the reward is 1 − d
    env.reset({ options: { state: [0.85, 0] } });
    expect(env.step(new Float32Array(2)).reward).toBeCloseTo(0.85, 12);
    env.reset({ options: { state: [0.75, 0] } });
    expect(env.step(new Float32Array(2)).reward).toBe(0);
  });

  it('puts its goals on the unit half circle, with disjoint seeded splits', () => {
    const train = contexts('PointRobotSparse-v0', SPARSE_POINT_ROBOT_TASKS, 'train');
    const test = contexts('PointRobotSparse-v0', SPARSE_POINT_ROBOT_TASKS, 'test');
    const angles = new Set(train.map((c) => c.goal_angle));
    expect(test.some((c) => angles.has(c.goal_angle))).toBe(false);
    for (const c of [...train, ...test]) {
      expect(c.goal_angle).toBeGreaterThanOrEqual(0);
      expect(c.goal_angle).toBeLessThanOrEqual(Math.PI);
    }
    // the goal at angle π/2 is (0, 1): a point at (0, 0.9) is 0.1 away
    const env = registry.make('PointRobotSparse-v0', { context: { goal_angle: Math.PI / 2 } });
    env.reset({ seed: 0, options: { state: [0, 0.9] } });
    expect(env.step(new Float32Array(2)).reward).toBeCloseTo(0.9, 12);
  });
});
