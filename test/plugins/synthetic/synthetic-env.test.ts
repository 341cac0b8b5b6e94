import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Box, Discrete, Registry, defineEnv } from '../../../src/core/index.ts';
import { initBackend } from '../../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { SYNTHETIC_ARCHITECTURES, SyntheticModel, syntheticEnv, syntheticEnvs, syntheticSpec, syntheticUnsupported } from '../../../src/plugins/synthetic/index.ts';
import { thrown } from '../../thrown.ts';

const registry = createBuiltinRegistry();
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-se-env-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A CartPole SE whose networks are all zero but for the output biases given (the state net's 4,
 * the reward's and the done net's), then `tweak`; saved to a directory, returned.
 */
async function constantSe(name: string, { state = [0, 0, 0, 0], reward = 0, done = 0 }: { state?: number[]; reward?: number; done?: number }, tweak?: (m: SyntheticModel) => void): Promise<string> {
  const m = new SyntheticModel(syntheticSpec(registry.env('CartPole-v1')));
  tweak?.(m);
  m.state.namedArrays()['state/1/bias'].values.set(state);
  m.reward.namedArrays()['reward/1/bias'].values[0] = reward;
  m.done.namedArrays()['done/1/bias'].values[0] = done;
  const d = join(dir, name);
  await m.save(d);
  return d;
}

describe('Synthetic/<ID>', () => {
  it('exists for the built-in envs with float Box observations and Discrete or Box actions', () => {
    const ids = registry.listEnvs().map((p) => p.id);
    for (const id of ['Synthetic/CartPole-v1', 'Synthetic/Acrobot-v1', 'Synthetic/Pendulum-v1', 'Synthetic/MountainCarContinuous-v0', 'Synthetic/HalfCheetah-v0']) expect(ids).toContain(id);
    // Discrete observations (CliffWalking, TabularMDP) and structured tasks (Bandit, GridNavi) have none
    for (const id of ['CliffWalking-v0', 'TabularMDP-v0', 'Bandit-v0', 'GridNavi-v0']) {
      expect(ids).toContain(id);
      expect(ids).not.toContain(`Synthetic/${id}`);
      expect(syntheticUnsupported(registry.env(id))).toBeDefined();
    }
    expect(syntheticEnvs(registry.listEnvs()).map((p) => p.id)).toEqual(ids.filter((i) => i.startsWith('Synthetic/')));
  });

  it("has the real env's spaces and time limit, and the paper's architectures", () => {
    for (const real of ['CartPole-v1', 'Acrobot-v1', 'Pendulum-v1']) {
      const se = registry.make(`Synthetic/${real}`);
      const env = registry.make(real);
      expect(se.observationSpace.toJSON()).toEqual(env.observationSpace.toJSON());
      expect(se.actionSpace.toJSON()).toEqual(env.actionSpace.toJSON());
      expect(se.maxEpisodeSteps).toBe(env.maxEpisodeSteps);
      expect(se.contextSpace.names).toEqual([]);
    }
    expect(registry.make('Synthetic/CartPole-v1').maxEpisodeSteps).toBe(500);
    expect(syntheticSpec(registry.env('CartPole-v1'))).toEqual({ env: 'CartPole-v1', stateSize: 4, action: { kind: 'discrete', n: 2, start: 0 }, hidden: [83], activation: 'leakyrelu' });
    expect(syntheticSpec(registry.env('Acrobot-v1'))).toMatchObject({ stateSize: 6, action: { kind: 'discrete', n: 3, start: 0 }, hidden: [167], activation: 'prelu' });
    expect(SYNTHETIC_ARCHITECTURES['Acrobot-v1'].hidden).toEqual([167]);
  });

  it("resets from the real env's start distribution: the same seed gives the real env's first observation", () => {
    for (const real of ['CartPole-v1', 'Acrobot-v1', 'MountainCarContinuous-v0']) {
      const se = registry.make(`Synthetic/${real}`, { args: { init_seed: 3 } });
      const env = registry.make(real);
      for (const seed of [0, 1, 17, 123456]) expect(Array.from(se.reset({ seed }).obs as Float32Array), `${real} seed ${seed}`).toEqual(Array.from(env.reset({ seed }).obs as Float32Array));
      // later resets without a seed continue the same stream
      se.reset({ seed: 9 });
      env.reset({ seed: 9 });
      for (let k = 0; k < 3; k++) expect(Array.from(se.reset().obs as Float32Array)).toEqual(Array.from(env.reset().obs as Float32Array));
    }
    const start = [0.01, -0.02, 0.03, -0.04];
    expect(Array.from(registry.make('Synthetic/CartPole-v1').reset({ options: { state: start } }).obs as Float32Array)).toEqual(start.map(Math.fround));
  });

  it('steps by the model: next state (as float32) is the next observation and the next input', () => {
    const se = registry.make('Synthetic/CartPole-v1', { args: { init_seed: 11 } });
    const model = SyntheticModel.random(syntheticSpec(registry.env('CartPole-v1')), 11);
    let s = Array.from(se.reset({ seed: 4 }).obs as Float32Array);
    const next = new Float64Array(4);
    for (let t = 0; t < 20; t++) {
      const a = (t * 7) % 2;
      const want = model.step(s, a, next);
      const r = se.step(a);
      const obs = Array.from(r.obs as Float32Array);
      expect(obs).toEqual(Array.from(next, Math.fround));
      expect(r.reward).toBe(want.reward);
      expect(r.terminated).toBe(want.done > 0.5);
      if (r.terminated || r.truncated) break;
      s = obs;
    }
  });

  it('terminates when the done network outputs more than 0.5, and only then', async () => {
    const above = registry.make('Synthetic/CartPole-v1', { args: { model: await constantSe('done-above', { done: 0.5001, reward: 2 }) } });
    above.reset({ seed: 0 });
    const r = above.step(0);
    expect([r.terminated, r.truncated, r.reward]).toEqual([true, false, 2]);
    const exactly = registry.make('Synthetic/CartPole-v1', { args: { model: await constantSe('done-half', { done: 0.5 }) } });
    exactly.reset({ seed: 0 });
    let last;
    for (let t = 0; t < 500; t++) {
      last = exactly.step(t % 2);
      if (t < 499) expect(last.terminated || last.truncated).toBe(false);
    }
    // never done: truncated at the real env's limit
    expect([last!.terminated, last!.truncated]).toEqual([false, true]);
  });

  it('terminates when the next state leaves the observation space, clipped into it', async () => {
    // hidden unit 0 is 1 (its bias), and the velocity output is −3e38·1 − 3e38, past the float32 range
    const overflow = (m: SyntheticModel) => {
      m.state.namedArrays()['state/0/bias'].values[0] = 1;
      m.state.namedArrays()['state/1/kernel'].values[1] = -3e38;
    };
    const env = registry.make('Synthetic/CartPole-v1', { args: { model: await constantSe('leaves', { state: [10, -3e38, 0.1, 5] }, overflow) } });
    const space = env.observationSpace as Box;
    env.reset({ seed: 0 });
    const r = env.step(1);
    expect(r.terminated).toBe(true);
    expect(space.contains(r.obs)).toBe(true);
    const obs = Array.from(r.obs as Float32Array);
    expect(obs[0]).toBe(Math.fround(4.8)); // the x bound
    expect(obs[1]).toBe(-space.high[1]); // the largest float32, for −6e38
    expect(obs.slice(2)).toEqual([Math.fround(0.1), 5]);
    const inside = registry.make('Synthetic/CartPole-v1', { args: { model: await constantSe('inside', { state: [2, 1e3, -0.2, 0] }) } });
    inside.reset({ seed: 0 });
    expect(inside.step(0).terminated).toBe(false);
  });

  it('loads model=DIR like any env arg, also through makeVec; a bad model dir is an error naming it', async () => {
    const d = join(dir, 'trained');
    const model = SyntheticModel.random(syntheticSpec(registry.env('CartPole-v1')), 42);
    model.record = { note: 'probe' };
    await model.save(d);
    const loaded = registry.make('Synthetic/CartPole-v1', { args: { model: d } });
    const random = registry.make('Synthetic/CartPole-v1', { args: { init_seed: 42 } });
    loaded.reset({ seed: 2 });
    random.reset({ seed: 2 });
    for (let t = 0; t < 10; t++) expect(loaded.step(t % 2)).toEqual(random.step(t % 2));
    const vec = registry.makeVec('Synthetic/CartPole-v1', 3, { args: { model: d } });
    await vec.reset({ seed: 1 });
    expect((await vec.step(Int32Array.of(0, 1, 0))).rewards.length).toBe(3);
    await vec.close();

    const missing = thrown(() => registry.make('Synthetic/CartPole-v1', { args: { model: join(dir, 'no-such-model') } }));
    expect(missing.code).toBe('METARENA_INVALID_ARGUMENT');
    expect(missing.details.field).toBe('args.model');
    expect(missing.message).toContain(join(dir, 'no-such-model'));
    const acrobot = join(dir, 'acrobot-se');
    await SyntheticModel.random(syntheticSpec(registry.env('Acrobot-v1')), 0).save(acrobot);
    expect(thrown(() => registry.make('Synthetic/CartPole-v1', { args: { model: acrobot } })).message).toContain(`${acrobot}" is a synthetic env for Acrobot-v1, not for CartPole-v1`);
    expect(thrown(() => registry.make('Synthetic/CartPole-v1', { args: { model: d, init_seed: 3 } })).details.field).toBe('args.init_seed');
    expect(thrown(() => registry.make('Synthetic/CartPole-v1', { args: { modell: d } })).details.field).toBe('args.modell');
  });

  it('is built for a plugin env too, and refuses envs it cannot model', () => {
    const line = (id: string) =>
      defineEnv({
        id,
        description: 'A point on a line.',
        observationSpace: new Box({ low: -1, high: 1, shape: [1], dtype: 'float64' }),
        actionSpace: new Box({ low: -1, high: 1, shape: [2], dtype: 'float32' }),
        maxEpisodeSteps: 7,
        create: () => ({ reset: (rng) => ({ obs: Float64Array.of(rng.uniform(-0.5, 0.5)) }), step: () => ({ obs: Float64Array.of(0), reward: 0, terminated: false }) }),
      });
    expect(syntheticUnsupported(line('test/Line-v0'))).toBe('a namespaced id');
    const plain = line('Line-v0');
    const reg = new Registry([plain, syntheticEnv(plain)]);
    const se = reg.make('Synthetic/Line-v0');
    expect(se.maxEpisodeSteps).toBe(7);
    expect(Array.from(se.reset({ seed: 5 }).obs as Float64Array)).toEqual(Array.from(reg.make('Line-v0').reset({ seed: 5 }).obs as Float64Array));
    expect(se.step(Float32Array.of(0.5, -0.5)).obs).toBeInstanceOf(Float64Array);
    const cells = defineEnv({ id: 'Cells-v0', description: 'Cells.', observationSpace: new Discrete(3), actionSpace: new Discrete(2), create: () => ({ reset: () => ({ obs: 0 }), step: () => ({ obs: 0, reward: 0, terminated: false }) }) });
    expect(thrown(() => syntheticEnv(cells)).message).toContain('not a float Box');
  });
});
