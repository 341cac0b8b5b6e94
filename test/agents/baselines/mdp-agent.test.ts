import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/agents/eval/evaluate.ts';
import { mean } from '../../../src/agents/eval/stats.ts';
import { agentRegistry, localSource } from '../helpers.ts';

describe('tabular MDP baselines', () => {
  it('learn within a trial and beat random on 100 paired trials (n=10)', async () => {
    const labels = ['random', 'psrl', 'opsrl:samples=2', 'ucrl2:delta=0.5', 'beb:beta=1', 'greedy', 'eps-greedy:epsilon=0.05'];
    const runs = await evaluate(agentRegistry, localSource('TabularMDP-v0', 10), { agents: labels.map((l) => agentRegistry.parse(l)), trials: 100, seed: 3 });
    const random = mean(runs[0].returns);
    expect(random).toBeGreaterThan(85);
    expect(random).toBeLessThan(115);
    for (const r of runs.slice(1)) {
      expect(mean(r.returns), r.label).toBeGreaterThan(random + 15);
      // memory is kept across the trial's episodes: the last episode beats the first
      expect(r.episodeMeans[9], r.label).toBeGreaterThan(r.episodeMeans[0] + 1);
    }
    // random does not learn
    expect(Math.abs(runs[0].episodeMeans[9] - runs[0].episodeMeans[0])).toBeLessThan(3);
  });
});
