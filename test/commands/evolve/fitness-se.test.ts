import { describe, expect, it } from 'vitest';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { type SeTaskOptions, seEarlyOut, seFitness, seSetup } from '../../../src/commands/evolve/fitness-se.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { SyntheticModel } from '../../../src/plugins/synthetic/synthetic-model.ts';

const registry = createBuiltinRegistry();
const rule = { initEpisodes: 1, earlyOutNum: 2, earlyOutDiff: 0.01 };

describe('seEarlyOut (the reference rule on a virtual env)', () => {
  it('stops once the last means of earlyOutNum episodes agree within earlyOutDiff, after initEpisodes + earlyOutNum episodes', () => {
    // episode index 3 = 1 + 2 is the first that may stop; means (10+10)/2 vs (10+10)/2
    expect(seEarlyOut([10, 10, 10], rule)).toBe(false);
    expect(seEarlyOut([10, 10, 10, 10], rule)).toBe(true);
    // 10.05 vs 10: 0.5% apart stops, 2% does not
    expect(seEarlyOut([0, 10, 10, 10.1, 10], rule)).toBe(true);
    expect(seEarlyOut([0, 10, 10, 10.4, 10], rule)).toBe(false);
  });
});

async function options(extra: string[][] = []): Promise<SeTaskOptions> {
  const setup = await seSetup({ registry, learners: createLearnerRegistry(), envs: ['CartPole-v1'], options: { trainSteps: 40, testEpisodes: 2 }, agentPairs: [['learningStarts', '20'], ['batchSize', '8'], ...(extra as [string, string][])] });
  return setup.task.options as unknown as SeTaskOptions;
}

describe('seFitness', () => {
  it('trains on the candidate SE: an SE whose done net always fires ends every episode after one step (and stops early)', async () => {
    const o = await options();
    const fitness = await seFitness(o);
    const model = new SyntheticModel(o.spec);
    // the done net's output bias (the last parameter) at 1: done > 0.5 at every step
    model.params[model.params.length - 1] = 1;
    const r = (await fitness({ kind: 'params', params: model.params }, { seed: 5, generation: 0, member: 0, tag: 'plus' })) as { fitness: number; info: Record<string, unknown> };
    // every episode has one step and return 0: the early-out rule fires at episode index 1 + 10
    expect(r.info).toMatchObject({ train_steps: 12, train_episodes: 12, train_stop: 'early-out', train_return: 0 });
    // an SE that never ends an episode: none in 40 steps
    const never = (await fitness({ kind: 'params', params: new SyntheticModel(o.spec).params }, { seed: 5, generation: 0, member: 0, tag: 'plus' })) as { info: Record<string, unknown> };
    expect(never.info.train_episodes).toBe(0);
    // the fitness is the mean real CartPole return of 2 greedy episodes
    expect(r.fitness).toBe(r.info.test_return);
    expect(r.fitness).toBeGreaterThanOrEqual(8);
  });

  it('is the same for the same seed and candidate, and refuses a candidate of the wrong size', async () => {
    const o = await options();
    const fitness = await seFitness(o);
    const params = SyntheticModel.random(o.spec, 3).params;
    const at = (seed: number) => fitness({ kind: 'params', params }, { seed, generation: 0, member: 0, tag: 'plus' });
    expect(await at(11)).toEqual(await at(11));
    await expect(fitness({ kind: 'params', params: new Float32Array(3) }, { seed: 1, generation: 0, member: 0, tag: 'plus' })).rejects.toMatchObject({ details: { field: 'candidate' } });
  });

  it('varies the inner agent per evaluation with varyHp, from the evaluation seed', async () => {
    const o = { ...(await options()), varyHp: true };
    const fitness = await seFitness(o);
    const params = SyntheticModel.random(o.spec, 3).params;
    const info = async (seed: number) => ((await fitness({ kind: 'params', params }, { seed, generation: 0, member: 0, tag: 'plus' })) as { info: Record<string, unknown> }).info;
    const a = await info(1);
    const b = await info(2);
    expect(a.learning_rate).not.toBe(b.learning_rate);
    expect(await info(1)).toEqual(a);
  });
});
