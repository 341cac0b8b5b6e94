/**
 * The conformance suite: the checks every env of a registry must pass, whatever it simulates.
 * `describeConformance(registry)` declares one vitest `describe` per registered env, so adding
 * an env to the registry is enough to have it checked. Step counts are capped so that a physics
 * env at a few thousand steps/s still takes well under a second.
 */
import { describe, expect, it } from 'vitest';
import {
  type Batch,
  Box,
  Dict,
  Discrete,
  type Env,
  type EnvPlugin,
  MetarenaError,
  MultiBinary,
  MultiDiscrete,
  type Registry,
  Rng,
  type Space,
  Tuple,
  createBatch,
  resolveArgs,
  spaceFromJSON,
  writeItem,
} from '../../src/core/index.ts';

/** Steps of the type check, the determinism check and the vector check. */
const TYPE_STEPS = 100;
const DETERMINISM_STEPS = 200;
const VECTOR_STEPS = 60;
const VECTOR_ENVS = 4;
/** Time limit in the vector check, so that it sees autoresets. */
const VECTOR_LIMIT = 25;
/** An env's own time limit is run out with random actions only when it is at most this long. */
const FULL_EPISODE_CAP = 500;
/** Steps taken with each context feature at a bound. */
const BOUND_STEPS = 5;

/** Runs `fn` and returns the MetarenaError it throws; fails when it throws nothing or something else. */
export function thrownBy(fn: () => unknown, what: string): MetarenaError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`${what}: expected a MetarenaError, nothing was thrown`);
  if (!(error instanceof MetarenaError)) throw new Error(`${what}: expected a MetarenaError, got ${String(error)}`, { cause: error });
  return error;
}

/** Every number of a space element, in batch layout order (Dict keys in space order). */
export function flatten(space: Space, value: unknown): number[] {
  const batch = createBatch(space, 1);
  writeItem(space, batch, 0, value);
  const out: number[] = [];
  const walk = (b: Batch): void => {
    if (ArrayBuffer.isView(b)) out.push(...Array.from(b as ArrayLike<number>));
    else if (Array.isArray(b)) b.forEach(walk);
    else for (const k of Object.keys(b)) walk(b[k]);
  };
  walk(batch);
  return out;
}

/** Fails with the first index where two number lists are not bit-identical (Object.is). */
export function expectIdentical(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: lengths differ (${a.length} vs ${b.length})`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
  }
}

/** Actions that are not in `space`: wrong type, wrong shape, NaN, out of range. */
export function invalidActions(space: Space): unknown[] {
  const bad: unknown[] = ['not an action', null, undefined, { nonsense: true }];
  if (space instanceof Box) {
    const ok = Array.from(space.sample(new Rng(0)));
    bad.push(ok.map((v, i) => (i === 0 ? Number.NaN : v)));
    bad.push([...ok, 0]);
    if (ok.length > 1) bad.push(ok.slice(1));
    const over = space.high.findIndex(Number.isFinite);
    if (over >= 0) bad.push(ok.map((v, i) => (i === over ? space.high[over] + Math.max(1, Math.abs(space.high[over])) : v)));
    const under = space.low.findIndex(Number.isFinite);
    if (under >= 0) bad.push(ok.map((v, i) => (i === under ? space.low[under] - Math.max(1, Math.abs(space.low[under])) : v)));
  } else if (space instanceof Discrete) {
    bad.push(space.start + space.n, space.start - 1, space.start + 0.5, Number.NaN, String(space.start), [space.start, space.start]);
  } else if (space instanceof MultiDiscrete) {
    const ok = Array.from(space.start);
    bad.push(ok.map((v, i) => (i === 0 ? v + space.nvec[0] : v)), [...ok, 0], ok.map((v, i) => (i === 0 ? Number.NaN : v)));
  } else if (space instanceof MultiBinary) {
    bad.push(new Array(space.size).fill(2), new Array(space.size + 1).fill(0));
  } else if (space instanceof Dict || space instanceof Tuple) {
    bad.push([], {});
  }
  return bad;
}

/**
 * Checks a step's types. With `terminalMayOvershoot`, a terminating observation only has to have
 * the right shape: at extreme contexts (e.g. CartPole with tau = 0.2) the state can step past a
 * threshold-derived bound on the step that terminates, exactly as in Gymnasium.
 */
function checkStepTypes(env: Env, r: ReturnType<Env['step']>, where: string, terminalMayOvershoot = false): void {
  const space = env.observationSpace;
  const overshootOk = terminalMayOvershoot && r.terminated && space instanceof Box && space.contains(clampToBox(space, r.obs));
  if (!overshootOk && !space.contains(r.obs)) throw new Error(`${where}: observation ${String(r.obs)} is not in ${env.observationSpace}`);
  if (typeof r.reward !== 'number' || !Number.isFinite(r.reward)) throw new Error(`${where}: reward ${String(r.reward)} is not a finite number`);
  if (typeof r.terminated !== 'boolean' || typeof r.truncated !== 'boolean') throw new Error(`${where}: terminated/truncated must be booleans`);
  if (typeof r.info !== 'object' || r.info === null) throw new Error(`${where}: info must be an object`);
}

function clampToBox(space: Box, obs: unknown): unknown {
  if (!ArrayBuffer.isView(obs)) return obs;
  const out = (obs as Float32Array).slice();
  for (let i = 0; i < out.length; i++) out[i] = Math.min(space.high[i], Math.max(space.low[i], out[i]));
  return out;
}

const defaultArgs = (plugin: EnvPlugin) => resolveArgs(plugin.args, {}, 'args');

function conformance(registry: Registry, plugin: EnvPlugin): void {
  const id = plugin.id;
  const make = (options = {}) => registry.make(id, options);

  it('declares valid spaces and context that survive a JSON round trip', () => {
    expect(plugin.description.trim().length).toBeGreaterThan(0);
    const env = make();
    const args = defaultArgs(plugin);
    for (const [name, space] of [
      ['observation', env.observationSpace],
      ['action', env.actionSpace],
    ] as const) {
      const json = JSON.parse(JSON.stringify(space.toJSON()));
      const back = spaceFromJSON(json, `${name}_space`);
      expect(back.toJSON(), `${name} space round trip`).toEqual(space.toJSON());
      const rng = new Rng(1);
      for (let i = 0; i < 20; i++) {
        const x = space.sample(rng);
        expect(space.contains(x), `${name} space contains its samples`).toBe(true);
        expect(back.contains(x), `round-tripped ${name} space contains the samples`).toBe(true);
      }
    }
    expect(plugin.observationSpace(args).toJSON()).toEqual(env.observationSpace.toJSON());
    expect(plugin.actionSpace(args).toJSON()).toEqual(env.actionSpace.toJSON());
    const context = JSON.parse(JSON.stringify(env.contextSpace.toJSON()));
    expect(context).toEqual(env.contextSpace.toJSON());
    for (const f of env.contextSpace.features) {
      expect(f.description.trim().length, `context feature ${f.name} has a description`).toBeGreaterThan(0);
      expect(Number.isFinite(f.default), `context feature ${f.name} has a finite default`).toBe(true);
    }
    expect(env.context).toEqual(env.contextSpace.defaults());
    env.close();
  });

  it('reset and step return values of the right types, inside their spaces', () => {
    const env = make();
    const policy = new Rng(7);
    let { obs, info } = env.reset({ seed: 7 });
    expect(env.observationSpace.contains(obs), `reset observation ${String(obs)} in ${env.observationSpace}`).toBe(true);
    expect(info).toMatchObject({ trial: 0, episode_in_trial: 0 });
    expect(info.context).toEqual(env.context);
    expect(() => env.contextSpace.validate(info.context)).not.toThrow();
    let length = 0;
    let total = 0;
    for (let t = 0; t < TYPE_STEPS; t++) {
      const r = env.step(env.actionSpace.sample(policy));
      checkStepTypes(env, r, `step ${t}`);
      length += 1;
      total += r.reward;
      if (r.terminated || r.truncated) {
        expect(r.info.episode, `info.episode at the end of an episode (step ${t})`).toEqual({ return: total, length });
        ({ obs, info } = env.reset());
        expect(env.observationSpace.contains(obs)).toBe(true);
        expect(typeof info.trial).toBe('number');
        length = 0;
        total = 0;
      } else {
        expect(r.info.episode, `no info.episode in mid-episode (step ${t})`).toBeUndefined();
      }
    }
    env.close();
  });

  it('is deterministic under a seed: same seed and actions give bit-identical trajectories', () => {
    const varied = make().contextSpace.features.length > 0 ? { contextSampler: { kind: 'gaussian', std: 0.05 } } : {};
    const a = make(varied);
    const b = make(varied);
    const policy = new Rng(123);
    const ra = a.reset({ seed: 123 });
    const rb = b.reset({ seed: 123 });
    expectIdentical(flatten(a.observationSpace, ra.obs), flatten(b.observationSpace, rb.obs), 'reset observation');
    expect(rb.info.context).toEqual(ra.info.context);
    for (let t = 0; t < DETERMINISM_STEPS; t++) {
      const action = a.actionSpace.sample(policy);
      const sa = a.step(action);
      const sb = b.step(action);
      expectIdentical(flatten(a.observationSpace, sa.obs), flatten(b.observationSpace, sb.obs), `observation at step ${t}`);
      expectIdentical([sa.reward, +sa.terminated, +sa.truncated], [sb.reward, +sb.terminated, +sb.truncated], `reward/terminated/truncated at step ${t}`);
      if (sa.terminated || sa.truncated) {
        const na = a.reset();
        const nb = b.reset();
        expectIdentical(flatten(a.observationSpace, na.obs), flatten(b.observationSpace, nb.obs), `reset observation after step ${t}`);
        expect(nb.info.context).toEqual(na.info.context);
      }
    }
    // seeding again restarts the same trajectory
    expectIdentical(flatten(a.observationSpace, a.reset({ seed: 123 }).obs), flatten(a.observationSpace, ra.obs), 'observation after reseeding');
    a.close();
    b.close();
  });

  it('enforces context bounds and rejects unknown features', () => {
    const env = make();
    env.reset({ seed: 3 });
    const policy = new Rng(3);
    const unknown = thrownBy(() => make({ context: { no_such_feature_xyz: 1 } }), 'unknown feature at make');
    expect(unknown.code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
    expect(thrownBy(() => env.reset({ options: { context: { no_such_feature_xyz: 1 } } }), 'unknown feature at reset').code).toBe('METARENA_UNKNOWN_CONTEXT_FEATURE');
    for (const f of env.contextSpace.features) {
      for (const [bound, direction] of [
        [f.lower, -1],
        [f.upper, 1],
      ]) {
        if (!Number.isFinite(bound)) continue;
        const beyond = bound + direction * Math.max(1, Math.abs(bound) / 2);
        const atMake = thrownBy(() => make({ context: { [f.name]: beyond } }), `${f.name} = ${beyond} at make`);
        expect(atMake.code, `${f.name} = ${beyond}`).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
        expect(atMake.message).toContain(f.name);
        const atReset = thrownBy(() => env.reset({ options: { context: { [f.name]: beyond } } }), `${f.name} = ${beyond} at reset`);
        expect(atReset.code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
        // the bound itself is allowed at make, with spaces made for it, and the env runs there
        // (with the env checker on, as by default)
        const atBound = make({ context: { [f.name]: bound } });
        const runs: [Env, string][] = [[atBound, `made with ${f.name} = ${bound}`]];
        // on the default make, a reset there is allowed when it fits the default spaces, else refused naming the feature
        try {
          env.reset({ options: { context: { [f.name]: bound } } });
          runs.push([env, `reset to ${f.name} = ${bound}`]);
        } catch (e) {
          expect(e, `${f.name} = ${bound} at reset`).toBeInstanceOf(MetarenaError);
          expect((e as MetarenaError).code).toBe('METARENA_CONTEXT_OUT_OF_BOUNDS');
          expect((e as MetarenaError).details.field).toBe(`options.context.${f.name}`);
        }
        for (const [run, what] of runs) {
          const { obs, info } = run.reset({ seed: 3, options: { context: { [f.name]: bound } } });
          expect((info.context as Record<string, number>)[f.name]).toBe(bound);
          expect(run.observationSpace.contains(obs), `reset observation, ${what}`).toBe(true);
          for (let t = 0; t < BOUND_STEPS; t++) {
            const r = run.step(run.actionSpace.sample(policy));
            checkStepTypes(run, r, `${what}, step ${t}`, true);
            if (r.terminated || r.truncated) break;
          }
        }
        atBound.close();
      }
    }
    env.close();
  });

  it('truncates exactly at the time limit', () => {
    const args = defaultArgs(plugin);
    const own = plugin.maxEpisodeSteps(args);
    const env = make();
    expect(env.maxEpisodeSteps).toBe(own);
    const policy = new Rng(5);
    // the env's own limit, run out with random actions when it is short enough
    if (own !== undefined && own <= FULL_EPISODE_CAP) {
      env.reset({ seed: 5 });
      for (let t = 1; t <= own; t++) {
        const r = env.step(env.actionSpace.sample(policy));
        if (t === own) expect(r.truncated, `truncated at the env's limit ${own}`).toBe(true);
        if (r.terminated || r.truncated) break;
      }
    }
    env.close();
    // a limit set through make: every episode ends by step `limit`, truncated there
    for (const limit of [1, 3]) {
      const short = make({ maxEpisodeSteps: limit });
      expect(short.maxEpisodeSteps).toBe(limit);
      short.reset({ seed: limit });
      for (let episode = 0; episode < 5; episode++) {
        for (let t = 1; t <= limit; t++) {
          const r = short.step(short.actionSpace.sample(policy));
          if (t === limit) expect(r.truncated, `truncated at step ${limit} of ${limit}`).toBe(true);
          if (r.terminated || r.truncated) break;
        }
        expect(thrownBy(() => short.step(short.actionSpace.sample(policy)), 'step after the episode ended').code).toBe('METARENA_RESET_NEEDED');
        short.reset();
      }
      short.close();
    }
  });

  it('rejects invalid actions with METARENA_INVALID_ACTION and keeps the episode going', () => {
    const env = make();
    expect(thrownBy(() => env.step(env.actionSpace.sample(new Rng(0))), 'step before reset').code).toBe('METARENA_RESET_NEEDED');
    env.reset({ seed: 11 });
    for (const action of invalidActions(env.actionSpace)) {
      const e = thrownBy(() => env.step(action), `action ${JSON.stringify(action)}`);
      expect(e.code, `action ${JSON.stringify(action)}`).toBe('METARENA_INVALID_ACTION');
    }
    checkStepTypes(env, env.step(env.actionSpace.sample(new Rng(11))), 'valid step after invalid actions');
    env.close();
  });

  it('closes idempotently; reset and step after close are METARENA_CLOSED', () => {
    const env = make();
    env.reset({ seed: 1 });
    env.close();
    expect(() => env.close()).not.toThrow();
    expect(thrownBy(() => env.step(env.actionSpace.sample(new Rng(1))), 'step after close').code).toBe('METARENA_CLOSED');
    expect(thrownBy(() => env.reset(), 'reset after close').code).toBe('METARENA_CLOSED');
  });

  it(`as a vector env of ${VECTOR_ENVS}, matches ${VECTOR_ENVS} single envs seeded seed + i`, () => {
    const seed = 31;
    // a short limit, so that every env also goes through autoresets
    const options = { maxEpisodeSteps: VECTOR_LIMIT };
    const vec = registry.makeVec(id, VECTOR_ENVS, options);
    const singles = Array.from({ length: VECTOR_ENVS }, () => make(options));
    const obsSpace = vec.singleObservationSpace;
    const flatOf = (items: unknown[]) => items.flatMap((o) => flatten(obsSpace, o));
    const vr = vec.resetSync({ seed });
    const first = singles.map((env, i) => env.reset({ seed: seed + i }).obs);
    expectIdentical(flatItems(obsSpace, vr.obs), flatOf(first), 'reset observations');
    const done = new Array(VECTOR_ENVS).fill(false);
    let autoresets = 0;
    const policy = new Rng(seed);
    for (let t = 0; t < VECTOR_STEPS; t++) {
      const actions = singles.map((env) => env.actionSpace.sample(policy));
      const vs = vec.stepSync(actions);
      const obs: unknown[] = [];
      const rewards: number[] = [];
      const flags: number[] = [];
      singles.forEach((env, i) => {
        if (done[i]) {
          autoresets += 1;
          obs.push(env.reset().obs);
          rewards.push(0);
          flags.push(0, 0);
          done[i] = false;
          return;
        }
        const r = env.step(actions[i]);
        obs.push(r.obs);
        rewards.push(r.reward);
        flags.push(+r.terminated, +r.truncated);
        done[i] = r.terminated || r.truncated;
      });
      expectIdentical(flatItems(obsSpace, vs.obs), flatOf(obs), `observations at step ${t}`);
      expectIdentical(vs.rewards, rewards, `rewards at step ${t}`);
      expectIdentical(
        Array.from({ length: VECTOR_ENVS }, (_, i) => [vs.terminated[i], vs.truncated[i]]).flat(),
        flags,
        `terminated/truncated at step ${t}`,
      );
    }
    expect(autoresets).toBeGreaterThanOrEqual(VECTOR_ENVS);
    vec.closeSync();
    singles.forEach((env) => env.close());
  });
}

/** A vector observation batch as per-env flat numbers, env after env (same order as `flatten`). */
function flatItems(space: Space, batch: Batch): number[] {
  const out: number[] = [];
  const n = VECTOR_ENVS;
  const perEnv: number[][] = Array.from({ length: n }, () => []);
  const walk = (s: Space, b: Batch): void => {
    if (s instanceof Dict) {
      for (const k of s.keys()) walk(s.spaces[k], (b as Record<string, Batch>)[k]);
    } else if (s instanceof Tuple) {
      s.spaces.forEach((sub, j) => walk(sub, (b as Batch[])[j]));
    } else {
      const flat = b as unknown as ArrayLike<number>;
      const size = flat.length / n;
      for (let i = 0; i < n; i++) for (let j = 0; j < size; j++) perEnv[i].push(flat[i * size + j]);
    }
  };
  walk(space, batch);
  for (const row of perEnv) out.push(...row);
  return out;
}

/** Declares the conformance suite for every env of `registry`. */
export function describeConformance(registry: Registry): void {
  const plugins = registry.listEnvs();
  it('the registry has envs to check', () => {
    expect(plugins.length).toBeGreaterThan(0);
  });
  for (const plugin of plugins) describe(plugin.id, () => conformance(registry, plugin));
}
