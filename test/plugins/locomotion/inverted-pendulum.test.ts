import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/core/index.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { PendulumSim, invertedPendulumFeatures } from '../../../src/plugins/locomotion/inverted-pendulum.ts';

const registry = new Registry(locomotion);
const defaults = Object.fromEntries(invertedPendulumFeatures.map((f) => [f.name, f.default]));

/** Episode lengths of a policy over seeds. */
function lengths(policy: (o: Float64Array) => number, seeds: number, context: Record<string, number> = {}): number[] {
  const env = registry.make('InvertedPendulum-v0', { context });
  const out: number[] = [];
  for (let s = 0; s < seeds; s++) {
    let obs = env.reset({ seed: s }).obs as Float64Array;
    for (let t = 1; ; t++) {
      const r = env.step(new Float32Array([Math.max(-3, Math.min(3, policy(obs)))]));
      obs = r.obs as Float64Array;
      expect(r.reward).toBe(1);
      // v4's rule, exactly
      expect(r.terminated).toBe(!(obs.every(Number.isFinite) && Math.abs(obs[1]) <= 0.2));
      if (r.terminated || r.truncated) {
        out.push(t);
        break;
      }
    }
  }
  env.close();
  return out;
}

/** Seconds until |θ| > 0.2 from θ0 = 0.05 at rest without control. */
function fallTime(context: Record<string, number>): number {
  const sim = new PendulumSim();
  sim.reset({ ...defaults, ...context }, [0, 0.05, 0, 0]);
  for (let t = 1; t <= 500; t++) {
    sim.advance(0);
    if (Math.abs(sim.state[1]) > 0.2) {
      sim.close();
      return t * 0.04;
    }
  }
  sim.close();
  return Infinity;
}

describe('InvertedPendulum-v0', () => {
  it('falls without control and stays up for the whole episode under a PD controller', () => {
    const idle = lengths(() => 0, 5);
    expect(Math.max(...idle)).toBeLessThan(100);
    const pd = lengths((o) => 10 * o[1] + 2 * o[3] + 0.3 * o[0] + 0.5 * o[2], 3);
    expect(pd).toEqual([1000, 1000, 1000]);
  });

  it('starts within ±0.01 of upright at rest', () => {
    const env = registry.make('InvertedPendulum-v0');
    for (let s = 0; s < 20; s++) {
      const o = env.reset({ seed: s }).obs as Float64Array;
      for (const v of o) expect(Math.abs(v)).toBeLessThanOrEqual(0.01 + 1e-6);
    }
  });

  it('tips the pole towards +x for a positive angle and falls in that direction', () => {
    const sim = new PendulumSim();
    sim.reset(defaults, [0, 0.05, 0, 0]);
    const pose = sim.poses();
    // the pole frame is rotated about +y by θ: qy = sin(θ/2)
    expect(pose[7 + 4]).toBeCloseTo(Math.sin(0.025), 6);
    for (let t = 0; t < 5; t++) sim.advance(0);
    expect(sim.state[1]).toBeGreaterThan(0.05);
    expect(sim.state[3]).toBeGreaterThan(0);
    sim.close();
  });

  it('falls faster under stronger gravity and slower with a longer pole', () => {
    const base = fallTime({});
    expect(fallTime({ gravity: 20 })).toBeLessThan(base);
    expect(fallTime({ gravity: 4 })).toBeGreaterThan(base);
    expect(fallTime({ pole_length: 1.5 })).toBeGreaterThan(base);
  });

  it('scales the pole and cart masses, and a stronger actuator pushes the cart further', () => {
    const sim = new PendulumSim();
    sim.reset(defaults, [0, 0, 0, 0]);
    sim.advance(0);
    const m = sim.poleMass();
    // capsule of radius 0.049 and length 0.6 at 1000 kg/m³
    expect(m).toBeCloseTo(1000 * (Math.PI * 0.049 ** 2 * 0.6 + (4 / 3) * Math.PI * 0.049 ** 3), 1);
    sim.reset({ ...defaults, pole_mass_scale: 2 }, [0, 0, 0, 0]);
    sim.advance(0);
    expect(sim.poleMass()).toBeCloseTo(2 * m, 3);
    const push = (c: Record<string, number>) => {
      sim.reset({ ...defaults, ...c }, [0, 0, 0, 0]);
      sim.advance(0.5);
      return sim.state[0];
    };
    expect(push({ actuator_strength: 2 })).toBeGreaterThan(push({}));
    expect(push({ cart_mass_scale: 3 })).toBeLessThan(push({}));
    sim.close();
  });

  it('keeps the cart on its rail: the slider range [−1, 1] holds under full force', () => {
    const sim = new PendulumSim();
    sim.reset({ ...defaults, gravity: 0.1 }, [0, 0, 0, 0]);
    let most = 0;
    for (let t = 0; t < 100; t++) {
      sim.advance(3);
      most = Math.max(most, sim.state[0]);
    }
    expect(most).toBeLessThan(1.01);
    expect(most).toBeGreaterThan(0.99);
    sim.close();
  });
});
