import { describe, expect, it } from 'vitest';
import { Registry, Rng } from '../../../src/core/index.ts';
import { ANT_DIR_TASKS, ANT_SEGMENTS, AntSim, antFeatures, antIsHealthy } from '../../../src/plugins/locomotion/ant.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { mechanicalEnergy, jointDrift } from './body-checks.ts';

const registry = new Registry(locomotion);
const defaults = Object.fromEntries(antFeatures.map((f) => [f.name, f.default]));
/** Torso at height z, level and at rest; joints at `joints` (default: ankles mid-range). */
const stateAt = (z: number, joints = [0, 0.87, 0, -0.87, 0, -0.87, 0, 0.87]) => [0, 0, z, 1, 0, 0, 0, ...joints, ...new Array(14).fill(0)];

describe('Ant-v0', () => {
  it('has Gymnasium v4 shapes and reward terms: v·dir + 1 − 0.5‖a‖²', () => {
    const env = registry.make('Ant-v0');
    const { obs } = env.reset({ seed: 1 });
    expect((obs as Float64Array).length).toBe(27);
    const rng = new Rng(2);
    for (let t = 0; t < 20; t++) {
      const a = env.actionSpace.sample(rng) as Float32Array;
      const r = env.step(a);
      const i = r.info as Record<string, number>;
      expect(i.reward_forward).toBe(i.x_velocity);
      expect(r.reward).toBeCloseTo(i.x_velocity + 1 - 0.5 * a.reduce((s, v) => s + v * v, 0), 12);
      if (r.terminated) break;
    }
    env.close();
  });

  it('pays the velocity along direction_angle (ant-dir)', () => {
    const env = registry.make('Ant-v0', { context: { direction_angle: 2 } });
    env.reset({ seed: 3 });
    const rng = new Rng(3);
    for (let t = 0; t < 10; t++) {
      const r = env.step(env.actionSpace.sample(rng));
      const i = r.info as Record<string, number>;
      expect(i.reward_forward).toBeCloseTo(i.x_velocity * Math.cos(2) + i.y_velocity * Math.sin(2), 12);
    }
    env.close();
  });

  it('ant-dir splits: disjoint, seeded, angles in [0, 2π]', () => {
    const list = (split: 'train' | 'test', splitSeed = 0) => {
      const env = registry.make('Ant-v0', { contextSampler: ANT_DIR_TASKS, split, splitSeed, taskOrder: 'cycle', maxEpisodeSteps: 1 });
      const n = split === 'train' ? 100 : 30;
      const out = Array.from({ length: n }, () => (env.reset().info.context as Record<string, number>).direction_angle);
      env.close();
      return out;
    };
    const train = list('train');
    const test = list('test');
    expect(new Set(train).size).toBe(100);
    expect(test.some((a) => train.includes(a))).toBe(false);
    for (const a of [...train, ...test]) expect(a >= 0 && a <= 2 * Math.PI).toBe(true);
    expect(list('train')).toEqual(train);
    expect(list('train', 7)).not.toEqual(train);
  });

  it('health follows v4 exactly: finite state and 0.2 ≤ z ≤ 1.0 (inclusive)', () => {
    const q = (z: number) => [0, 0, z, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const v = new Array(14).fill(0);
    expect(antIsHealthy(q(0.2), v)).toBe(true);
    expect(antIsHealthy(q(1.0), v)).toBe(true);
    expect(antIsHealthy(q(0.19999), v)).toBe(false);
    expect(antIsHealthy(q(1.00001), v)).toBe(false);
    expect(antIsHealthy(q(0.5), [...v.slice(1), Number.NaN])).toBe(false);
    expect(antIsHealthy([Number.POSITIVE_INFINITY, ...q(0.5).slice(1)], v)).toBe(false);
    expect(antIsHealthy([1e9, -1e9, ...q(0.5).slice(2)], [1e9, ...v.slice(1)])).toBe(true);
  });

  it('terminates exactly when unhealthy: above 1.0 at once, and on every step by the rule', () => {
    const env = registry.make('Ant-v0');
    env.reset({ seed: 0, options: { state: stateAt(1.5) } });
    const high = env.step(new Float32Array(8));
    expect((high.obs as Float64Array)[0]).toBeGreaterThan(1);
    expect(high.terminated).toBe(true);
    const rng = new Rng(5);
    let ended = 0;
    env.reset({ seed: 5 });
    for (let t = 0; t < 400; t++) {
      const r = env.step(env.actionSpace.sample(rng));
      const o = r.obs as Float64Array;
      expect(r.terminated).toBe(!(o.every(Number.isFinite) && o[0] >= 0.2 && o[0] <= 1));
      if (r.terminated || r.truncated) {
        ended += 1;
        env.reset();
      }
    }
    env.close();
  });

  it('keeps its joints inside their ranges under full torque', () => {
    for (const sign of [1, -1]) {
      const sim = new AntSim();
      sim.reset(new Rng(0), { ...defaults, gravity: 0.1 }, stateAt(5));
      for (let t = 0; t < 20; t++) sim.advance(new Float32Array(8).fill(sign));
      ANT_SEGMENTS.slice(1).forEach((s, j) => {
        const [lo, hi] = s.joint!.range;
        const q = sim.qpos[7 + j];
        expect(q).toBeGreaterThan(lo - 0.02);
        expect(q).toBeLessThan(hi + 0.02);
        expect(Math.abs(q - (sign > 0 ? hi : lo))).toBeLessThan(0.05);
      });
      sim.close();
    }
  });

  it('responds to context in the expected direction: gravity, actuator strength, torso mass', () => {
    const run = (c: Record<string, number>, state: number[], action: number, steps: number) => {
      const sim = new AntSim();
      sim.reset(new Rng(0), { ...defaults, ...c }, state);
      for (let t = 0; t < steps; t++) sim.advance(new Float32Array(8).fill(action));
      const out = { z: sim.qpos[2], q: Array.from(sim.qpos.subarray(7)), yawRate: sim.qvel[5] };
      sim.close();
      return out;
    };
    // falls further in the same time under stronger gravity
    expect(run({ gravity: 20 }, stateAt(3), 0, 8).z).toBeLessThan(run({ gravity: 5 }, stateAt(3), 0, 8).z);
    // a stronger actuator turns the hip further in one step (in the air, from mid-range)
    const hip = (s: number) => run({ gravity: 0.1, actuator_strength: s }, stateAt(5), 0.2, 1).q[0];
    expect(hip(2)).toBeGreaterThan(hip(1));
    // the hips' reaction turns a heavier torso more slowly (in the air, all four hips pushed)
    const yaw = (m: number) => Math.abs(run({ gravity: 0.1, torso_mass_scale: m }, stateAt(5), 0.2, 1).yawRate);
    expect(yaw(1)).toBeGreaterThan(0);
    expect(yaw(5)).toBeLessThan(yaw(1));
  });

  it('is bit-identical for the same seed and actions', () => {
    const traj = () => {
      const env = registry.make('Ant-v0');
      const rng = new Rng(11);
      const out = [...(env.reset({ seed: 11 }).obs as Float64Array)];
      for (let t = 0; t < 40; t++) {
        const r = env.step(env.actionSpace.sample(rng));
        out.push(...(r.obs as Float64Array), r.reward);
        if (r.terminated) break;
      }
      env.close();
      return out;
    };
    expect(traj()).toEqual(traj());
  });

  it('stays stable over 2000 random-action steps: bounded energy, penetration and joint drift; joints inside their ranges under ground load', () => {
    const sim = new AntSim();
    const rng = new Rng(21);
    sim.reset(rng, defaults);
    const a = new Float32Array(8);
    let energy = 0, low = 0, drift = 0, excess = 0;
    for (let t = 0; t < 2000; t++) {
      for (let i = 0; i < 8; i++) a[i] = rng.uniform(-1, 1);
      sim.advance(a);
      expect(sim.qpos.every(Number.isFinite) && sim.qvel.every(Number.isFinite)).toBe(true);
      energy = Math.max(energy, mechanicalEnergy(sim.body, 9.81));
      low = Math.min(low, sim.body.lowestPoint());
      drift = Math.max(drift, jointDrift(sim.body));
      ANT_SEGMENTS.slice(1).forEach((s, j) => {
        const [lo, hi] = s.joint!.range;
        excess = Math.max(excess, lo - sim.qpos[7 + j], sim.qpos[7 + j] - hi);
      });
      if (!antIsHealthy(sim.qpos, sim.qvel)) sim.reset(rng, defaults);
    }
    // start energy ≈ m g z ≈ 0.9 kg · 9.81 · 0.75 ≈ 7 J; actuation may add some, never unboundedly
    expect(energy).toBeLessThan(50);
    expect(low).toBeGreaterThan(-0.05);
    expect(drift).toBeLessThan(0.05);
    // the legs carry the body and are slammed by random torques, yet every step ends in range
    expect(excess).toBeLessThan(1e-6);
    sim.close();
  });
});
