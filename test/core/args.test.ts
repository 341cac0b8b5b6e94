import { describe, expect, it } from 'vitest';
import { type ArgSpecs, resolveArgs } from '../../src/core/index.ts';

const specs = {
  rate: { type: 'number', default: 0.1, min: 0, exclusiveMin: true, description: 'a step size (> 0)' },
  floor: { type: 'number', default: 0, min: 0, description: 'a weight (>= 0)' },
  widths: { type: 'integers', default: [4], min: 0, exclusiveMin: true, description: 'positive widths' },
} as const satisfies ArgSpecs;

describe('resolveArgs: exclusive minimum', () => {
  it('rejects the minimum itself when exclusiveMin is set, naming the field and the open range', () => {
    expect(() => resolveArgs(specs, { rate: 0 }, 'opts')).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_OPTION', details: { field: 'opts.rate', allowed: '(0, Infinity]' } }));
    expect(() => resolveArgs(specs, { widths: [3, 0] }, 'opts')).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'opts.widths[1]' }) }));
  });

  it('accepts values above it, and the minimum of a closed range', () => {
    expect(resolveArgs(specs, { rate: 1e-9, floor: 0 }, 'opts')).toEqual({ rate: 1e-9, floor: 0, widths: [4] });
  });
});
