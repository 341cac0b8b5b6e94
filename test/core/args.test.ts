import { describe, expect, it } from 'vitest';
import { type ArgSpecs, resolveArgs } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

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

describe('resolveArgs: names are own properties', () => {
  const INHERITED = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

  it('inherited names (constructor, toString, valueOf, __proto__) are unknown arguments', () => {
    for (const name of INHERITED) {
      // JSON.parse makes `__proto__` an own key, as args_json arrives from the wire
      const given = JSON.parse(`{"${name}": 1}`);
      expect(() => resolveArgs(specs, given, 'args'), name).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_OPTION', details: expect.objectContaining({ field: `args.${name}` }) }));
      expect(() => resolveArgs({}, given, 'args'), `${name} with no args`).toThrow(expect.objectContaining({ details: expect.objectContaining({ allowed: '(none)' }) }));
    }
  });

  it('make refuses them in env args and wrapper options alike', () => {
    const registry = createBuiltinRegistry();
    for (const name of INHERITED) {
      const given = JSON.parse(`{"${name}": 1}`);
      expect(() => registry.make('Bandit-v0', { args: given }), name).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_OPTION', details: expect.objectContaining({ field: `args.${name}` }) }));
      expect(() => registry.make('CartPole-v1', { wrappers: [{ id: 'TimeLimit', ...given }] }), name).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: `wrappers[0].${name}` }) }));
    }
  });
});
