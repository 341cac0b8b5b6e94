import { describe, expect, it } from 'vitest';
import { Box, Dict, Discrete, MultiBinary, Rng, Tuple, spaceFromJSON } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

const nested = () =>
  new Dict({
    position: new Box({ low: -1, high: 1, shape: [2] }),
    parts: new Tuple([new Discrete(3), new Dict({ flags: new MultiBinary(2), speed: new Box({ low: 0, high: Infinity, shape: [1], dtype: 'float64' }) })]),
  });

describe('Dict and Tuple', () => {
  it('validate their arguments', () => {
    expect(thrown(() => new Dict({})).code).toBe('METARENA_INVALID_SPACE');
    expect(thrown(() => new Dict({ a: new Discrete(2), b: 3 as unknown as Discrete })).message).toContain('"b"');
    expect(thrown(() => new Tuple([])).code).toBe('METARENA_INVALID_SPACE');
    expect(thrown(() => new Tuple([new Discrete(2), {} as Discrete])).message).toContain('Tuple entry 1');
  });

  it('nest: samples are contained, check names the deepest offending field', () => {
    const space = nested();
    const rng = new Rng(4);
    for (let i = 0; i < 100; i++) expect(space.contains(space.sample(rng))).toBe(true);
    const good = { position: [0.5, -0.5], parts: [2, { flags: [1, 0], speed: [3] }] };
    const checked = space.check(good, 'action') as { position: Float32Array; parts: [number, { speed: Float64Array }] };
    expect(space.contains(checked)).toBe(true);
    expect(checked.parts[1].speed).toBeInstanceOf(Float64Array);

    const deep = thrown(() => space.check({ position: [0, 0], parts: [2, { flags: [1, 0], speed: [-1] }] }, 'action'));
    expect(deep.details.field).toBe('action.parts[1].speed[0]');
    expect(thrown(() => space.check({ ...good, extra: 1 }, 'action')).message).toContain('unknown key "extra"');
    for (const inherited of ['constructor', 'toString', 'valueOf']) {
      expect(thrown(() => space.check({ ...good, [inherited]: 1 }, 'action')).details.field).toBe(`action.${inherited}`);
    }
    expect(thrown(() => space.check({ position: [0, 0] }, 'action')).details.field).toBe('action.parts');
    expect(thrown(() => space.check({ ...good, parts: [2] }, 'action')).message).toContain('list of 2 elements');

    expect(space.contains({ position: Float32Array.of(0, 0) })).toBe(false);
    expect(space.contains([Float32Array.of(0, 0)])).toBe(false);
  });

  it('round-trip through JSON, nested, with infinite limits as null', () => {
    const space = nested();
    const json = JSON.parse(JSON.stringify(space.toJSON()));
    expect(json.spaces.parts.spaces[1].spaces.speed.high).toEqual([null]);
    const back = spaceFromJSON(json);
    expect(back.toJSON()).toEqual(space.toJSON());
    expect(String(back)).toBe(String(space));
    const rng = new Rng(9);
    expect(back.contains(space.sample(rng))).toBe(true);
  });

  it('spaceFromJSON names the bad part of a spec', () => {
    const e = thrown(() => spaceFromJSON({ type: 'Dict', spaces: { a: { type: 'Discrete', n: 2, start: 0 }, b: { type: 'Sphere' } } }));
    expect(e.code).toBe('METARENA_INVALID_SPACE');
    expect(e.details.field).toBe('space.b.type');
    expect(e.message).toContain('"Sphere"');
    expect(thrown(() => spaceFromJSON(null)).code).toBe('METARENA_INVALID_SPACE');
  });
});
