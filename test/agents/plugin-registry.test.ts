import { describe, expect, it } from 'vitest';
import { PluginRegistry, type RegisteredPlugin } from '../../src/agents/plugin-registry.ts';

interface Toy extends RegisteredPlugin {
  make(): string;
}

const toy = (name: string): Toy => ({
  name,
  description: 'a toy plugin',
  options: { rate: { type: 'number', default: 0.5, min: 0, exclusiveMin: true, description: 'a rate' }, widths: { type: 'integers', default: [2], min: 1, description: 'widths' } },
  fits: () => undefined,
  make: () => name,
});

describe('PluginRegistry', () => {
  const registry = new PluginRegistry<Toy>('toy', ['make'], [toy('alpha'), toy('beta-2')]);

  it('lists and finds plugins, naming an unknown one with a suggestion and the choices', () => {
    expect(registry.names()).toEqual(['alpha', 'beta-2']);
    expect(registry.get('alpha').make()).toBe('alpha');
    expect(() => registry.get('alpah', '--toy')).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_OPTION', message: expect.stringMatching(/--toy: unknown toy "alpah" \(did you mean alpha\?\); toys: alpha, beta-2/) }));
  });

  it('refuses malformed, badly named and duplicate plugins', () => {
    expect(() => registry.register({ ...toy('gamma'), make: undefined } as unknown as Toy)).toThrow(expect.objectContaining({ code: 'METARENA_PLUGIN_ERROR' }));
    expect(() => registry.register(toy('Gamma'))).toThrow(expect.objectContaining({ code: 'METARENA_INVALID_ID' }));
    expect(() => registry.register(toy('alpha'))).toThrow(expect.objectContaining({ code: 'METARENA_DUPLICATE_ID' }));
  });

  it('parses key=value settings into typed, checked values and completes options with defaults', () => {
    expect(registry.parseSettings('alpha', [['rate', '0.25'], ['widths', '3,4']], 'toy alpha')).toEqual({ rate: 0.25, widths: [3, 4] });
    expect(() => registry.parseSettings('alpha', [['rate', '0']], 'toy alpha')).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'toy alpha.rate' }) }));
    expect(() => registry.parseSettings('alpha', [['rat', '1']], 'toy alpha')).toThrow(/unknown argument "rat" \(did you mean rate\?\)/);
    expect(registry.resolveOptions('beta-2', { rate: 2 }, 'beta')).toEqual({ rate: 2, widths: [2] });
  });
});
