import { describe, expect, it } from 'vitest';
import { ContextSpace, Rng, buildSplit, checkSplitsDisjoint, closest, createSampler } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { thrown } from '../thrown.ts';

const space = new ContextSpace([
  { name: 'gravity', default: 9.8, lower: 0.1, upper: Infinity, unit: 'm/s^2', description: 'Gravity.' },
  { name: 'length', default: 0.5, lower: 0.05, upper: 5, unit: 'm', description: 'Pole half-length.' },
  { name: 'offset', default: 0, lower: -1, upper: 1, description: 'A feature whose default is 0.' },
  { name: 'arms', default: 5, lower: 2, upper: 20, integer: true, description: 'A count.' },
]);

describe('ContextSpace', () => {
  it('rejects bad declarations', () => {
    expect(thrown(() => new ContextSpace([{ name: 'a', default: 5, lower: 0, upper: 1, description: '' }])).message).toContain('default 5 is outside its bounds [0, 1]');
    expect(thrown(() => new ContextSpace([{ name: '1a', default: 0, lower: 0, upper: 1, description: '' }])).code).toBe('METARENA_INVALID_CONTEXT');
    const twice = { name: 'a', default: 0, lower: 0, upper: 1, description: '' };
    expect(thrown(() => new ContextSpace([twice, twice])).message).toContain('declared twice');
  });

  it('an unknown feature suggests the closest name', () => {
    const e = thrown(() => space.complete({ lenght: 1 }));
    expect(e.code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
    expect(e.message).toContain('did you mean length?');
    expect(e.details.field).toBe('context.lenght');
    expect(e.details.allowed).toBe('gravity, length, offset, arms');
    expect(closest('GRAVITY', space.names)).toBe('gravity');
    expect(closest('zzzzzzzzzzzz', space.names)).toBeUndefined();
  });

  it('an out-of-bounds value names the feature and its bounds', () => {
    const e = thrown(() => space.complete({ length: 7 }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toBe('context.length = 7 is outside the allowed [0.05, 5] m');
    expect(e.details).toMatchObject({ field: 'context.length', allowed: '[0.05, 5]' });
    expect(thrown(() => space.complete({ gravity: 0 })).message).toContain('[0.1, Infinity]');
    expect(thrown(() => space.complete({ gravity: Number.NaN })).message).toContain('NaN');
    expect(thrown(() => space.complete({ arms: 3.5 })).message).toContain('integers in [2, 20]');
    expect(thrown(() => space.complete([1, 2])).code).toBe('METARENA_INVALID_CONTEXT');
    expect(space.complete({ length: 5, gravity: 1e6 })).toEqual({ gravity: 1e6, length: 5, offset: 0, arms: 5 });
  });

  it('round-trips through JSON with infinite bounds as null', () => {
    const json = JSON.parse(JSON.stringify(space.toJSON()));
    expect(json[0]).toEqual({ name: 'gravity', default: 9.8, lower: 0.1, upper: null, unit: 'm/s^2', description: 'Gravity.' });
    expect(json[3].integer).toBe(true);
    expect(ContextSpace.fromJSON(json).toJSON()).toEqual(space.toJSON());
    expect(ContextSpace.fromJSON(json).features[0].upper).toBe(Infinity);
  });
});

describe('context samplers', () => {
  const rng = () => new Rng(11);

  it('default gives the defaults with explicit values pinned', () => {
    const s = createSampler(space, { kind: 'default' }, { length: 2 });
    expect(s.varies).toBe(false);
    expect(s.sample(rng(), 0)).toEqual({ gravity: 9.8, length: 2, offset: 0, arms: 5 });
    expect(createSampler(space).sample(rng(), 3)).toEqual(space.defaults());
  });

  it('uniform_scale multiplies defaults by U(low, high); reaching out of bounds is an error', () => {
    const s = createSampler(space, { kind: 'uniform_scale', low: 0.2, high: 2.2, features: ['length', 'gravity'] }, { gravity: 1 });
    expect(s.varies).toBe(true);
    const r = rng();
    const lengths = Array.from({ length: 500 }, () => s.sample(r, 0));
    for (const c of lengths) {
      expect(c.length).toBeGreaterThanOrEqual(0.1);
      expect(c.length).toBeLessThan(1.1);
      expect(c.gravity).toBe(1);
      expect(c.offset).toBe(0);
    }
    expect(Math.max(...lengths.map((c) => c.length))).toBeGreaterThan(1.0);
    const e = thrown(() => createSampler(space, { kind: 'uniform_scale', low: 0.2, high: 20, features: ['length'] }));
    expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(e.message).toContain('length = 0.5 × [0.2, 20] reaches 10');
    expect(e.message).toContain('[0.05, 5]');
    expect(thrown(() => createSampler(space, { kind: 'uniform_scale', low: 2, high: 1 })).message).toContain('low (2) must be <= high (1)');
    expect(thrown(() => createSampler(space, { kind: 'uniform_scale', low: 0.5, high: Number.NaN })).details.field).toBe('context_sampler.high');
    expect(thrown(() => createSampler(space, { kind: 'uniform_scale', low: 0.5, high: 1, features: ['mass'] })).code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
    // integer features stay integers
    const counts = createSampler(space, { kind: 'uniform_scale', low: 0.5, high: 2, features: ['arms'] });
    const rr = rng();
    for (let i = 0; i < 50; i++) expect(Number.isInteger(counts.sample(rr, i).arms)).toBe(true);
  });

  it('uniform draws within bounds (or given sub-bounds); unbounded features need bounds', () => {
    const s = createSampler(space, { kind: 'uniform', features: ['length', 'offset'], bounds: { offset: [-0.5, 0] } });
    const r = rng();
    const cs = Array.from({ length: 500 }, () => s.sample(r, 0));
    expect(cs.every((c) => c.length >= 0.05 && c.length <= 5 && c.offset >= -0.5 && c.offset <= 0 && c.gravity === 9.8)).toBe(true);
    expect(Math.max(...cs.map((c) => c.length))).toBeGreaterThan(4.5);
    const unbounded = thrown(() => createSampler(space, { kind: 'uniform', features: ['gravity'] }));
    expect(unbounded.message).toContain('gravity has an unbounded range');
    expect(unbounded.details.field).toBe('context_sampler.bounds.gravity');
    const outside = thrown(() => createSampler(space, { kind: 'uniform', features: ['offset'], bounds: { offset: [-2, 0] } }));
    expect(outside.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(outside.message).toContain('[-1, 1]');
    expect(thrown(() => createSampler(space, { kind: 'uniform', features: ['length'], bounds: { lenght: [1, 2] } })).code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
  });

  it('gaussian centres on the default, relative std, clipped to bounds', () => {
    const s = createSampler(space, { kind: 'gaussian', std: 0.1, features: ['gravity', 'offset'] });
    const r = rng();
    const cs = Array.from({ length: 4000 }, () => s.sample(r, 0));
    const g = cs.map((c) => c.gravity);
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    const sd = Math.sqrt(g.reduce((a, b) => a + (b - m) ** 2, 0) / g.length);
    expect(Math.abs(m - 9.8)).toBeLessThan(0.05);
    expect(Math.abs(sd - 0.98)).toBeLessThan(0.05);
    // default 0: std is absolute (0.1)
    const o = cs.map((c) => c.offset);
    expect(Math.max(...o.map(Math.abs))).toBeLessThan(1);
    const wide = createSampler(space, { kind: 'gaussian', std: 50, features: ['length'] });
    const ls = Array.from({ length: 200 }, () => wide.sample(r, 0).length);
    expect(ls.every((v) => v >= 0.05 && v <= 5)).toBe(true);
    expect(ls.filter((v) => v === 5 || v === 0.05).length).toBeGreaterThan(100);
    expect(thrown(() => createSampler(space, { kind: 'gaussian', std: -1 })).details.field).toBe('context_sampler.std');
  });

  it('list takes contexts round-robin or at random; each entry is validated', () => {
    const contexts = [{ length: 1 }, { length: 2 }, { length: 3, offset: 0.5 }];
    const cycle = createSampler(space, { kind: 'list', contexts });
    expect([0, 1, 2, 3, 4].map((i) => cycle.sample(rng(), i).length)).toEqual([1, 2, 3, 1, 2]);
    expect(cycle.sample(rng(), 2)).toEqual({ gravity: 9.8, length: 3, offset: 0.5, arms: 5 });
    const random = createSampler(space, { kind: 'list', contexts, order: 'random' });
    const r = rng();
    const picks = new Set(Array.from({ length: 60 }, (_, i) => random.sample(r, i).length));
    expect([...picks].sort()).toEqual([1, 2, 3]);
    const bad = thrown(() => createSampler(space, { kind: 'list', contexts: [{ length: 1 }, { length: 9 }] }));
    expect(bad.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(bad.details.field).toBe('context_sampler.contexts[1].length');
    expect(thrown(() => createSampler(space, { kind: 'list', contexts: [] })).details.field).toBe('context_sampler.contexts');
    expect(thrown(() => createSampler(space, { kind: 'list', contexts, order: 'sorted' as 'cycle' })).details.field).toBe('context_sampler.order');
  });

  it('an unknown kind or a non-object spec is an error listing the kinds', () => {
    const e = thrown(() => createSampler(space, { kind: 'beta' }));
    expect(e.details.field).toBe('context_sampler.kind');
    expect(e.message).toContain('default, uniform_scale, uniform, gaussian, list');
    expect(thrown(() => createSampler(space, 'uniform')).code).toBe('METARENA_INVALID_CONTEXT');
    expect(thrown(() => createSampler(space, { kind: 'default' }, { length: -1 })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
  });
});

describe('splits', () => {
  const sampler = createSampler(space, { kind: 'uniform_scale', low: 0.5, high: 1.5, features: ['length'] });

  it('are seeded lists: the same seed gives the same split, train and test differ', () => {
    const a = buildSplit(sampler, 'train', 20, 0);
    expect(buildSplit(sampler, 'train', 20, 0)).toEqual(a);
    expect(a).toHaveLength(20);
    const test = buildSplit(sampler, 'test', 20, 0);
    expect(() => checkSplitsDisjoint(a, test, false)).not.toThrow();
    expect(buildSplit(sampler, 'train', 20, 1)[0].context.length).not.toBe(a[0].context.length);
    expect(new Set([...a, ...test].map((t) => t.taskSeed)).size).toBe(40);
    // a longer split starts with the shorter one
    expect(buildSplit(sampler, 'train', 25, 0).slice(0, 20)).toEqual(a);
  });

  it('overlap is detected for plain contexts and ignored for structured tasks', () => {
    const fixed = createSampler(space, { kind: 'list', contexts: [{ length: 1 }, { length: 2 }] });
    const train = buildSplit(fixed, 'train', 3, 0);
    const test = buildSplit(fixed, 'test', 3, 0);
    const e = thrown(() => checkSplitsDisjoint(train, test, false));
    expect(e.code).toBe('METARENA_SPLIT_OVERLAP');
    expect(e.message).toContain('share 3 of 3 contexts');
    expect(() => checkSplitsDisjoint(train, test, true)).not.toThrow();
  });
});

describe('non-finite context values', () => {
  it('Infinity and NaN are refused even where the bound is unbounded, naming the feature', () => {
    for (const value of [Infinity, -Infinity, Number.NaN]) {
      const e = thrown(() => space.complete({ gravity: value }));
      expect(e.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
      expect(e.details.field).toBe('context.gravity');
      expect(e.message).toContain('gravity');
      expect(e.message).toContain('not a finite number');
    }
    // at make, in a list sampler, and at reset alike
    const registry = createBuiltinRegistry();
    expect(thrown(() => registry.make('CartPole-v1', { context: { gravity: Infinity } })).details.field).toBe('context.gravity');
    expect(thrown(() => registry.make('CartPole-v1', { contextSampler: { kind: 'list', contexts: [{ gravity: Infinity }] } })).details.field).toBe('context_sampler.contexts[0].gravity');
    const env = registry.make('CartPole-v1');
    expect(thrown(() => env.reset({ options: { context: { gravity: Infinity } } })).details.field).toBe('options.context.gravity');
    // a huge finite value is still inside [0.1, ∞)
    expect(space.complete({ gravity: 1e300 }).gravity).toBe(1e300);
  });
});

describe('context features are looked up by own property', () => {
  it('inherited names (constructor, toString, valueOf, __proto__) are unknown features', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      const partial = JSON.parse(`{"${name}": 1}`);
      expect(thrown(() => space.complete(partial)).code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
      expect(thrown(() => createSampler(space, { kind: 'uniform', features: ['length'], bounds: partial })).code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
    }
  });
});

describe('context ranges', () => {
  it('each sampler reports the least and greatest value each feature can be drawn at', () => {
    const range = (spec: unknown, fixed = {}) => createSampler(space, spec, fixed).range;
    expect(range({ kind: 'default' })).toEqual({ gravity: [9.8, 9.8], length: [0.5, 0.5], offset: [0, 0], arms: [5, 5] });
    expect(range({ kind: 'default' }, { length: 2 }).length).toEqual([2, 2]);
    expect(range({ kind: 'uniform_scale', low: 0.5, high: 2, features: ['length', 'arms'] })).toMatchObject({ length: [0.25, 1], arms: [3, 10], gravity: [9.8, 9.8] });
    expect(range({ kind: 'uniform', features: ['offset', 'gravity'], bounds: { gravity: [1, 20] } })).toMatchObject({ offset: [-1, 1], gravity: [1, 20] });
    expect(range({ kind: 'gaussian', std: 0.1, features: ['length'] })).toMatchObject({ length: [0.05, 5], offset: [0, 0] });
    expect(range({ kind: 'gaussian', std: 0, features: ['length'] }).length).toEqual([0.5, 0.5]);
    expect(range({ kind: 'list', contexts: [{ length: 2 }, { offset: -0.5 }, { length: 0.1 }] })).toMatchObject({ length: [0.1, 2], offset: [-0.5, 0] });
    // an explicit value pins its feature whatever the sampler draws
    expect(range({ kind: 'uniform_scale', low: 0.5, high: 2, features: ['length'] }, { length: 1 }).length).toEqual([1, 1]);
    // every draw lies in the range
    const sampler = createSampler(space, { kind: 'gaussian', std: 2 });
    const rng = new Rng(4);
    for (let i = 0; i < 200; i++) {
      const c = sampler.sample(rng, i);
      for (const n of space.names) {
        expect(c[n]).toBeGreaterThanOrEqual(sampler.range[n][0]);
        expect(c[n]).toBeLessThanOrEqual(sampler.range[n][1]);
      }
    }
  });
});
