/**
 * Blocks of a vector env spread over several sessions (a client's ShardedVectorEnv over several
 * servers, a server's vector env spread over its worker threads): env indices split into
 * contiguous blocks, reset arguments and batches cut into blocks and put back together, errors
 * renumbered to whole-vector-env indices, and the blocks' infos merged into the
 * layout one vector env of all the envs gives (Gymnasium's dict of arrays with `_key` masks,
 * as `InfoBatcher.result()` builds it): numbers in a Float64Array, booleans in a Uint8Array,
 * nested dicts merged key by key, anything else in a list with null where an env reported
 * nothing. A key whose blocks disagree on the kind becomes a list of each env's value as
 * reported, as the core widens such a column.
 */
import { MetarenaError, show } from '../errors.ts';
import { checkSeed } from '../rng.ts';
import type { Info } from '../env.ts';
import { Dict, type FlatArray, type Space, Tuple } from '../spaces/index.ts';
import { type Batch, batchCodec } from './batch.ts';
import type { VectorResetArgs } from './vector-env.ts';

/** A contiguous range of env indices: envs `start` … `start + count - 1`. */
export interface Block {
  start: number;
  count: number;
}

/** `n` envs in `k` contiguous blocks whose sizes differ by at most one (larger ones first); no empty block. */
export function splitBlocks(n: number, k: number, start = 0): Block[] {
  const parts = Math.min(n, k);
  const base = Math.floor(n / parts);
  const extra = n % parts;
  const out: Block[] = [];
  let at = start;
  for (let b = 0; b < parts; b++) {
    const count = base + (b < extra ? 1 : 0);
    out.push({ start: at, count });
    at += count;
  }
  return out;
}

/** `envs a–b` for messages. */
export function describeBlock(b: Block): string {
  return b.count === 1 ? `env ${b.start}` : `envs ${b.start}–${b.start + b.count - 1}`;
}

/** Entries `start … start + count - 1` of a batch of `space` (flat batches: views, no copy). */
export function sliceBatch(space: Space, batch: Batch, start: number, count: number): Batch {
  if (space instanceof Dict) {
    const b = batch as Record<string, Batch>;
    return Object.fromEntries(space.keys().map((k) => [k, sliceBatch(space.spaces[k], b[k], start, count)]));
  }
  if (space instanceof Tuple) return space.spaces.map((s, j) => sliceBatch(s, (batch as Batch[])[j], start, count));
  const size = batchCodec(space).flatSize!;
  return (batch as FlatArray).subarray(start * size, (start + count) * size);
}

/** One batch of `n` entries from blocks' batches. */
export function concatBatches(space: Space, parts: readonly { block: Block; batch: Batch }[], n: number): Batch {
  if (space instanceof Dict) {
    return Object.fromEntries(space.keys().map((k) => [k, concatBatches(space.spaces[k], parts.map((p) => ({ block: p.block, batch: (p.batch as Record<string, Batch>)[k] })), n)]));
  }
  if (space instanceof Tuple) {
    return space.spaces.map((s, j) => concatBatches(s, parts.map((p) => ({ block: p.block, batch: (p.batch as Batch[])[j] })), n));
  }
  const codec = batchCodec(space);
  const size = codec.flatSize!;
  const out = codec.create(n) as FlatArray;
  for (const { block, batch } of parts) out.set(batch as FlatArray, block.start * size);
  return out;
}

const isPlainObject = (v: unknown): v is Info => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Whether `key` of `info` is the mask of another key (the rule the wire codec uses). */
const isMaskKey = (info: Info, key: string): boolean => key.startsWith('_') && key.slice(1) in info && info[key] instanceof Uint8Array;

type Kind = 'number' | 'boolean' | 'object' | 'list' | 'other';

function kindOf(value: unknown, count: number): Kind {
  if (value instanceof Float64Array && value.length === count) return 'number';
  if (value instanceof Uint8Array && value.length === count) return 'boolean';
  if (isPlainObject(value)) return 'object';
  if (Array.isArray(value) && value.length === count) return 'list';
  return 'other';
}

/** Env `i`'s entry of a column of the given kind, as the env reported it. */
function entryOf(value: unknown, kind: Kind, i: number, count: number): unknown {
  if (kind === 'number') return (value as Float64Array)[i];
  if (kind === 'boolean') return (value as Uint8Array)[i] !== 0;
  if (kind === 'object') return envInfo(value as Info, i, count);
  return (value as unknown[])[i];
}

/** The keys env `i` reported in a batched info, as one plain object. */
function envInfo(info: Info, i: number, count: number): Info {
  const out: Info = {};
  for (const key in info) {
    if (isMaskKey(info, key)) continue;
    const mask = info[`_${key}`];
    if (mask instanceof Uint8Array && !mask[i]) continue;
    const value = info[key];
    const kind = kindOf(value, count);
    out[key] = kind === 'other' ? value : entryOf(value, kind, i, count);
  }
  return out;
}

/** The batched info of `n` envs from the blocks' batched infos. */
export function mergeInfos(parts: readonly { block: Block; info: Info }[], n: number): Info {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const { info } of parts) {
    for (const key in info) {
      if (isMaskKey(info, key) || seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  const out: Info = {};
  for (const key of keys) {
    const having = parts.filter((p) => key in p.info && !isMaskKey(p.info, key));
    const kinds = having.map((p) => kindOf(p.info[key], p.block.count));
    const masked = having.some((p) => p.info[`_${key}`] instanceof Uint8Array);
    let mask: Uint8Array | undefined;
    if (masked) {
      mask = new Uint8Array(n);
      for (const p of having) {
        const m = p.info[`_${key}`];
        if (m instanceof Uint8Array) mask.set(m.subarray(0, p.block.count), p.block.start);
        else mask.fill(1, p.block.start, p.block.start + p.block.count);
      }
    }
    const kind = kinds.every((k) => k === kinds[0]) ? kinds[0] : 'list';
    let value: unknown;
    if (kind === 'other') {
      // not one entry per env: the first block's value stands for all
      value = having[0].info[key];
    } else if (kind === 'number' || kind === 'boolean') {
      const dense = kind === 'number' ? new Float64Array(n) : new Uint8Array(n);
      for (const p of having) dense.set(p.info[key] as Float64Array | Uint8Array, p.block.start);
      value = dense;
    } else if (kind === 'object') {
      value = mergeInfos(having.map((p) => ({ block: p.block, info: p.info[key] as Info })), n);
    } else {
      const list: unknown[] = new Array(n).fill(null);
      having.forEach((p, j) => {
        const { start, count } = p.block;
        const m = p.info[`_${key}`];
        const k = kinds[j];
        if (k === 'other') throw new MetarenaError('METARENA_INTERNAL', `info.${key} is not one entry per env in the answer for ${describeBlock(p.block)}`, { field: `info.${key}` });
        for (let i = 0; i < count; i++) {
          if (m instanceof Uint8Array && !m[i]) continue;
          list[start + i] = k === 'list' ? (p.info[key] as unknown[])[i] : entryOf(p.info[key], k, i, count);
        }
      });
      value = list;
    }
    out[key] = value;
    if (mask) out[`_${key}`] = mask;
  }
  return out;
}

/** Per-env fields whose index an error of a block names, and the message patterns that carry it. */
const INDEXED_FIELD = /^(actions|seed|options\.contexts|options\.mask)\[(\d+)\]/;
const INDEXED_TEXT = /\b(env |actions\[|seed\[|options\.contexts\[)(\d+)/g;

/**
 * An error one block's server raised, with its env indices moved to the whole vector env's
 * (`env 3`, `actions[3]` of the second block of 4 become `env 7`, `actions[7]`).
 */
export function shiftErrorIndices(e: unknown, block: Block): unknown {
  if (!(e instanceof MetarenaError) || block.start === 0) return e;
  const shift = (_m: string, head: string, i: string) => `${head}${Number(i) + block.start}`;
  const field = e.details.field?.replace(INDEXED_FIELD, (_m, head: string, i: string) => `${head}[${Number(i) + block.start}]`);
  const shifted = new MetarenaError(e.code, e.message.replace(INDEXED_TEXT, shift), { ...e.details, ...(field !== undefined ? { field } : {}) }, { cause: e });
  return shifted;
}

/**
 * Checks reset arguments against a vector env of `n` envs before they are cut into blocks, so
 * the errors name the whole vector env: a seed whose last env's seed would pass the largest safe
 * integer, and seed lists, masks and context lists of another length.
 */
export function checkResetArgs(args: VectorResetArgs | undefined, n: number): void {
  const { seed, options } = args ?? {};
  if (typeof seed === 'number') {
    checkSeed(seed);
    const most = Number.MAX_SAFE_INTEGER - (n - 1);
    if (seed > most) {
      throw new MetarenaError('METARENA_INVALID_SEED', `seed ${seed} gives env ${n - 1} the seed ${seed} + ${n - 1}, past the largest safe integer; with ${n} envs seed must be at most ${most}`, { field: 'seed', allowed: `integer in [0, ${most}]` });
    }
  } else if (Array.isArray(seed) && seed.length !== n) {
    throw new MetarenaError('METARENA_INVALID_SEED', `seed must be an integer or a list of ${n} seeds, got ${show(seed)}`, { field: 'seed' });
  }
  const mask = options?.mask;
  if (mask !== undefined && (!mask || typeof mask !== 'object' || mask.length !== n)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `options.mask must have ${n} entries (one per env), got ${show(mask)}`, { field: 'options.mask', allowed: `${n} booleans` });
  }
  const contexts = options?.contexts;
  if (contexts !== undefined && (!Array.isArray(contexts) || contexts.length !== n)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `options.contexts must be a list of ${n} contexts (or nulls), got ${show(contexts)}`, { field: 'options.contexts' });
  }
}

/**
 * A block's slice of the reset arguments: seeds follow the envs (the block starting at env s
 * gets seed + s), and its entries of per-env seeds, masks and contexts (`resetAll`: no mask).
 */
export function sliceResetArgs(args: VectorResetArgs | undefined, b: Block, resetAll = false): VectorResetArgs {
  const { seed, options } = args ?? {};
  const end = b.start + b.count;
  const out: VectorResetArgs = {};
  if (typeof seed === 'number') out.seed = seed + b.start;
  else if (Array.isArray(seed)) out.seed = seed.slice(b.start, end);
  else if (seed !== undefined) out.seed = seed;
  if (options) {
    const o: NonNullable<VectorResetArgs['options']> = {};
    if (options.mask !== undefined && !resetAll) o.mask = Array.from(options.mask).slice(b.start, end);
    if (options.context) o.context = options.context;
    if (options.contexts) o.contexts = options.contexts.slice(b.start, end);
    out.options = o;
  }
  return out;
}
