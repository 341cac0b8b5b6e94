import { describe, expect, it } from 'vitest';
import { Discrete, Rng, spaceFromJSON } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

const roundTrip = <S extends { toJSON(): unknown }>(s: S) => spaceFromJSON(JSON.parse(JSON.stringify(s.toJSON())));

describe('Discrete', () => {
  it('validates n and start with the offending value in the message', () => {
    expect(thrown(() => new Discrete(0)).message).toBe('Discrete n must be a positive integer, got 0');
    expect(thrown(() => new Discrete(2.5)).message).toContain('2.5');
    expect(thrown(() => new Discrete(Number.NaN)).message).toContain('NaN');
    expect(thrown(() => new Discrete(3, 0.5)).details.field).toBe('start');
  });

  it('contains, checks and samples integers in [start, start + n)', () => {
    const d = new Discrete(3, -1);
    expect([-1, 0, 1].every((v) => d.contains(v))).toBe(true);
    expect([2, -2, 0.5, '0', Number.NaN].some((v) => d.contains(v))).toBe(false);
    expect(d.check([1], 'action')).toBe(1);
    expect(d.check(Int32Array.of(0), 'action')).toBe(0);
    const e = thrown(() => d.check(2, 'action'));
    expect(e.code).toBe('METARENA_INVALID_ACTION');
    expect(e.message).toBe('action must be an integer in [-1, 1], got 2');
    const rng = new Rng(0);
    const seen = new Set(Array.from({ length: 300 }, () => d.sample(rng)));
    expect([...seen].sort()).toEqual([-1, 0, 1]);
    expect(roundTrip(d).toJSON()).toEqual({ type: 'Discrete', n: 3, start: -1 });
  });
});
