import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Box, Discrete, MultiDiscrete, Registry, defineEnv } from '../../../src/core/index.ts';
import { initBackend } from '../../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { SyntheticModel, syntheticSpec } from '../../../src/plugins/synthetic/index.ts';
import rewardNet, { REWARD_NET_MODES, RewardNet, RewardNetModel, type RewardNetMode, type RewardNetSpec } from '../../../src/plugins/wrappers/reward-net.ts';
import { thrown } from '../../thrown.ts';

/** Observations [1, 2] at reset, then [3, 1] (reward −1, info a = 4, b = true), then [0, 0] (reward 0, a = 0, b = false). */
const probe = defineEnv({
  id: 'Probe-v0',
  description: 'Fixed observations, rewards and info, for hand-computed rewards.',
  observationSpace: new Box({ low: -10, high: 10, shape: [2], dtype: 'float32' }),
  actionSpace: new Discrete(2),
  create: () => {
    let t = 0;
    const steps = [
      { obs: Float32Array.of(3, 1), reward: -1, terminated: false, info: { a: 4, b: true, label: 'x' } },
      { obs: Float32Array.of(0, 0), reward: 0, terminated: true, info: { a: 0, b: false, label: 'y' } },
    ];
    return {
      reset: () => {
        t = 0;
        return { obs: Float32Array.of(1, 2) };
      },
      step: () => steps[t++],
    };
  },
});
const probeRegistry = new Registry([probe, rewardNet]);
const builtin = createBuiltinRegistry();
const GAMMA = 0.9;

/** Φ(x) = 2x₀ − x₁ (+ 0.25 a + b in the info modes) + 0.5; w = [0.5, 3]. */
function handModel(mode: RewardNetMode): RewardNetModel {
  const withInfo = [3, 4, 7, 8, 101, 102].includes(mode);
  const spec: RewardNetSpec = { env: 'Probe-v0', mode, gamma: GAMMA, info: withInfo ? ['a', 'b'] : [], observation: { kind: 'box', size: 2 }, hidden: [], activation: 'prelu' };
  const model = new RewardNetModel(spec);
  model.params.set(mode > 100 ? [0.5, 3] : withInfo ? [2, -1, 0.25, 1, 0.5] : [2, -1, 0.5]);
  return model;
}

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-rn-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RewardNet', () => {
  it("computes each mode's reward (hand-computed: s = [1, 2], s′ = [3, 1], r = −1, i = [4, 1], γ = 0.9)", () => {
    // Φ(s) = 0.5, Φ(s′) = 5.5; Φ([s, i]) = 2.5, Φ([s′, i]) = 7.5; wᵀi = 2 + 3 = 5
    const want: Record<RewardNetMode, number> = { 1: 4.45, 2: 3.45, 3: 4.25, 4: 3.25, 5: 5.5, 6: 4.5, 7: 7.5, 8: 6.5, 101: 5, 102: 4 };
    expect(Object.keys(want).map(Number)).toEqual(Object.keys(REWARD_NET_MODES).map(Number));
    for (const mode of Object.keys(want).map(Number) as RewardNetMode[]) {
      const env = new RewardNet(probeRegistry.make('Probe-v0'), handModel(mode));
      env.reset();
      const r = env.step(0);
      expect(r.reward, `mode ${mode} (${REWARD_NET_MODES[mode]})`).toBeCloseTo(want[mode], 5);
      expect(r.info.env_reward).toBe(-1);
      expect(Array.from(r.obs as Float32Array)).toEqual([3, 1]);
    }
  });

  it('carries s′ over as the next s (second step: s = [3, 1], s′ = [0, 0], r = 0, i = [0, 0])', () => {
    // mode 1: 0.9 Φ([0, 0]) − Φ([3, 1]) = 0.45 − 5.5; mode 4: 0 + 0.9 (0.5) − (6 − 1 + 0.5); mode 102: 0 + 0
    const want: Partial<Record<RewardNetMode, number>> = { 1: -5.05, 4: -5.05, 6: 0.5, 102: 0 };
    for (const [mode, value] of Object.entries(want)) {
      const env = new RewardNet(probeRegistry.make('Probe-v0'), handModel(Number(mode) as RewardNetMode));
      env.reset();
      env.step(0);
      const r = env.step(1);
      expect(r.reward, `mode ${mode}`).toBeCloseTo(value, 5);
      expect(r.terminated).toBe(true);
    }
  });

  it('one-hot encodes a Discrete observation (CliffWalking) for Φ', () => {
    const spec: RewardNetSpec = { env: 'CliffWalking-v0', mode: 6, gamma: GAMMA, info: [], observation: { kind: 'discrete', n: 48, start: 0 }, hidden: [], activation: 'prelu' };
    const model = new RewardNetModel(spec);
    // Φ(one-hot(k)) = k/10 + 1 (kernel entry k, bias 1)
    model.params.set([...Array.from({ length: 48 }, (_, k) => k / 10), 1]);
    const env = new RewardNet(builtin.make('CliffWalking-v0'), model);
    const plain = builtin.make('CliffWalking-v0');
    env.reset({ seed: 0 });
    plain.reset({ seed: 0 });
    for (const a of [0, 1, 1, 2, 3]) {
      const r = env.step(a);
      const p = plain.step(a);
      expect(r.obs).toBe(p.obs);
      expect(r.reward).toBeCloseTo(p.reward + Math.fround((p.obs as number) / 10) + 1, 6);
    }
  });

  it('draws a random RN from init_seed (mode 2, γ 0.99, Φ with one PReLU hidden layer of 64 by default)', () => {
    const a = builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', init_seed: 5 }] }) as RewardNet;
    const b = builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', init_seed: 5 }] }) as RewardNet;
    const c = builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', init_seed: 6 }] }) as RewardNet;
    expect(a.model.spec).toMatchObject({ env: 'CartPole-v1', mode: 2, gamma: 0.99, hidden: [64], activation: 'prelu', info: [] });
    expect(a.model.phi?.sizes).toEqual([4, 64, 1]);
    const run = (env: RewardNet) => {
      env.reset({ seed: 3 });
      return [0, 1, 1, 0].map((x) => env.step(x).reward);
    };
    const ra = run(a);
    expect(run(b)).toEqual(ra);
    expect(run(c)).not.toEqual(ra);
    // additive: r + γΦ(s′) − Φ(s) with the model's own Φ
    const env = builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', init_seed: 5, gamma: 0.5 }] }) as RewardNet;
    const plain = builtin.make('CartPole-v1');
    const s = env.reset({ seed: 1 }).obs as Float32Array;
    plain.reset({ seed: 1 });
    const r = env.step(1);
    const p = plain.step(1);
    expect(r.reward).toBeCloseTo(p.reward + 0.5 * env.model.potential(r.obs as Float32Array) - env.model.potential(s), 12);
  });

  it('uses named info keys as the info vector, and says which key a step lacks', () => {
    const env = builtin.make('HalfCheetah-v0', { wrappers: [{ id: 'RewardNet', mode: 102, info: ['reward_run', 'reward_ctrl'], init_seed: 1 }] }) as RewardNet;
    const w = env.model.params;
    env.reset({ seed: 0 });
    const r = env.step(new Float32Array(6).fill(0.3));
    expect(r.reward).toBeCloseTo((r.info.env_reward as number) + w[0] * (r.info.reward_run as number) + w[1] * (r.info.reward_ctrl as number), 10);
    const cliff = builtin.make('CliffWalking-v0', { wrappers: [{ id: 'RewardNet', mode: 4, info: ['prob', 'nope'] }] });
    cliff.reset({ seed: 0 });
    const e = thrown(() => cliff.step(0));
    expect(e.details.field).toBe('info[1]');
    expect(e.message).toContain('"nope" is missing from the step info of CliffWalking-v0 (it has: prob)');
    const label = new RewardNet(probeRegistry.make('Probe-v0'), new RewardNetModel({ ...handModel(7).spec, info: ['a', 'label'] }));
    label.reset();
    expect(thrown(() => label.step(0)).message).toContain('"label" is "x"');
  });

  it('refuses bad modes, info keys that the mode does not fit, and spaces Φ cannot read', () => {
    const make = (opts: Record<string, unknown>) => thrown(() => builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', ...opts }] }));
    expect(make({ mode: 9 })).toMatchObject({ code: 'METARENA_INVALID_OPTION', details: { field: 'mode', allowed: '1, 2, 3, 4, 5, 6, 7, 8, 101, 102' } });
    expect(make({ mode: 3 }).details.field).toBe('info');
    expect(make({ mode: 101 }).message).toContain('needs info keys');
    expect(make({ mode: 1, info: ['x'] }).message).toContain('uses no info vector');
    expect(make({ mode: 8, info: ['x', 'x'] }).message).toContain('twice');
    expect(make({ activation: 'gelu' }).details.field).toBe('wrappers[0].activation');
    const multi = defineEnv({
      id: 'Multi-v0',
      description: 'A MultiDiscrete observation.',
      observationSpace: new MultiDiscrete([2, 3]),
      actionSpace: new Discrete(1),
      create: () => ({ reset: () => ({ obs: Int32Array.of(0, 0) }), step: () => ({ obs: Int32Array.of(1, 2), reward: 0, terminated: false }) }),
    });
    const e = thrown(() => new Registry([multi, rewardNet]).make('Multi-v0', { wrappers: [{ id: 'RewardNet' }] }));
    expect(e.details.field).toBe('id');
    expect(e.message).toMatch(/Box or Discrete observation space, Multi-v0 has MultiDiscrete/);
  });

  it('saves and loads an RN: mode, γ and info keys come from the model; what contradicts it is an error', async () => {
    const spec: RewardNetSpec = { env: 'CliffWalking-v0', mode: 1, gamma: 0.8, info: [], observation: { kind: 'discrete', n: 48, start: 0 }, hidden: [32], activation: 'prelu' };
    const model = RewardNetModel.random(spec, 9);
    model.record = { command: 'metarena evolve rn', generations: 2 };
    const d = join(dir, 'rn-cliff');
    await model.save(d);
    const env = builtin.make('CliffWalking-v0', { wrappers: [{ id: 'RewardNet', model: d }] }) as RewardNet;
    expect(env.model.spec).toEqual(model.spec);
    expect(Array.from(env.model.params)).toEqual(Array.from(model.params));
    expect(env.model.record).toEqual(model.record);
    const direct = new RewardNet(builtin.make('CliffWalking-v0'), model);
    env.reset({ seed: 0 });
    direct.reset({ seed: 0 });
    for (const a of [0, 1, 2, 1]) expect(env.step(a).reward).toBe(direct.step(a).reward);
    // γ is the agent's: a γ given with a model replaces the saved one
    const other = builtin.make('CliffWalking-v0', { wrappers: [{ id: 'RewardNet', model: d, gamma: 0.5 }] }) as RewardNet;
    expect(other.model.spec.gamma).toBe(0.5);
    expect(Array.from(other.model.params)).toEqual(Array.from(model.params));

    const bad = (opts: Record<string, unknown>) => thrown(() => builtin.make('CliffWalking-v0', { wrappers: [{ id: 'RewardNet', model: d, ...opts }] }));
    expect(bad({ mode: 2 })).toMatchObject({ details: { field: 'mode', allowed: '1' } });
    expect(bad({ hidden: [16] }).details.field).toBe('hidden');
    expect(bad({ init_seed: 4 }).details.field).toBe('init_seed');
    const missing = thrown(() => builtin.make('CliffWalking-v0', { wrappers: [{ id: 'RewardNet', model: join(dir, 'absent') }] }));
    expect(missing).toMatchObject({ code: 'METARENA_INVALID_ARGUMENT', details: { field: 'model' } });
    expect(missing.message).toContain(join(dir, 'absent'));
    const forCartPole = thrown(() => builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', model: d }] }));
    expect(forCartPole.message).toContain(`${d}" is a reward network for CliffWalking-v0, not for CartPole-v1`);
    const se = join(dir, 'an-se');
    await SyntheticModel.random(syntheticSpec(builtin.env('CartPole-v1')), 0).save(se);
    expect(thrown(() => builtin.make('CartPole-v1', { wrappers: [{ id: 'RewardNet', model: se }] })).message).toContain('"synthetic-env", not a reward network');
  });

  it('keeps the env deterministic: the same seed and actions give the same shaped rewards', () => {
    const run = () => {
      const env = builtin.make('Acrobot-v1', { wrappers: [{ id: 'RewardNet', mode: 5, init_seed: 2 }] });
      env.reset({ seed: 8 });
      return Array.from({ length: 30 }, (_, t) => env.step(t % 3).reward);
    };
    expect(run()).toEqual(run());
  });
});
