import { describe, expect, it } from 'vitest';
import { MultiBinary, Rng, spaceFromJSON } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

const roundTrip = <S extends { toJSON(): unknown }>(s: S) => spaceFromJSON(JSON.parse(JSON.stringify(s.toJSON())));

describe('MultiBinary', () => {
  it('validates, contains, checks, samples and round-trips', () => {
    expect(thrown(() => new MultiBinary(0)).message).toContain('got 0');
    expect(thrown(() => new MultiBinary([2, 0])).message).toContain('[2,0]');
    const mb = new MultiBinary([2, 2]);
    expect(mb.contains(Int8Array.of(0, 1, 1, 0))).toBe(true);
    expect(mb.contains(Int8Array.of(0, 2, 1, 0))).toBe(false);
    expect(mb.check([true, false, 1, 0], 'a')).toEqual(Int8Array.of(1, 0, 1, 0));
    expect(thrown(() => mb.check([0, 0, 0, 3], 'a')).message).toBe('a[3] must be 0 or 1, got 3');
    const rng = new Rng(2);
    const draws = Array.from({ length: 100 }, () => mb.sample(rng));
    draws.forEach((d) => expect(mb.contains(d)).toBe(true));
    const ones = draws.reduce((s, d) => s + d.reduce((a, b) => a + b, 0), 0);
    expect(ones).toBeGreaterThan(150);
    expect(ones).toBeLessThan(250);
    expect(roundTrip(mb).toJSON()).toEqual({ type: 'MultiBinary', shape: [2, 2] });
  });
});
