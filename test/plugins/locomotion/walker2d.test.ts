import { describe, expect, it } from 'vitest';
import { Registry, Rng } from '../../../src/core/index.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { walker2dIsHealthy } from '../../../src/plugins/locomotion/walker2d.ts';

const registry = new Registry(locomotion);

describe('Walker2d-v0', () => {
  it('has Gymnasium v4 shapes: obs 17, act 6, starts standing at 1.25 m', () => {
    const env = registry.make('Walker2d-v0');
    const obs = env.reset({ seed: 0 }).obs as Float64Array;
    expect(obs.length).toBe(17);
    expect(obs[0]).toBeCloseTo(1.25, 1);
    const r = env.step(new Float32Array(6));
    expect(r.info.healthy).toBe(true);
    // healthy reward 1, nearly no motion, no control cost
    expect(r.reward).toBeGreaterThan(0.5);
    expect(r.reward).toBeLessThan(1.5);
    env.close();
  });

  it('health follows Gymnasium v4: 0.8 < z < 2.0 and −1 < angle < 1 (strict)', () => {
    expect(walker2dIsHealthy([0, 1.25, 0])).toBe(true);
    expect(walker2dIsHealthy([0, 0.8, 0])).toBe(false);
    expect(walker2dIsHealthy([0, 0.8001, 0])).toBe(true);
    expect(walker2dIsHealthy([0, 2.0, 0])).toBe(false);
    expect(walker2dIsHealthy([0, 1.25, 1])).toBe(false);
    expect(walker2dIsHealthy([0, 1.25, -1])).toBe(false);
    expect(walker2dIsHealthy([0, 1.25, 0.999])).toBe(true);
  });

  it('terminates exactly when the observed z and angle leave the healthy range', () => {
    const env = registry.make('Walker2d-v0');
    env.reset({ seed: 2 });
    const rng = new Rng(2);
    let ended = false;
    for (let t = 0; t < 1000 && !ended; t++) {
      const r = env.step(Float32Array.from({ length: 6 }, () => rng.uniform(-1, 1)));
      const [z, angle] = r.obs as Float64Array;
      expect(r.terminated).toBe(!(z > 0.8 && z < 2 && angle > -1 && angle < 1));
      ended = r.terminated || r.truncated;
    }
    expect(ended).toBe(true);
    env.close();
  });

  it('with terminate_when_unhealthy off, a fallen walker runs on and earns no healthy reward', () => {
    const env = registry.make('Walker2d-v0', { args: { terminate_when_unhealthy: false } });
    env.reset({ options: { state: [0, 1.25, 1.2, 0, 0, 0, 0, 0, 0, ...new Array(9).fill(0)] } });
    const r = env.step(new Float32Array(6));
    expect(r.terminated).toBe(false);
    expect(r.info.healthy).toBe(false);
    expect(Math.abs(r.reward)).toBeLessThan(0.5);
    env.close();
  });

  it('falls under lower gravity more slowly', () => {
    const fallTime = (gravity: number) => {
      const env = registry.make('Walker2d-v0', { context: { gravity } });
      env.reset({ seed: 0 });
      for (let t = 1; t <= 1000; t++) if (env.step(new Float32Array(6)).terminated) return t;
      return 1000;
    };
    expect(fallTime(3)).toBeGreaterThan(fallTime(9.81));
  });
});
