import { describe, expect, it } from 'vitest';
import { Box, Discrete, EnvChecker, type FlatArray, Registry, defineEnv } from '../../src/core/index.ts';
import { thrown } from '../thrown.ts';

/**
 * A plugin whose step returns `bad` (an observation, or a reward when `what` is 'reward') at
 * step `at` and good values before; with `into`, it writes observations through `stepInto` as
 * the fast in-process path does.
 */
const faulty = (id: string, what: 'obs' | 'reward' | 'reset', bad: unknown, { at = 2, into = false } = {}) =>
  defineEnv({
    id,
    description: 'Returns a broken value at a chosen step.',
    observationSpace: new Box({ low: [-1, -Infinity], high: [1, Infinity], dtype: 'float32' }),
    actionSpace: new Discrete(2),
    create: () => {
      let t = 0;
      const obs = () => (what === 'obs' && t === at ? bad : Float32Array.of(0.5, t));
      const reward = () => (what === 'reward' && t === at ? bad : 1) as number;
      const instance = {
        reset: () => {
          t = 0;
          return { obs: (what === 'reset' ? bad : Float32Array.of(0, 0)) as Float32Array };
        },
        step: () => {
          t += 1;
          return { obs: obs() as Float32Array, reward: reward(), terminated: false };
        },
      };
      if (!into) return instance;
      return {
        ...instance,
        stepInto: (_a: number, out: FlatArray, offset: number) => {
          t += 1;
          const o = obs() as ArrayLike<number>;
          for (let j = 0; j < 2; j++) out[offset + j] = o[j];
          return { reward: reward(), terminated: false };
        },
      };
    },
  });

/** Bad observations: name, value, what the error says, and whether `stepInto` can return it (it writes a fixed length). */
const BAD_OBSERVATIONS: [string, unknown, string, boolean][] = [
  ['NaN', Float32Array.of(Number.NaN, 0), 'observation[0] is NaN', true],
  ['Infinity where the space is unbounded', Float32Array.of(0, Number.POSITIVE_INFINITY), 'observation[1] is Infinity', true],
  ['outside the Box', Float32Array.of(1.5, 0), 'observation[0] = 1.5 is outside [-1, 1]', true],
  ['too short', Float32Array.of(0), 'must be 2 numbers for Box', false],
  ['too long', Float32Array.of(0, 0, 0), 'must be 2 numbers for Box', false],
  ['not an array', 'obs', 'must be 2 numbers for Box', false],
];

describe('the env checker make installs', () => {
  for (const [name, bad, says, viaStepInto] of BAD_OBSERVATIONS) {
    it(`refuses a step observation ${name}, naming the plugin and hook, in single and vector envs`, () => {
      for (const into of viaStepInto ? [false, true] : [false]) {
        const registry = new Registry([faulty('Faulty-v0', 'obs', bad, { into })]);
        const env = registry.make('Faulty-v0');
        env.reset({ seed: 0 });
        env.step(0);
        const e = thrown(() => env.step(0));
        expect(e.code).toBe('METARENA_PLUGIN_ERROR');
        expect(e.details).toMatchObject({ plugin: 'Faulty-v0', hook: 'step' });
        expect(e.message).toContain('[Faulty-v0:step]');
        expect(e.message).toContain(says);
        // the env needs a reset before it steps again
        expect(thrown(() => env.step(0)).code).toBe('METARENA_RESET_NEEDED');

        const vec = registry.makeVec('Faulty-v0', 3);
        vec.resetSync({ seed: 0 });
        vec.stepSync([0, 0, 0]);
        const ve = thrown(() => vec.stepSync([0, 0, 0]));
        expect(ve.details).toMatchObject({ plugin: 'Faulty-v0', hook: 'step' });
        expect(ve.message).toContain(says);
      }
    });
  }

  it('refuses a bad reset observation, naming the reset hook', () => {
    for (const [, bad, says] of BAD_OBSERVATIONS) {
      const registry = new Registry([faulty('Faulty-v0', 'reset', bad)]);
      const e = thrown(() => registry.make('Faulty-v0').reset({ seed: 1 }));
      expect(e.code).toBe('METARENA_PLUGIN_ERROR');
      expect(e.details).toMatchObject({ plugin: 'Faulty-v0', hook: 'reset' });
      expect(e.message).toContain(says);
      expect(thrown(() => registry.makeVec('Faulty-v0', 2).resetSync({ seed: 1 })).details.hook).toBe('reset');
    }
  });

  it('refuses non-finite rewards (NaN was refused before; ±Infinity now too)', () => {
    for (const reward of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]) {
      for (const into of [false, true]) {
        const registry = new Registry([faulty('Faulty-v0', 'reward', reward, { into })]);
        const vec = registry.makeVec('Faulty-v0', 2);
        vec.resetSync({ seed: 0 });
        vec.stepSync([0, 1]);
        const e = thrown(() => vec.stepSync([0, 1]));
        expect(e.code).toBe('METARENA_PLUGIN_ERROR');
        expect(e.details).toMatchObject({ plugin: 'Faulty-v0', hook: 'step' });
        expect(e.message).toContain('reward is');
      }
    }
  });

  it('a Discrete observation must be an integer inside the space', () => {
    for (const bad of [3, -1, 0.5, Number.NaN, '1']) {
      const plugin = defineEnv({
        id: 'BadDiscrete-v0',
        description: 'Observes a bad state.',
        observationSpace: new Discrete(3),
        actionSpace: new Discrete(2),
        create: () => ({ reset: () => ({ obs: 0 }), step: () => ({ obs: bad as number, reward: 0, terminated: false }) }),
      });
      const vec = new Registry([plugin]).makeVec('BadDiscrete-v0', 2);
      vec.resetSync({ seed: 0 });
      const e = thrown(() => vec.stepSync([0, 0]));
      expect(e.code).toBe('METARENA_PLUGIN_ERROR');
      expect(e.message).toContain('is not in Discrete(3)');
    }
  });

  it('envChecker: false turns it off (only a reward that is not a number is still refused)', () => {
    const registry = new Registry([faulty('Faulty-v0', 'obs', Float32Array.of(Number.NaN, 0)), faulty('Inf-v0', 'reward', Number.POSITIVE_INFINITY)]);
    const env = registry.make('Faulty-v0', { envChecker: false });
    env.reset({ seed: 0 });
    env.step(0);
    expect(Number.isNaN((env.step(0).obs as Float32Array)[0])).toBe(true);
    const inf = registry.makeVec('Inf-v0', 1, { envChecker: false });
    inf.resetSync({ seed: 0 });
    inf.stepSync([0]);
    expect(inf.stepSync([0]).rewards[0]).toBe(Number.POSITIVE_INFINITY);
    expect(thrown(() => registry.make('Faulty-v0', { envChecker: 'no' as never })).details.field).toBe('env_checker');
  });

  it('a terminating observation may leave the space only where the plugin declares it, and must still be finite', () => {
    const space = new Box({ low: [-1], high: [1], dtype: 'float32' });
    const strict = new EnvChecker(space, false);
    const lenient = new EnvChecker(space, true);
    expect(strict.observation(Float32Array.of(2), true)).toContain('outside');
    expect(lenient.observation(Float32Array.of(2), true)).toBeUndefined();
    expect(lenient.observation(Float32Array.of(2), false)).toContain('outside');
    expect(lenient.observation(Float32Array.of(Number.NaN), true)).toContain('NaN');
    expect(lenient.observation(Float32Array.of(0.5), false)).toBeUndefined();
  });

  it('a start state outside the observation space is METARENA_INVALID_STATE naming options.state, not a plugin error', () => {
    const registry = new Registry([
      defineEnv({
        id: 'Start-v0',
        description: 'Starts where it is told.',
        observationSpace: new Box({ low: [-1], high: [1], dtype: 'float64' }),
        actionSpace: new Discrete(1),
        create: () => ({
          reset: (_rng, _c, _t, options) => ({ obs: Float64Array.of(options.state?.[0] ?? 0) }),
          step: () => ({ obs: Float64Array.of(0), reward: 0, terminated: false }),
        }),
      }),
    ]);
    const e = thrown(() => registry.make('Start-v0').reset({ options: { state: [5] } }));
    expect(e.code).toBe('METARENA_INVALID_STATE');
    expect(e.details.field).toBe('options.state');
  });
});
