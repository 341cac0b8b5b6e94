/**
 * Plugins are plain objects (as in Rollup): `defineEnv` and `defineWrapper` check the object and
 * return it frozen. A registry holds them; nothing global.
 */
import { type ArgSpecs, type ArgsOf } from './args.ts';
import { type ContextFeature, type ContextRange, type ContextSamplerSpec, ContextSpace } from './context.ts';
import type { Env, EnvInstance } from './env.ts';
import { MetarenaError, show } from './errors.ts';
import type { Rng } from './rng.ts';
import type { Space } from './spaces/index.ts';

export const ENV_ID_PATTERN = /^(?:[A-Za-z0-9_.-]+\/)?[A-Za-z][A-Za-z0-9_.:]*(?:-[A-Za-z0-9_.:]+)*-v\d+$/;
export const WRAPPER_ID_PATTERN = /^(?:[A-Za-z0-9_.-]+\/)?[A-Za-z][A-Za-z0-9_.:-]*$/;

type OrFn<T, A> = T | ((args: A) => T);
/**
 * A space, or a function of the args and of the range of contexts the make can draw (each
 * feature's least and greatest value), for spaces that depend on the context: Pendulum's action
 * space spans the largest `max_torque` a make can draw, so the default make is Gymnasium's Box(-2, 2).
 */
type SpaceOf<T, A> = Space<T> | ((args: A, range: ContextRange) => Space<T>);

export interface EnvDefinition<S extends ArgSpecs, O, A, T> {
  /** `[namespace/]Name-vN`. */
  id: string;
  /** One line: what the env is. The plugin file's doc block says the rest. */
  description: string;
  /** Env-specific arguments (e.g. a bandit's `arms`), given to `make` as `args`. */
  args?: S;
  observationSpace: SpaceOf<O, ArgsOf<S>>;
  actionSpace: SpaceOf<A, ArgsOf<S>>;
  context?: readonly ContextFeature[];
  /**
   * Estimated memory of one env in bytes, given its resolved args (default DEFAULT_ENV_BYTES,
   * see cost.ts): what `make` weighs against its memory budget.
   */
  memoryBytes?: OrFn<number, ArgsOf<S>>;
  /**
   * True when the observation of a terminating step may lie outside the observation space
   * (CartPole: the state can step past its threshold-derived bounds as the episode ends, as in
   * Gymnasium). The env checker then checks that observation for length and finiteness only.
   */
  terminalObservationMayLeaveSpace?: boolean;
  /** Steps after which `make` truncates an episode; undefined for none. */
  maxEpisodeSteps?: OrFn<number | undefined, ArgsOf<S>>;
  /** Default episodes per trial (RL² trials); 1 unless the env is defined in trials. */
  episodesPerTrial?: number;
  /** Default train/test split sizes. */
  splits?: { train: number; test: number };
  /** Structured tasks (arm probabilities, MDP tables): drawn once per trial from `rng`. */
  sampleTask?: (rng: Rng, context: Readonly<Record<string, number>>, args: ArgsOf<S>) => T;
  /**
   * A task family over context features (PEARL's cheetah-vel goal velocities, ant-dir angles):
   * the sampler `make` draws the train/test task lists with when a `split` is asked for and no
   * `contextSampler` is given, and the list sizes (default: `splits`).
   */
  taskFamily?: OrFn<TaskFamily | undefined, ArgsOf<S>>;
  create: (args: ArgsOf<S>) => EnvInstance<O, A, T>;
}

export interface TaskFamily {
  sampler: ContextSamplerSpec;
  splits?: { train: number; test: number };
}

export interface EnvPlugin<S extends ArgSpecs = ArgSpecs, O = any, A = any, T = any> {
  readonly kind: 'env';
  readonly id: string;
  readonly description: string;
  readonly args: S;
  readonly contextSpace: ContextSpace;
  readonly episodesPerTrial: number;
  readonly splits: { train: number; test: number };
  readonly terminalObservationMayLeaveSpace: boolean;
  /** The spaces for `range` (default: every feature at its default, the spaces of a default make). */
  observationSpace(args: ArgsOf<S>, range?: ContextRange): Space<O>;
  actionSpace(args: ArgsOf<S>, range?: ContextRange): Space<A>;
  /** Estimated bytes of one env; use `estimateEnvBytes` (cost.ts), which checks the answer. */
  memoryBytes(args: ArgsOf<S>): number | undefined;
  maxEpisodeSteps(args: ArgsOf<S>): number | undefined;
  sampleTask?(rng: Rng, context: Readonly<Record<string, number>>, args: ArgsOf<S>): T;
  taskFamily(args: ArgsOf<S>): TaskFamily | undefined;
  create(args: ArgsOf<S>): EnvInstance<O, A, T>;
}

const asFn = <T, A>(v: OrFn<T, A>): ((args: A) => T) => (typeof v === 'function' ? (v as (args: A) => T) : () => v);

function spaceFn<T, A>(v: SpaceOf<T, A>, defaults: ContextRange): (args: A, range?: ContextRange) => Space<T> {
  if (typeof v !== 'function') return () => v;
  return (args, range = defaults) => v(args, range);
}

function requireString(v: unknown, what: string, id: string): void {
  if (typeof v !== 'string' || v.length === 0) throw new MetarenaError('METARENA_PLUGIN_ERROR', `plugin ${show(id)}: ${what} must be a non-empty string`, { plugin: String(id), field: what });
}

export function defineEnv<S extends ArgSpecs = {}, O = any, A = any, T = undefined>(def: EnvDefinition<S, O, A, T>): EnvPlugin<S, O, A, T> {
  if (typeof def !== 'object' || def === null) throw new MetarenaError('METARENA_PLUGIN_ERROR', 'defineEnv needs a definition object');
  if (typeof def.id !== 'string' || !ENV_ID_PATTERN.test(def.id)) {
    throw new MetarenaError('METARENA_INVALID_ID', `env id ${show(def.id)} must look like [namespace/]Name-vN, e.g. CartPole-v1 or acme/Maze-v0`, { field: 'id', allowed: '[namespace/]Name-vN' });
  }
  requireString(def.description, 'description', def.id);
  if (typeof def.create !== 'function') throw new MetarenaError('METARENA_PLUGIN_ERROR', `plugin ${def.id}: create must be a function`, { plugin: def.id, field: 'create' });
  const episodesPerTrial = def.episodesPerTrial ?? 1;
  if (!Number.isInteger(episodesPerTrial) || episodesPerTrial < 1) throw new MetarenaError('METARENA_PLUGIN_ERROR', `plugin ${def.id}: episodesPerTrial must be a positive integer`, { plugin: def.id });
  const contextSpace = new ContextSpace(def.context ?? []);
  const defaultRange = contextSpace.pointRange(contextSpace.defaults());
  return Object.freeze({
    kind: 'env' as const,
    id: def.id,
    description: def.description,
    args: (def.args ?? {}) as S,
    contextSpace,
    episodesPerTrial,
    splits: def.splits ?? { train: 100, test: 100 },
    terminalObservationMayLeaveSpace: def.terminalObservationMayLeaveSpace === true,
    observationSpace: spaceFn(def.observationSpace, defaultRange),
    actionSpace: spaceFn(def.actionSpace, defaultRange),
    memoryBytes: def.memoryBytes === undefined ? () => undefined : asFn(def.memoryBytes),
    maxEpisodeSteps: asFn(def.maxEpisodeSteps),
    sampleTask: def.sampleTask,
    taskFamily: asFn(def.taskFamily),
    create: def.create,
  });
}

export interface WrapperDefinition<S extends ArgSpecs> {
  /** `[namespace/]Name`, e.g. `ContextObservation`. */
  id: string;
  description: string;
  args?: S;
  /** Returns the wrapped env; its spaces are explicit, nothing is forwarded implicitly. */
  apply: (env: Env, args: ArgsOf<S>) => Env;
}

export interface WrapperPlugin<S extends ArgSpecs = ArgSpecs> {
  readonly kind: 'wrapper';
  readonly id: string;
  readonly description: string;
  readonly args: S;
  apply(env: Env, args: ArgsOf<S>): Env;
}

export function defineWrapper<S extends ArgSpecs = {}>(def: WrapperDefinition<S>): WrapperPlugin<S> {
  if (typeof def !== 'object' || def === null) throw new MetarenaError('METARENA_PLUGIN_ERROR', 'defineWrapper needs a definition object');
  if (typeof def.id !== 'string' || !WRAPPER_ID_PATTERN.test(def.id)) {
    throw new MetarenaError('METARENA_INVALID_ID', `wrapper id ${show(def.id)} must look like [namespace/]Name`, { field: 'id', allowed: '[namespace/]Name' });
  }
  requireString(def.description, 'description', def.id);
  if (typeof def.apply !== 'function') throw new MetarenaError('METARENA_PLUGIN_ERROR', `plugin ${def.id}: apply must be a function`, { plugin: def.id, field: 'apply' });
  return Object.freeze({ kind: 'wrapper' as const, id: def.id, description: def.description, args: (def.args ?? {}) as S, apply: def.apply });
}

export type Plugin = EnvPlugin | WrapperPlugin;
