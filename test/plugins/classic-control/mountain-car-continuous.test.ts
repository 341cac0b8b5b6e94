import { describe, expect, it } from 'vitest';
import { Box, type Env, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { thrown } from '../../thrown.ts';

interface ContinuousParams {
  min_position: number;
  max_position: number;
  max_speed: number;
  goal_position: number;
  goal_velocity: number;
  power: number;
  /** A constant 0.0025 in Gymnasium; a context feature here. */
  gravity: number;
}
const DEFAULTS: ContinuousParams = { min_position: -1.2, max_position: 0.6, max_speed: 0.07, goal_position: 0.45, goal_velocity: 0, power: 0.0015, gravity: 0.0025 };

/**
 * Reference model: Gymnasium's Continuous_MountainCarEnv.step transcribed independently of the
 * plugin: float64 within a step, the state stored as a float32 array after it (`np.array(...,
 * dtype=np.float32)`), the start state float64.
 */
class ContinuousReference {
  state = [0, 0];
  constructor(readonly p: ContinuousParams = DEFAULTS) {}

  reset(state: number[]): Float32Array {
    this.state = [...state];
    return Float32Array.from(this.state);
  }

  step(action: number): { obs: Float32Array; reward: number; terminated: boolean } {
    const a = Math.fround(action);
    let [position, velocity] = this.state;
    const force = Math.min(Math.max(a, -1.0), 1.0);
    velocity += force * this.p.power - this.p.gravity * Math.cos(3 * position);
    if (velocity > this.p.max_speed) velocity = this.p.max_speed;
    if (velocity < -this.p.max_speed) velocity = -this.p.max_speed;
    position += velocity;
    if (position > this.p.max_position) position = this.p.max_position;
    if (position < this.p.min_position) position = this.p.min_position;
    if (position === this.p.min_position && velocity < 0) velocity = 0;
    const terminated = position >= this.p.goal_position && velocity >= this.p.goal_velocity;
    let reward = 0;
    if (terminated) reward = 100.0;
    reward -= Math.pow(a, 2) * 0.1;
    const stored = Float32Array.of(position, velocity);
    this.state = Array.from(stored);
    return { obs: stored, reward, terminated };
  }
}

const registry = createBuiltinRegistry();
const make = (context?: Record<string, number>) => registry.make('MountainCarContinuous-v0', context ? { context } : {});

function expectObsClose(actual: unknown, expected: Float32Array, tol = 1e-4): void {
  expect(actual).toBeInstanceOf(Float32Array);
  const a = actual as Float32Array;
  expect(a.length).toBe(expected.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - expected[i]), `obs[${i}]`).toBeLessThanOrEqual(tol);
}

function compareEpisode(env: Env, ref: ContinuousReference, start: number[], policy: (obs: Float32Array, t: number) => number, maxSteps = 200) {
  const { obs } = env.reset({ seed: 0, options: { state: start } });
  let refObs = ref.reset(start);
  expectObsClose(obs, refObs);
  let steps = 0;
  let terminated = false;
  let total = 0;
  while (steps < maxSteps) {
    const action = policy(refObs, steps);
    const got = env.step([action]);
    const want = ref.step(action);
    steps += 1;
    expectObsClose(got.obs, want.obs);
    expect(Math.abs(got.reward - want.reward)).toBeLessThanOrEqual(1e-12);
    expect(got.terminated).toBe(want.terminated);
    total += got.reward;
    refObs = want.obs;
    terminated = got.terminated;
    if (terminated || got.truncated) break;
  }
  return { steps, terminated, total };
}

const pump = (o: Float32Array) => (o[1] >= 0 ? 1 : -1);

describe('MountainCarContinuous-v0 against the Gymnasium reference model', () => {
  it('matches a full-throttle pumping episode that earns the goal bonus', () => {
    for (const start of [[-0.5, 0], [-0.45, 0], [-0.58, 0]]) {
      const r = compareEpisode(make(), new ContinuousReference(), start, pump);
      expect(r.terminated).toBe(true);
      // 100 at the goal, −0.1 per full-throttle step
      expect(r.total).toBeCloseTo(100 - 0.1 * r.steps, 9);
    }
  });

  it('matches 200 steps of random throttle from several start states', () => {
    for (let k = 0; k < 3; k++) {
      const rng = new Rng(40 + k);
      compareEpisode(make(), new ContinuousReference(), [-0.6 + 0.1 * k, 0.01 * k], () => rng.uniform(-1, 1));
    }
  });

  it('keeps the state as float32 between steps, as Gymnasium (bit-identical observations)', () => {
    const env = make();
    const ref = new ContinuousReference();
    env.reset({ options: { state: [-0.5234, 0.0012] } });
    ref.reset([-0.5234, 0.0012]);
    const rng = new Rng(9);
    for (let i = 0; i < 200; i++) {
      const a = rng.uniform(-1, 1);
      expect(Array.from(env.step([a]).obs as Float32Array)).toEqual(Array.from(ref.step(a).obs));
    }
  });

  it('matches the left wall and the speed limit', () => {
    compareEpisode(make(), new ContinuousReference(), [-1.15, -0.069], (_o, t) => (t < 30 ? -1 : 0.7), 200);
  });

  it('matches the reference with power, speed and goal features changed', () => {
    const p = { min_position: -1.5, max_position: 0.9, max_speed: 0.05, goal_position: 0.3, goal_velocity: 0.005, power: 0.002, gravity: 0.003 };
    const r = compareEpisode(make(p), new ContinuousReference(p), [-0.5, 0], pump);
    expect(r.terminated).toBe(true);
  });
});

describe('MountainCarContinuous-v0 context and limits', () => {
  const stepsToGoal = (context: Record<string, number>) => {
    const env = make(context);
    let obs = env.reset({ options: { state: [-0.5, 0] } }).obs as Float32Array;
    for (let t = 1; ; t++) {
      const r = env.step([pump(obs)]);
      obs = r.obs as Float32Array;
      if (r.terminated) return t;
      if (r.truncated) return Infinity;
    }
  };

  it('more power reaches the goal sooner; stronger gravity swings the free car faster', () => {
    expect(stepsToGoal({ power: 0.003 })).toBeLessThan(stepsToGoal({}));
    const halfPeriod = (gravity: number) => {
      const env = make({ gravity });
      env.reset({ options: { state: [-0.3, 0] } });
      for (let t = 1; ; t++) if ((env.step([0]).obs as Float32Array)[1] > 0) return t;
    };
    expect(halfPeriod(0.005)).toBeLessThan(halfPeriod(0.0025));
  });

  it('rejects out-of-bounds context and out-of-space actions', () => {
    const e = thrown(() => make({ power: 0.1 }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toContain('power');
    const env = make();
    env.reset({ seed: 0 });
    expect(thrown(() => env.step([1.5])).code).toBe('METARENA_INVALID_ACTION');
  });

  it('truncates at 999 steps', () => {
    const env = make();
    env.reset({ seed: 2 });
    for (let i = 1; i <= 999; i++) {
      const r = env.step([0]);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(i === 999);
    }
  });

  it("spaces: throttle Box(-1, 1, (1,)); observation bounds are Gymnasium's by default, else the widest the make can draw, as float32", () => {
    const env = make();
    const act = env.actionSpace as Box;
    expect([act.dtype, Array.from(act.low), Array.from(act.high), act.shape]).toEqual(['float32', [-1], [1], [1]]);
    const box = env.observationSpace as Box;
    // Gymnasium's bounds by default (mountain-car-track.test.ts checks the bounds of other makes)
    expect(box.toJSON()).toEqual(new Box({ low: [-1.2, -0.07].map(Math.fround), high: [0.6, 0.07].map(Math.fround), dtype: 'float32' }).toJSON());
  });

  it('random starts: position uniform in the start range, velocity 0', () => {
    const env = make();
    for (let seed = 0; seed < 20; seed++) {
      const o = env.reset({ seed }).obs as Float32Array;
      expect(o[0]).toBeGreaterThanOrEqual(Math.fround(-0.6));
      expect(o[0]).toBeLessThanOrEqual(Math.fround(-0.4));
      expect(o[1]).toBe(0);
    }
  });

  it('a malformed state is METARENA_INVALID_STATE naming options.state', () => {
    const env = make();
    for (const state of [[], [0, 0, 0], [0, Number.NaN]]) {
      const e = thrown(() => env.reset({ options: { state } }));
      expect(e.code).toBe('METARENA_INVALID_STATE');
      expect(e.details.field).toBe('options.state');
    }
  });
});
