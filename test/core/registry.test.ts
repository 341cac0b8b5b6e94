import { describe, expect, it } from 'vitest';
import { Box, Discrete, Registry, defineEnv, defineWrapper } from '../../src/core/index.ts';
import { thrown } from '../thrown.ts';

const walker = (id: string, maxEpisodeSteps?: number) =>
  defineEnv({
    id,
    description: 'A point on a line; the action moves it.',
    args: { start: { type: 'number', default: 0, min: -5, max: 5, description: 'Start position.' } },
    observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [1], dtype: 'float64' }),
    actionSpace: new Box({ low: -1, high: 1, shape: [1] }),
    context: [{ name: 'speed', default: 1, lower: 0, upper: 10, description: 'Units per unit action.' }],
    maxEpisodeSteps,
    create: (args) => {
      let x = 0;
      let speed = 1;
      return {
        reset: (_rng, c) => {
          x = args.start;
          speed = c.speed;
          return { obs: Float64Array.of(x) };
        },
        step: (a: Float32Array) => {
          x += speed * a[0];
          return { obs: Float64Array.of(x), reward: a[0], terminated: Math.abs(x) >= 3 };
        },
      };
    },
  });

describe('defineEnv and defineWrapper', () => {
  it('validate ids and required fields', () => {
    for (const id of ['CartPole', 'cartpole-v', 'ns/CartPole-vX', '-v1', 'a b-v0']) {
      const e = thrown(() => walker(id));
      expect(e.code).toBe('METARENA_INVALID_ID');
      expect(e.message).toContain(JSON.stringify(id));
    }
    for (const id of ['CartPole-v1', 'acme/Maze-v0', 'acme.lab/Deep-Maze-v12', 'MountainCarContinuous-v0']) expect(walker(id).id).toBe(id);
    expect(thrown(() => defineEnv({ ...walker('A-v0'), description: '' } as never)).details.field).toBe('description');
    expect(thrown(() => defineWrapper({ id: 'Bad-v1 x', description: 'x', apply: (e) => e })).code).toBe('METARENA_INVALID_ID');
    expect(defineWrapper({ id: 'ContextObservation', description: 'x', apply: (e) => e }).id).toBe('ContextObservation');
    expect(Object.isFrozen(walker('A-v0'))).toBe(true);
  });
});

describe('Registry', () => {
  it('rejects duplicates and non-plugins; unknown ids suggest the closest', () => {
    const r = new Registry([walker('Walker-v0'), walker('acme/Walker-v1')]);
    expect(thrown(() => r.register(walker('Walker-v0'))).code).toBe('METARENA_DUPLICATE_ID');
    expect(thrown(() => r.register({ kind: 'env', id: 'x' } as never)).code).toBe('METARENA_INVALID_ID');
    expect(thrown(() => r.register({} as never)).code).toBe('METARENA_PLUGIN_ERROR');
    const e = thrown(() => r.make('Walkr-v0'));
    expect(e.code).toBe('METARENA_UNKNOWN_ENV');
    expect(e.message).toContain('did you mean Walker-v0?');
    expect(e.status).toBe('NOT_FOUND');
    expect(thrown(() => r.make('Zzzzzzzzzzzzzzzzzz-v9')).message).not.toContain('did you mean');
    expect(thrown(() => r.make('x', { wrappers: [{ id: 'TimeLimit' }] })).code).toBe('METARENA_UNKNOWN_ENV');
    expect(thrown(() => r.make('Walker-v0', { wrappers: [{ id: 'TimeLimt' }] })).code).toBe('METARENA_UNKNOWN_WRAPPER');
    expect(r.listEnvs().map((p) => p.id)).toEqual(['Walker-v0', 'acme/Walker-v1']);
  });

  it('checks make options and env args, naming the field', () => {
    const r = new Registry([walker('Walker-v0')]);
    const typo = thrown(() => r.make('Walker-v0', { contxt: {} } as never));
    expect(typo.message).toContain('did you mean context?');
    expect(thrown(() => r.make('Walker-v0', { args: { start: 9 } })).message).toBe('args.start must be a number in [-5, 5], got 9');
    expect(thrown(() => r.make('Walker-v0', { args: { stat: 1 } })).message).toContain('did you mean start?');
    expect(thrown(() => r.make('Walker-v0', { episodesPerTrial: 0 })).details.field).toBe('episodes_per_trial');
    expect(thrown(() => r.make('Walker-v0', { maxEpisodeSteps: -3 })).details.field).toBe('max_episode_steps');
    expect(thrown(() => r.make('Walker-v0', { context: { speed: 11 } })).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    expect(thrown(() => r.make('Walker-v0', { split: 'val' as 'train' })).details.field).toBe('split');
    expect(thrown(() => r.makeVec('Walker-v0', 0)).details.field).toBe('num_envs');
    expect(r.make('Walker-v0', { args: { start: 2 } }).reset({ seed: 0 }).obs).toEqual(Float64Array.of(2));
  });

  it('make owns the time limit; options override or disable it', () => {
    const r = new Registry([walker('Walker-v0', 4)]);
    const run = (env: ReturnType<Registry['make']>, steps: number) => {
      env.reset({ seed: 0 });
      const out = [];
      for (let t = 0; t < steps; t++) {
        const s = env.step([0]);
        out.push(s.truncated);
        if (s.truncated) break;
      }
      return out;
    };
    expect(r.make('Walker-v0').maxEpisodeSteps).toBe(4);
    expect(run(r.make('Walker-v0'), 10)).toEqual([false, false, false, true]);
    expect(run(r.make('Walker-v0', { maxEpisodeSteps: 2 }), 10)).toEqual([false, true]);
    const unlimited = r.make('Walker-v0', { maxEpisodeSteps: 0 });
    expect(unlimited.maxEpisodeSteps).toBeUndefined();
    expect(run(unlimited, 50).every((t) => !t)).toBe(true);
  });

  it('step before reset, after the episode and after close are coded errors; close twice is harmless', () => {
    const env = new Registry([walker('Walker-v0', 2)]).make('Walker-v0');
    const before = thrown(() => env.step([0]));
    expect(before.code).toBe('METARENA_RESET_NEEDED');
    expect(before.message).toContain('before the first reset()');
    env.reset({ seed: 1 });
    env.step([0]);
    env.step([0]);
    expect(thrown(() => env.step([0])).message).toContain('after the episode ended');
    env.reset();
    env.close();
    env.close();
    expect(thrown(() => env.step([0])).code).toBe('METARENA_CLOSED');
    expect(thrown(() => env.reset()).code).toBe('METARENA_CLOSED');
  });

  it('NaN, wrong-shape and out-of-space actions are METARENA_INVALID_ACTION and leave the episode going', () => {
    const r = new Registry([
      walker('Walker-v0'),
      defineEnv({
        id: 'Pick-v0',
        description: 'Discrete actions.',
        observationSpace: new Discrete(1),
        actionSpace: new Discrete(3),
        create: () => ({ reset: () => ({ obs: 0 }), step: () => ({ obs: 0, reward: 1, terminated: false }) }),
      }),
    ]);
    const env = r.make('Walker-v0');
    env.reset({ seed: 0 });
    for (const bad of [[Number.NaN], [0, 0], [2], 'left', undefined, null, { 0: 0.5 }, [[0.5, 0.5]]]) {
      const e = thrown(() => env.step(bad));
      expect(e.code).toBe('METARENA_INVALID_ACTION');
      expect(e.status).toBe('INVALID_ARGUMENT');
    }
    expect(thrown(() => env.step([1.5])).details).toMatchObject({ field: 'action[0]', allowed: '[-1, 1]' });
    expect(env.step([0.5]).obs).toEqual(Float64Array.of(0.5));
    const pick = r.make('Pick-v0');
    pick.reset();
    for (const bad of [3, -1, 0.5, Number.NaN, '1', [1, 1], true]) expect(thrown(() => pick.step(bad)).code).toBe('METARENA_INVALID_ACTION');
    expect(pick.step(2).reward).toBe(1);
  });

  it('reports info.episode {return, length} at episode end, and the context every reset', () => {
    const env = new Registry([walker('Walker-v0', 100)]).make('Walker-v0', { context: { speed: 2 } });
    const { info } = env.reset({ seed: 0 });
    expect(info.context).toEqual({ speed: 2 });
    const rewards: number[] = [];
    let last;
    do {
      last = env.step([0.5]);
      rewards.push(last.reward);
      if (!last.terminated) expect(last.info.episode).toBeUndefined();
    } while (!last.terminated);
    expect(rewards).toHaveLength(3); // 2 × 0.5 per step reaches 3 on step 3
    expect(last.info.episode).toEqual({ return: 1.5, length: 3 });
    expect(last.truncated).toBe(false);
  });

  it('episodesPerTrial keeps one context for n episodes and numbers trials', () => {
    const env = new Registry([walker('Walker-v0', 1)]).make('Walker-v0', { episodesPerTrial: 3, contextSampler: { kind: 'uniform', features: ['speed'] } });
    const infos: Record<string, unknown>[] = [];
    for (let k = 0; k < 7; k++) {
      infos.push(env.reset(k === 0 ? { seed: 3 } : {}).info);
      env.step([0]);
    }
    expect(infos.map((i) => [i.trial, i.episode_in_trial])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0]]);
    const speed = (i: number) => (infos[i].context as { speed: number }).speed;
    expect(speed(0)).toBe(speed(2));
    expect(speed(3)).toBe(speed(5));
    expect(speed(0)).not.toBe(speed(3));
    // a new seed or an explicit context starts a new trial
    expect(env.reset({ seed: 3 }).info).toMatchObject({ trial: 0, episode_in_trial: 0, context: { speed: speed(0) } });
    expect(env.reset({ options: { context: { speed: 4 } } }).info).toMatchObject({ trial: 1, episode_in_trial: 0, context: { speed: 4 } });
    expect(thrown(() => env.reset({ options: { context: { sped: 4 } } })).message).toContain('did you mean speed?');
    expect(thrown(() => env.reset({ options: { colour: 1 } as never })).details.field).toBe('options.colour');
  });

  it('draws train and test tasks from fixed, disjoint lists', () => {
    const r = new Registry([walker('Walker-v0')]);
    const sampler = { kind: 'uniform_scale' as const, low: 0.1, high: 2 };
    const contextsOf = (split: 'train' | 'test', seed: number) => {
      const env = r.make('Walker-v0', { split, splitSizes: { train: 5, test: 3 }, contextSampler: sampler, taskOrder: 'cycle' });
      return Array.from({ length: 6 }, (_, k) => (env.reset(k === 0 ? { seed } : {}).info.context as { speed: number }).speed);
    };
    const train = contextsOf('train', 0);
    expect(contextsOf('train', 99)).toEqual(train); // the list does not depend on the episode seed
    expect(train[5]).toBe(train[0]);
    const test = contextsOf('test', 0);
    expect(test[3]).toBe(test[0]);
    expect(test.filter((s) => train.includes(s))).toEqual([]);
    expect(thrown(() => r.make('Walker-v0', { split: 'train' })).code).toBe('METARENA_SPLIT_OVERLAP');
  });

  it("a split without a sampler draws from the env's task family, with the family's sizes", () => {
    const family = defineEnv({
      id: 'Family-v0',
      description: 'A point on a line whose speed is the task.',
      observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [1], dtype: 'float64' }),
      actionSpace: new Box({ low: -1, high: 1, shape: [1] }),
      context: [{ name: 'speed', default: 1, lower: 0, upper: 10, description: 'Units per unit action.' }],
      args: { fast: { type: 'boolean', default: false, description: 'Tasks in the upper half of speeds.' } },
      taskFamily: ({ fast }) => ({ sampler: { kind: 'uniform', features: ['speed'], bounds: { speed: fast ? [5, 10] : [0, 5] } }, splits: { train: 4, test: 2 } }),
      create: () => {
        let x = 0;
        return {
          reset: () => ({ obs: Float64Array.of((x = 0)) }),
          step: (a: Float32Array) => ({ obs: Float64Array.of((x += a[0])), reward: 0, terminated: false }),
        };
      },
    });
    const r = new Registry([family]);
    const speeds = (split: 'train' | 'test', fast = false) => {
      const env = r.make('Family-v0', { split, taskOrder: 'cycle', args: { fast } });
      return Array.from({ length: 4 }, (_, k) => (env.reset(k === 0 ? { seed: 0 } : {}).info.context as { speed: number }).speed);
    };
    const train = speeds('train');
    expect(new Set(train).size).toBe(4);
    expect(train.every((s) => s >= 0 && s <= 5)).toBe(true);
    const test = speeds('test');
    expect(test[2]).toBe(test[0]); // two test tasks, cycled
    expect(test.filter((s) => train.includes(s))).toEqual([]);
    expect(speeds('train', true).every((s) => s >= 5)).toBe(true);
    // without a split the default context stands; an explicit sampler replaces the family's
    expect(r.make('Family-v0').reset({ seed: 0 }).info.context).toEqual({ speed: 1 });
    const scaled = r.make('Family-v0', { split: 'train', contextSampler: { kind: 'uniform_scale', low: 6, high: 8 } });
    const s = (scaled.reset({ seed: 0 }).info.context as { speed: number }).speed;
    expect(s >= 6 && s <= 8).toBe(true);
  });

  it('an error thrown inside a plugin names the plugin and the hook', () => {
    const broken = defineEnv({
      id: 'Broken-v0',
      description: 'Throws in step.',
      observationSpace: new Discrete(1),
      actionSpace: new Discrete(1),
      create: () => ({
        reset: () => ({ obs: 0 }),
        step: () => {
          throw new Error('boom');
        },
      }),
    });
    const env = new Registry([broken]).make('Broken-v0');
    env.reset();
    const e = thrown(() => env.step(0));
    expect(e.code).toBe('METARENA_PLUGIN_ERROR');
    expect(e.message).toBe('[Broken-v0:step] boom');
    expect(e.details).toMatchObject({ plugin: 'Broken-v0', hook: 'step' });
    expect(thrown(() => env.step(0)).code).toBe('METARENA_RESET_NEEDED');
  });
});
