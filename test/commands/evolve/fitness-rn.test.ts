import { describe, expect, it } from 'vitest';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { type RnTaskOptions, rnFitness, rnObjective, rnSetup } from '../../../src/commands/evolve/fitness-rn.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { RewardNetModel } from '../../../src/plugins/wrappers/reward-net.ts';

const registry = createBuiltinRegistry();

describe('rnObjective', () => {
  it('computes the three objectives by hand', () => {
    const run = { steps: 500, testReturn: -20, tests: [-100, -50, -20], lengths: [200, 150, 150], solvedReturn: -13, unsolvedWeight: 100 };
    expect(rnObjective('steps', run)).toBe(-500 - 100 * 7);
    expect(rnObjective('steps', { ...run, testReturn: -13 })).toBe(-500);
    expect(rnObjective('return', run)).toBe(-20);
    expect(rnObjective('auc', run)).toBe(-100 * 200 - 50 * 150 - 20 * 150);
  });
});

async function task(mode: number): Promise<RnTaskOptions> {
  const setup = await rnSetup({ registry, learners: createLearnerRegistry(), envs: ['CliffWalking-v0'], options: { mode, trainSteps: 4000, evalMaxEpisodeSteps: 60 }, agentPairs: [] });
  return setup.task.options as unknown as RnTaskOptions;
}

describe('rnFitness', () => {
  it('trains on the rewards of the candidate: Φ = 0 additive is the real reward (solved), Φ = 0 exclusive is no reward (not solved)', async () => {
    const context = { seed: 2, generation: 0, member: 0, tag: 'plus' };
    const additive = await task(2);
    expect(additive).toMatchObject({ solvedReturn: -13, earlyOutNum: 10, testEpisodes: 1, objective: 'steps', agent: { agent: 'q-learning' }, spec: { gamma: 0.8 } });
    const zeros = (o: RnTaskOptions) => ({ kind: 'params' as const, params: new RewardNetModel(o.spec).params });
    const solved = (await (await rnFitness(additive))(zeros(additive), context)) as { fitness: number; info: Record<string, unknown> };
    expect(solved.info).toMatchObject({ solved: true, test_return: -13, train_stop: 'early-out' });
    expect(solved.fitness).toBe(-(solved.info.train_steps as number));
    const exclusive = await task(1);
    const blind = (await (await rnFitness(exclusive))(zeros(exclusive), context)) as { fitness: number; info: Record<string, unknown> };
    expect(blind.info.solved).toBe(false);
    // the greedy test walks until the 60-step cap: a return of −60 or less (cliff falls cost −100)
    expect(blind.info.test_return as number).toBeLessThanOrEqual(-60);
    expect(blind.fitness).toBe(-(blind.info.train_steps as number) - 100 * (-13 - (blind.info.test_return as number)));
  });
});
