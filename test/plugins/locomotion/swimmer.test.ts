import { describe, expect, it } from 'vitest';
import { Registry, Rng } from '../../../src/core/index.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';

const registry = new Registry(locomotion);

/**
 * Torso x after `steps` env steps (10 cycles at 0.5 Hz) of a travelling wave: `+1` runs from head
 * to tail (the back joint lags), `-1` from tail to head, `0` is no action.
 */
function swim(context: Record<string, number>, wave: 1 | -1 | 0, steps = 500): number {
  const env = registry.make('Swimmer-v0', { context });
  env.reset({ options: { state: new Array(10).fill(0) } });
  let x = 0;
  for (let t = 0; t < steps; t++) {
    const w = 2 * Math.PI * 0.5 * t * 0.04;
    const a = Float32Array.of(wave === 0 ? 0 : Math.sin(w), wave === 0 ? 0 : Math.sin(w - (wave * Math.PI) / 2));
    x = env.step(a).info.x_position as number;
  }
  env.close();
  return x;
}

describe('Swimmer-v0', () => {
  it('has Gymnasium v4 shapes: obs 8 (qpos[2:], qvel), act 2', () => {
    const env = registry.make('Swimmer-v0');
    expect((env.reset({ seed: 1 }).obs as Float64Array).length).toBe(8);
    const r = env.step(Float32Array.of(1, -1));
    expect((r.obs as Float64Array).length).toBe(8);
    expect(r.info.reward_ctrl).toBeCloseTo(-2e-4, 8);
    env.close();
  });

  it('coasts to rest in the fluid: drag removes a start velocity', () => {
    const env = registry.make('Swimmer-v0');
    const state = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0];
    env.reset({ options: { state } });
    const speeds: number[] = [];
    for (let t = 0; t < 50; t++) speeds.push(Math.abs((env.step(new Float32Array(2)).obs as Float64Array)[3]));
    expect(speeds[0]).toBeLessThan(1);
    expect(speeds[49]).toBeLessThan(0.3 * speeds[0]);
    env.close();
    // without fluid the same start keeps its speed
    const dry = registry.make('Swimmer-v0', { context: { fluid_density: 0, viscosity: 0 } });
    dry.reset({ options: { state } });
    let last = 0;
    for (let t = 0; t < 50; t++) last = (dry.step(new Float32Array(2)).obs as Float64Array)[3];
    expect(last).toBeCloseTo(1, 3);
    dry.close();
  });

  it('swims forward with a head-to-tail wave, backward with the reverse wave, and only through the fluid', () => {
    const forward = swim({}, 1);
    expect(forward).toBeGreaterThan(0.5);
    expect(swim({}, -1)).toBeLessThan(-0.3);
    expect(Math.abs(swim({}, 0))).toBeLessThan(1e-6);
    // no medium, nothing to push against: the body does not travel
    expect(Math.abs(swim({ fluid_density: 0, viscosity: 0 }, 1))).toBeLessThan(0.3 * forward);
  });

  it('a denser fluid slows a random swimmer’s joints', () => {
    const jointSpeed = (fluid_density: number) => {
      const env = registry.make('Swimmer-v0', { context: { fluid_density } });
      env.reset({ seed: 3 });
      const rng = new Rng(3);
      let s = 0;
      for (let t = 0; t < 100; t++) s += Math.abs((env.step(Float32Array.of(rng.uniform(-1, 1), rng.uniform(-1, 1))).obs as Float64Array)[6]);
      env.close();
      return s;
    };
    expect(jointSpeed(20000)).toBeLessThan(jointSpeed(4000));
  });
});
