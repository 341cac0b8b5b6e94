import { describe, expect, it } from 'vitest';
import { Box, Rng, spaceFromJSON } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

describe('Box', () => {
  it('validates its arguments and names the offending values', () => {
    const inverted = thrown(() => new Box({ low: [0, 5], high: [1, 2] }));
    expect(inverted.code).toBe('METARENA_INVALID_SPACE');
    expect(inverted.message).toContain('index 1');
    expect(inverted.message).toContain('low=5 high=2');

    const nan = thrown(() => new Box({ low: Number.NaN, high: 1, shape: [2] }));
    expect(nan.message).toContain('NaN');

    const length = thrown(() => new Box({ low: [0, 0, 0], high: 1, shape: [2] }));
    expect(length.message).toContain('low has 3 values');
    expect(length.details.field).toBe('low');

    expect(thrown(() => new Box({ low: 0, high: 1 })).details.field).toBe('shape');
    expect(thrown(() => new Box({ low: 0, high: 1, shape: [2, -1] })).message).toContain('[2,-1]');
    expect(thrown(() => new Box({ low: 0, high: 1, shape: [2], dtype: 'int64' as 'int32' })).message).toContain('"int64"');
  });

  it('contains only arrays of its dtype and size within the limits', () => {
    const box = new Box({ low: [-1, 0], high: [1, Infinity] });
    expect(box.contains(Float32Array.of(0, 1e30))).toBe(true);
    expect(box.contains(Float32Array.of(-1, 0))).toBe(true);
    expect(box.contains(Float32Array.of(1.5, 0))).toBe(false);
    expect(box.contains(Float32Array.of(0, -0.1))).toBe(false);
    expect(box.contains(Float32Array.of(Number.NaN, 0))).toBe(false);
    expect(box.contains(Float64Array.of(0, 0))).toBe(false);
    expect(box.contains([0, 0])).toBe(false);
    expect(box.contains(Float32Array.of(0))).toBe(false);
  });

  it('check converts plain arrays and rejects wrong shape, NaN and out-of-range values', () => {
    const box = new Box({ low: -2, high: 2, shape: [2, 2] });
    const ok = box.check([[1, 2], [-2, 0]], 'action');
    expect(ok).toBeInstanceOf(Float32Array);
    expect(Array.from(ok)).toEqual([1, 2, -2, 0]);
    expect(new Box({ low: -1, high: 1, shape: [1] }).check(0.5, 'action')[0]).toBe(0.5);

    const shape = thrown(() => box.check([1, 2, 3], 'action'));
    expect(shape.code).toBe('METARENA_INVALID_ACTION');
    expect(shape.message).toContain('4 numbers of shape [2,2]');
    const out = thrown(() => box.check([0, 0, 3, 0], 'action'));
    expect(out.message).toBe('action[2] 3 is outside [-2, 2]');
    expect(out.details.field).toBe('action[2]');
    expect(thrown(() => box.check([0, Number.NaN, 0, 0], 'action')).message).toBe('action[1] is NaN');
    expect(thrown(() => box.check('0,0,0,0', 'action')).code).toBe('METARENA_INVALID_ACTION');

    const ints = new Box({ low: 0, high: 10, shape: [2], dtype: 'int32' });
    expect(ints.check([3, 4], 'a')).toBeInstanceOf(Int32Array);
    expect(thrown(() => ints.check([3, 4.5], 'a')).message).toContain('a[1] must be an integer');
  });

  it('samples inside bounded, half-bounded and unbounded limits, reproducibly', () => {
    const box = new Box({ low: [-1, 0, -Infinity, -Infinity, 5], high: [1, Infinity, 3, Infinity, 5], dtype: 'float32' });
    const rng = new Rng(7);
    const draws = Array.from({ length: 2000 }, () => box.sample(rng));
    for (const d of draws) expect(box.contains(d)).toBe(true);
    expect(draws.some((d) => d[1] > 1)).toBe(true);
    expect(draws.some((d) => d[3] < 0) && draws.some((d) => d[3] > 0)).toBe(true);
    expect(draws.every((d) => d[4] === 5)).toBe(true);
    const again = new Rng(7);
    expect(Array.from(box.sample(again))).toEqual(Array.from(draws[0]));

    // float32 rounding of a value just below an irrational high must not leave the box
    const narrow = new Box({ low: 0.1, high: (12 * 2 * Math.PI) / 360, shape: [3] });
    const r = new Rng(1);
    for (let i = 0; i < 2000; i++) expect(narrow.contains(narrow.sample(r))).toBe(true);

    const bytes = new Box({ low: 0, high: 255, shape: [64], dtype: 'uint8' });
    const img = bytes.sample(new Rng(3));
    expect(img).toBeInstanceOf(Uint8Array);
    expect(bytes.contains(img)).toBe(true);
    expect(new Set(img).size).toBeGreaterThan(20);
  });

  it('round-trips through JSON with infinite limits as null', () => {
    const box = new Box({ low: [-Infinity, 0], high: [Infinity, 1.5], dtype: 'float64' });
    const json = JSON.parse(JSON.stringify(box.toJSON()));
    expect(json).toEqual({ type: 'Box', shape: [2], dtype: 'float64', low: [null, 0], high: [null, 1.5] });
    const back = spaceFromJSON(json) as Box;
    expect(back).toBeInstanceOf(Box);
    expect(Array.from(back.low)).toEqual([-Infinity, 0]);
    expect(Array.from(back.high)).toEqual([Infinity, 1.5]);
    expect(back.toJSON()).toEqual(box.toJSON());
    expect(String(back)).toBe('Box([-Infinity, 0], [Infinity, 1.5], (2,), float64)');
  });
});
