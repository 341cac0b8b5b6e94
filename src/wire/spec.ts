/**
 * Specs on the wire: spaces (Dict / Tuple nested, infinite Box limits kept as infinities),
 * context features and env specs, in both directions.
 */
import {
  type ArgSpecs,
  type AutoresetMode,
  Box,
  type BoxDtype,
  type ContextFeature,
  ContextSpace,
  Dict,
  Discrete,
  MetarenaError,
  MultiBinary,
  MultiDiscrete,
  type Space,
  Tuple,
  show,
} from '../core/index.ts';
import { fromWireJsonObject, toWireJson } from './json.ts';
import { pb, type v1 } from './proto.ts';

const BOX_DTYPES: Record<BoxDtype, v1.DType> = {
  float32: pb.DType.DTYPE_FLOAT32,
  float64: pb.DType.DTYPE_FLOAT64,
  int32: pb.DType.DTYPE_INT32,
  uint8: pb.DType.DTYPE_UINT8,
};

export function encodeSpace(space: Space): v1.ISpace {
  if (space instanceof Box) {
    return { box: { shape: [...space.shape], dtype: BOX_DTYPES[space.dtype], low: Array.from(space.low), high: Array.from(space.high) } };
  }
  if (space instanceof Discrete) return { discrete: { n: space.n, start: space.start } };
  if (space instanceof MultiDiscrete) return { multi_discrete: { nvec: Array.from(space.nvec), start: Array.from(space.start) } };
  if (space instanceof MultiBinary) return { multi_binary: { shape: [...space.shape] } };
  if (space instanceof Dict) return { dict: { entries: space.keys().map((key) => ({ key, space: encodeSpace(space.spaces[key]) })) } };
  if (space instanceof Tuple) return { tuple: { spaces: space.spaces.map(encodeSpace) } };
  throw new MetarenaError('METARENA_INVALID_SPACE', `cannot send space ${String(space)}`);
}

export function decodeSpace(msg: v1.ISpace | null | undefined, field = 'space'): Space {
  if (!msg) throw new MetarenaError('METARENA_INVALID_SPACE', `${field} is missing`, { field });
  if (msg.box) {
    const b = msg.box;
    const dtype = (Object.keys(BOX_DTYPES) as BoxDtype[]).find((k) => BOX_DTYPES[k] === b.dtype);
    if (!dtype) throw new MetarenaError('METARENA_INVALID_SPACE', `${field}.box.dtype ${show(b.dtype)} is not a Box dtype`, { field: `${field}.box.dtype` });
    return new Box({ shape: (b.shape ?? []) as number[], dtype, low: b.low ?? [], high: b.high ?? [] });
  }
  if (msg.discrete) return new Discrete(Number(msg.discrete.n ?? 0), Number(msg.discrete.start ?? 0));
  if (msg.multi_discrete) return new MultiDiscrete((msg.multi_discrete.nvec ?? []) as number[], (msg.multi_discrete.start ?? []) as number[]);
  if (msg.multi_binary) return new MultiBinary((msg.multi_binary.shape ?? []) as number[]);
  if (msg.dict) {
    const spaces: Record<string, Space> = {};
    for (const e of msg.dict.entries ?? []) spaces[e.key ?? ''] = decodeSpace(e.space, `${field}.${e.key}`);
    return new Dict(spaces);
  }
  if (msg.tuple) return new Tuple((msg.tuple.spaces ?? []).map((s, i) => decodeSpace(s, `${field}[${i}]`)));
  throw new MetarenaError('METARENA_INVALID_SPACE', `${field} has no kind`, { field });
}

export function encodeContextFeature(f: ContextFeature): v1.IContextFeature {
  return { name: f.name, default_value: f.default, lower: f.lower, upper: f.upper, unit: f.unit ?? '', description: f.description, integer: f.integer ?? false };
}

export function decodeContextSpace(features: v1.IContextFeature[] | null | undefined): ContextSpace {
  return new ContextSpace(
    (features ?? []).map((f) => ({
      name: f.name ?? '',
      default: f.default_value ?? 0,
      lower: f.lower ?? 0,
      upper: f.upper ?? 0,
      ...(f.unit ? { unit: f.unit } : {}),
      description: f.description ?? '',
      ...(f.integer ? { integer: true } : {}),
    })),
  );
}

export const AUTORESET_TO_WIRE: Record<AutoresetMode, v1.AutoresetMode> = {
  next_step: pb.AutoresetMode.AUTORESET_MODE_NEXT_STEP,
  same_step: pb.AutoresetMode.AUTORESET_MODE_SAME_STEP,
  disabled: pb.AutoresetMode.AUTORESET_MODE_DISABLED,
};

export function autoresetFromWire(mode: number | null | undefined, field = 'autoreset_mode'): AutoresetMode {
  switch (mode ?? 0) {
    case pb.AutoresetMode.AUTORESET_MODE_UNSPECIFIED:
    case pb.AutoresetMode.AUTORESET_MODE_NEXT_STEP:
      return 'next_step';
    case pb.AutoresetMode.AUTORESET_MODE_SAME_STEP:
      return 'same_step';
    case pb.AutoresetMode.AUTORESET_MODE_DISABLED:
      return 'disabled';
    default:
      throw new MetarenaError('METARENA_INVALID_OPTION', `${field} ${show(mode)} is not an autoreset mode`, { field, allowed: 'NEXT_STEP, SAME_STEP, DISABLED' });
  }
}

/** What an EnvSpec describes, in core types. */
export interface EnvSpecParts {
  envId: string;
  description: string;
  observationSpace: Space;
  actionSpace: Space;
  contextSpace: ContextSpace;
  maxEpisodeSteps: number | undefined;
  numEnvs: number;
  autoresetMode: AutoresetMode | undefined;
  episodesPerTrial: number;
  argsSchema: ArgSpecs;
}

export function encodeEnvSpec(s: EnvSpecParts): v1.IEnvSpec {
  return {
    env_id: s.envId,
    description: s.description,
    observation_space: encodeSpace(s.observationSpace),
    action_space: encodeSpace(s.actionSpace),
    context_features: s.contextSpace.features.map(encodeContextFeature),
    max_episode_steps: s.maxEpisodeSteps ?? null,
    num_envs: s.numEnvs,
    autoreset_mode: s.autoresetMode ? AUTORESET_TO_WIRE[s.autoresetMode] : pb.AutoresetMode.AUTORESET_MODE_UNSPECIFIED,
    episodes_per_trial: s.episodesPerTrial,
    args_schema_json: toWireJson(s.argsSchema),
  };
}

export function decodeEnvSpec(msg: v1.IEnvSpec): EnvSpecParts {
  return {
    envId: msg.env_id ?? '',
    description: msg.description ?? '',
    observationSpace: decodeSpace(msg.observation_space, 'observation_space'),
    actionSpace: decodeSpace(msg.action_space, 'action_space'),
    contextSpace: decodeContextSpace(msg.context_features),
    maxEpisodeSteps: msg.max_episode_steps ?? undefined,
    numEnvs: msg.num_envs ?? 0,
    autoresetMode: msg.autoreset_mode ? autoresetFromWire(msg.autoreset_mode) : undefined,
    episodesPerTrial: msg.episodes_per_trial ?? 1,
    argsSchema: (fromWireJsonObject(msg.args_schema_json, 'args_schema_json') ?? {}) as ArgSpecs,
  };
}
