import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/core/index.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { TOY_TASKS, type ToyTask } from '../../../src/plugins/locomotion/toy.ts';

const registry = new Registry(locomotion);

/** Return of one episode under a policy of the observation. */
function episode(task: ToyTask, context: Record<string, number>, policy: (o: Float64Array) => [number, number], seed = 0): { ret: number; last: Float64Array } {
  const env = registry.make('Toy-v0', { args: { task }, context });
  let obs = env.reset({ seed }).obs as Float64Array;
  let ret = 0;
  for (;;) {
    const r = env.step(new Float32Array(policy(obs).map((v) => Math.max(-1, Math.min(1, v)))));
    obs = r.obs as Float64Array;
    ret += r.reward;
    if (r.terminated || r.truncated) break;
  }
  env.close();
  return { ret, last: obs };
}
const zero = (): [number, number] => [0, 0];

describe('Toy-v0', () => {
  it('reach: a PD controller gets to the goal position and beats doing nothing', () => {
    const pd = episode('reach', { goal_position: 3 }, (o) => [2 * (3 - o[0]) - 0.5 * o[2], 0]);
    expect(Math.abs(pd.last[0] - 3)).toBeLessThan(0.05);
    expect(pd.ret).toBeGreaterThan(episode('reach', { goal_position: 3 }, zero).ret + 100);
  });

  it('velocity: full force approaches the top speed 10 (1 − e^(−t)) m/s; a P controller holds the goal velocity', () => {
    const full = episode('velocity', { goal_velocity: 2 }, () => [1, 0]);
    expect(full.last[2]).toBeGreaterThan(9.9);
    expect(full.last[2]).toBeLessThan(10);
    const p = episode('velocity', { goal_velocity: -2 }, (o) => [0.2 + 2 * (-2 - o[2]) * 0.1 - 0.4, 0]);
    expect(Math.abs(p.last[2] + 2)).toBeLessThan(0.1);
  });

  it('angle: the reward uses the wrapped angle error, and turning to the goal angle pays', () => {
    const env = registry.make('Toy-v0', { args: { task: 'angle' }, context: { goal_angle: Math.PI - 0.05 } });
    env.reset({ seed: 0, options: { state: [0, -Math.PI + 0.05, 0, 0] } });
    // the body is 0.1 rad from the goal across the ±π seam, not 2π − 0.1
    const r = env.step(new Float32Array(2));
    expect(r.reward).toBeCloseTo(-0.1, 9);
    const turned = episode('angle', { goal_angle: 1 }, (o) => [0, 3 * (1 - o[1]) - 0.5 * o[3]]);
    expect(Math.abs(turned.last[1] - 1)).toBeLessThan(0.05);
  });

  it('has disjoint seeded splits per task, each varying only its own goal', () => {
    for (const task of ['reach', 'velocity', 'angle'] as const) {
      const list = (split: 'train' | 'test') => {
        const env = registry.make('Toy-v0', { args: { task }, contextSampler: TOY_TASKS[task], split, taskOrder: 'cycle' });
        const n = split === 'train' ? 100 : 30;
        return Array.from({ length: n }, () => env.reset().info.context as Record<string, number>);
      };
      const train = list('train');
      const test = list('test');
      const feature = TOY_TASKS[task].kind === 'uniform' ? TOY_TASKS[task].features![0] : '';
      const seen = new Set(train.map((c) => c[feature]));
      expect(seen.size).toBe(100);
      expect(test.some((c) => seen.has(c[feature]))).toBe(false);
      for (const name of ['goal_position', 'goal_velocity', 'goal_angle'].filter((n) => n !== feature)) expect(new Set(train.map((c) => c[name])).size).toBe(1);
      expect(list('train')).toEqual(train);
    }
  });
});
