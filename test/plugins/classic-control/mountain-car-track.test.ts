import { describe, expect, it } from 'vitest';
import { Box, Rng } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';

const registry = createBuiltinRegistry();

describe('the MountainCar track: observation bounds follow the contexts a make can draw', () => {
  for (const id of ['MountainCar-v0', 'MountainCarContinuous-v0']) {
    const make = (options: object) => registry.make(id, options).observationSpace as Box;
    const f = (n: string) => registry.env(id).contextSpace.feature(n);

    it(`${id}: Gymnasium's bounds by default, the widest walls and speed the make can draw otherwise (float32)`, () => {
      expect(Array.from(make({}).low)).toEqual([Math.fround(-1.2), Math.fround(-0.07)]);
      expect(Array.from(make({}).high)).toEqual([Math.fround(0.6), Math.fround(0.07)]);
      const widest = make({ context: { min_position: f('min_position').lower, max_position: f('max_position').upper, max_speed: f('max_speed').upper } });
      expect(Array.from(widest.low)).toEqual([Math.fround(f('min_position').lower), Math.fround(-f('max_speed').upper)]);
      expect(Array.from(widest.high)).toEqual([Math.fround(f('max_position').upper), Math.fround(f('max_speed').upper)]);
      const sampled = make({ contextSampler: { kind: 'uniform', features: ['max_speed', 'max_position'], bounds: { max_speed: [0.05, 0.1], max_position: [0.6, 0.9] } } });
      expect(Array.from(sampled.high)).toEqual([Math.fround(0.9), Math.fround(0.1)]);
      // a start velocity beyond the speed limit widens the velocity bound to it
      expect(make({ context: { max_speed: 0.007, min_velocity_start: -0.07 } }).high[1]).toBe(Math.fround(0.07));
    });

    it(`${id}: every observation of a sampled make lies in its space`, () => {
      const env = registry.make(id, { contextSampler: { kind: 'uniform', features: ['max_speed', 'min_position', 'max_position', 'min_velocity_start', 'max_velocity_start'] }, envChecker: false });
      const policy = new Rng(1);
      for (let seed = 0; seed < 5; seed++) {
        expect(env.observationSpace.contains(env.reset({ seed }).obs)).toBe(true);
        for (let t = 0; t < 200; t++) {
          const r = env.step(env.actionSpace.sample(policy));
          expect(env.observationSpace.contains(r.obs), `seed ${seed} step ${t}`).toBe(true);
          if (r.terminated || r.truncated) break;
        }
      }
    });
  }
});
