/**
 * Session requests in core terms: make options, reset arguments and step actions, to and from
 * their messages. The server checks everything again through the core, so these functions only
 * translate (and reject what cannot be translated, naming the field).
 */
import { type Batch, type ContextSamplerSpec, MetarenaError, type MakeVecOptions, type Space, type VectorResetArgs, type WrapperSpec, checkSeed, show } from '../core/index.ts';
import { fromWireJsonObject, toWireJson } from './json.ts';
import { pb, type v1 } from './proto.ts';
import { AUTORESET_TO_WIRE, autoresetFromWire } from './spec.ts';
import { checkBatchShape, decodeBatch, encodeBatch } from './tensor.ts';

/** Make options plus what only the wire has: the seed of the first seedless reset. */
export interface WireMakeOptions extends MakeVecOptions {
  seed?: number;
}

function nonEmpty(map: Record<string, number> | null | undefined): Record<string, number> | undefined {
  return map && Object.keys(map).length > 0 ? { ...map } : undefined;
}

function jsonObjectText(value: unknown, field: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be an object, got ${show(value)}`, { field });
  }
  return toWireJson(value);
}

export function encodeMake(envId: string, numEnvs: number, o: WireMakeOptions = {}): v1.IMakeRequest {
  const msg: v1.IMakeRequest = { env_id: envId, num_envs: numEnvs, args_json: jsonObjectText(o.args, 'args') };
  if (o.seed !== undefined) msg.seed = checkSeed(o.seed);
  if (o.context) msg.context = { ...o.context };
  if (o.contextSampler) {
    const { kind, ...params } = o.contextSampler as ContextSamplerSpec & Record<string, unknown>;
    msg.context_sampler = { kind: String(kind), params_json: toWireJson(params) };
  }
  if (o.split !== undefined) msg.split = o.split === 'train' ? pb.Split.SPLIT_TRAIN : o.split === 'test' ? pb.Split.SPLIT_TEST : (-1 as v1.Split);
  if (o.splitSizes) msg.split_sizes = { train: o.splitSizes.train ?? null, test: o.splitSizes.test ?? null };
  if (o.splitSeed !== undefined) msg.split_seed = checkSeed(o.splitSeed, 'split_seed');
  if (o.taskOrder !== undefined) msg.task_order = o.taskOrder === 'cycle' ? pb.TaskOrder.TASK_ORDER_CYCLE : pb.TaskOrder.TASK_ORDER_RANDOM;
  if (o.episodesPerTrial !== undefined) msg.episodes_per_trial = o.episodesPerTrial;
  if (o.maxEpisodeSteps !== undefined) msg.max_episode_steps = o.maxEpisodeSteps;
  if (o.wrappers) {
    msg.wrappers = o.wrappers.map((w, i) => {
      if (typeof w !== 'object' || w === null || typeof w.id !== 'string') throw new MetarenaError('METARENA_INVALID_OPTION', `wrappers[${i}] must be an object with an id, got ${show(w)}`, { field: `wrappers[${i}].id` });
      const { id, ...options } = w;
      return { id, options_json: toWireJson(options) };
    });
  }
  if (o.autoresetMode !== undefined) msg.autoreset_mode = AUTORESET_TO_WIRE[o.autoresetMode] ?? (-1 as v1.AutoresetMode);
  return msg;
}

export interface DecodedMake {
  envId: string;
  numEnvs: number;
  seed: number | undefined;
  options: MakeVecOptions;
}

export function decodeMake(msg: v1.IMakeRequest): DecodedMake {
  const o: MakeVecOptions = {};
  const args = fromWireJsonObject(msg.args_json, 'args_json');
  if (args) o.args = args;
  const context = nonEmpty(msg.context);
  if (context) o.context = context;
  if (msg.context_sampler) {
    const params = fromWireJsonObject(msg.context_sampler.params_json, 'context_sampler.params_json') ?? {};
    if ('kind' in params) throw new MetarenaError('METARENA_INVALID_OPTION', 'context_sampler.params_json must not repeat kind', { field: 'context_sampler.params_json' });
    o.contextSampler = { kind: msg.context_sampler.kind ?? '', ...params } as ContextSamplerSpec;
  }
  switch (msg.split ?? 0) {
    case pb.Split.SPLIT_UNSPECIFIED:
      break;
    case pb.Split.SPLIT_TRAIN:
      o.split = 'train';
      break;
    case pb.Split.SPLIT_TEST:
      o.split = 'test';
      break;
    default:
      throw new MetarenaError('METARENA_INVALID_OPTION', `split ${show(msg.split)} is not a split`, { field: 'split', allowed: 'SPLIT_TRAIN, SPLIT_TEST' });
  }
  if (msg.split_sizes) {
    o.splitSizes = {};
    if (msg.split_sizes.train != null) o.splitSizes.train = msg.split_sizes.train;
    if (msg.split_sizes.test != null) o.splitSizes.test = msg.split_sizes.test;
  }
  if (msg.split_seed != null) o.splitSeed = msg.split_seed;
  switch (msg.task_order ?? 0) {
    case pb.TaskOrder.TASK_ORDER_UNSPECIFIED:
      break;
    case pb.TaskOrder.TASK_ORDER_RANDOM:
      o.taskOrder = 'random';
      break;
    case pb.TaskOrder.TASK_ORDER_CYCLE:
      o.taskOrder = 'cycle';
      break;
    default:
      throw new MetarenaError('METARENA_INVALID_OPTION', `task_order ${show(msg.task_order)} is not a task order`, { field: 'task_order', allowed: 'TASK_ORDER_RANDOM, TASK_ORDER_CYCLE' });
  }
  if (msg.episodes_per_trial != null) o.episodesPerTrial = msg.episodes_per_trial;
  if (msg.max_episode_steps != null) o.maxEpisodeSteps = msg.max_episode_steps;
  if (msg.wrappers && msg.wrappers.length > 0) {
    o.wrappers = msg.wrappers.map((w, i): WrapperSpec => {
      const options = fromWireJsonObject(w.options_json, `wrappers[${i}].options_json`) ?? {};
      if ('id' in options) throw new MetarenaError('METARENA_INVALID_OPTION', `wrappers[${i}].options_json must not contain id`, { field: `wrappers[${i}].options_json` });
      return { ...options, id: w.id ?? '' };
    });
  }
  if (msg.autoreset_mode) o.autoresetMode = autoresetFromWire(msg.autoreset_mode);
  return { envId: msg.env_id ?? '', numEnvs: msg.num_envs ?? 0, seed: msg.seed ?? undefined, options: o };
}

export function encodeReset(handle: number, args: VectorResetArgs = {}): v1.IResetRequest {
  const msg: v1.IResetRequest = { env_handle: handle };
  const { seed, options } = args ?? {};
  if (typeof seed === 'number') msg.seed = checkSeed(seed);
  else if (Array.isArray(seed)) msg.seeds = seed.map((s, i) => (s === null || s === undefined ? {} : { seed: checkSeed(s, `seed[${i}]`) }));
  else if (seed !== undefined && seed !== null) throw new MetarenaError('METARENA_INVALID_SEED', `seed must be an integer or a list of seeds, got ${show(seed)}`, { field: 'seed' });
  if (options?.mask !== undefined) msg.mask = Array.from(options.mask, Boolean);
  if (options?.context) msg.context = { values: { ...options.context } };
  if (options?.contexts) msg.contexts = options.contexts.map((c) => (c ? { context: { values: { ...c } } } : {}));
  return msg;
}

/** Reset arguments from a message; `n` is the number of envs (for per-env lists). */
export function decodeReset(msg: v1.IResetRequest): VectorResetArgs {
  const args: VectorResetArgs = {};
  const seeds = msg.seeds ?? [];
  if (msg.seed != null && seeds.length > 0) throw new MetarenaError('METARENA_INVALID_SEED', 'give seed or seeds, not both', { field: 'seeds' });
  if (msg.seed != null) args.seed = msg.seed;
  else if (seeds.length > 0) args.seed = seeds.map((s) => s.seed ?? null);
  const options: NonNullable<VectorResetArgs['options']> = {};
  if (msg.mask && msg.mask.length > 0) options.mask = msg.mask;
  if (msg.context) options.context = { ...(msg.context.values ?? {}) };
  if (msg.contexts && msg.contexts.length > 0) options.contexts = msg.contexts.map((c) => (c.context ? { ...(c.context.values ?? {}) } : null));
  if (Object.keys(options).length > 0) args.options = options;
  return args;
}

export function encodeStep(handle: number, space: Space, actions: Batch, n: number): v1.IStepRequest {
  return { env_handle: handle, actions: encodeBatch(space, actions, n) };
}

/** The actions of a step of `n` envs; a batch not shaped `[n, ...item shape]` is METARENA_INVALID_ACTION. */
export function decodeStepActions(msg: v1.IStepRequest, space: Space, n: number): Batch {
  const actions = decodeBatch(space, msg.actions, 'actions');
  checkBatchShape(space, msg.actions!, n, 'actions', 'METARENA_INVALID_ACTION');
  return actions;
}
