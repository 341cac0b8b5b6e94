import { describe, expect, it } from 'vitest';
import { Box, Dict, Discrete, MultiBinary, MultiDiscrete, Tuple, cloneBatch, createBatch, readItem, toBatch, writeItem } from '../../../src/core/index.ts';
import { thrown } from '../../thrown.ts';

describe('batches', () => {
  it('lay flat spaces out batch-first in one typed array of the right kind', () => {
    expect(createBatch(new Box({ low: 0, high: 1, shape: [2, 3], dtype: 'float64' }), 4)).toEqual(new Float64Array(24));
    expect(createBatch(new Discrete(5), 3)).toEqual(new Int32Array(3));
    expect(createBatch(new MultiDiscrete([2, 3]), 3)).toEqual(new Int32Array(6));
    expect(createBatch(new MultiBinary(4), 2)).toEqual(new Int8Array(8));
  });

  it('write and read items of nested spaces; reads are views unless copied', () => {
    const space = new Dict({ pos: new Box({ low: -5, high: 5, shape: [2] }), parts: new Tuple([new Discrete(3), new MultiDiscrete([4, 4])]) });
    const batch = createBatch(space, 3);
    writeItem(space, batch, 1, { pos: Float32Array.of(1, 2), parts: [2, Int32Array.of(3, 1)] });
    expect(batch).toEqual({ pos: Float32Array.of(0, 0, 1, 2, 0, 0), parts: [Int32Array.of(0, 2, 0), Int32Array.of(0, 0, 3, 1, 0, 0)] });
    const view = readItem(space, batch, 1) as { pos: Float32Array };
    const copy = readItem(space, batch, 1, true) as { pos: Float32Array };
    const clone = cloneBatch(batch) as { pos: Float32Array };
    (batch as { pos: Float32Array }).pos[2] = 9;
    expect(view.pos[0]).toBe(9);
    expect(copy.pos[0]).toBe(1);
    expect(clone.pos[2]).toBe(1);
  });

  it('toBatch accepts a flat array or a list of elements, and names the bad slot', () => {
    const box = new Box({ low: -1, high: 1, shape: [2] });
    expect(toBatch(box, [0, 0.5, -1, 1], 2, 'actions')).toEqual(Float32Array.of(0, 0.5, -1, 1));
    expect(toBatch(box, [[0, 0.5], [-1, 1]], 2, 'actions')).toEqual(Float32Array.of(0, 0.5, -1, 1));
    expect(toBatch(box, Float64Array.of(0, 0.5, -1, 1), 2, 'actions')).toBeInstanceOf(Float32Array);
    expect(thrown(() => toBatch(box, [0, 0.5, -1], 2, 'actions')).message).toContain('2 × 2 = 4 values');
    expect(thrown(() => toBatch(box, [0, 0.5, -1, 2], 2, 'actions')).details.field).toBe('actions[1][1]');
    expect(thrown(() => toBatch(box, [[0, 0.5], [-1, Number.NaN]], 2, 'actions')).details.field).toBe('actions[1][1]');

    const discrete = new Discrete(3);
    expect(toBatch(discrete, [2, 0, 1], 3, 'actions')).toEqual(Int32Array.of(2, 0, 1));
    expect(thrown(() => toBatch(discrete, [2, 0, 1.5], 3, 'actions')).details.field).toBe('actions[2]');
    expect(thrown(() => toBatch(discrete, [2, 0, 3], 3, 'actions')).code).toBe('METARENA_INVALID_ACTION');

    const dict = new Dict({ move: new Discrete(2), push: new Box({ low: 0, high: 1, shape: [1] }) });
    expect(toBatch(dict, { move: [1, 0], push: [0.25, 1] }, 2, 'actions')).toEqual({ move: Int32Array.of(1, 0), push: Float32Array.of(0.25, 1) });
    expect(thrown(() => toBatch(dict, { move: [1, 0], push: [0.25, 1], jump: [1, 1] }, 2, 'actions')).details.field).toBe('actions.jump');
    expect(thrown(() => toBatch(dict, { move: [1, 0] }, 2, 'actions')).details.field).toBe('actions.push');
    const tuple = new Tuple([new Discrete(2), new MultiBinary(2)]);
    expect(toBatch(tuple, [[1, 1], [1, 0, 0, 1]], 2, 'actions')).toEqual([Int32Array.of(1, 1), Int8Array.of(1, 0, 0, 1)]);
    expect(thrown(() => toBatch(tuple, [[1, 1]], 2, 'actions')).code).toBe('METARENA_INVALID_ACTION');
  });
});
