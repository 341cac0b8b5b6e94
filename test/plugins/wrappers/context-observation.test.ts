import { describe, expect, it } from 'vitest';
import { Box, Dict, Discrete, Registry, defineEnv } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import contextObservation from '../../../src/plugins/wrappers/context-observation.ts';
import { thrown } from '../../thrown.ts';

const registry = createBuiltinRegistry();
const CARTPOLE_FEATURES = ['gravity', 'masscart', 'masspole', 'length', 'force_mag', 'tau', 'initial_state_lower', 'initial_state_upper'];

/** A two-state env with a Discrete observation and one context feature. */
const coin = defineEnv({
  id: 'test/Coin-v0',
  description: 'Discrete observation with a context feature.',
  observationSpace: new Discrete(2),
  actionSpace: new Discrete(2),
  context: [{ name: 'bias', default: 0.5, lower: 0, upper: 1, description: 'Chance of heads.' }],
  create: () => ({
    reset: (rng) => ({ obs: rng.integer(2) }),
    step: (a: number) => ({ obs: a, reward: a, terminated: false }),
  }),
});

const noContext = defineEnv({
  id: 'test/Plain-v0',
  description: 'A Box observation and no context.',
  observationSpace: new Box({ low: -1, high: 1, shape: [2] }),
  actionSpace: new Discrete(2),
  create: () => ({
    reset: () => ({ obs: new Float32Array(2) }),
    step: () => ({ obs: new Float32Array(2), reward: 0, terminated: false }),
  }),
});

describe('ContextObservation', () => {
  it('appends every feature to a Box observation; the space has the features bounds', () => {
    const plain = registry.make('CartPole-v1');
    const env = registry.make('CartPole-v1', { context: { length: 1.25, gravity: 3 }, wrappers: [{ id: 'ContextObservation' }] });
    const space = env.observationSpace as Box;
    expect(space).toBeInstanceOf(Box);
    expect(space.shape).toEqual([4 + CARTPOLE_FEATURES.length]);
    const features = env.contextSpace.features;
    features.forEach((f, i) => {
      expect(space.low[4 + i]).toBe(Math.fround(f.lower));
      expect(space.high[4 + i]).toBe(Math.fround(f.upper));
    });
    expect(Array.from(space.low.slice(0, 4))).toEqual(Array.from((plain.observationSpace as Box).low, Math.fround));

    const { obs } = env.reset({ seed: 5 });
    const inner = plain.reset({ seed: 5, options: { context: { length: 1.25, gravity: 3 } } }).obs as Float32Array;
    expect(space.contains(obs)).toBe(true);
    const o = obs as Float32Array;
    expect(Array.from(o.slice(0, 4))).toEqual(Array.from(inner));
    expect(Array.from(o.slice(4))).toEqual(CARTPOLE_FEATURES.map((n) => Math.fround(env.context[n])));
    expect(o[4 + CARTPOLE_FEATURES.indexOf('length')]).toBe(1.25);
    expect(o[4 + CARTPOLE_FEATURES.indexOf('gravity')]).toBe(3);

    const step = env.step(1);
    expect(space.contains(step.obs)).toBe(true);
    expect((step.obs as Float32Array)[4 + CARTPOLE_FEATURES.indexOf('length')]).toBe(1.25);
  });

  it('follows the context as it changes between trials', () => {
    const env = registry.make('CartPole-v1', {
      contextSampler: { kind: 'uniform_scale', low: 0.5, high: 1.5, features: ['length'] },
      wrappers: [{ id: 'ContextObservation', features: ['length'] }],
    });
    const seen = new Set<number>();
    for (let k = 0; k < 5; k++) {
      const { obs, info } = env.reset(k === 0 ? { seed: 1 } : undefined);
      const shown = (obs as Float32Array)[4];
      expect(shown).toBe(Math.fround((info.context as Record<string, number>).length));
      expect(env.observationSpace.contains(obs)).toBe(true);
      seen.add(shown);
    }
    expect(seen.size).toBe(5);
  });

  it('keeps the order of the requested features', () => {
    const env = registry.make('CartPole-v1', { context: { masscart: 2 }, wrappers: [{ id: 'ContextObservation', features: ['masscart', 'gravity'] }] });
    const { obs } = env.reset({ seed: 0 });
    expect((obs as Float32Array).length).toBe(6);
    expect(Array.from((obs as Float32Array).slice(4))).toEqual([2, Math.fround(9.8)]);
    const space = env.observationSpace as Box;
    expect([space.low[4], space.high[4], space.low[5], space.high[5]]).toEqual([Math.fround(0.1), 10, Math.fround(0.1), Infinity]);
  });

  it('normalises bounded features to [0, 1] and unbounded ones by |default|', () => {
    const env = registry.make('CartPole-v1', {
      context: { masscart: 5.05, gravity: 19.6 },
      wrappers: [{ id: 'ContextObservation', features: ['masscart', 'gravity', 'initial_state_lower'], normalize: true }],
    });
    const { obs } = env.reset({ seed: 0 });
    const o = obs as Float32Array;
    expect(o[4]).toBe(Math.fround((5.05 - 0.1) / (10 - 0.1)));
    expect(o[5]).toBe(2); // 19.6 / 9.8
    expect(o[6]).toBe(Math.fround((-0.05 - -0.2) / 0.2));
    const space = env.observationSpace as Box;
    expect([space.low[4], space.high[4]]).toEqual([0, 1]);
    expect([space.low[5], space.high[5]]).toEqual([Math.fround(0.1 / 9.8), Infinity]);
    expect([space.low[6], space.high[6]]).toEqual([0, 1]);
    expect(space.contains(o)).toBe(true);
  });

  it('keeps a context value at its float32-rounded bound inside the space', () => {
    const env = registry.make('CartPole-v1', { context: { initial_state_upper: 0.2, masspole: 0.01 }, wrappers: [{ id: 'ContextObservation' }] });
    expect(Math.fround(0.2)).toBeGreaterThan(0.2); // the case this guards
    const { obs } = env.reset({ seed: 0 });
    expect(env.observationSpace.contains(obs)).toBe(true);
  });

  it('dict mode gives {obs, context} and says so in its space, for any observation space', () => {
    const env = registry.make('CartPole-v1', { context: { tau: 0.01 }, wrappers: [{ id: 'ContextObservation', mode: 'dict', features: ['tau', 'length'] }] });
    const space = env.observationSpace as Dict;
    expect(space).toBeInstanceOf(Dict);
    expect(space.keys()).toEqual(['obs', 'context']);
    expect(space.spaces.obs.toJSON()).toEqual(registry.make('CartPole-v1').observationSpace.toJSON());
    expect(space.spaces.context.toJSON()).toEqual({ type: 'Box', shape: [2], dtype: 'float32', low: [Math.fround(0.002), Math.fround(0.05)], high: [Math.fround(0.2), 5] });
    const { obs } = env.reset({ seed: 2 });
    expect(space.contains(obs)).toBe(true);
    const d = obs as { obs: Float32Array; context: Float32Array };
    expect(Array.from(d.context)).toEqual([Math.fround(0.01), 0.5]);
    const plain = registry.make('CartPole-v1', { context: { tau: 0.01 } });
    expect(Array.from(d.obs)).toEqual(Array.from(plain.reset({ seed: 2 }).obs as Float32Array));

    const r = new Registry([coin, contextObservation]);
    const coinEnv = r.make('test/Coin-v0', { context: { bias: 0.25 }, wrappers: [{ id: 'ContextObservation', mode: 'dict' }] });
    const first = coinEnv.reset({ seed: 0 }).obs as { obs: number; context: Float32Array };
    expect(coinEnv.observationSpace.contains(first)).toBe(true);
    expect(first.context[0]).toBe(0.25);
    expect(coinEnv.step(1).obs).toEqual({ obs: 1, context: Float32Array.of(0.25) });
  });

  it('append on a non-Box observation is an error naming mode', () => {
    const r = new Registry([coin, contextObservation]);
    const e = thrown(() => r.make('test/Coin-v0', { wrappers: [{ id: 'ContextObservation' }] }));
    expect(e.code).toBe('METARENA_INVALID_OPTION');
    expect(e.details.field).toBe('mode');
    expect(e.message).toContain('Discrete(2)');
    expect(e.message).toContain('mode=dict');
  });

  it('rejects unknown, repeated and absent features and bad argument values', () => {
    const unknown = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'ContextObservation', features: ['lenght'] }] }));
    expect(unknown.code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
    expect(unknown.message).toContain('did you mean length');
    expect(unknown.details.field).toBe('features.lenght');

    const twice = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'ContextObservation', features: ['tau', 'tau'] }] }));
    expect(twice.code).toBe('METARENA_INVALID_OPTION');
    expect(twice.details.field).toBe('features');

    const none = thrown(() => new Registry([noContext, contextObservation]).make('test/Plain-v0', { wrappers: [{ id: 'ContextObservation' }] }));
    expect(none.code).toBe('METARENA_INVALID_OPTION');
    expect(none.message).toContain('no context features');

    const mode = thrown(() => registry.make('CartPole-v1', { wrappers: [{ id: 'ContextObservation', mode: 'hidden' }] }));
    expect(mode.code).toBe('METARENA_INVALID_OPTION');
    expect(mode.details.field).toBe('wrappers[0].mode');
    expect(mode.message).toContain('append, dict');
  });

  it('works in a vector env with per-env contexts', () => {
    const vec = registry.makeVec('CartPole-v1', 3, { wrappers: [{ id: 'ContextObservation', features: ['length'] }] });
    const { obs } = vec.resetSync({ seed: 0, options: { contexts: [{ length: 0.25 }, null, { length: 2 }] } });
    const flat = obs as Float32Array;
    expect(flat.length).toBe(15);
    expect([flat[4], flat[9], flat[14]]).toEqual([0.25, 0.5, 2]);
    const step = vec.stepSync([0, 1, 0]);
    expect([(step.obs as Float32Array)[4], (step.obs as Float32Array)[14]]).toEqual([0.25, 2]);
  });
});
