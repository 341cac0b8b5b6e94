import { describe, expect, it } from 'vitest';
import { Box, Discrete, MetarenaError, Registry, Rng, RunningMeanStd, defineEnv } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import normalizeObservation from '../../../src/plugins/wrappers/normalize-observation.ts';

/** Observations are N(mean_i, std_i) draws: easy to check the running statistics against. */
const gauss = defineEnv({
  id: 'test/Gauss-v0',
  description: 'Independent Gaussian observations with known mean and std per entry.',
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [3], dtype: 'float64' }),
  actionSpace: new Discrete(1),
  create: () => {
    let rng: Rng;
    const draw = () => Float64Array.of(rng.normal(5, 2), rng.normal(-100, 0.1), rng.normal(0, 30));
    return {
      reset: (r) => {
        rng = r;
        return { obs: draw() };
      },
      step: () => ({ obs: draw(), reward: 0, terminated: false }),
    };
  },
});

const registry = new Registry([gauss, normalizeObservation]);

describe('NormalizeObservation', () => {
  it('drives observations towards zero mean and unit variance', () => {
    const env = registry.make('test/Gauss-v0', { wrappers: [{ id: 'NormalizeObservation' }] });
    expect(env.observationSpace.toJSON()).toEqual({ type: 'Box', shape: [3], dtype: 'float32', low: [null, null, null], high: [null, null, null] });
    env.reset({ seed: 0 });
    const late: number[][] = [[], [], []];
    for (let t = 0; t < 3000; t++) {
      const obs = env.step(0).obs as Float32Array;
      expect(obs).toBeInstanceOf(Float32Array);
      if (t >= 1000) for (let i = 0; i < 3; i++) late[i].push(obs[i]);
    }
    for (const col of late) {
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const std = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length);
      expect(Math.abs(mean)).toBeLessThan(0.1);
      expect(std).toBeGreaterThan(0.9);
      expect(std).toBeLessThan(1.1);
    }
  });

  it('computes (obs - mean) / sqrt(var + epsilon) with the statistics including the current observation', () => {
    const plain = registry.make('test/Gauss-v0');
    const env = registry.make('test/Gauss-v0', { wrappers: [{ id: 'NormalizeObservation', epsilon: 0.5 }] });
    const stats = new RunningMeanStd(3);
    const raw = [plain.reset({ seed: 4 }).obs as Float64Array];
    const normed = [env.reset({ seed: 4 }).obs as Float32Array];
    for (let t = 0; t < 5; t++) {
      raw.push(plain.step(0).obs as Float64Array);
      normed.push(env.step(0).obs as Float32Array);
    }
    raw.forEach((x, k) => {
      stats.update(x);
      for (let i = 0; i < 3; i++) expect(normed[k][i]).toBe(Math.fround((x[i] - stats.mean[i]) / Math.sqrt(stats.var[i] + 0.5)));
    });
  });

  it('clips to [-clip, clip] and says so in the space; update=false freezes the statistics', () => {
    const clipped = registry.make('test/Gauss-v0', { wrappers: [{ id: 'NormalizeObservation', clip: 0.5 }] });
    expect(clipped.observationSpace.toJSON()).toMatchObject({ low: [-0.5, -0.5, -0.5], high: [0.5, 0.5, 0.5] });
    clipped.reset({ seed: 1 });
    let atLimit = 0;
    for (let t = 0; t < 200; t++) {
      const obs = clipped.step(0).obs as Float32Array;
      expect(clipped.observationSpace.contains(obs)).toBe(true);
      atLimit += obs.filter((v) => Math.abs(v) === 0.5).length;
    }
    expect(atLimit).toBeGreaterThan(0);

    const frozen = registry.make('test/Gauss-v0', { wrappers: [{ id: 'NormalizeObservation', update: false, epsilon: 0 }] });
    const plain = registry.make('test/Gauss-v0');
    const a = frozen.reset({ seed: 2 }).obs as Float32Array;
    const b = plain.reset({ seed: 2 }).obs as Float64Array;
    // mean 0, var 1 forever: the observation passes through (as float32)
    expect(Array.from(a)).toEqual(Array.from(b, Math.fround));
  });

  it('needs a Box observation; bad arguments are named', () => {
    const expectError = (fn: () => unknown, code: string, field: string) => {
      try {
        fn();
        throw new Error('expected an error');
      } catch (e) {
        expect(e).toBeInstanceOf(MetarenaError);
        expect((e as MetarenaError).code).toBe(code);
        expect((e as MetarenaError).details.field).toBe(field);
      }
    };
    const cartPole = createBuiltinRegistry();
    expectError(() => cartPole.make('CartPole-v1', { wrappers: [{ id: 'NormalizeObservation', epsilon: -1 }] }), 'METARENA_INVALID_OPTION', 'wrappers[0].epsilon');
    expectError(() => cartPole.make('CartPole-v1', { wrappers: [{ id: 'NormalizeObservation', clip: Number.NaN }] }), 'METARENA_INVALID_OPTION', 'wrappers[0].clip');
    const coin = defineEnv({
      id: 'test/Coin-v0',
      description: 'Discrete observation.',
      observationSpace: new Discrete(2),
      actionSpace: new Discrete(2),
      create: () => ({ reset: () => ({ obs: 0 }), step: () => ({ obs: 0, reward: 0, terminated: false }) }),
    });
    expectError(() => new Registry([coin, normalizeObservation]).make('test/Coin-v0', { wrappers: [{ id: 'NormalizeObservation' }] }), 'METARENA_INVALID_OPTION', 'observation_space');
  });
});
