import { describe, expect, it } from 'vitest';
import { Box, Dict, Discrete, MultiDiscrete, Tuple, createBatch } from '../../src/core/index.ts';
import { checkBatchShape, decodeStepActions, encodeBatch } from '../../src/wire/index.ts';

describe('checkBatchShape', () => {
  it('accepts [n, ...item shape] for every flat space and nested parts', () => {
    const space = new Dict({ pos: new Box({ low: -1, high: 1, shape: [2, 3] }), pick: new Discrete(4), both: new Tuple([new MultiDiscrete([2, 3]), new Discrete(2)]) });
    const value = encodeBatch(space, createBatch(space, 5), 5);
    expect(() => checkBatchShape(space, value, 5, 'actions', 'METARENA_INVALID_ACTION')).not.toThrow();
    expect(() => checkBatchShape(space, value, 4, 'actions', 'METARENA_INVALID_ACTION')).toThrow(/actions\.pos\.shape is \[5, 2, 3\], but 4 envs of .* need shape \[4, 2, 3\]/);
    const tuple = new Tuple([new MultiDiscrete([2, 3])]);
    expect(() => checkBatchShape(tuple, encodeBatch(tuple, createBatch(tuple, 5), 5), 1, 'actions', 'METARENA_INVALID_ACTION')).toThrow(/actions\[0\]\.shape is \[5, 2\], but 1 env of .* needs shape \[1, 2\]/);
  });

  it('names the field and the expected shape when only the element count fits', () => {
    const box = new Box({ low: -1, high: 1, shape: [6] });
    const tensor = (shape: number[]) => ({ tensor: { dtype: 1, shape, data: new Uint8Array(48) } });
    for (const shape of [[6, 2], [12], [2, 3, 2]]) {
      expect(() => decodeStepActions({ actions: tensor(shape) }, box, 2)).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_ACTION', details: { field: 'actions.shape', allowed: '[2, 6]' } }));
    }
    expect(decodeStepActions({ actions: tensor([2, 6]) }, box, 2)).toHaveLength(12);
  });
});
