/**
 * What envs cost, estimated before any is made, and the limits `make` holds a request to: the
 * memory of `num_envs` envs against a budget, and the length of a train/test split. A request
 * over a limit is refused up front (METARENA_LIMIT_EXCEEDED, RESOURCE_EXHAUSTED on the wire),
 * not discovered when the process runs out of memory.
 */
import { resolveArgs } from './args.ts';
import { MetarenaError, pluginError, show } from './errors.ts';
import type { EnvPlugin } from './plugin.ts';

/** Bytes one env is assumed to cost when its plugin declares no `memoryBytes`. */
export const DEFAULT_ENV_BYTES = 64 * 1024;

/** Memory budget of one make (all its envs together) when the caller gives none: 4 GiB. */
export const DEFAULT_MAKE_BUDGET_BYTES = 4 * 1024 ** 3;

/**
 * Most tasks in one train or test split. A split is built, held and checked for overlap in
 * full when a make names it (both splits are drawn); two splits of 100,000 CartPole tasks took
 * about a second and kept about 30 MB, measured here.
 */
export const MAX_SPLIT_SIZE = 100_000;

/**
 * Estimated bytes of one env of `plugin` made with `args` (checked and filled with defaults
 * here, so raw make args are fine): the plugin's own `memoryBytes`, else DEFAULT_ENV_BYTES.
 */
export function estimateEnvBytes(plugin: EnvPlugin, args?: unknown): number {
  const resolved = resolveArgs(plugin.args, args, 'args');
  let bytes: number | undefined;
  try {
    bytes = plugin.memoryBytes(resolved);
  } catch (e) {
    throw pluginError(plugin.id, 'memoryBytes', e);
  }
  if (bytes === undefined) return DEFAULT_ENV_BYTES;
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) {
    throw new MetarenaError('METARENA_PLUGIN_ERROR', `[${plugin.id}:memoryBytes] must return a non-negative number of bytes, got ${show(bytes)}`, { plugin: plugin.id, hook: 'memoryBytes' });
  }
  return bytes;
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** Refuses `numEnvs` envs of `bytesPerEnv` each when together they exceed `budget` bytes. */
export function checkMakeBudget(envId: string, numEnvs: number, bytesPerEnv: number, budget: number): void {
  const total = numEnvs * bytesPerEnv;
  if (total <= budget) return;
  const fits = Math.floor(budget / bytesPerEnv);
  throw new MetarenaError(
    'METARENA_LIMIT_EXCEEDED',
    `num_envs ${numEnvs} x ${mib(bytesPerEnv)} per ${envId} env (estimated, for these args) = ${mib(total)}, over the memory budget of ${mib(budget)} for one make; at most ${fits} such envs fit`,
    { field: 'num_envs', allowed: `at most ${fits}` },
  );
}

/** Checks a split size: a positive integer of at most MAX_SPLIT_SIZE. */
export function checkSplitSize(size: unknown, field: string): number {
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be a positive integer, got ${show(size)}`, { field, allowed: `integer in [1, ${MAX_SPLIT_SIZE}]` });
  }
  if (size > MAX_SPLIT_SIZE) {
    throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `${field} = ${size} is over the limit of ${MAX_SPLIT_SIZE} tasks per split`, { field, allowed: `integer in [1, ${MAX_SPLIT_SIZE}]` });
  }
  return size;
}
