import { describe, expect, it } from 'vitest';
import { Box, Discrete, Registry, defineEnv } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import maskObservation, { keptIndices } from '../../../src/plugins/wrappers/mask-observation.ts';
import { thrown } from '../../thrown.ts';

const registry = createBuiltinRegistry();

describe('MaskObservation', () => {
  it('drops CartPole velocities: position and angle remain, with their bounds', () => {
    const plain = registry.make('CartPole-v1');
    const env = registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', drop: [1, 3] }] });
    const space = env.observationSpace as Box;
    const inner = plain.observationSpace as Box;
    expect(space.toJSON()).toEqual({ type: 'Box', shape: [2], dtype: 'float32', low: [inner.low[0], inner.low[2]], high: [inner.high[0], inner.high[2]] });
    const full = plain.reset({ seed: 9 }).obs as Float32Array;
    const masked = env.reset({ seed: 9 }).obs as Float32Array;
    expect(masked).toBeInstanceOf(Float32Array);
    expect(Array.from(masked)).toEqual([full[0], full[2]]);
    for (let t = 0; t < 10; t++) {
      const a = t % 2;
      const f = plain.step(a);
      const m = env.step(a);
      expect(space.contains(m.obs)).toBe(true);
      expect(Array.from(m.obs as Float32Array)).toEqual([(f.obs as Float32Array)[0], (f.obs as Float32Array)[2]]);
      expect([m.reward, m.terminated, m.truncated]).toEqual([f.reward, f.terminated, f.truncated]);
    }
  });

  it('keep takes the given indices in the given order', () => {
    const env = registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', keep: [2, 0] }] });
    const space = env.observationSpace as Box;
    const inner = registry.make('CartPole-v1').observationSpace as Box;
    expect(Array.from(space.high)).toEqual([inner.high[2], inner.high[0]]);
    expect(Array.from(space.low)).toEqual([inner.low[2], inner.low[0]]);
    const full = registry.make('CartPole-v1').reset({ seed: 3 }).obs as Float32Array;
    expect(Array.from(env.reset({ seed: 3 }).obs as Float32Array)).toEqual([full[2], full[0]]);
  });

  it('indexes a multi-dimensional Box by flat position and keeps its dtype', () => {
    const grid = defineEnv({
      id: 'test/Grid-v0',
      description: '2x3 float64 observation holding its own flat indices.',
      observationSpace: new Box({ low: 0, high: 10, shape: [2, 3], dtype: 'float64' }),
      actionSpace: new Discrete(1),
      create: () => ({
        reset: () => ({ obs: Float64Array.of(0, 1, 2, 3, 4, 5) }),
        step: () => ({ obs: Float64Array.of(0, 1, 2, 3, 4, 5), reward: 0, terminated: false }),
      }),
    });
    const env = new Registry([grid, maskObservation]).make('test/Grid-v0', { wrappers: [{ id: 'MaskObservation', drop: [0, 4] }] });
    expect((env.observationSpace as Box).shape).toEqual([4]);
    expect((env.observationSpace as Box).dtype).toBe('float64');
    expect(Array.from(env.reset().obs as Float64Array)).toEqual([1, 2, 3, 5]);
  });

  it('bad indices are errors naming the argument', () => {
    const out = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', drop: [1, 4] }] }));
    expect(out.code).toBe('METARENA_INVALID_OPTION');
    expect(out.details.field).toBe('drop[1]');
    expect(out.message).toContain('drop[1] = 4');
    expect(out.details.allowed).toBe('integers in [0, 3]');

    const negative = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', keep: [-1] }] }));
    expect(negative.code).toBe('METARENA_INVALID_OPTION');
    expect(negative.details.field).toBe('wrappers[0].keep[0]');

    const fractional = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', keep: [0.5] }] }));
    expect(fractional.details.field).toBe('wrappers[0].keep[0]');

    const repeated = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', keep: [1, 1] }] }));
    expect(repeated.details.field).toBe('keep[1]');
    expect(repeated.message).toContain('twice');

    const both = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', keep: [0], drop: [1] }] }));
    expect(both.message).toContain('exactly one of keep or drop');
    const neither = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation' }] }));
    expect(neither.details.field).toBe('keep');

    const all = thrown(() => keptIndices(2, [], [0, 1]));
    expect(all.details.field).toBe('drop');
  });

  it('a non-Box observation is an error', () => {
    const coin = defineEnv({
      id: 'test/Coin-v0',
      description: 'Discrete observation.',
      observationSpace: new Discrete(2),
      actionSpace: new Discrete(2),
      create: () => ({ reset: () => ({ obs: 0 }), step: () => ({ obs: 0, reward: 0, terminated: false }) }),
    });
    const e = thrown(() => new Registry([coin, maskObservation]).make('test/Coin-v0', { wrappers: [{ id: 'MaskObservation', keep: [0] }] }));
    expect(e.code).toBe('METARENA_INVALID_OPTION');
    expect(e.details.field).toBe('keep');
    expect(e.message).toContain('Discrete(2)');
  });
});
