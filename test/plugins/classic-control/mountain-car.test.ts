import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Env, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { thrown } from '../../thrown.ts';

interface MountainCarParams {
  min_position: number;
  max_position: number;
  max_speed: number;
  goal_position: number;
  goal_velocity: number;
  force: number;
  gravity: number;
}
const DEFAULTS: MountainCarParams = { min_position: -1.2, max_position: 0.6, max_speed: 0.07, goal_position: 0.5, goal_velocity: 0, force: 0.001, gravity: 0.0025 };

/** Reference model: Gymnasium's MountainCarEnv.step transcribed in float64, independent of the plugin. */
class MountainCarReference {
  state = [0, 0];
  constructor(readonly p: MountainCarParams = DEFAULTS) {}

  reset(state: number[]): Float32Array {
    this.state = [...state];
    return Float32Array.from(this.state);
  }

  step(action: number): { obs: Float32Array; reward: number; terminated: boolean } {
    const clip = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
    let [position, velocity] = this.state;
    velocity += (action - 1) * this.p.force + Math.cos(3 * position) * -this.p.gravity;
    velocity = clip(velocity, -this.p.max_speed, this.p.max_speed);
    position += velocity;
    position = clip(position, this.p.min_position, this.p.max_position);
    if (position === this.p.min_position && velocity < 0) velocity = 0;
    const terminated = position >= this.p.goal_position && velocity >= this.p.goal_velocity;
    this.state = [position, velocity];
    return { obs: Float32Array.from(this.state), reward: -1.0, terminated };
  }
}

const registry = createBuiltinRegistry();
const make = (context?: Record<string, number>) => registry.make('MountainCar-v0', context ? { context } : {});

function expectObsClose(actual: unknown, expected: Float32Array, tol = 1e-4): void {
  expect(actual).toBeInstanceOf(Float32Array);
  const a = actual as Float32Array;
  expect(a.length).toBe(expected.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - expected[i]), `obs[${i}]`).toBeLessThanOrEqual(tol);
}

function compareEpisode(env: Env, ref: MountainCarReference, start: number[], policy: (obs: Float32Array, t: number) => number) {
  const { obs } = env.reset({ seed: 0, options: { state: start } });
  let refObs = ref.reset(start);
  expectObsClose(obs, refObs);
  let steps = 0;
  let terminated = false;
  let truncated = false;
  let wallStops = 0;
  for (;;) {
    const action = policy(refObs, steps);
    const got = env.step(action);
    const want = ref.step(action);
    steps += 1;
    expectObsClose(got.obs, want.obs);
    expect(got.reward).toBe(want.reward);
    expect(got.terminated).toBe(want.terminated);
    if (ref.state[0] === ref.p.min_position && ref.state[1] === 0) wallStops += 1;
    refObs = want.obs;
    terminated = got.terminated;
    truncated = got.truncated;
    if (terminated || truncated) break;
  }
  return { steps, terminated, truncated, wallStops };
}

/** Push in the direction of motion: pumps energy into the car. */
const pump = (o: Float32Array) => (o[1] >= 0 ? 2 : 0);

describe('MountainCar-v0 against the Gymnasium reference model', () => {
  it('matches an energy-pumping episode that reaches the goal', () => {
    for (const start of [[-0.5, 0], [-0.42, 0], [-0.59, 0]]) {
      const r = compareEpisode(make(), new MountainCarReference(), start, pump);
      expect(r.terminated).toBe(true);
      expect(r.steps).toBeLessThan(200);
    }
  });

  it('matches random-action episodes, truncated at 200 steps', () => {
    for (let k = 0; k < 3; k++) {
      const rng = new Rng(30 + k);
      const r = compareEpisode(make(), new MountainCarReference(), [-0.6 + 0.1 * k, 0], () => rng.integer(3));
      expect(r).toMatchObject({ steps: 200, terminated: false, truncated: true });
    }
  });

  it('matches the inelastic left wall: the velocity becomes 0 there', () => {
    const r = compareEpisode(make(), new MountainCarReference(), [-1.1, -0.06], (_o, t) => (t < 40 ? 0 : 2));
    expect(r.wallStops).toBeGreaterThan(0);
  });

  it('matches the reference with every dynamics feature changed', () => {
    const p = { min_position: -1.4, max_position: 0.8, max_speed: 0.05, goal_position: 0.4, goal_velocity: 0.01, force: 0.0015, gravity: 0.002 };
    const r = compareEpisode(make(p), new MountainCarReference(p), [-0.5, 0.01], pump);
    expect(r.terminated).toBe(true);
  });
});

describe('MountainCar-v0 context', () => {
  const stepsToGoal = (context: Record<string, number>) => {
    const env = make(context);
    let obs = env.reset({ options: { state: [-0.5, 0] } }).obs as Float32Array;
    for (let t = 1; ; t++) {
      const r = env.step(pump(obs));
      obs = r.obs as Float32Array;
      if (r.terminated) return t;
      if (r.truncated) return Infinity;
    }
  };

  it('a stronger engine reaches the goal sooner; stronger gravity later', () => {
    expect(stepsToGoal({ force: 0.002 })).toBeLessThan(stepsToGoal({}));
    expect(stepsToGoal({ gravity: 0.0035 })).toBeGreaterThan(stepsToGoal({}));
  });

  it('goal_velocity holds the episode open until the car is fast enough at the goal', () => {
    const endsAt = (context: Record<string, number>) => {
      const env = make(context);
      env.reset({ options: { state: [0.55, 0] } });
      return env.step(1).terminated;
    };
    expect(endsAt({})).toBe(true);
    expect(endsAt({ goal_velocity: 0.01 })).toBe(false);
    expect(endsAt({ goal_position: 0.6 })).toBe(false);
  });

  it('stronger gravity makes the free car swing faster', () => {
    const halfPeriod = (gravity: number) => {
      const env = make({ gravity });
      env.reset({ options: { state: [-0.3, 0] } });
      for (let t = 1; ; t++) if ((env.step(1).obs as Float32Array)[1] > 0) return t;
    };
    expect(halfPeriod(0.005)).toBeLessThan(halfPeriod(0.0025));
  });

  it('rejects out-of-bounds context', () => {
    const e = thrown(() => make({ force: 1 }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toContain('force');
    expect(thrown(() => make({ max_position: 0.3 })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
  });

  it('random starts: position uniform in the start range, velocity 0 by default', () => {
    const env = make();
    const positions: number[] = [];
    for (let seed = 0; seed < 30; seed++) {
      const o = env.reset({ seed }).obs as Float32Array;
      expect(o[0]).toBeGreaterThanOrEqual(Math.fround(-0.6));
      expect(o[0]).toBeLessThanOrEqual(Math.fround(-0.4));
      expect(o[1]).toBe(0);
      positions.push(o[0]);
    }
    expect(new Set(positions).size).toBe(30);
    const moving = make({ min_velocity_start: -0.02, max_velocity_start: 0.03, min_position_start: -0.9, max_position_start: -0.5 });
    for (let seed = 0; seed < 10; seed++) {
      const o = moving.reset({ seed }).obs as Float32Array;
      expect(o[0]).toBeGreaterThanOrEqual(Math.fround(-0.9));
      expect(o[0]).toBeLessThanOrEqual(Math.fround(-0.5));
      expect(o[1]).toBeGreaterThanOrEqual(Math.fround(-0.02));
      expect(o[1]).toBeLessThanOrEqual(Math.fround(0.03));
      expect(o[1]).not.toBe(0);
    }
  });
});

describe('MountainCar-v0 spaces and state option', () => {
  it("observation bounds are Gymnasium's by default, else the widest positions and speed the make can draw, as float32", () => {
    const env = make();
    expect((env.actionSpace as Discrete).n).toBe(3);
    const box = env.observationSpace as Box;
    // Gymnasium's bounds by default (mountain-car-track.test.ts checks the bounds of other makes)
    expect(box.toJSON()).toEqual(new Box({ low: [-1.2, -0.07].map(Math.fround), high: [0.6, 0.07].map(Math.fround), dtype: 'float32' }).toJSON());
    // Gymnasium's own limits lie inside; the default wall position is representable in the space
    const wall = make();
    wall.reset({ options: { state: [-1.2, -0.07] } });
    expect(box.contains(wall.step(0).obs)).toBe(true);
  });

  it('a malformed state is METARENA_INVALID_STATE naming options.state', () => {
    const env = make();
    for (const state of [[0], [0, 0, 0], [Infinity, 0]]) {
      const e = thrown(() => env.reset({ options: { state } }));
      expect(e.code).toBe('METARENA_INVALID_STATE');
      expect(e.details.field).toBe('options.state');
    }
  });
});
