/**
 * The registry: an object holding env and wrapper plugins. `make` builds a ready env (context
 * choice, splits, spaces for the contexts it can draw, time limit, env checker, wrappers) after
 * holding the request to the limits of cost.ts; `makeVec` builds an in-process vector env.
 */
import { resolveArgs } from './args.ts';
import { type ContextSamplerSpec, type SplitName, buildSplit, checkSplitsDisjoint, closest, createSampler } from './context.ts';
import { DEFAULT_MAKE_BUDGET_BYTES, checkMakeBudget, checkSplitSize, estimateEnvBytes } from './cost.ts';
import { EnvChecker } from './env-checker.ts';
import type { Env } from './env.ts';
import { MetarenaError, pluginError, show } from './errors.ts';
import { ManagedEnv } from './managed-env.ts';
import { ENV_ID_PATTERN, type EnvPlugin, type Plugin, WRAPPER_ID_PATTERN, type WrapperPlugin } from './plugin.ts';
import { checkSeed } from './rng.ts';
import { type AutoresetMode, SyncVectorEnv } from './vector/sync-vector-env.ts';

export interface WrapperSpec {
  id: string;
  [option: string]: unknown;
}

export interface MakeOptions {
  /** Env-specific arguments, e.g. `{arms: 10}` for Bandit-v0. */
  args?: Record<string, unknown>;
  /** Explicit context values (feature → value); these features stay fixed. */
  context?: Record<string, number>;
  /** How the other features are drawn per trial (default: the defaults). */
  contextSampler?: ContextSamplerSpec;
  /** Take contexts/tasks from this named split instead of fresh draws. */
  split?: SplitName;
  /** Split sizes (default: the env's). */
  splitSizes?: { train?: number; test?: number };
  /** Seed of the split lists (default 0, so a split is the same list in every run). */
  splitSeed?: number;
  /** Order in which split tasks are taken. */
  taskOrder?: 'random' | 'cycle';
  /** Episodes that share one context/task (RL² trials). */
  episodesPerTrial?: number;
  /** Overrides the env's time limit; 0 disables it. */
  maxEpisodeSteps?: number;
  /** Wrappers applied in order, innermost first. */
  wrappers?: WrapperSpec[];
  /**
   * Whether the env checker (env-checker.ts) watches every observation and reward the plugin
   * returns (default true).
   */
  envChecker?: boolean;
  /**
   * Bytes all envs of this make may cost together, by the plugins' estimates (cost.ts); a make
   * over it is refused with METARENA_LIMIT_EXCEEDED. Default DEFAULT_MAKE_BUDGET_BYTES (4 GiB).
   */
  memoryBudgetBytes?: number;
}

export interface MakeVecOptions extends MakeOptions {
  autoresetMode?: AutoresetMode;
}

const MAKE_KEYS = ['args', 'context', 'contextSampler', 'split', 'splitSizes', 'splitSeed', 'taskOrder', 'episodesPerTrial', 'maxEpisodeSteps', 'wrappers', 'envChecker', 'memoryBudgetBytes'];

/** A make's options, checked: how to create one env, and what one env is estimated to cost. */
interface MakePlan {
  create: () => Env;
  bytesPerEnv: number;
  budget: number;
}

function positiveInt(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be a positive integer, got ${show(v)}`, { field, allowed: 'integer >= 1' });
  return v;
}

export class Registry {
  private readonly envs = new Map<string, EnvPlugin>();
  private readonly wrappers = new Map<string, WrapperPlugin>();

  constructor(plugins: Iterable<Plugin> = []) {
    for (const p of plugins) this.register(p);
  }

  register(plugin: Plugin): this {
    if (typeof plugin !== 'object' || plugin === null || (plugin.kind !== 'env' && plugin.kind !== 'wrapper')) {
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `not a plugin: expected an object made by defineEnv or defineWrapper, got ${show(plugin)}`);
    }
    const table: Map<string, Plugin> = plugin.kind === 'env' ? this.envs : this.wrappers;
    const pattern = plugin.kind === 'env' ? ENV_ID_PATTERN : WRAPPER_ID_PATTERN;
    if (!pattern.test(plugin.id)) throw new MetarenaError('METARENA_INVALID_ID', `invalid ${plugin.kind} id ${show(plugin.id)}`, { field: 'id' });
    if (table.has(plugin.id)) throw new MetarenaError('METARENA_DUPLICATE_ID', `${plugin.kind} id ${plugin.id} is already registered`, { field: 'id', plugin: plugin.id });
    table.set(plugin.id, plugin);
    return this;
  }

  listEnvs(): EnvPlugin[] {
    return [...this.envs.values()];
  }

  listWrappers(): WrapperPlugin[] {
    return [...this.wrappers.values()];
  }

  hasEnv(id: string): boolean {
    return this.envs.has(id);
  }

  env(id: string): EnvPlugin {
    const p = this.envs.get(id);
    if (p) return p;
    const near = typeof id === 'string' ? closest(id, this.envs.keys()) : undefined;
    throw new MetarenaError('METARENA_UNKNOWN_ENV', `unknown env ${show(id)}${near ? `; did you mean ${near}?` : ''} (${this.envs.size} registered: see \`metarena envs\`)`, {
      field: 'env_id',
      allowed: near ?? [...this.envs.keys()].join(', '),
    });
  }

  wrapper(id: string): WrapperPlugin {
    const p = this.wrappers.get(id);
    if (p) return p;
    const near = typeof id === 'string' ? closest(id, this.wrappers.keys()) : undefined;
    throw new MetarenaError('METARENA_UNKNOWN_WRAPPER', `unknown wrapper ${show(id)}${near ? `; did you mean ${near}?` : ''}; wrappers: ${[...this.wrappers.keys()].join(', ')}`, {
      field: 'wrappers.id',
      allowed: [...this.wrappers.keys()].join(', '),
    });
  }

  /** Builds one env; every option is checked before anything is created. */
  make(id: string, options: MakeOptions = {}): Env {
    const plan = this.plan(id, options);
    checkMakeBudget(id, 1, plan.bytesPerEnv, plan.budget);
    return plan.create();
  }

  /** An in-process vector env of `numEnvs` copies made with the same options. */
  makeVec(id: string, numEnvs: number, options: MakeVecOptions = {}): SyncVectorEnv {
    const { autoresetMode, ...rest } = options;
    const n = positiveInt(numEnvs, 'num_envs');
    const { create, bytesPerEnv, budget } = this.plan(id, rest);
    checkMakeBudget(id, n, bytesPerEnv, budget);
    const envs: Env[] = [];
    try {
      for (let i = 0; i < n; i++) envs.push(create());
    } catch (e) {
      for (const env of envs) env.close();
      throw e;
    }
    return new SyncVectorEnv(envs, { autoresetMode });
  }

  /** Validates options once and returns a function that makes envs with them. */
  factory(id: string, options: MakeOptions = {}): () => Env {
    return this.plan(id, options).create;
  }

  private plan(id: string, options: MakeOptions): MakePlan {
    const plugin = this.env(id);
    if (typeof options !== 'object' || options === null) throw new MetarenaError('METARENA_INVALID_OPTION', `make options must be an object, got ${show(options)}`, { field: 'options' });
    for (const k of Object.keys(options)) {
      if (!MAKE_KEYS.includes(k)) {
        const near = closest(k, MAKE_KEYS);
        throw new MetarenaError('METARENA_INVALID_OPTION', `unknown make option ${show(k)}${near ? ` (did you mean ${near}?)` : ''}; allowed: ${MAKE_KEYS.join(', ')}`, { field: k, allowed: MAKE_KEYS.join(', ') });
      }
    }
    const args = resolveArgs(plugin.args, options.args, 'args');
    const envChecker = options.envChecker ?? true;
    if (typeof envChecker !== 'boolean') throw new MetarenaError('METARENA_INVALID_OPTION', `env_checker must be true or false, got ${show(envChecker)}`, { field: 'env_checker', allowed: 'true, false' });
    const budget = options.memoryBudgetBytes ?? DEFAULT_MAKE_BUDGET_BYTES;
    if (typeof budget !== 'number' || !(budget > 0)) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `memory_budget_bytes must be a positive number, got ${show(budget)}`, { field: 'memory_budget_bytes', allowed: 'a number > 0' });
    }
    const bytesPerEnv = estimateEnvBytes(plugin, args);
    let family;
    try {
      family = options.split !== undefined && options.contextSampler === undefined ? plugin.taskFamily(args) : undefined;
    } catch (e) {
      throw pluginError(plugin.id, 'taskFamily', e);
    }
    const sampler = createSampler(plugin.contextSpace, options.contextSampler ?? family?.sampler ?? { kind: 'default' }, options.context ?? {}, 'context_sampler');
    const episodesPerTrial = options.episodesPerTrial === undefined ? plugin.episodesPerTrial : positiveInt(options.episodesPerTrial, 'episodes_per_trial');
    let maxEpisodeSteps: number | undefined;
    try {
      maxEpisodeSteps = plugin.maxEpisodeSteps(args);
    } catch (e) {
      throw pluginError(plugin.id, 'maxEpisodeSteps', e);
    }
    if (options.maxEpisodeSteps !== undefined) {
      const m = options.maxEpisodeSteps;
      if (m !== 0) positiveInt(m, 'max_episode_steps');
      maxEpisodeSteps = m === 0 ? undefined : m;
    }
    const taskOrder = options.taskOrder ?? 'random';
    if (taskOrder !== 'random' && taskOrder !== 'cycle') throw new MetarenaError('METARENA_INVALID_OPTION', `task_order must be random or cycle, got ${show(taskOrder)}`, { field: 'task_order', allowed: 'random, cycle' });

    let tasks;
    if (options.split !== undefined) {
      if (options.split !== 'train' && options.split !== 'test') {
        throw new MetarenaError('METARENA_INVALID_OPTION', `split must be train or test, got ${show(options.split)}`, { field: 'split', allowed: 'train, test' });
      }
      const sizes = { ...(family?.splits ?? plugin.splits) };
      const given = options.splitSizes ?? {};
      if (typeof given !== 'object' || given === null || Array.isArray(given)) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `split_sizes must be an object {train?, test?}, got ${show(given)}`, { field: 'split_sizes', allowed: 'train, test' });
      }
      for (const k of Object.keys(given)) {
        if (k !== 'train' && k !== 'test') throw new MetarenaError('METARENA_INVALID_OPTION', `split_sizes: unknown split ${show(k)}; allowed: train, test`, { field: `split_sizes.${k}`, allowed: 'train, test' });
      }
      for (const name of ['train', 'test'] as const) {
        // the env's own default is held to the same limit; a smaller split_sizes is the way out
        sizes[name] = checkSplitSize(Object.hasOwn(given, name) && given[name] !== undefined ? given[name] : sizes[name], `split_sizes.${name}`);
      }
      const splitSeed = options.splitSeed === undefined ? 0 : checkSeed(options.splitSeed, 'split_seed');
      const structured = plugin.sampleTask !== undefined;
      if (!structured && !sampler.varies) {
        throw new MetarenaError('METARENA_SPLIT_OVERLAP', `${id} has no task family and the context does not vary, so train and test would be the same; give a context_sampler`, {
          field: 'split',
          allowed: 'a context_sampler other than default',
        });
      }
      const train = buildSplit(sampler, 'train', sizes.train, splitSeed);
      const test = buildSplit(sampler, 'test', sizes.test, splitSeed);
      const allowOverlap = sampler.spec.kind === 'list';
      if (!allowOverlap) checkSplitsDisjoint(train, test, structured);
      tasks = options.split === 'train' ? train : test;
    }

    const wrapperSpecs = options.wrappers ?? [];
    if (!Array.isArray(wrapperSpecs)) throw new MetarenaError('METARENA_INVALID_OPTION', `wrappers must be a list of {id, ...options}, got ${show(wrapperSpecs)}`, { field: 'wrappers' });
    const wrappers = wrapperSpecs.map((spec, i) => {
      if (typeof spec !== 'object' || spec === null || typeof spec.id !== 'string') {
        throw new MetarenaError('METARENA_INVALID_OPTION', `wrappers[${i}] must be an object with an id, got ${show(spec)}`, { field: `wrappers[${i}].id` });
      }
      const plugin = this.wrapper(spec.id);
      const { id: _id, ...rest } = spec;
      return { plugin, args: resolveArgs(plugin.args, rest, `wrappers[${i}]`) };
    });

    const contextRange = sampler.range;
    let observationSpace, actionSpace;
    try {
      observationSpace = plugin.observationSpace(args, contextRange);
    } catch (e) {
      throw pluginError(plugin.id, 'observationSpace', e);
    }
    try {
      actionSpace = plugin.actionSpace(args, contextRange);
    } catch (e) {
      throw pluginError(plugin.id, 'actionSpace', e);
    }
    const checker = envChecker ? new EnvChecker(observationSpace, plugin.terminalObservationMayLeaveSpace) : undefined;
    const setup = { sampler, tasks, taskOrder, episodesPerTrial, maxEpisodeSteps, contextRange, observationSpace, actionSpace, checker } as const;
    const create = () => {
      let env: Env = new ManagedEnv(plugin, args, setup);
      for (const w of wrappers) {
        try {
          env = w.plugin.apply(env, w.args);
        } catch (e) {
          throw pluginError(w.plugin.id, 'apply', e);
        }
      }
      return env;
    };
    return { create, bytesPerEnv, budget };
  }
}
