import { describe, expect, it } from 'vitest';
import { MultiDiscrete, Rng, spaceFromJSON } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

const roundTrip = <S extends { toJSON(): unknown }>(s: S) => spaceFromJSON(JSON.parse(JSON.stringify(s.toJSON())));

describe('MultiDiscrete', () => {
  it('validates nvec and start', () => {
    expect(thrown(() => new MultiDiscrete([])).details.field).toBe('nvec');
    expect(thrown(() => new MultiDiscrete([2, 0])).message).toBe('MultiDiscrete nvec[1] must be a positive integer, got 0');
    expect(thrown(() => new MultiDiscrete([2, 2], [0])).message).toContain('start has 1 values');
  });

  it('contains, checks, samples and round-trips', () => {
    const md = new MultiDiscrete([2, 3], [0, 5]);
    expect(md.contains(Int32Array.of(1, 7))).toBe(true);
    expect(md.contains(Int32Array.of(1, 8))).toBe(false);
    expect(md.contains([1, 7])).toBe(false);
    expect(md.check([1, 5], 'a')).toEqual(Int32Array.of(1, 5));
    expect(thrown(() => md.check([1, 4], 'a')).message).toBe('a[1] must be an integer in [5, 7], got 4');
    expect(thrown(() => md.check([1], 'a')).message).toContain('2 integers');
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) expect(md.contains(md.sample(rng))).toBe(true);
    expect(roundTrip(md).toJSON()).toEqual(md.toJSON());
  });
});
