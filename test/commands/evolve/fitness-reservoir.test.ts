import { describe, expect, it } from 'vitest';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { type ReservoirTaskOptions, reservoirFitness, reservoirNames, reservoirSetup, reservoirWrapper } from '../../../src/commands/evolve/fitness-reservoir.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

const registry = createBuiltinRegistry();
const small = { reservoirs: 1, units: 8, includeObservation: false, evolveInputScaling: true, inputScaling: 1 };

describe('reservoir candidates', () => {
  it('name their coordinates and become the Reservoir wrapper options', () => {
    expect(reservoirNames(1, true)).toEqual(['spectralRadius', 'leakRate', 'inputScaling']);
    expect(reservoirNames(2, false)).toEqual(['spectralRadius_1', 'leakRate_1', 'spectralRadius_2', 'leakRate_2']);
    expect(reservoirWrapper({ spectralRadius: 0.9, leakRate: 0.3, inputScaling: 2 }, small)).toEqual({ id: 'Reservoir', reservoirs: [{ units: 8, spectralRadius: 0.9, leakRate: 0.3, inputScaling: 2 }] });
    expect(reservoirWrapper({ spectralRadius_1: 1, leakRate_1: 0.5, spectralRadius_2: 2, leakRate_2: 0.1 }, { ...small, reservoirs: 2, evolveInputScaling: false, inputScaling: 0.7, includeObservation: true }, 4)).toEqual({
      id: 'Reservoir',
      reservoirs: [
        { units: 8, spectralRadius: 1, leakRate: 0.5, inputScaling: 0.7 },
        { units: 8, spectralRadius: 2, leakRate: 0.1, inputScaling: 0.7 },
      ],
      includeObservation: true,
      seed: 4,
    });
    expect(() => reservoirWrapper({ spectralRadius: 1 }, small)).toThrow(/needs a number leakRate/);
  });
});

describe('reservoirFitness', () => {
  it('averages the last episodes over seeds per env and normalises each env in the generalisation setup', async () => {
    const setup = await reservoirSetup({
      registry,
      learners: createLearnerRegistry(),
      envs: ['CartPole-v1', 'Acrobot-v1'],
      options: { mask: false, trainSteps: 600, seeds: 2, units: 20, lastEpisodes: 3, normalization: [{ env: 'CartPole-v1', random: 20, target: 500 }, { env: 'Acrobot-v1', random: -500, target: -100 }] },
      agentPairs: [['numSteps', '100'], ['numMinibatches', '1'], ['updateEpochs', '1']],
    });
    const o = setup.task.options as unknown as ReservoirTaskOptions;
    expect(o.envs).toEqual([{ env: 'CartPole-v1', drop: null, random: 20, target: 500 }, { env: 'Acrobot-v1', drop: null, random: -500, target: -100 }]);
    const fitness = await reservoirFitness(o);
    const candidate = { kind: 'json' as const, value: { spectralRadius: 0.9, leakRate: 0.3, inputScaling: 1 } };
    const r = (await fitness(candidate, { seed: 1, generation: 0, member: 0, tag: 'point' })) as { fitness: number; info: Record<string, number> };
    const cart = r.info['return_CartPole-v1'];
    const acro = r.info['return_Acrobot-v1'];
    expect(cart).toBeGreaterThan(5);
    expect(acro).toBeLessThanOrEqual(-100);
    expect(r.fitness).toBeCloseTo(((cart - 20) / 480 + (acro + 500) / 400) / 2, 12);
    // the member row says which hyperparameters scored it
    expect(r.info).toMatchObject({ spectralRadius: 0.9, leakRate: 0.3, inputScaling: 1 });
    // seeds 0..k−1 (ER-MRL): the same for every evaluation seed unless freshSeeds
    expect(await fitness(candidate, { seed: 99, generation: 3, member: 1, tag: 'point' })).toEqual(r);
    const fresh = await reservoirFitness({ ...o, freshSeeds: true, envs: o.envs.slice(0, 1) });
    const a = await fresh(candidate, { seed: 1, generation: 0, member: 0, tag: 'point' });
    expect(await fresh(candidate, { seed: 1, generation: 0, member: 0, tag: 'point' })).toEqual(a);
    expect(await fresh(candidate, { seed: 2, generation: 0, member: 0, tag: 'point' })).not.toEqual(a);
  });
});
