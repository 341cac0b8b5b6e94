import { describe, expect, it } from 'vitest';
import { createAgentRegistry } from '../../src/agents/index.ts';
import { specOf } from '../../src/agents/eval/evaluate.ts';
import { MetarenaError } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const agents = createAgentRegistry();
const envs = createBuiltinRegistry();
const specFor = (id: string, args: Record<string, unknown> = {}) =>
  specOf(envs.makeVec(id, 2, { args }), { envId: id, envArgs: args, episodesPerTrial: 10, open: async () => { throw new Error('unused'); } });

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MetarenaError);
    return (e as MetarenaError).code;
  }
  return undefined;
}

describe('AgentRegistry', () => {
  it('parses NAME:key=value with typed values and keeps the label', () => {
    const c = agents.parse('ucb1:c=0.2:estimate=empirical');
    expect(c).toEqual({ label: 'ucb1:c=0.2:estimate=empirical', name: 'ucb1', given: { c: 0.2, estimate: 'empirical' } });
    expect(agents.options(c)).toEqual({ c: 0.2, estimate: 'empirical' });
  });

  it('names unknown agents and options with a suggestion', () => {
    expect(() => agents.parse('ucb2')).toThrow(/unknown agent "ucb2" \(did you mean ucb1\?\)/);
    expect(() => agents.parse('ucb1:k=1')).toThrow(/unknown argument "k"/);
    expect(codeOf(() => agents.parse('ucb1:c=-1'))).toBe('METARENA_INVALID_OPTION');
    expect(codeOf(() => agents.parse('ots:samples=1.5'))).toBe('METARENA_INVALID_OPTION');
    expect(codeOf(() => agents.parse('ts:x'))).toBe('METARENA_INVALID_OPTION');
  });

  it('refuses duplicate names', () => {
    expect(codeOf(() => agents.register(agents.get('ts')))).toBe('METARENA_DUPLICATE_ID');
  });

  it('checks that an agent fits the env', () => {
    const bandit = specFor('Bandit-v0');
    const mdp = specFor('TabularMDP-v0');
    expect(() => agents.checkFits(agents.parse('psrl'), bandit)).toThrow(/psrl cannot act in Bandit-v0/);
    expect(() => agents.checkFits(agents.parse('gittins'), specFor('Bandit-v0', { reward: 'gaussian' }))).toThrow(/Bernoulli/);
    expect(() => agents.checkFits(agents.parse('ucb1'), mdp)).toThrow(/constant Box observation/);
    for (const name of ['random', 'greedy', 'eps-greedy', 'ucb1', 'ts', 'ots', 'gittins']) expect(agents.get(name).fits(bandit)).toBeUndefined();
    for (const name of ['random', 'greedy', 'eps-greedy', 'psrl', 'opsrl', 'ucrl2', 'beb']) expect(agents.get(name).fits(mdp)).toBeUndefined();
    expect(agents.get('greedy').fits(specFor('CartPole-v1'))).toMatch(/bandit or a finite-horizon tabular MDP/);
  });
});
