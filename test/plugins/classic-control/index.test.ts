import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/index.ts';
import { classicControl } from '../../../src/plugins/classic-control/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

/** Gymnasium's registered time limits. */
const LIMITS: Record<string, number> = {
  'CartPole-v1': 500,
  'Pendulum-v1': 200,
  'Acrobot-v1': 500,
  'MountainCar-v0': 200,
  'MountainCarContinuous-v0': 999,
};

describe('classic-control family', () => {
  it('registers the five Gymnasium envs with their time limits', () => {
    expect(classicControl.map((p) => p.id).sort()).toEqual(Object.keys(LIMITS).sort());
    const registry = createBuiltinRegistry();
    for (const [id, limit] of Object.entries(LIMITS)) expect(registry.make(id).maxEpisodeSteps).toBe(limit);
  });

  it('every env repeats its trajectory bit for bit under the same seed and actions', () => {
    const registry = createBuiltinRegistry();
    for (const id of Object.keys(LIMITS)) {
      const run = () => {
        const env = registry.make(id);
        const actionRng = new Rng(1);
        const out: number[][] = [Array.from(env.reset({ seed: 42 }).obs as Float32Array)];
        for (let i = 0; i < 50; i++) {
          const r = env.step(env.actionSpace.sample(actionRng));
          out.push([...(r.obs as Float32Array), r.reward]);
          if (r.terminated) break;
        }
        return out;
      };
      expect(run(), id).toEqual(run());
    }
  });

  it('observations stay inside the space for contexts drawn uniformly within the bounds', () => {
    const registry = createBuiltinRegistry();
    for (const id of Object.keys(LIMITS)) {
      const env = registry.make(id, { contextSampler: { kind: 'uniform', features: registry.env(id).contextSpace.names.filter((n) => n !== 'gravity' || id !== 'CartPole-v1') } });
      const rng = new Rng(2);
      for (let episode = 0; episode < 5; episode++) {
        const first = env.reset({ seed: 100 + episode });
        expect(env.observationSpace.contains(first.obs), `${id} reset`).toBe(true);
        for (let i = 0; i < 100; i++) {
          const r = env.step(env.actionSpace.sample(rng));
          if (r.terminated) break;
          expect(env.observationSpace.contains(r.obs), `${id} step ${i} context ${JSON.stringify(env.context)}`).toBe(true);
        }
      }
    }
  });
});
