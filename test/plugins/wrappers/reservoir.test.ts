import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Box, Dict, Discrete, type Env, type MakeOptions, MultiDiscrete, Registry, Rng, type WrapperSpec, csrToDense, defineEnv, spectralRadius } from '../../../src/core/index.ts';
import { RemoteVectorEnv } from '../../../src/client/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import reservoirPlugin, { type EchoStateNetwork, Reservoir } from '../../../src/plugins/wrappers/reservoir.ts';
import type { RunningServer } from '../../../src/server/index.ts';
import { startLoopbackServer } from '../../server/harness.ts';
import { thrown } from '../../thrown.ts';

const registry = createBuiltinRegistry();
const MASK = { id: 'MaskObservation', drop: [1, 3] };

/** The Reservoir wrapper a make ends with. */
function makeReservoir(envId: string, options: Record<string, unknown> = {}, inner: WrapperSpec[] = [], make: MakeOptions = {}): Reservoir {
  const env = registry.make(envId, { ...make, wrappers: [...inner, { id: 'Reservoir', ...options }] });
  expect(env).toBeInstanceOf(Reservoir);
  return env as Reservoir;
}

/** One update computed here from dense weights: (1 − lr)·x + lr·tanh(W_in·u + W·x + b). */
function denseStep(net: EchoStateNetwork, x: Float64Array, u: ArrayLike<number>): Float64Array<ArrayBuffer> {
  const n = net.units;
  const W = csrToDense(net.W);
  const Win = csrToDense(net.Win);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = net.bias[i];
    for (let j = 0; j < n; j++) s += W[i * n + j] * x[j];
    for (let k = 0; k < net.inputs; k++) s += Win[i * net.inputs + k] * u[k];
    out[i] = (1 - net.leakRate) * x[i] + net.leakRate * Math.tanh(s);
  }
  return out;
}

/**
 * The spectral radius by Gelfand's formula, independent of the eigenvalue routine: the mean
 * growth rate of a normalised power iteration over its last `window` of `steps` matrix products.
 */
function growthRate(W: Float64Array, n: number, steps = 3000, window = 1500): number {
  const rng = new Rng(123);
  let x = Float64Array.from({ length: n }, () => rng.normal());
  let logSum = 0;
  for (let k = 0; k < steps; k++) {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += W[i * n + j] * x[j];
      y[i] = s;
    }
    const norm = Math.hypot(...y);
    if (k >= steps - window) logSum += Math.log(norm);
    x = y.map((v) => v / norm);
  }
  return Math.exp(logSum / window);
}

/** Random actions and the results of stepping `envs` with the same ones (reset with `seed`). */
function rollout(env: Env, seed: number, steps: number): { obs: Float32Array[]; actions: unknown[]; rewards: number[]; info: Record<string, unknown>[] } {
  const rng = new Rng(seed + 1);
  const r = env.reset({ seed });
  const obs = [r.obs as Float32Array];
  const actions: unknown[] = [undefined];
  const rewards = [0];
  const info = [r.info];
  for (let t = 0; t < steps; t++) {
    const a = env.actionSpace.sample(rng);
    const s = env.step(a);
    obs.push(s.obs as Float32Array);
    actions.push(a);
    rewards.push(s.reward);
    info.push(s.info);
    if (s.terminated || s.truncated) break;
  }
  return { obs, actions, rewards, info };
}

describe('Reservoir: the recurrent weights', () => {
  it('W has the spectral radius asked for, by an independent power-iteration estimate', () => {
    for (const spec of [{}, { spectralRadius: 0.05 }, { spectralRadius: 42 }, { units: 40, connectivity: 0.3, spectralRadius: 0.9 }]) {
      const env = makeReservoir('CartPole-v1', { reservoirs: [spec] });
      const net = env.networks[0];
      const want = (spec as { spectralRadius?: number }).spectralRadius ?? 1;
      expect(growthRate(csrToDense(net.W), net.units) / want, JSON.stringify(spec)).toBeCloseTo(1, 3);
      expect(spectralRadius(csrToDense(net.W), net.units) / want).toBeCloseTo(1, 10);
    }
  });

  it('follows ReservoirPy 0.3: exact non-zero counts, normal W, ±inputScaling W_in, ±biasScaling bias at the input connectivity', () => {
    const env = makeReservoir('CartPole-v1', { reservoirs: [{ units: 100, inputScaling: 0.25, biasScaling: 0.5 }] });
    const net = env.networks[0];
    expect(env.inputSize).toBe(4 + 2 + 1);
    expect(net.W.values.length).toBe(1000); // round(0.1 · 100 · 100)
    expect(net.Win.values.length).toBe(70); // round(0.1 · 100 · 7)
    expect(new Set(net.Win.values)).toEqual(new Set([0.25, -0.25]));
    expect(net.bias.filter((b) => b !== 0).length).toBe(10);
    expect(new Set(net.bias.filter((b) => b !== 0))).toEqual(new Set([0.5, -0.5]));
    // Gaussian before scaling: the values' excess kurtosis is near 0 (a uniform law would give -1.2)
    const v = Array.from(net.W.values);
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const m2 = v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length;
    const m4 = v.reduce((s, x) => s + (x - mean) ** 4, 0) / v.length;
    expect(Math.abs(m4 / (m2 * m2) - 3)).toBeLessThan(0.5);
    expect(Math.abs(mean) / Math.sqrt(m2)).toBeLessThan(0.15);
    const none = makeReservoir('CartPole-v1', { reservoirs: [{ biasScaling: 0 }] });
    expect(none.networks[0].bias.every((b) => b === 0)).toBe(true);
  });
});

describe('Reservoir: the update', () => {
  it('the wrapper feeds u = [observation, one-hot previous action, previous reward] (zeros and 0 at a reset)', () => {
    const env = makeReservoir('CartPole-v1', { reservoirs: [{ units: 30, leakRate: 0.4, spectralRadius: 0.8, inputConnectivity: 0.5 }] });
    const plain = registry.make('CartPole-v1');
    const got = rollout(env, 3, 40);
    const raw = rollout(plain, 3, 40);
    expect(got.actions).toEqual(raw.actions);
    const net = env.networks[0];
    let x = new Float64Array(net.units);
    got.obs.forEach((o, t) => {
      const a = raw.actions[t] as number | undefined;
      const u = [...raw.obs[t], a === undefined ? 0 : a === 0 ? 1 : 0, a === undefined ? 0 : a === 1 ? 1 : 0, raw.rewards[t]];
      x = denseStep(net, x, u);
      expect(Array.from(o), `step ${t}`).toEqual(Array.from(Float32Array.from(x)));
    });
  });

  it("placeholderAction feeds ER-MRL's constant one_hot(0) whatever the action", () => {
    const clock = defineEnv({
      id: 'test/Clock-v0',
      description: 'Observation [t]; actions change nothing.',
      observationSpace: new Box({ low: 0, high: 100, shape: [1] }),
      actionSpace: new Discrete(3),
      create: () => {
        let t = 0;
        return {
          reset: () => ({ obs: Float32Array.of((t = 0)) }),
          step: () => ({ obs: Float32Array.of(++t), reward: 1, terminated: false }),
        };
      },
    });
    const reg = new Registry([clock, reservoirPlugin]);
    const run = (placeholderAction: boolean, actions: number[]) => {
      const env = reg.make('test/Clock-v0', { wrappers: [{ id: 'Reservoir', placeholderAction, reservoirs: [{ units: 20, inputConnectivity: 1 }] }] }) as Reservoir;
      const out = [Array.from(env.reset({ seed: 0 }).obs)];
      for (const a of actions) out.push(Array.from(env.step(a).obs));
      return { out, net: env.networks[0] };
    };
    const real = [run(false, [0, 1, 2, 1]).out, run(false, [2, 2, 0, 0]).out];
    expect(real[0]).not.toEqual(real[1]);
    const fake = run(true, [0, 1, 2, 1]);
    expect(run(true, [2, 2, 0, 0]).out).toEqual(fake.out);
    let x = new Float64Array(20);
    fake.out.forEach((o, t) => {
      x = denseStep(fake.net, x, [t, 1, 0, 0, t === 0 ? 0 : 1]);
      expect(o).toEqual(Array.from(Float32Array.from(x)));
    });
  });

  it('inputs selects and orders what is fed: a Box action as its values, no reward', () => {
    const env = makeReservoir('Pendulum-v1', { inputs: ['observation', 'action'], reservoirs: [{ units: 10, inputConnectivity: 1 }] });
    expect(env.inputSize).toBe(3 + 1);
    expect(env.offsets).toEqual({ observation: 0, action: 3, reward: -1 });
    const plain = registry.make('Pendulum-v1');
    const got = rollout(env, 1, 5);
    const raw = rollout(plain, 1, 5);
    let x = new Float64Array(10);
    got.obs.forEach((o, t) => {
      const a = raw.actions[t] as Float32Array | undefined;
      x = denseStep(env.networks[0], x, [...raw.obs[t], a === undefined ? 0 : a[0]]);
      expect(Array.from(o)).toEqual(Array.from(Float32Array.from(x)));
    });
  });
});

describe('Reservoir: output space', () => {
  it('a float32 Box of the states in [-1, 1], then the raw (masked) observation with its bounds', () => {
    const env = makeReservoir('CartPole-v1', { includeObservation: true, reservoirs: [{ units: 50 }] }, [MASK]);
    const masked = registry.make('CartPole-v1', { wrappers: [MASK] });
    const inner = masked.observationSpace as Box;
    const space = env.observationSpace;
    expect(space.shape).toEqual([52]);
    expect(space.dtype).toBe('float32');
    expect(Array.from(space.low)).toEqual([...new Array(50).fill(-1), ...inner.low]);
    expect(Array.from(space.high)).toEqual([...new Array(50).fill(1), ...inner.high]);
    const got = rollout(env, 4, 30);
    const raw = rollout(masked, 4, 30);
    got.obs.forEach((o, t) => {
      expect(o).toBeInstanceOf(Float32Array);
      expect(space.contains(o)).toBe(true);
      expect(Array.from(o.slice(50))).toEqual(Array.from(raw.obs[t]));
    });
    expect(env.actionSpace).toBe(masked.actionSpace);
  });

  it('a Discrete observation is one-hot, in the input and in the appended observation', () => {
    const env = makeReservoir('CliffWalking-v0', { includeObservation: true, reservoirs: [{ units: 10 }] });
    expect(env.inputSize).toBe(48 + 4 + 1);
    expect(env.observationSpace.shape).toEqual([10 + 48]);
    expect(Array.from(env.observationSpace.low.slice(10))).toEqual(new Array(48).fill(0));
    expect(Array.from(env.observationSpace.high.slice(10))).toEqual(new Array(48).fill(1));
    const plain = registry.make('CliffWalking-v0');
    const start = plain.reset({ seed: 0 }).obs as number;
    const tail = Array.from(env.reset({ seed: 0 }).obs.slice(10));
    expect(tail.indexOf(1)).toBe(start);
    expect(tail.reduce((s, v) => s + v, 0)).toBe(1);
  });

  it('several reservoirs are concatenated, each its own weights and hyperparameters', () => {
    const specs = [{ units: 20, leakRate: 0.5 }, { units: 30, spectralRadius: 0.5 }, { units: 20, leakRate: 0.5 }];
    const env = makeReservoir('CartPole-v1', { reservoirs: specs }, [MASK]);
    expect(env.observationSpace.shape).toEqual([70]);
    expect(env.networks.map((n) => [n.units, n.leakRate])).toEqual([
      [20, 0.5],
      [30, 1],
      [20, 0.5],
    ]);
    expect(spectralRadius(csrToDense(env.networks[1].W), 30)).toBeCloseTo(0.5, 10);
    // the same hyperparameters at another index draw other weights
    expect(Array.from(env.networks[2].W.values)).not.toEqual(Array.from(env.networks[0].W.values));
    const masked = registry.make('CartPole-v1', { wrappers: [MASK] });
    const got = rollout(env, 2, 20);
    const raw = rollout(masked, 2, 20);
    const states = env.networks.map((n) => new Float64Array(n.units));
    got.obs.forEach((o, t) => {
      const a = raw.actions[t] as number | undefined;
      const u = [...raw.obs[t], a === 0 ? 1 : 0, a === 1 ? 1 : 0, raw.rewards[t]];
      const expected: number[] = [];
      env.networks.forEach((net, i) => {
        states[i] = denseStep(net, states[i], u);
        expected.push(...Float32Array.from(states[i]));
      });
      expect(Array.from(o)).toEqual(expected);
    });
  });
});

describe('Reservoir: determinism and resets', () => {
  it('the same options give the same weights and trajectories; another seed other weights', () => {
    const a = makeReservoir('CartPole-v1', { seed: 7 });
    const b = makeReservoir('CartPole-v1', { seed: 7 });
    const c = makeReservoir('CartPole-v1', { seed: 8 });
    expect(Array.from(a.networks[0].W.values)).toEqual(Array.from(b.networks[0].W.values));
    expect(Array.from(a.networks[0].Win.colIndex)).toEqual(Array.from(b.networks[0].Win.colIndex));
    expect(Array.from(a.networks[0].W.values)).not.toEqual(Array.from(c.networks[0].W.values));
    const ra = rollout(a, 11, 50);
    expect(rollout(b, 11, 50)).toEqual(ra);
    // a second seeded reset of the same env replays the episode exactly
    expect(rollout(a, 11, 50)).toEqual(ra);
    expect(rollout(c, 11, 50).obs).not.toEqual(ra.obs);
  });

  it("reset 'episode' clears the state at every reset; 'trial' only when a trial starts", () => {
    const options = { reservoirs: [{ units: 25, leakRate: 0.2, inputConnectivity: 0.5 }] };
    const make = { episodesPerTrial: 3, maxEpisodeSteps: 6 };
    const perEpisode = makeReservoir('CartPole-v1', options, [MASK], make);
    const perTrial = makeReservoir('CartPole-v1', { ...options, reset: 'trial' }, [MASK], make);
    const masked = registry.make('CartPole-v1', { ...make, wrappers: [MASK] });
    const net = perTrial.networks[0];
    expect(Array.from(net.W.values)).toEqual(Array.from(perEpisode.networks[0].W.values));
    const states = { episode: new Float64Array(25), trial: new Float64Array(25) };
    let cleared = 0;
    let carried = 0;
    for (let episode = 0; episode < 7; episode++) {
      const args = episode === 0 ? { seed: 5 } : {};
      const raw = masked.reset(args);
      const outs = { episode: perEpisode.reset(args), trial: perTrial.reset(args) };
      expect(outs.trial.info.episode_in_trial).toBe(episode % 3);
      const u0 = [...(raw.obs as Float32Array), 0, 0, 0];
      states.episode = denseStep(net, new Float64Array(25), u0);
      const newTrial = episode % 3 === 0;
      states.trial = denseStep(net, newTrial ? new Float64Array(25) : states.trial, u0);
      if (newTrial) cleared++;
      else carried++;
      expect(Array.from(outs.episode.obs)).toEqual(Array.from(Float32Array.from(states.episode)));
      expect(Array.from(outs.trial.obs)).toEqual(Array.from(Float32Array.from(states.trial)));
      if (!newTrial) expect(Array.from(outs.trial.obs)).not.toEqual(Array.from(outs.episode.obs));
      for (let t = 0; ; t++) {
        const a = (t + episode) % 2;
        const r = masked.step(a);
        const u = [...(r.obs as Float32Array), a === 0 ? 1 : 0, a === 1 ? 1 : 0, r.reward];
        states.episode = denseStep(net, states.episode, u);
        states.trial = denseStep(net, states.trial, u);
        expect(Array.from(perEpisode.step(a).obs)).toEqual(Array.from(Float32Array.from(states.episode)));
        expect(Array.from(perTrial.step(a).obs)).toEqual(Array.from(Float32Array.from(states.trial)));
        if (r.terminated || r.truncated) break;
      }
    }
    expect([cleared, carried]).toEqual([3, 4]);
  });
});

describe('Reservoir: bad options', () => {
  const field = (options: Record<string, unknown>, envId = 'CartPole-v1') => {
    const e = thrown(() => registry.make(envId, { wrappers: [{ id: 'Reservoir', ...options }] }));
    expect(e.code).toBe('METARENA_INVALID_OPTION');
    return e;
  };

  it('out-of-range hyperparameters name the reservoir and the field', () => {
    expect(field({ reservoirs: [{ leakRate: 0 }] }).details).toEqual({ field: 'wrappers[0].reservoirs[0].leakRate', allowed: '(0, 1]' });
    expect(field({ reservoirs: [{}, { leakRate: 1.5 }] }).details.field).toBe('wrappers[0].reservoirs[1].leakRate');
    expect(field({ reservoirs: [{ spectralRadius: -1 }] }).details.field).toBe('wrappers[0].reservoirs[0].spectralRadius');
    expect(field({ reservoirs: [{ connectivity: 1.5 }] }).details.field).toBe('wrappers[0].reservoirs[0].connectivity');
    expect(field({ reservoirs: [{ units: 2.5 }] }).details.field).toBe('wrappers[0].reservoirs[0].units');
    const typo = field({ reservoirs: [{ leakrate: 0.5 }] });
    expect(typo.details.field).toBe('wrappers[0].reservoirs[0].leakrate');
    expect(typo.message).toContain('did you mean leakRate');
    expect(field({ reservoirs: [] }).details.field).toBe('wrappers[0].reservoirs');
    expect(field({ reservoirs: [null] }).details.field).toBe('wrappers[0].reservoirs[0]');
    expect(field({ reservoirs: { units: 10 } }).details.field).toBe('wrappers[0].reservoirs');
    expect(field({ units: 10 }).details.field).toBe('wrappers[0].units');
    expect(field({ reset: 'step' }).details).toEqual({ field: 'wrappers[0].reset', allowed: 'episode, trial' });
  });

  it('inputs, placeholders, spaces and sizes the wrapper cannot use', () => {
    expect(field({ inputs: [] }).details.field).toBe('inputs');
    expect(field({ inputs: ['reward', 'reward'] }).details.field).toBe('inputs[1]');
    expect(field({ inputs: ['velocity'] }).details.field).toBe('wrappers[0].inputs');
    expect(field({ inputs: ['observation'], placeholderAction: true }).details.field).toBe('placeholderAction');
    const tooBig = field({ reservoirs: [{ units: 600 }, { units: 600 }] });
    expect(tooBig.details.field).toBe('reservoirs');
    expect(tooBig.message).toContain('1200 units');
    const sparse = field({ reservoirs: [{}, { units: 2 }] }); // round(0.1 · 4) = 0 weights
    expect(sparse.details.field).toBe('reservoirs[1].connectivity');
    expect(sparse.message).toContain('spectral radius 0');

    const dictEnv = defineEnv({
      id: 'test/Dict-v0',
      description: 'Dict observation, MultiDiscrete actions.',
      observationSpace: new Dict({ a: new Discrete(2) }),
      actionSpace: new MultiDiscrete([2, 3]),
      create: () => ({ reset: () => ({ obs: { a: 0 } }), step: () => ({ obs: { a: 0 }, reward: 0, terminated: false }) }),
    });
    const reg = new Registry([dictEnv, reservoirPlugin]);
    const e = thrown(() => reg.make('test/Dict-v0', { wrappers: [{ id: 'Reservoir' }] }));
    expect(e.details).toEqual({ field: 'inputs', allowed: 'Box, Discrete, MultiBinary, MultiDiscrete', plugin: 'Reservoir' });
    expect(e.message).toContain('observation space Dict');
    // fed only the (MultiDiscrete) action and reward, the Dict observation is no obstacle
    const ok = reg.make('test/Dict-v0', { wrappers: [{ id: 'Reservoir', inputs: ['action', 'reward'], reservoirs: [{ units: 10 }] }] }) as Reservoir;
    expect(ok.inputSize).toBe(3);
    ok.reset({ seed: 0 });
    expect(ok.step(Int32Array.of(1, 2)).obs).toHaveLength(10);
    const appended = thrown(() => reg.make('test/Dict-v0', { wrappers: [{ id: 'Reservoir', inputs: ['reward'], includeObservation: true }] }));
    expect(appended.details.field).toBe('includeObservation');
  });
});

describe('Reservoir over gRPC', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('MaskObservation + Reservoir: the remote vector env gives the in-process spaces and trajectory bit for bit', async () => {
    const options = {
      maxEpisodeSteps: 15,
      autoresetMode: 'next_step' as const,
      wrappers: [MASK, { id: 'Reservoir', includeObservation: true, seed: 3, reservoirs: [{ units: 40, leakRate: 0.3 }, { units: 20, spectralRadius: 0.7 }] }],
    };
    const local = registry.makeVec('CartPole-v1', 2, options);
    const remote = await RemoteVectorEnv.connect({ address: server.grpcAddress, transport: 'grpc' }, 'CartPole-v1', 2, options);
    try {
      expect(remote.singleObservationSpace.toJSON()).toEqual(local.singleObservationSpace.toJSON());
      expect((remote.singleObservationSpace as Box).shape).toEqual([62]);
      const rng = new Rng(9);
      expect(await remote.reset({ seed: 4 })).toEqual(await local.reset({ seed: 4 }));
      for (let t = 0; t < 40; t++) {
        const actions = [rng.integer(2), rng.integer(2)];
        expect(await remote.step(actions), `step ${t}`).toEqual(await local.step(actions));
      }
    } finally {
      await remote.close();
      await local.close();
    }
  });

  it('a bad reservoir option is refused over the wire, naming the field', async () => {
    const error = await RemoteVectorEnv.connect({ address: server.grpcAddress, transport: 'grpc' }, 'CartPole-v1', 1, { wrappers: [{ id: 'Reservoir', reservoirs: [{ leakRate: 0 }] }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'METARENA_INVALID_OPTION', details: { field: 'wrappers[0].reservoirs[0].leakRate' } });
  });
});
