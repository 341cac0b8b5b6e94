import { describe, expect, it } from 'vitest';
import { Box, Dict, Discrete, type Env, Registry, Rng, SyncVectorEnv, type VectorResetArgs, defineEnv } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { thrown } from '../../thrown.ts';

/**
 * obs = [start, t, speed] where `start` is a seeded draw; the episode terminates after
 * `length` steps (action 1 terminates at once); reward = action + 10 × t; the action -1 throws.
 */
const probe = defineEnv({
  id: 'test/Probe-v0',
  description: 'Reports its seed draw, step count and context.',
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [3], dtype: 'float64' }),
  actionSpace: new Discrete(3, -1),
  context: [
    { name: 'length', default: 3, lower: 1, upper: 100, integer: true, description: 'Steps per episode.' },
    { name: 'speed', default: 1, lower: 0, upper: 10, description: 'Shown in the observation.' },
  ],
  create: () => {
    let start = 0;
    let t = 0;
    let ctx = { length: 3, speed: 1 };
    const obs = () => Float64Array.of(start, t, ctx.speed);
    return {
      reset: (rng, c) => {
        start = rng.random();
        t = 0;
        ctx = { length: c.length, speed: c.speed };
        return { obs: obs(), info: { start } };
      },
      step: (a: number) => {
        if (a === -1) throw new Error('asked to fail');
        t += 1;
        return { obs: obs(), reward: a + 10 * t, terminated: a === 1 || t >= ctx.length, info: { t } };
      },
    };
  },
});

const registry = new Registry([probe]);
const obsRows = (obs: unknown, n: number) => Array.from({ length: n }, (_, i) => Array.from((obs as Float64Array).subarray(3 * i, 3 * i + 3)));

describe('SyncVectorEnv', () => {
  it('batches observations batch-first and seeds env i with seed + i', () => {
    const vec = registry.makeVec('test/Probe-v0', 3);
    expect(vec.numEnvs).toBe(3);
    expect(vec.singleObservationSpace.toJSON()).toEqual(registry.make('test/Probe-v0').observationSpace.toJSON());
    const { obs, info } = vec.resetSync({ seed: 10 });
    expect(obs).toBeInstanceOf(Float64Array);
    expect((obs as Float64Array).length).toBe(9);
    const singles = [10, 11, 12].map((s) => Array.from(registry.make('test/Probe-v0').reset({ seed: s }).obs as Float64Array));
    expect(obsRows(obs, 3)).toEqual(singles);
    expect(info.start).toEqual(Float64Array.from(singles.map((r) => r[0])));
    expect(info._start).toEqual(Uint8Array.of(1, 1, 1));
    expect(info.trial).toEqual(Float64Array.of(0, 0, 0));
    expect((info.context as Record<string, unknown>).speed).toEqual(Float64Array.of(1, 1, 1));

    const step = vec.stepSync([0, 0, 0]);
    expect(step.rewards).toEqual(Float64Array.of(10, 10, 10));
    expect(step.terminated).toEqual(Uint8Array.of(0, 0, 0));
    expect(step.info.t).toEqual(Float64Array.of(1, 1, 1));
    // the returned batch is a copy: later steps do not change it
    vec.stepSync([0, 0, 0]);
    expect(obsRows(step.obs, 3).map((r) => r[1])).toEqual([1, 1, 1]);
    // a borrowed batch is the env's own buffer, current only until the next step
    const borrowed = vec.stepSync([0, 0, 0], { borrowObs: true }).obs;
    expect(obsRows(borrowed, 3).map((r) => r[1])).toEqual([3, 3, 3]);
    const next = vec.stepSync([0, 0, 0], { borrowObs: true }).obs;
    expect(next).toBe(borrowed);
  });

  it('takes per-env seeds (null keeps the stream) and rejects bad ones', () => {
    const vec = registry.makeVec('test/Probe-v0', 2);
    const a = obsRows(vec.resetSync({ seed: [5, 7] }).obs, 2);
    expect(a[0][0]).toBe((registry.make('test/Probe-v0').reset({ seed: 5 }).obs as Float64Array)[0]);
    expect(a[1][0]).toBe((registry.make('test/Probe-v0').reset({ seed: 7 }).obs as Float64Array)[0]);
    const b = obsRows(vec.resetSync({ seed: [5, null] }).obs, 2);
    expect(b[0][0]).toBe(a[0][0]);
    expect(b[1][0]).not.toBe(a[1][0]);
    expect(thrown(() => vec.resetSync({ seed: [1] })).code).toBe('METARENA_INVALID_SEED');
    expect(thrown(() => vec.resetSync({ seed: [1, -2] })).details.field).toBe('seed[1]');
  });

  it('resets part of the envs by mask, with per-env contexts', () => {
    const vec = registry.makeVec('test/Probe-v0', 3, { autoresetMode: 'disabled' });
    expect(thrown(() => vec.resetSync({ options: { mask: [true, false, true] } })).code).toBe('METARENA_RESET_NEEDED');
    vec.resetSync({ seed: 0 });
    vec.stepSync([0, 0, 0]);
    const r = vec.resetSync({ seed: 20, options: { mask: [false, true, true], contexts: [null, { speed: 4 }, { speed: 6 }] } });
    const rows = obsRows(r.obs, 3);
    expect(rows.map((row) => row[1])).toEqual([1, 0, 0]);
    expect(rows.map((row) => row[2])).toEqual([1, 4, 6]);
    expect(rows[1][0]).toBe((registry.make('test/Probe-v0').reset({ seed: 21 }).obs as Float64Array)[0]);
    expect(r.info._trial).toEqual(Uint8Array.of(0, 1, 1));
    // one context for every reset env
    const all = vec.resetSync({ options: { mask: [1, 0, 0], context: { speed: 9 } } });
    expect(obsRows(all.obs, 3).map((row) => row[2])).toEqual([9, 4, 6]);
    // a bad context changes nothing
    expect(thrown(() => vec.resetSync({ options: { contexts: [{ speed: 1 }, { speed: 1 }, { speed: 11 }] } })).details.field).toBe('options.contexts[2].speed');
    expect(obsRows(vec.stepSync([0, 0, 0]).obs, 3).map((row) => row[1])).toEqual([1, 1, 1]);
    expect(thrown(() => vec.resetSync({ options: { mask: [true] } })).details.field).toBe('options.mask');
    expect(thrown(() => vec.resetSync({ options: { masks: [true] } as never })).details.field).toBe('options.masks');
  });

  it('next_step autoreset: the step after the end resets, ignoring the action', () => {
    const vec = registry.makeVec('test/Probe-v0', 2);
    expect(vec.autoresetMode).toBe('next_step');
    vec.resetSync({ seed: 0 });
    const end = vec.stepSync([1, 0]);
    expect(end.terminated).toEqual(Uint8Array.of(1, 0));
    expect(end.info._episode).toEqual(Uint8Array.of(1, 0));
    expect((end.info.episode as Record<string, unknown>).return).toEqual(Float64Array.of(11, 0));
    const next = vec.stepSync([1, 0]);
    expect(next.rewards).toEqual(Float64Array.of(0, 20));
    expect(next.terminated).toEqual(Uint8Array.of(0, 0));
    expect(obsRows(next.obs, 2).map((r) => r[1])).toEqual([0, 2]);
    expect(next.info._trial).toEqual(Uint8Array.of(1, 0));
    expect(next.info._t).toEqual(Uint8Array.of(0, 1));
    const after = vec.stepSync([0, 0]);
    expect(after.rewards).toEqual(Float64Array.of(10, 30));
    expect(after.terminated).toEqual(Uint8Array.of(0, 1));
  });

  it('same_step autoreset: reset within the step, final_obs and final_info kept under masks', () => {
    const vec = registry.makeVec('test/Probe-v0', 2, { autoresetMode: 'same_step' });
    vec.resetSync({ seed: 0 });
    const end = vec.stepSync([1, 0]);
    expect(end.terminated).toEqual(Uint8Array.of(1, 0));
    expect(end.rewards).toEqual(Float64Array.of(11, 10));
    const rows = obsRows(end.obs, 2);
    expect(rows[0][1]).toBe(0); // already the reset observation
    expect(rows[1][1]).toBe(1);
    expect(end.info._final_obs).toEqual(Uint8Array.of(1, 0));
    expect(Array.from((end.info.final_obs as unknown[])[0] as Float64Array).slice(1)).toEqual([1, 1]);
    expect((end.info.final_obs as unknown[])[1]).toBeNull();
    expect(end.info._final_info).toEqual(Uint8Array.of(1, 0));
    const finalInfo = end.info.final_info as Record<string, unknown>;
    expect(finalInfo.t).toEqual(Float64Array.of(1, 0));
    expect((finalInfo.episode as Record<string, unknown>).length).toEqual(Float64Array.of(1, 0));
    // the reset info of env 0 and the step info of env 1 sit side by side
    expect(end.info._trial).toEqual(Uint8Array.of(1, 0));
    expect(end.info._t).toEqual(Uint8Array.of(0, 1));
    const next = vec.stepSync([0, 0]);
    expect(next.rewards).toEqual(Float64Array.of(10, 20));
  });

  it('disabled autoreset: stepping a finished env is an error until it is reset', () => {
    const vec = registry.makeVec('test/Probe-v0', 2, { autoresetMode: 'disabled' });
    vec.resetSync({ seed: 0 });
    vec.stepSync([1, 0]);
    const e = thrown(() => vec.stepSync([0, 0]));
    expect(e.code).toBe('METARENA_RESET_NEEDED');
    expect(e.details.field).toBe('actions[0]');
    vec.resetSync({ options: { mask: [true, false] } });
    const s = vec.stepSync([0, 0]);
    expect(s.rewards).toEqual(Float64Array.of(10, 20));
  });

  it('checks the action batch in any accepted layout', () => {
    const vec = registry.makeVec('test/Probe-v0', 2);
    expect(thrown(() => vec.stepSync([0, 0])).code).toBe('METARENA_RESET_NEEDED');
    vec.resetSync({ seed: 0 });
    expect(thrown(() => vec.stepSync([0])).code).toBe('METARENA_INVALID_ACTION');
    expect(thrown(() => vec.stepSync([0, 2])).details.field).toBe('actions[1]');
    expect(thrown(() => vec.stepSync(Float32Array.of(0, 0.5))).code).toBe('METARENA_INVALID_ACTION');
    expect(thrown(() => vec.stepSync([0, Number.NaN])).code).toBe('METARENA_INVALID_ACTION');
    expect(vec.stepSync(Int32Array.of(0, 0)).rewards).toEqual(Float64Array.of(10, 10));
  });

  it('a throwing plugin leaves the vector env needing reset', () => {
    const vec = registry.makeVec('test/Probe-v0', 2);
    vec.resetSync({ seed: 0 });
    const e = thrown(() => vec.stepSync([0, -1]));
    expect(e.code).toBe('METARENA_PLUGIN_ERROR');
    expect(e.details).toMatchObject({ plugin: 'test/Probe-v0', hook: 'step' });
    const again = thrown(() => vec.stepSync([0, 0]));
    expect(again.code).toBe('METARENA_RESET_NEEDED');
    expect(again.message).toContain('failed inside an env');
    vec.resetSync({ seed: 0 });
    expect(vec.stepSync([0, 0]).rewards).toEqual(Float64Array.of(10, 10));
  });

  it('batches Discrete observations into an Int32Array, updated every step', () => {
    const echo = defineEnv({
      id: 'test/Echo-v0',
      description: 'The observation is the last action.',
      observationSpace: new Discrete(5),
      actionSpace: new Discrete(5),
      create: () => ({
        reset: () => ({ obs: 4 }),
        step: (a: number) => ({ obs: a, reward: 0, terminated: a === 0 }),
      }),
    });
    for (const autoresetMode of ['next_step', 'same_step', 'disabled'] as const) {
      const vec = new Registry([echo]).makeVec('test/Echo-v0', 3, { autoresetMode });
      expect(vec.resetSync({ seed: 0 }).obs).toEqual(Int32Array.of(4, 4, 4));
      expect(vec.stepSync([1, 2, 3]).obs).toEqual(Int32Array.of(1, 2, 3));
      const end = vec.stepSync([3, 0, 1]);
      expect(end.obs).toEqual(Int32Array.of(3, autoresetMode === 'same_step' ? 4 : 0, 1));
      if (autoresetMode === 'same_step') expect((end.info.final_obs as unknown[])[1]).toBe(0);
    }
  });

  it('batches Dict observations as an object of batches; close is idempotent', async () => {
    const dictEnv = defineEnv({
      id: 'test/Dict-v0',
      description: 'Dict observation.',
      observationSpace: new Dict({ pos: new Box({ low: -10, high: 10, shape: [2] }), cell: new Discrete(4) }),
      actionSpace: new Discrete(4),
      create: () => ({
        reset: () => ({ obs: { pos: Float32Array.of(0, 0), cell: 0 } }),
        step: (a: number) => ({ obs: { pos: Float32Array.of(a, -a), cell: a }, reward: 0, terminated: false }),
      }),
    });
    const vec = new Registry([dictEnv]).makeVec('test/Dict-v0', 2);
    await vec.reset({ seed: 0 });
    const s = await vec.step([2, 3]);
    expect(s.obs).toEqual({ pos: Float32Array.of(2, -2, 3, -3), cell: Int32Array.of(2, 3) });
    await vec.close();
    await vec.close();
    expect(thrown(() => vec.stepSync([0, 0])).code).toBe('METARENA_CLOSED');
    const envs: Env[] = [];
    expect(thrown(() => new SyncVectorEnv(envs)).details.field).toBe('num_envs');
    expect(thrown(() => new SyncVectorEnv([registry.make('test/Probe-v0')], { autoresetMode: 'eager' as 'disabled' })).details.field).toBe('autoreset_mode');
  });
});

describe('SyncVectorEnv: a reset that fails for one env changes no env', () => {
  const builtin = createBuiltinRegistry();
  /** Two twin vector envs, reset and stepped alike; `failing` then meets `badReset`, and both go on with the same actions. */
  const expectUnchangedBy = (id: string, badReset: () => VectorResetArgs, field: string) => {
    const twins = [builtin.makeVec(id, 2), builtin.makeVec(id, 2)];
    const [failing, control] = twins;
    const act = new Rng(9);
    const step = (actions: unknown[]) => twins.map((v) => v.stepSync(actions));
    for (const v of twins) v.resetSync({ seed: 5 });
    for (let t = 0; t < 3; t++) step([failing.singleActionSpace.sample(act), failing.singleActionSpace.sample(act)]);
    const e = thrown(() => failing.resetSync(badReset()));
    expect(e.details.field).toBe(field);
    for (let t = 0; t < 20; t++) {
      const [a, b] = step([failing.singleActionSpace.sample(act), failing.singleActionSpace.sample(act)]);
      expect(Array.from(a.obs as Float32Array), `observations at step ${t} after the failed reset`).toEqual(Array.from(b.obs as Float32Array));
      expect(Array.from(a.rewards)).toEqual(Array.from(b.rewards));
      expect(Array.from(a.terminated)).toEqual(Array.from(b.terminated));
    }
    return e;
  };

  it('seed = 2^53 - 1 with 2 envs (env 1 would get 2^53) is refused before env 0 is reset', () => {
    const e = expectUnchangedBy('CartPole-v1', () => ({ seed: Number.MAX_SAFE_INTEGER }), 'seed');
    expect(e.code).toBe('METARENA_INVALID_SEED');
    expect(e.details.allowed).toBe(`integer in [0, ${Number.MAX_SAFE_INTEGER - 1}]`);
    // the largest seed that fits is taken
    expect(Array.from(builtin.makeVec('CartPole-v1', 2).resetSync({ seed: Number.MAX_SAFE_INTEGER - 1 }).info.trial as ArrayLike<number>)).toEqual([0, 0]);
  });

  it('a bad per-env seed or context for the last env changes no env', () => {
    expect(expectUnchangedBy('CartPole-v1', () => ({ seed: [1, -1] }), 'seed[1]').code).toBe('METARENA_INVALID_SEED');
    expect(expectUnchangedBy('CartPole-v1', () => ({ seed: 1, options: { contexts: [{ length: 1 }, { length: 1e9 }] } }), 'options.contexts[1].length').code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
    // a context whose spaces do not fit the make (max_torque 20 on a default Pendulum make)
    const e = expectUnchangedBy('Pendulum-v1', () => ({ seed: 1, options: { contexts: [{ max_torque: 1 }, { max_torque: 20 }] } }), 'options.contexts[1].max_torque');
    expect(e.message).toContain('env 1');
  });
});
