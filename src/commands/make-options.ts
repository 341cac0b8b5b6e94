/**
 * The make options every env-making command takes (`rollout`, `train`, `eval`), declared and
 * parsed once: they map one to one onto the registry's `MakeOptions`, as the Python client's
 * `make(context=..., context_sampler=..., split=..., episodes_per_trial=..., wrappers=[...])`.
 *
 *   --context k=v,k2=v2 | '{"k": v}'     fixed context values (repeatable; later values win)
 *   --context-sampler JSON               how the other features are drawn, e.g. '{"kind": "uniform_scale", "low": 0.5, "high": 2}'
 *   --split train|test                   take contexts/tasks from this named split
 *   --episodes-per-trial N               episodes sharing one context/task
 *   --wrapper '{"id": ..., ...options}'  a wrapper (repeatable; applied in the order given, innermost first)
 *
 * Each value is checked for its shape here (naming the flag); the registry then checks names,
 * bounds and options against the env before anything is made.
 */
import type { Command } from 'commander';
import { type ContextSamplerSpec, type EnvPlugin, MetarenaError, type MakeOptions, type SplitName, type WrapperSpec, parseArgValue, show } from '../core/index.ts';
import { collect, parseInteger, parseJson, parsePairs } from './parse.ts';

/** The flags as commander hands them over. */
export interface MakeFlags {
  context?: string[];
  contextSampler?: string;
  split?: string;
  episodesPerTrial?: string;
  wrapper?: string[];
}

/** The part of `MakeOptions` the flags set. */
export type FlaggedMakeOptions = Pick<MakeOptions, 'context' | 'contextSampler' | 'split' | 'episodesPerTrial' | 'wrappers'>;

/** Adds the make flags to `command`. */
export function makeOptionFlags(command: Command): Command {
  return command
    .option('--context <k=v,...|json>', 'fixed context values, e.g. gravity=5,pole_length=1 or \'{"gravity": 5}\' (repeatable)', collect)
    .option('--context-sampler <json>', 'how the other context features are drawn, e.g. \'{"kind": "uniform_scale", "low": 0.5, "high": 2}\'')
    .option('--split <train|test>', 'take contexts/tasks from this named split (default: fresh draws)')
    .option('--episodes-per-trial <n>', "episodes that share one context/task (default: the env's)")
    .option('--wrapper <json>', 'a wrapper as \'{"id": "ContextObservation", ...options}\' (repeatable, applied in order)', collect);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `--context` values (each `k=v,k2=v2` or a JSON object) as one context; later values win. */
export function parseContext(values: readonly string[] | undefined, option = '--context'): Record<string, number> {
  const context: Record<string, number> = {};
  for (const value of values ?? []) {
    const entries: [string, unknown][] = value.trim().startsWith('{')
      ? Object.entries(asObject(parseJson(value, option, 'a JSON object of feature: number'), option))
      : parsePairs(value.split(',').filter((p) => p.trim() !== ''), option).map(([k, raw]) => [k, raw === '' ? Number.NaN : Number(raw)]);
    for (const [name, v] of entries) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new MetarenaError('METARENA_INVALID_CONTEXT', `${option} ${name}=${show(v)}: the value must be a finite number`, { field: `context.${name}`, allowed: 'a finite number' });
      }
      context[name] = v;
    }
  }
  return context;
}

function asObject(v: unknown, option: string): Record<string, unknown> {
  if (!isObject(v)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} must be a JSON object, got ${show(v)}`, { field: option, allowed: 'a JSON object' });
  return v;
}

export function parseSplit(raw: string | undefined): SplitName | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'train' && raw !== 'test') throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--split must be train or test, got ${show(raw)}`, { field: '--split', allowed: 'train, test' });
  return raw;
}

function parseWrapper(raw: string, i: number): WrapperSpec {
  const option = `--wrapper[${i}]`;
  const spec = asObject(parseJson(raw, option, 'a JSON object {"id": WRAPPER, ...options}'), option);
  if (typeof spec.id !== 'string') throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} needs a string "id" (see \`metarena envs --json\` for wrappers), got ${show(spec)}`, { field: `${option}.id`, allowed: 'a wrapper id' });
  return spec as WrapperSpec;
}

/** The make options the flags give; only the given ones are set. */
export function parseMakeOptions(opts: MakeFlags): FlaggedMakeOptions {
  const out: FlaggedMakeOptions = {};
  if (opts.context?.length) out.context = parseContext(opts.context);
  if (opts.contextSampler !== undefined) out.contextSampler = asObject(parseJson(opts.contextSampler, '--context-sampler', 'a JSON object such as {"kind": "uniform_scale", "low": 0.5, "high": 2}'), '--context-sampler') as ContextSamplerSpec;
  const split = parseSplit(opts.split);
  if (split !== undefined) out.split = split;
  const episodesPerTrial = parseInteger(opts.episodesPerTrial, '--episodes-per-trial', 1);
  if (episodesPerTrial !== undefined) out.episodesPerTrial = episodesPerTrial;
  if (opts.wrapper?.length) out.wrappers = opts.wrapper.map(parseWrapper);
  return out;
}

/**
 * `name=value` env arguments (`--env-arg`, `--arg`), each parsed by the env's ArgSpec when the
 * env is known here; an unknown name is left for make to name.
 */
export function parseEnvArgs(values: readonly string[] | undefined, option: string, plugin: EnvPlugin | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, raw] of parsePairs(values, option)) {
    const spec = plugin && Object.hasOwn(plugin.args, name) ? plugin.args[name] : undefined;
    args[name] = spec ? parseArgValue(spec, raw) : raw;
  }
  return args;
}
