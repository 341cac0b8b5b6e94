import { describe, expect, it } from 'vitest';
import { Discrete, MultiBinary, Registry, defineEnv } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import icmWrapper, { Icm, IcmModel } from '../../../src/plugins/wrappers/icm.ts';
import { thrown } from '../../thrown.ts';

const registry = createBuiltinRegistry();
const OPTIONS = { eta: 0.5, beta: 0.2, learningRate: 1e-3, featureDim: 5, hidden: [6], seed: 3 };

describe('ICM', () => {
  it('adds η·mean((φ(s′) − f̂(φ(s), a))²) to the reward, with the networks after their update on the step', () => {
    const env = registry.make('CartPole-v1', { wrappers: [{ id: 'ICM', feature_dim: 8, hidden: [16], init_seed: 1, eta: 2 }] }) as Icm;
    const plain = registry.make('CartPole-v1');
    let s = env.reset({ seed: 4 }).obs as Float32Array;
    plain.reset({ seed: 4 });
    const m = env.model;
    for (let t = 0; t < 5; t++) {
      const a = t % 2;
      const r = env.step(a);
      const p = plain.step(a);
      expect(Array.from(r.obs as Float32Array)).toEqual(Array.from(p.obs as Float32Array));
      // recompute the bonus by hand from the (updated) networks
      const phiS = m.features.forward(Float64Array.from(s));
      const phiNext = m.features.forward(Float64Array.from(r.obs as Float32Array));
      const fHat = m.forward.forward([...phiS, a === 0 ? 1 : 0, a === 1 ? 1 : 0]);
      let err = 0;
      for (let k = 0; k < 8; k++) err += (phiNext[k] - fHat[k]) ** 2;
      expect(r.info.intrinsic_reward).toBeCloseTo((2 * err) / 8, 12);
      expect(r.reward).toBeCloseTo(p.reward + (r.info.intrinsic_reward as number), 12);
      expect(r.info.env_reward).toBe(p.reward);
      s = r.obs as Float32Array;
    }
  });

  it('back-propagates (1 − β)·inverse loss + β·forward loss exactly (finite differences; Discrete and Box actions)', () => {
    for (const action of [{ kind: 'discrete', n: 3, start: 0 } as const, { kind: 'box', size: 2 } as const]) {
      const model = new IcmModel({ kind: 'box', size: 3 }, action, OPTIONS);
      const s = Float64Array.of(0.2, -0.5, 1);
      const next = Float64Array.of(0.1, 0.4, -0.3);
      const a = action.kind === 'discrete' ? Float64Array.of(0, 1, 0) : Float64Array.of(0.7, -0.2);
      const g = Float64Array.from(model.gradient(s, a, next));
      const h = 1e-2;
      for (let k = 0; k < model.params.length; k += 7) {
        const keep = model.params[k];
        model.params[k] = keep + h;
        const up = model.loss(s, a, next).total;
        const hi = model.params[k];
        model.params[k] = keep - h;
        const down = model.loss(s, a, next).total;
        const lo = model.params[k];
        model.params[k] = keep;
        expect(g[k], `${action.kind} param ${k}`).toBeCloseTo((up - down) / (hi - lo), 4);
      }
    }
  });

  it('learns: training on one transition lowers its loss and its curiosity bonus', () => {
    const model = new IcmModel({ kind: 'discrete', n: 4, start: 0 }, { kind: 'discrete', n: 2, start: 0 }, { ...OPTIONS, learningRate: 1e-2 });
    const s = Float64Array.of(1, 0, 0, 0);
    const a = Float64Array.of(0, 1);
    const next = Float64Array.of(0, 1, 0, 0);
    const before = model.loss(s, a, next);
    const bonus = model.intrinsicReward(s, a, next);
    for (let i = 0; i < 200; i++) model.train(s, a, next);
    const after = model.loss(s, a, next);
    expect(after.total).toBeLessThan(before.total / 2);
    expect(after.inverse).toBeLessThan(before.inverse);
    expect(model.intrinsicReward(s, a, next)).toBeLessThan(bonus);
  });

  it('is reproducible from init_seed, one-hot encodes Discrete observations, and takes Box actions', () => {
    const run = (seed: number) => {
      const env = registry.make('CliffWalking-v0', { wrappers: [{ id: 'ICM', init_seed: seed }] });
      env.reset({ seed: 0 });
      return [0, 1, 1, 2, 0].map((a) => env.step(a).reward);
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    const cliff = registry.make('CliffWalking-v0', { wrappers: [{ id: 'ICM' }] }) as Icm;
    expect(cliff.model.features.sizes).toEqual([48, 128, 32]);
    expect(cliff.model.inverse.sizes).toEqual([64, 128, 4]);
    const car = registry.make('MountainCarContinuous-v0', { wrappers: [{ id: 'ICM' }] }) as Icm;
    expect(car.model.forward.sizes).toEqual([33, 128, 32]);
    car.reset({ seed: 1 });
    const r = car.step(Float32Array.of(0.5));
    expect(r.reward).toBeGreaterThan(r.info.env_reward as number);
  });

  it('refuses spaces it cannot encode, naming the space', () => {
    const bits = defineEnv({
      id: 'Bits-v0',
      description: 'MultiBinary observations.',
      observationSpace: new MultiBinary(3),
      actionSpace: new Discrete(2),
      create: () => ({ reset: () => ({ obs: Int8Array.of(0, 0, 0) }), step: () => ({ obs: Int8Array.of(0, 1, 0), reward: 0, terminated: false }) }),
    });
    const e = thrown(() => new Registry([bits, icmWrapper]).make('Bits-v0', { wrappers: [{ id: 'ICM' }] }));
    expect(e.code).toBe('METARENA_INVALID_OPTION');
    expect(e.message).toContain('Bits-v0 has the observation space MultiBinary');
    expect(thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'ICM', learning_rate: 0 }] })).details.field).toBe('wrappers[0].learning_rate');
  });
});
