import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Env, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { thrown } from '../../thrown.ts';

interface AcrobotParams {
  LINK_LENGTH_1: number;
  LINK_LENGTH_2: number;
  LINK_MASS_1: number;
  LINK_MASS_2: number;
  LINK_COM_POS_1: number;
  LINK_COM_POS_2: number;
  LINK_MOI: number;
  MAX_VEL_1: number;
  MAX_VEL_2: number;
}
const DEFAULTS: AcrobotParams = {
  LINK_LENGTH_1: 1.0,
  LINK_LENGTH_2: 1.0,
  LINK_MASS_1: 1.0,
  LINK_MASS_2: 1.0,
  LINK_COM_POS_1: 0.5,
  LINK_COM_POS_2: 0.5,
  LINK_MOI: 1.0,
  MAX_VEL_1: 4 * Math.PI,
  MAX_VEL_2: 9 * Math.PI,
};

/**
 * Reference model: Gymnasium's AcrobotEnv.step ("book" dynamics, `rk4` over [0, dt] on the
 * torque-augmented state, `wrap` and `bound`) transcribed in float64, independent of the plugin.
 * The goal test is Gymnasium's −cos θ1 − cos(θ1 + θ2) > 1 written with the link lengths
 * (−l1 cos θ1 − l2 cos(θ1 + θ2) > l1), identical for the default lengths of 1.
 */
class AcrobotReference {
  state = [0, 0, 0, 0];
  constructor(readonly p: AcrobotParams = DEFAULTS) {}

  obs(): Float32Array {
    const s = this.state;
    return Float32Array.of(Math.cos(s[0]), Math.sin(s[0]), Math.cos(s[1]), Math.sin(s[1]), s[2], s[3]);
  }

  reset(state: number[]): Float32Array {
    this.state = [...state];
    return this.obs();
  }

  dsdt(sAugmented: number[]): number[] {
    const m1 = this.p.LINK_MASS_1;
    const m2 = this.p.LINK_MASS_2;
    const l1 = this.p.LINK_LENGTH_1;
    const lc1 = this.p.LINK_COM_POS_1;
    const lc2 = this.p.LINK_COM_POS_2;
    const I1 = this.p.LINK_MOI;
    const I2 = this.p.LINK_MOI;
    const g = 9.8;
    const a = sAugmented[4];
    const [theta1, theta2, dtheta1, dtheta2] = sAugmented;
    const d1 = m1 * lc1 ** 2 + m2 * (l1 ** 2 + lc2 ** 2 + 2 * l1 * lc2 * Math.cos(theta2)) + I1 + I2;
    const d2 = m2 * (lc2 ** 2 + l1 * lc2 * Math.cos(theta2)) + I2;
    const phi2 = m2 * lc2 * g * Math.cos(theta1 + theta2 - Math.PI / 2.0);
    const phi1 =
      -m2 * l1 * lc2 * dtheta2 ** 2 * Math.sin(theta2) -
      2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2) +
      (m1 * lc1 + m2 * l1) * g * Math.cos(theta1 - Math.PI / 2) +
      phi2;
    const ddtheta2 = (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * dtheta1 ** 2 * Math.sin(theta2) - phi2) / (m2 * lc2 ** 2 + I2 - d2 ** 2 / d1);
    const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    return [dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0];
  }

  rk4(y0: number[], t: [number, number]): number[] {
    const dt = t[1] - t[0];
    const dt2 = dt / 2.0;
    const add = (y: number[], h: number, k: number[]) => y.map((v, i) => v + h * k[i]);
    const k1 = this.dsdt(y0);
    const k2 = this.dsdt(add(y0, dt2, k1));
    const k3 = this.dsdt(add(y0, dt2, k2));
    const k4 = this.dsdt(add(y0, dt, k3));
    const yout = y0.map((v, i) => v + (dt / 6.0) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    return yout.slice(0, 4);
  }

  /** `torque` overrides the action's torque (for the noise bound check). */
  step(action: number, torque = [-1.0, 0.0, +1][action]): { obs: Float32Array; reward: number; terminated: boolean } {
    const wrap = (x: number, m: number, M: number) => {
      const diff = M - m;
      while (x > M) x = x - diff;
      while (x < m) x = x + diff;
      return x;
    };
    const bound = (x: number, m: number, M: number) => Math.min(Math.max(x, m), M);
    const ns = this.rk4([...this.state, torque], [0, 0.2]);
    ns[0] = wrap(ns[0], -Math.PI, Math.PI);
    ns[1] = wrap(ns[1], -Math.PI, Math.PI);
    ns[2] = bound(ns[2], -this.p.MAX_VEL_1, this.p.MAX_VEL_1);
    ns[3] = bound(ns[3], -this.p.MAX_VEL_2, this.p.MAX_VEL_2);
    this.state = ns;
    const { LINK_LENGTH_1: l1, LINK_LENGTH_2: l2 } = this.p;
    const terminated = -l1 * Math.cos(ns[0]) - l2 * Math.cos(ns[1] + ns[0]) > l1;
    return { obs: this.obs(), reward: terminated ? 0.0 : -1.0, terminated };
  }
}

const registry = createBuiltinRegistry();
const make = (context?: Record<string, number>) => registry.make('Acrobot-v1', context ? { context } : {});

function expectObsClose(actual: unknown, expected: Float32Array, tol = 1e-4): void {
  expect(actual).toBeInstanceOf(Float32Array);
  const a = actual as Float32Array;
  expect(a.length).toBe(expected.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - expected[i]), `obs[${i}]`).toBeLessThanOrEqual(tol);
}

function compareEpisode(env: Env, ref: AcrobotReference, start: number[], policy: (obs: Float32Array, t: number) => number, maxSteps = 200) {
  const { obs } = env.reset({ seed: 0, options: { state: start } });
  let refObs = ref.reset(start);
  expectObsClose(obs, refObs);
  let steps = 0;
  let terminated = false;
  let fastest = [0, 0];
  while (steps < maxSteps) {
    const action = policy(refObs, steps);
    const got = env.step(action);
    const want = ref.step(action);
    steps += 1;
    expectObsClose(got.obs, want.obs);
    expect(got.reward).toBe(want.reward);
    expect(got.terminated).toBe(want.terminated);
    fastest = [Math.max(fastest[0], Math.abs(want.obs[4])), Math.max(fastest[1], Math.abs(want.obs[5]))];
    refObs = want.obs;
    terminated = got.terminated;
    if (terminated || got.truncated) break;
  }
  return { steps, terminated, fastest };
}

const pump = (o: Float32Array) => (o[4] + o[5] > 0 ? 2 : 0);

describe('Acrobot-v1 against the Gymnasium reference model', () => {
  it('matches an energy-pumping episode that reaches the goal, reward 0 on the last step', () => {
    const r = compareEpisode(make(), new AcrobotReference(), [0.05, -0.03, 0.02, 0.01], pump);
    expect(r.terminated).toBe(true);
    expect(r.steps).toBeGreaterThan(20);
  });

  it('matches 200 random-action steps from several start states', () => {
    const starts = [
      [0, 0, 0, 0],
      [-0.1, 0.1, -0.1, 0.1],
      [1.0, -0.5, 0.0, 0.0],
      [-2.5, 2.0, 1.0, -2.0],
    ];
    starts.forEach((start, k) => {
      const rng = new Rng(20 + k);
      compareEpisode(make(), new AcrobotReference(), start, () => rng.integer(3));
    });
  });

  it('matches the wrap of angles and the bound of velocities', () => {
    const r = compareEpisode(make(), new AcrobotReference(), [3.1, -3.1, 12.5, 28.2], () => 2, 60);
    expect(r.fastest[0] === Math.fround(4 * Math.PI) || r.fastest[1] === Math.fround(9 * Math.PI)).toBe(true);
  });

  it('matches the reference with link and velocity features changed', () => {
    const context = {
      link_length_1: 1.3,
      link_length_2: 0.8,
      link_mass_1: 2.0,
      link_mass_2: 0.7,
      link_com_1: 0.6,
      link_com_2: 0.35,
      link_moi: 1.5,
      max_velocity_1: 2 * Math.PI,
      max_velocity_2: 5 * Math.PI,
    };
    const ref = new AcrobotReference({
      LINK_LENGTH_1: 1.3,
      LINK_LENGTH_2: 0.8,
      LINK_MASS_1: 2.0,
      LINK_MASS_2: 0.7,
      LINK_COM_POS_1: 0.6,
      LINK_COM_POS_2: 0.35,
      LINK_MOI: 1.5,
      MAX_VEL_1: 2 * Math.PI,
      MAX_VEL_2: 5 * Math.PI,
    });
    compareEpisode(make(context), ref, [0.2, 0.1, 0, 0], pump);
  });
});

describe('Acrobot-v1 context', () => {
  it('a larger moment of inertia responds more slowly to the same torque', () => {
    const spin = (link_moi: number) => {
      const env = make({ link_moi });
      env.reset({ options: { state: [0, 0, 0, 0] } });
      return Math.abs((env.step(2).obs as Float32Array)[5]);
    };
    expect(spin(3)).toBeLessThan(spin(1));
    expect(spin(1)).toBeLessThan(spin(0.3));
  });

  it('a longer second link reaches the goal height from a pose the default does not', () => {
    const endsAt = (link_length_2: number) => {
      const env = make({ link_length_2 });
      env.reset({ options: { state: [Math.PI / 2, Math.PI / 2, 0, 0] } });
      return env.step(1).terminated;
    };
    expect(endsAt(1)).toBe(false);
    expect(endsAt(2)).toBe(true);
  });

  it('torque noise stays within ±torque_noise_max and repeats under a seed', () => {
    const noisy = make({ torque_noise_max: 0.5 });
    const velocities = (seed: number) => {
      noisy.reset({ seed, options: { state: [0, 0, 0, 0] } });
      return Array.from(noisy.step(1).obs as Float32Array);
    };
    const a = velocities(1);
    expect(velocities(1)).toEqual(a);
    expect(velocities(2)).not.toEqual(a);
    const low = new AcrobotReference();
    low.reset([0, 0, 0, 0]);
    const high = new AcrobotReference();
    high.reset([0, 0, 0, 0]);
    const lo = low.step(1, -0.5).obs[5];
    const hi = high.step(1, 0.5).obs[5];
    for (let seed = 0; seed < 10; seed++) {
      const v = velocities(seed)[5];
      expect(v).toBeGreaterThanOrEqual(Math.min(lo, hi));
      expect(v).toBeLessThanOrEqual(Math.max(lo, hi));
      expect(v).not.toBe(0);
    }
  });

  it('rejects out-of-bounds context', () => {
    const e = thrown(() => make({ link_mass_1: 20 }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toContain('link_mass_1');
    expect(thrown(() => make({ max_velocity_2: 100 * Math.PI })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(thrown(() => make({ torque_noise_max: -0.1 })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
  });

  it('random starts are float32 values in the start bounds, as Gymnasium', () => {
    const env = make({ initial_angle_lower: -0.05, initial_angle_upper: 0.02, initial_velocity_lower: -0.3, initial_velocity_upper: 0.4 });
    let seenWide = false;
    for (let seed = 0; seed < 20; seed++) {
      const o = env.reset({ seed }).obs as Float32Array;
      for (const angle of [Math.atan2(o[1], o[0]), Math.atan2(o[3], o[2])]) {
        expect(angle).toBeGreaterThanOrEqual(-0.05 - 1e-6);
        expect(angle).toBeLessThanOrEqual(0.02 + 1e-6);
      }
      for (const v of [o[4], o[5]]) {
        expect(v).toBeGreaterThanOrEqual(Math.fround(-0.3));
        expect(v).toBeLessThanOrEqual(Math.fround(0.4));
        if (Math.abs(v) > 0.1) seenWide = true;
      }
    }
    expect(seenWide).toBe(true);
  });

  it('a seeded random start is the float32-rounded uniform draw (angles, then velocities)', () => {
    const env = make();
    const seed = 11;
    const draws = new Rng(seed);
    const start = [0, 0, 0, 0].map(() => Math.fround(draws.uniform(-0.1, 0.1)));
    const ref = new AcrobotReference();
    expect(Array.from(env.reset({ seed }).obs as Float32Array)).toEqual(Array.from(ref.reset(start)));
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const a = rng.integer(3);
      expect(Array.from(env.step(a).obs as Float32Array)).toEqual(Array.from(ref.step(a).obs));
    }
  });
});

describe('Acrobot-v1 spaces, limits and state option', () => {
  it("spaces: Discrete(3); velocity bounds are Gymnasium's 4π, 9π by default, else the largest max_velocity the make can draw, as float32", () => {
    const env = make();
    expect((env.actionSpace as Discrete).n).toBe(3);
    const gym = env.observationSpace as Box;
    expect(gym.dtype).toBe('float32');
    expect(Array.from(gym.high)).toEqual([1, 1, 1, 1, Math.fround(4 * Math.PI), Math.fround(9 * Math.PI)]);
    expect(Array.from(gym.low)).toEqual([-1, -1, -1, -1, -Math.fround(4 * Math.PI), -Math.fround(9 * Math.PI)]);
    const sampled = registry.make('Acrobot-v1', { contextSampler: { kind: 'list', contexts: [{ max_velocity_1: 2 }, { max_velocity_2: 50 }] } }).observationSpace as Box;
    expect(Array.from(sampled.high)).toEqual([1, 1, 1, 1, Math.fround(4 * Math.PI), 50]);
    const up1 = env.contextSpace.feature('max_velocity_1').upper;
    const up2 = env.contextSpace.feature('max_velocity_2').upper;
    expect(up1).toBeCloseTo(40 * Math.PI, 12);
    expect(up2).toBeCloseTo(90 * Math.PI, 12);
    const fast = make({ max_velocity_1: up1, max_velocity_2: up2 });
    const box = fast.observationSpace as Box;
    expect(Array.from(box.high)).toEqual([1, 1, 1, 1, Math.fround(up1), Math.fround(up2)]);
    fast.reset({ options: { state: [0, 0, up1, -up2] } });
    for (let i = 0; i < 100; i++) {
      const r = fast.step(i % 3);
      expect(box.contains(r.obs)).toBe(true);
      if (r.terminated) break;
    }
  });

  it('truncates at 500 steps', () => {
    const env = make();
    env.reset({ options: { state: [0, 0, 0, 0] } });
    for (let i = 1; i <= 500; i++) {
      const r = env.step(1);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(i === 500);
    }
  });

  it('a malformed state is METARENA_INVALID_STATE naming options.state', () => {
    const env = make();
    for (const state of [[0, 0], [0, 0, 0, 0, 0], [0, Number.NaN, 0, 0]]) {
      const e = thrown(() => env.reset({ options: { state } }));
      expect(e.code).toBe('METARENA_INVALID_STATE');
      expect(e.details.field).toBe('options.state');
    }
  });
});
