import { describe, expect, it } from 'vitest';
import { Box, type ContextSamplerSpec, type Env, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { thrown } from '../../thrown.ts';

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
    // a make that can draw max_torque 15 accepts actions up to 15; an episode at 2 clips them to 2
    const wide = () => registry.make('Pendulum-v1', { contextSampler: { kind: 'list', contexts: [{ max_torque: 2 }, { max_torque: 15 }] } });
    const atTwo = (env: Env) => {
      env.reset({ seed: 0, options: { context: { max_torque: 2 } } });
      return env;
    };
    // constant full torque spins the pendulum up to the speed limit
    const r = compareEpisode(atTwo(wide()), new PendulumReference(), [0.5, 7.9], () => 15);
    expect(r.fastest).toBe(8);
    // a torque of 15 acts exactly as the limit 2
    const clipped = compareEpisode(atTwo(wide()), new PendulumReference(), [0.5, 7.9], () => 2);
    expect(clipped.total).toBe(r.total);
  });

  it('matches the reference with every dynamics feature changed', () => {
    const p = { g: 9.81, m: 1.7, l: 0.6, dt: 0.03, max_speed: 12, max_torque: 3.5 };
    const rng = new Rng(5);
    compareEpisode(make(p), new PendulumReference(p), [2.5, 0.3], () => rng.uniform(-3.5, 3.5));
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
    const env = registry.make('Pendulum-v1', { contextSampler: { kind: 'list', contexts: [{ max_torque: 2 }, { max_torque: 10 }] } });
    const speedAfter = (max_torque: number) => {
      env.reset({ options: { state: [Math.PI, 0], context: { max_torque } } });
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
    const e = thrown(() => make({ max_speed: 100 }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toContain('max_speed');
    expect(thrown(() => make({ dt: 0 })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(thrown(() => make({ gravity: 9.8 })).code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
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
  it("a default make has Gymnasium's spaces: Box(-2, 2, (1,)) actions, Box([-1, -1, -8], [1, 1, 8]) observations", () => {
    const env = make();
    const obsSpace = env.observationSpace as Box;
    const actSpace = env.actionSpace as Box;
    expect(actSpace.toJSON()).toEqual({ type: 'Box', shape: [1], dtype: 'float32', low: [-2], high: [2] });
    expect(obsSpace.toJSON()).toEqual({ type: 'Box', shape: [3], dtype: 'float32', low: [-1, -1, -8], high: [1, 1, 8] });
    // the plugin's own spaces (what the env catalog shows) are the default make's
    expect(registry.env('Pendulum-v1').actionSpace({}).toJSON()).toEqual(actSpace.toJSON());
    expect(registry.makeVec('Pendulum-v1', 2).singleActionSpace.toJSON()).toEqual(actSpace.toJSON());
  });

  it('the action space spans the largest max_torque the make can draw', () => {
    const torque = (options: object) => {
      const space = registry.makeVec('Pendulum-v1', 2, options).singleActionSpace as Box;
      expect(Array.from(space.low)).toEqual([-space.high[0]]);
      return space.high[0];
    };
    expect(torque({ context: { max_torque: 5 } })).toBe(5);
    expect(torque({ context: { max_torque: 0.3 } })).toBe(Math.fround(0.3));
    expect(torque({ contextSampler: { kind: 'uniform', features: ['max_torque'], bounds: { max_torque: [1, 7] } } })).toBe(7);
    expect(torque({ contextSampler: { kind: 'uniform_scale', low: 0.5, high: 3, features: ['max_torque', 'g'] } })).toBe(6);
    // a Gaussian is clipped to the bounds, so it can reach the upper bound
    expect(torque({ contextSampler: { kind: 'gaussian', std: 0.1 } })).toBe(20);
    expect(torque({ contextSampler: { kind: 'gaussian', std: 0.1, features: ['g'] } })).toBe(2);
    expect(torque({ contextSampler: { kind: 'list', contexts: [{ max_torque: 3 }, { g: 12 }, { max_torque: 4.5 }] } })).toBe(4.5);
    // a feature fixed by the context wins over the sampler
    expect(torque({ context: { max_torque: 1 }, contextSampler: { kind: 'uniform_scale', low: 0.5, high: 3, features: ['max_torque', 'g'] } })).toBe(1);
    // train and test splits of one sampler get the same space, the sampler's widest
    const sampler: ContextSamplerSpec = { kind: 'uniform', features: ['max_torque'], bounds: { max_torque: [1, 3] } };
    expect(torque({ contextSampler: sampler, split: 'train' })).toBe(3);
    expect(torque({ contextSampler: sampler, split: 'test' })).toBe(3);
    // every torque drawn is inside the space made for them
    const env = registry.make('Pendulum-v1', { contextSampler: sampler });
    for (let seed = 0; seed < 20; seed++) {
      const { info } = env.reset({ seed });
      const c = info.context as Record<string, number>;
      expect(env.actionSpace.contains(Float32Array.of(c.max_torque))).toBe(true);
    }
  });

  it('a reset context that needs a wider space than the make is refused, naming the feature; one that fits is taken', () => {
    const env = make();
    env.reset({ seed: 1 });
    const e = thrown(() => env.reset({ options: { context: { max_torque: 20 } } }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.details.field).toBe('options.context.max_torque');
    expect(e.message).toContain('Box(-20, 20');
    expect(thrown(() => env.reset({ options: { context: { max_speed: 9 } } })).details.field).toBe('options.context.max_speed');
    // smaller limits, and features the spaces do not depend on, fit the default spaces
    expect((env.reset({ options: { context: { max_torque: 1, max_speed: 4, g: 20 } } }).info.context as Record<string, number>).max_torque).toBe(1);
  });

  it('the fastest context keeps its observations inside the space made for it', () => {
    const f = (name: string) => registry.env('Pendulum-v1').contextSpace.feature(name);
    const fast = make({ max_speed: f('max_speed').upper, max_torque: f('max_torque').upper });
    expect(fast.actionSpace.toString()).toBe('Box(-20, 20, (1,), float32)');
    expect(fast.observationSpace.toString()).toBe('Box([-1, -1, -80], [1, 1, 80], (3,), float32)');
    fast.reset({ options: { state: [0, 0] } });
    let fastest = 0;
    for (let i = 0; i < 200; i++) {
      const r = fast.step([f('max_torque').upper]);
      expect(fast.observationSpace.contains(r.obs)).toBe(true);
      fastest = Math.max(fastest, Math.abs((r.obs as Float32Array)[2]));
    }
    expect(fastest).toBeGreaterThan(8);
    // a start speed above max_speed widens the bound to it
    expect((make({ max_speed: 0.8, initial_velocity_max: 8 }).observationSpace as Box).high[2]).toBe(8);
  });

  it('truncates at 200 steps', () => {
    const env = make();
    env.reset({ seed: 1 });
    for (let i = 1; i <= 200; i++) expect(env.step([0]).truncated).toBe(i === 200);
  });

  it('a malformed state is METARENA_INVALID_STATE naming options.state', () => {
    const env = make();
    for (const state of [[0], [0, 0, 0], [Number.NaN, 0]]) {
      const e = thrown(() => env.reset({ options: { state } }));
      expect(e.code).toBe('METARENA_INVALID_STATE');
      expect(e.details.field).toBe('options.state');
    }
  });
});
