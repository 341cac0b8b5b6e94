import { describe, expect, it } from 'vitest';
import { type ContextSamplerSpec, DEFAULT_ENV_BYTES, DEFAULT_MAKE_BUDGET_BYTES, Discrete, ERROR_CODES, MAX_SPLIT_SIZE, Registry, defineEnv, estimateEnvBytes } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { thrown } from '../thrown.ts';

const registry = createBuiltinRegistry();
const sampler: ContextSamplerSpec = { kind: 'uniform_scale', low: 0.5, high: 1.5, features: ['length'] };

describe('split sizes are bounded', () => {
  it('a split size over MAX_SPLIT_SIZE is refused up front, naming the field and the limit', () => {
    const started = Date.now();
    for (const name of ['train', 'test'] as const) {
      const e = thrown(() => registry.make('CartPole-v1', { contextSampler: sampler, split: 'train', splitSizes: { [name]: 4294967295 } }));
      expect(e.code).toBe('METARENA_LIMIT_EXCEEDED');
      expect(ERROR_CODES[e.code]).toBe('RESOURCE_EXHAUSTED');
      expect(e.details.field).toBe(`split_sizes.${name}`);
      expect(e.message).toContain(String(MAX_SPLIT_SIZE));
      expect(e.details.allowed).toBe(`integer in [1, ${MAX_SPLIT_SIZE}]`);
    }
    // refused before anything is built (a 2^32 split once ran out of heap after a minute)
    expect(Date.now() - started).toBeLessThan(5000);
    expect(thrown(() => registry.make('CartPole-v1', { contextSampler: sampler, split: 'train', splitSizes: { train: MAX_SPLIT_SIZE + 1 } })).code).toBe('METARENA_LIMIT_EXCEEDED');
  });

  it('sizes up to the limit are taken; malformed sizes and unknown split names are refused', () => {
    expect(registry.make('CartPole-v1', { contextSampler: sampler, split: 'test', splitSizes: { train: 3, test: 2 } }).reset({ seed: 0 }).info.trial).toBe(0);
    for (const bad of [0, -1, 2.5, Number.NaN, '10']) {
      const e = thrown(() => registry.make('CartPole-v1', { contextSampler: sampler, split: 'train', splitSizes: { train: bad as number } }));
      expect(e.code).toBe('METARENA_INVALID_OPTION');
      expect(e.details.field).toBe('split_sizes.train');
    }
    const unknown = thrown(() => registry.make('CartPole-v1', { contextSampler: sampler, split: 'train', splitSizes: { trian: 5 } as never }));
    expect(unknown.details.field).toBe('split_sizes.trian');
  });
});

describe('per-env cost estimates and the make budget', () => {
  it('TabularMDP declares its tables: about 32 MiB per env at 256 states and 64 actions', () => {
    const mdp = registry.env('TabularMDP-v0');
    const big = estimateEnvBytes(mdp, { states: 256, actions: 64 });
    expect(big).toBeGreaterThanOrEqual((256 * 64 * 256 + 256 * 64) * 8);
    expect(big / 1024 ** 2).toBeCloseTo(32.1, 0);
    // smaller args cost less; raw args are checked as make checks them
    expect(estimateEnvBytes(mdp)).toBeLessThan(16 * 1024);
    expect(thrown(() => estimateEnvBytes(mdp, { states: 100000 })).details.field).toBe('args.states');
    expect(thrown(() => estimateEnvBytes(mdp, { constructor: 1 })).details.field).toBe('args.constructor');
  });

  it('plugins that declare nothing cost the default estimate', () => {
    expect(estimateEnvBytes(registry.env('CartPole-v1'))).toBe(DEFAULT_ENV_BYTES);
    expect(estimateEnvBytes(registry.env('Pendulum-v1'), {})).toBe(DEFAULT_ENV_BYTES);
  });

  it('a makeVec whose num_envs x estimate exceeds the budget is refused before any env is made', () => {
    let created = 0;
    const heavy = defineEnv({
      id: 'Heavy-v0',
      description: 'Costs a declared gigabyte per env.',
      args: { gigabytes: { type: 'number', default: 1, min: 0, max: 100, description: 'Estimated size.' } },
      memoryBytes: ({ gigabytes }) => gigabytes * 1024 ** 3,
      observationSpace: new Discrete(1),
      actionSpace: new Discrete(1),
      create: () => {
        created += 1;
        return { reset: () => ({ obs: 0 }), step: () => ({ obs: 0, reward: 0, terminated: false }) };
      },
    });
    const reg = new Registry([heavy]);
    // the in-process default budget is generous (4 GiB), not unbounded
    expect(reg.makeVec('Heavy-v0', 4).numEnvs).toBe(4);
    created = 0;
    const e = thrown(() => reg.makeVec('Heavy-v0', 5));
    expect(e.code).toBe('METARENA_LIMIT_EXCEEDED');
    expect(ERROR_CODES[e.code]).toBe('RESOURCE_EXHAUSTED');
    expect(e.details).toMatchObject({ field: 'num_envs', allowed: 'at most 4' });
    expect(e.message).toContain('Heavy-v0');
    expect(e.message).toContain(`${(DEFAULT_MAKE_BUDGET_BYTES / 1024 ** 2).toFixed(1)} MiB`);
    expect(created).toBe(0);
    // a budget given in the make options (the server passes its own)
    expect(thrown(() => reg.makeVec('Heavy-v0', 2, { memoryBudgetBytes: 1.5 * 1024 ** 3 })).details.allowed).toBe('at most 1');
    expect(thrown(() => reg.make('Heavy-v0', { args: { gigabytes: 2 }, memoryBudgetBytes: 1024 ** 3 })).code).toBe('METARENA_LIMIT_EXCEEDED');
    expect(reg.makeVec('Heavy-v0', 3, { args: { gigabytes: 0.5 }, memoryBudgetBytes: 1.5 * 1024 ** 3 }).numEnvs).toBe(3);
    for (const bad of [0, -1, Number.NaN, '1e9']) expect(thrown(() => reg.make('Heavy-v0', { memoryBudgetBytes: bad as number })).details.field).toBe('memory_budget_bytes');
  });

  it('a huge num_envs is refused by the default estimate before any env is made', () => {
    const e = thrown(() => registry.makeVec('CartPole-v1', 2 ** 31));
    expect(e.code).toBe('METARENA_LIMIT_EXCEEDED');
    expect(e.details).toMatchObject({ field: 'num_envs', allowed: `at most ${DEFAULT_MAKE_BUDGET_BYTES / DEFAULT_ENV_BYTES}` });
  });

  it('large TabularMDPs are refused by count against the budget', () => {
    const args = { states: 256, actions: 64 };
    const e = thrown(() => registry.makeVec('TabularMDP-v0', 256, { args }));
    expect(e.code).toBe('METARENA_LIMIT_EXCEEDED');
    expect(e.details.field).toBe('num_envs');
    expect(thrown(() => registry.makeVec('TabularMDP-v0', 4, { args, memoryBudgetBytes: 100 * 1024 ** 2 })).details.allowed).toBe('at most 3');
  });

  it('a memoryBytes hook that returns nonsense is a plugin error naming the hook', () => {
    const broken = defineEnv({
      id: 'Broken-v0',
      description: 'Reports a negative size.',
      memoryBytes: -5,
      observationSpace: new Discrete(1),
      actionSpace: new Discrete(1),
      create: () => ({ reset: () => ({ obs: 0 }), step: () => ({ obs: 0, reward: 0, terminated: false }) }),
    });
    const e = thrown(() => estimateEnvBytes(broken));
    expect(e.code).toBe('METARENA_PLUGIN_ERROR');
    expect(e.details).toMatchObject({ plugin: 'Broken-v0', hook: 'memoryBytes' });
  });
});
