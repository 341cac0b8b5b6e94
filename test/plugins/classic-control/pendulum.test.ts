import { describe, expect, it } from 'vitest';
import { Box, type Env, MetarenaError, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

interface PendulumParams {
  g: number;
  m: number;
  l: number;
  dt: number;
  max_speed: number;
  max_torque: number;
}
const DEFAULTS: PendulumParams = { g: 10.0, m: 1.0, l: 1.0, dt: 0.05, max_speed: 8, max_torque: 2.0 };

/** Python's float modulo (result has the sign of the divisor), as numpy's `%`. */
const pyMod = (a: number, b: number) => a - Math.floor(a / b) * b;

/** Reference model: Gymnasium's PendulumEnv.step transcribed in float64, independent of the plugin. */
class PendulumReference {
  state = [0, 0];
  constructor(readonly p: PendulumParams = DEFAULTS) {}

  obs(): Float32Array {
    const [theta, thetadot] = this.state;
    return Float32Array.of(Math.cos(theta), Math.sin(theta), thetadot);
  }

  reset(state: number[]): Float32Array {
    this.state = [...state];
    return this.obs();
  }

  step(action: number): { obs: Float32Array; reward: number } {
    const [th, thdot] = this.state;
    const { g, m, l, dt, max_speed, max_torque } = this.p;
    const u = Math.min(Math.max(Math.fround(action), -max_torque), max_torque);
    const angleNormalized = pyMod(th + Math.PI, 2 * Math.PI) - Math.PI;
    const costs = angleNormalized ** 2 + 0.1 * thdot ** 2 + 0.001 * u ** 2;
    let newthdot = thdot + ((3 * g) / (2 * l) * Math.sin(th) + (3.0 / (m * l ** 2)) * u) * dt;
    newthdot = Math.min(Math.max(newthdot, -max_speed), max_speed);
    const newth = th + newthdot * dt;
    this.state = [newth, newthdot];
    return { obs: this.obs(), reward: -costs };
  }
}

const registry = createBuiltinRegistry();
const make = (context?: Record<string, number>) => registry.make('Pendulum-v1', context ? { context } : {});

function expectObsClose(actual: unknown, expected: Float32Array, tol = 1e-4): void {
  expect(actual).toBeInstanceOf(Float32Array);
  const a = actual as Float32Array;
  expect(a.length).toBe(expected.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - expected[i]), `obs[${i}]`).toBeLessThanOrEqual(tol);
}

function compareEpisode(env: Env, ref: PendulumReference, start: number[], policy: (obs: Float32Array, t: number) => number) {
  const { obs } = env.reset({ seed: 0, options: { state: start } });
  let refObs = ref.reset(start);
  expectObsClose(obs, refObs);
  let steps = 0;
  let total = 0;
  let fastest = 0;
  for (;;) {
    const action = policy(refObs, steps);
    const got = env.step([action]);
    const want = ref.step(action);
    steps += 1;
    expectObsClose(got.obs, want.obs);
    expect(Math.abs(got.reward - want.reward)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want.reward)));
    expect(got.terminated).toBe(false);
    expect(got.truncated).toBe(steps === 200);
    total += got.reward;
    fastest = Math.max(fastest, Math.abs(want.obs[2]));
    refObs = want.obs;
    if (got.truncated) break;
  }
  return { steps, total, fastest };
}

function errorOf(fn: () => unknown): MetarenaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MetarenaError);
    return e as MetarenaError;
  }
  throw new Error('expected an error');
}

describe('Pendulum-v1 against the Gymnasium reference model', () => {
  it('matches whole 200-step episodes from several start states with random torques', () => {
    const starts = [
      [Math.PI, 0],
      [0.1, -0.5],
      [-2.0, 1.0],
      [7.5, -3.0],
      [-5.0, -1.0],
    ];
    starts.forEach((start, k) => {
      const rng = new Rng(10 + k);
      const r = compareEpisode(make(), new PendulumReference(), start, () => rng.uniform(-2, 2));
      expect(r.steps).toBe(200);
    });
  });

  it('clips torques beyond max_torque and speeds beyond max_speed as Gymnasium', () => {
    // constant full torque spins the pendulum up to the speed limit
    const r = compareEpisode(make(), new PendulumReference(), [0.5, 7.9], () => 15);
    expect(r.fastest).toBe(8);
    // a torque of 15 acts exactly as the limit 2
    const clipped = compareEpisode(make(), new PendulumReference(), [0.5, 7.9], () => 2);
    expect(clipped.total).toBe(r.total);
  });

  it('matches the reference with every dynamics feature changed', () => {
    const p = { g: 9.81, m: 1.7, l: 0.6, dt: 0.03, max_speed: 12, max_torque: 3.5 };
    const rng = new Rng(5);
    compareEpisode(make(p), new PendulumReference(p), [2.5, 0.3], () => rng.uniform(-5, 5));
  });

  it('penalises the normalized angle: a full turn costs the same as none', () => {
    const env = make();
    env.reset({ options: { state: [0.3, 0] } });
    const a = env.step([0]).reward;
    env.reset({ options: { state: [0.3 + 4 * Math.PI, 0] } });
    const b = env.step([0]).reward;
    expect(b).toBeCloseTo(a, 9);
    expect(a).toBeCloseTo(-(0.3 ** 2), 12);
  });
});

describe('Pendulum-v1 context', () => {
  const fallAfter = (g: number) => {
    const env = make({ g });
    env.reset({ options: { state: [0.05, 0] } });
    let obs: Float32Array = new Float32Array(3);
    for (let i = 0; i < 10; i++) obs = env.step([0]).obs as Float32Array;
    return Math.atan2(obs[1], obs[0]);
  };

  it('higher gravity makes the upright pendulum fall faster', () => {
    expect(fallAfter(20)).toBeGreaterThan(fallAfter(10));
    expect(fallAfter(10)).toBeGreaterThan(fallAfter(2));
  });

  it('a larger max_torque lets the same action act harder (clip follows the context)', () => {
    const speedAfter = (max_torque: number) => {
      const env = make({ max_torque });
      env.reset({ options: { state: [Math.PI, 0] } });
      return (env.step([10]).obs as Float32Array)[2];
    };
    expect(speedAfter(10)).toBeGreaterThan(speedAfter(2));
  });

  it('recomputes derived terms when the context changes between episodes', () => {
    const env = make();
    const run = (context: Record<string, number>) => {
      env.reset({ options: { state: [1, 0], context } });
      return Array.from(env.step([1]).obs as Float32Array);
    };
    const long = run({ l: 3, m: 2 });
    const normal = run({});
    expect(long).not.toEqual(normal);
    const ref = new PendulumReference();
    ref.reset([1, 0]);
    expect(normal).toEqual(Array.from(ref.step(1).obs));
  });

  it('rejects out-of-bounds and unknown context features', () => {
    const e = errorOf(() => make({ max_speed: 100 }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toContain('max_speed');
    expect(errorOf(() => make({ dt: 0 })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(errorOf(() => make({ gravity: 9.8 })).code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
  });

  it('random starts follow initial_angle_max and initial_velocity_max', () => {
    const env = make({ initial_angle_max: 0.2, initial_velocity_max: 0.5 });
    for (let seed = 0; seed < 20; seed++) {
      const obs = env.reset({ seed }).obs as Float32Array;
      expect(Math.abs(Math.atan2(obs[1], obs[0]))).toBeLessThanOrEqual(0.2 + 1e-6);
      expect(Math.abs(obs[2])).toBeLessThanOrEqual(0.5);
    }
    const wide = make();
    const angles = Array.from({ length: 50 }, (_, seed) => {
      const o = wide.reset({ seed }).obs as Float32Array;
      return Math.abs(Math.atan2(o[1], o[0]));
    });
    expect(Math.max(...angles)).toBeGreaterThan(2);
  });
});

describe('Pendulum-v1 spaces and state option', () => {
  it('spaces take the widest max_speed and max_torque allowed', () => {
    const env = make();
    const obsSpace = env.observationSpace as Box;
    const actSpace = env.actionSpace as Box;
    const f = (name: string) => env.contextSpace.feature(name);
    expect(obsSpace.dtype).toBe('float32');
    expect(Array.from(obsSpace.high)).toEqual([1, 1, f('max_speed').upper]);
    expect(Array.from(obsSpace.low)).toEqual([-1, -1, -f('max_speed').upper]);
    expect(actSpace.dtype).toBe('float32');
    expect(actSpace.shape).toEqual([1]);
    expect(Array.from(actSpace.high)).toEqual([f('max_torque').upper]);
    expect(Array.from(actSpace.low)).toEqual([-f('max_torque').upper]);
    // the fastest context keeps its observations inside the space
    const fast = make({ max_speed: f('max_speed').upper, max_torque: f('max_torque').upper });
    fast.reset({ options: { state: [0, 0] } });
    for (let i = 0; i < 200; i++) {
      const r = fast.step([f('max_torque').upper]);
      expect(obsSpace.contains(r.obs)).toBe(true);
    }
  });

  it('truncates at 200 steps', () => {
    const env = make();
    env.reset({ seed: 1 });
    for (let i = 1; i <= 200; i++) expect(env.step([0]).truncated).toBe(i === 200);
  });

  it('a malformed state is METARENA_INVALID_STATE naming options.state', () => {
    const env = make();
    for (const state of [[0], [0, 0, 0], [Number.NaN, 0]]) {
      const e = errorOf(() => env.reset({ options: { state } }));
      expect(e.code).toBe('METARENA_INVALID_STATE');
      expect(e.details.field).toBe('options.state');
    }
  });
});
