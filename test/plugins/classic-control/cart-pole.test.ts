import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Env, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { thrown } from '../../thrown.ts';

/**
 * Reference model: Gymnasium's CartPoleEnv.step transcribed in float64 from its documented
 * equations (Florian 2007 form, explicit Euler), kept independent of the plugin's code.
 */
class CartPoleReference {
  state: number[] = [0, 0, 0, 0];
  constructor(readonly p = { gravity: 9.8, masscart: 1.0, masspole: 0.1, length: 0.5, force_mag: 10.0, tau: 0.02 }) {}

  reset(state: number[]): Float32Array {
    this.state = [...state];
    return Float32Array.from(this.state);
  }

  step(action: number): { obs: Float32Array; reward: number; terminated: boolean } {
    const { gravity, masscart, masspole, length, force_mag, tau } = this.p;
    const total_mass = masspole + masscart;
    const polemass_length = masspole * length;
    let [x, x_dot, theta, theta_dot] = this.state;
    const force = action === 1 ? force_mag : -force_mag;
    const costheta = Math.cos(theta);
    const sintheta = Math.sin(theta);
    const temp = (force + polemass_length * theta_dot ** 2 * sintheta) / total_mass;
    const thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - (masspole * costheta ** 2) / total_mass));
    const xacc = temp - (polemass_length * thetaacc * costheta) / total_mass;
    x = x + tau * x_dot;
    x_dot = x_dot + tau * xacc;
    theta = theta + tau * theta_dot;
    theta_dot = theta_dot + tau * thetaacc;
    this.state = [x, x_dot, theta, theta_dot];
    const thetaThreshold = (12 * 2 * Math.PI) / 360;
    const terminated = x < -2.4 || x > 2.4 || theta < -thetaThreshold || theta > thetaThreshold;
    return { obs: Float32Array.from(this.state), reward: 1.0, terminated };
  }
}

const registry = createBuiltinRegistry();
const make = (context?: Record<string, number>) => registry.make('CartPole-v1', context ? { context } : {});

function expectObsClose(actual: unknown, expected: Float32Array, tol = 1e-4): void {
  expect(actual).toBeInstanceOf(Float32Array);
  const a = actual as Float32Array;
  expect(a.length).toBe(expected.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - expected[i]), `obs[${i}]`).toBeLessThanOrEqual(tol);
}

/** Runs env and reference side by side from `start`; the policy sees the reference's observation. */
function compareEpisode(env: Env, ref: CartPoleReference, start: number[], policy: (obs: Float32Array, t: number) => number, maxSteps = 500) {
  const { obs } = env.reset({ seed: 0, options: { state: start } });
  let refObs = ref.reset(start);
  expectObsClose(obs, refObs);
  let steps = 0;
  let terminated = false;
  let truncated = false;
  while (steps < maxSteps) {
    const action = policy(refObs, steps);
    const got = env.step(action);
    const want = ref.step(action);
    steps += 1;
    expectObsClose(got.obs, want.obs);
    expect(got.reward).toBe(want.reward);
    expect(got.terminated).toBe(want.terminated);
    refObs = want.obs;
    terminated = got.terminated;
    truncated = got.truncated;
    if (terminated || truncated) break;
  }
  return { steps, terminated, truncated };
}

const balance = (o: Float32Array) => (o[2] + 0.3 * o[3] + 0.01 * o[0] + 0.05 * o[1] > 0 ? 1 : 0);

describe('CartPole-v1 against the Gymnasium reference model', () => {
  it('matches a falling episode (always push right) step by step, reward 1 on the terminating step', () => {
    const r = compareEpisode(make(), new CartPoleReference(), [0.01, -0.02, 0.03, 0.04], () => 1);
    expect(r.terminated).toBe(true);
    expect(r.steps).toBeLessThan(30);
  });

  it('matches random-action episodes from several start states', () => {
    const starts = [
      [0, 0, 0, 0],
      [-0.04, 0.03, -0.02, 0.01],
      [1.5, -0.5, 0.15, -0.3],
      [-2.3, -0.2, 0.0, 0.0],
    ];
    let terminatedCount = 0;
    starts.forEach((start, k) => {
      const rng = new Rng(100 + k);
      const r = compareEpisode(make(), new CartPoleReference(), start, () => rng.integer(2), 200);
      if (r.terminated) terminatedCount += 1;
    });
    expect(terminatedCount).toBeGreaterThan(0);
  });

  it('matches a balancing controller over the whole 500-step episode, truncated exactly at 500', () => {
    const r = compareEpisode(make(), new CartPoleReference(), [0.02, 0, -0.03, 0.01], balance, 600);
    expect(r).toEqual({ steps: 500, terminated: false, truncated: true });
  });

  it('matches the reference with every context feature changed', () => {
    const p = { gravity: 15, masscart: 3.5, masspole: 0.4, length: 1.2, force_mag: 20, tau: 0.01 };
    const rng = new Rng(7);
    compareEpisode(make(p), new CartPoleReference(p), [0.1, 0.2, -0.05, 0.1], () => rng.integer(2), 200);
  });
});

describe('CartPole-v1 context', () => {
  const stepsToFall = (gravity: number) => {
    const env = make({ gravity });
    env.reset({ options: { state: [0, 0, 0.05, 0] } });
    for (let t = 1; ; t++) if (env.step(t % 2).terminated) return t;
  };

  it('higher gravity makes the pole fall faster', () => {
    expect(stepsToFall(30)).toBeLessThan(stepsToFall(9.8));
    expect(stepsToFall(9.8)).toBeLessThan(stepsToFall(2));
  });

  it('a heavier cart accelerates less under the same pushes (total mass is not stale)', () => {
    const xAfter = (masscart: number) => {
      const env = make({ masscart });
      env.reset({ options: { state: [0, 0, 0, 0] } });
      let obs: Float32Array = new Float32Array(4);
      for (let i = 0; i < 4; i++) obs = env.step(1).obs as Float32Array;
      return obs[0];
    };
    expect(xAfter(5)).toBeLessThan(xAfter(1));
    expect(xAfter(1)).toBeLessThan(xAfter(0.2));
  });

  it('recomputes derived terms when the context changes between episodes of one env', () => {
    const env = make();
    const run = (context: Record<string, number>) => {
      env.reset({ options: { state: [0, 0, 0.02, 0], context } });
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push(...(env.step(i % 2).obs as Float32Array));
      return out;
    };
    const heavy = run({ masscart: 8 });
    const light = run({ masscart: 1 });
    expect(heavy).not.toEqual(light);
    const fresh = make();
    fresh.reset({ options: { state: [0, 0, 0.02, 0] } });
    const expected: number[] = [];
    for (let i = 0; i < 5; i++) expected.push(...(fresh.step(i % 2).obs as Float32Array));
    expect(light).toEqual(expected);
  });

  it('rejects out-of-bounds context at make and at reset', () => {
    const e1 = thrown(() => make({ masscart: 20 }));
    expect(e1.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e1.message).toContain('masscart');
    const env = make();
    const e2 = thrown(() => env.reset({ options: { context: { tau: 1 } } }));
    expect(e2.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e2.details.field).toContain('tau');
  });

  it('random starts lie in the initial_state bounds and repeat under a seed', () => {
    const env = make({ initial_state_lower: -0.01, initial_state_upper: 0.02 });
    const first = env.reset({ seed: 3 }).obs as Float32Array;
    for (const v of first) {
      expect(v).toBeGreaterThanOrEqual(Math.fround(-0.01));
      expect(v).toBeLessThanOrEqual(Math.fround(0.02));
    }
    expect(env.reset({ seed: 3 }).obs).toEqual(first);
    expect(env.reset({ seed: 4 }).obs).not.toEqual(first);
  });
});

describe('CartPole-v1 spaces and state option', () => {
  it("has Gymnasium's spaces (float32 bounds, velocities bounded by the largest float32)", () => {
    const env = make();
    expect(env.actionSpace).toBeInstanceOf(Discrete);
    expect((env.actionSpace as Discrete).n).toBe(2);
    const box = env.observationSpace as Box;
    expect(box.dtype).toBe('float32');
    const f32max = (2 - 2 ** -23) * 2 ** 127;
    const high = [Math.fround(2.4 * 2), f32max, Math.fround(((12 * 2 * Math.PI) / 360) * 2), f32max];
    expect(Array.from(box.high)).toEqual(high);
    expect(Array.from(box.low)).toEqual(high.map((v) => -v));
  });

  it('a malformed state is METARENA_INVALID_STATE naming options.state', () => {
    const env = make();
    for (const state of [[0, 0, 0], [0, 0, Number.NaN, 0], [0, 0, 0, Infinity]]) {
      const e = thrown(() => env.reset({ options: { state } }));
      expect(e.code).toBe('METARENA_INVALID_STATE');
      expect(e.details.field).toBe('options.state');
    }
  });
});
