/**
 * Vector info on the wire. The core's layout (`info[key]` per env, `info["_" + key]` the mask)
 * becomes one Column per key: numbers and booleans as tensors, nested dicts (context, episode,
 * final_info) as nested Info, `final_obs` as a batch of the observation space, anything else as
 * wire JSON. The core keys have their own fields; decoding restores the same layout exactly.
 *
 * A key that only some envs reported (the context of the envs that reset this step, the episode
 * statistics of those that finished) travels sparse: the indices of those envs and their entries
 * alone, instead of a full column and a mask. With 256 envs that is most of a step's bytes.
 *
 * The server encodes straight from a vector env's InfoBatcher (`encodeInfoBatch`), whose columns
 * are already sparse, so a step costs per reported entry, not per env; the message is the same
 * as `encodeInfo` gives for the batcher's dense `result()`.
 */
import { type Batch, type Info, type InfoBatcher, type InfoColumn, MetarenaError, type Space, TypedArrayArena, batchCodec, show } from '../core/index.ts';
import { fromWireJson, toWireJson } from './json.ts';
import { pb, type v1 } from './proto.ts';
import { decodeBatch, decodeTensor, encodeBatch, encodeTensor } from './tensor.ts';

const TYPED_KEYS = ['context', 'trial', 'episode_in_trial', 'episode', 'final_obs', 'final_info'] as const;
type TypedKey = (typeof TYPED_KEYS)[number];
const isTyped = (k: string): k is TypedKey => (TYPED_KEYS as readonly string[]).includes(k);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The envs set in `mask`, when they are at most half of them (else the dense form is as small). */
function sparseIndices(mask: Uint8Array, n: number): Int32Array | undefined {
  let m = 0;
  for (let i = 0; i < n; i++) m += mask[i] ? 1 : 0;
  if (2 * m > n) return undefined;
  const idx = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (mask[i]) idx[k++] = i;
  return idx;
}

function gather<T extends Float64Array | Uint8Array>(a: T, idx: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]];
  return out;
}

function encodeColumn(key: string, value: unknown, mask: Uint8Array | undefined, n: number, obsSpace: Space): v1.IColumn {
  const col: v1.IColumn = { key };
  const idx = mask ? sparseIndices(mask, n) : undefined;
  if (idx) col.indices = encodeTensor(idx, [idx.length], pb.DType.DTYPE_INT32);
  else if (mask) col.mask = encodeTensor(mask, [n], pb.DType.DTYPE_UINT8);
  const m = idx ? idx.length : n;
  if (value instanceof Float64Array && value.length === n) col.tensor = encodeTensor(idx ? gather(value, idx) : value, [m]);
  else if (value instanceof Uint8Array && value.length === n) col.tensor = encodeTensor(idx ? gather(value, idx) : value, [m], pb.DType.DTYPE_BOOL);
  else if (isPlainObject(value)) col.info = encodeInfo(value, obsSpace, n);
  else if (key === 'final_obs' && Array.isArray(value) && value.length === n && value.every((v, i) => (mask && !mask[i] ? v === null : obsSpace.contains(v)))) {
    const codec = batchCodec(obsSpace);
    const batch = codec.create(m);
    for (let k = 0; k < m; k++) {
      const i = idx ? idx[k] : k;
      if (!mask || mask[i]) codec.write(batch, k, value[i]);
    }
    col.batch = encodeBatch(obsSpace, batch, m);
  } else col.json = toWireJson(Array.isArray(value) && value.length === n && idx ? Array.from(idx, (i) => value[i]) : value);
  return col;
}

/** A batched info of `n` envs as an Info message. */
export function encodeInfo(info: Info, obsSpace: Space, n: number): v1.IInfo {
  const msg: v1.IInfo = {};
  for (const key in info) {
    const maskKey = `_${key}`;
    // a mask is sent with the key it belongs to
    if (key.startsWith('_') && key.slice(1) in info && info[key] instanceof Uint8Array) continue;
    const mask = info[maskKey] instanceof Uint8Array ? (info[maskKey] as Uint8Array) : undefined;
    const col = encodeColumn(key, info[key], mask, n, obsSpace);
    if (isTyped(key)) {
      col.key = '';
      msg[key] = col;
    } else (msg.extra ??= []).push(col);
  }
  return msg;
}

/**
 * Keys that the dense layout cannot hold unambiguously (`_x` next to the mask of `x`) or that a
 * plain object reorders (array-index keys come first). Batches with such keys are encoded through
 * the dense layout, so the message is exactly what `encodeInfo` gives.
 */
const needsDenseLayout = (key: string): boolean => key.startsWith('_') || /^[0-9]+$/.test(key);

/** One sparse InfoBatcher column as a Column: `encodeColumn` of its dense form, without building it. */
function encodeBatchColumn(key: string, c: InfoColumn, obsSpace: Space, n: number, arena: TypedArrayArena): v1.IColumn {
  const { indices, values } = c;
  const m = indices.length;
  const sparse = 2 * m <= n;
  let mask: Uint8Array | undefined;
  if (!sparse || c.kind === 'any') {
    mask = arena.uint8(n);
    for (let k = 0; k < m; k++) mask[indices[k]] = 1;
  }
  if (c.kind === 'any') {
    const dense: unknown[] = new Array(n).fill(null);
    for (let k = 0; k < m; k++) dense[indices[k]] = values[k];
    return encodeColumn(key, dense, mask, n, obsSpace);
  }
  const col: v1.IColumn = { key };
  if (sparse) {
    const idx = arena.int32(m);
    for (let k = 0; k < m; k++) idx[k] = indices[k];
    col.indices = encodeTensor(idx, [m], pb.DType.DTYPE_INT32);
  } else col.mask = encodeTensor(mask!, [n], pb.DType.DTYPE_UINT8);
  if (c.kind === 'object') {
    col.info = encodeColumns(c.nested!, obsSpace, n, arena);
  } else if (c.kind === 'number') {
    const data = arena.float64(sparse ? m : n);
    for (let k = 0; k < m; k++) data[sparse ? k : indices[k]] = values[k] as number;
    col.tensor = encodeTensor(data, [data.length]);
  } else {
    const data = arena.uint8(sparse ? m : n);
    for (let k = 0; k < m; k++) data[sparse ? k : indices[k]] = values[k] ? 1 : 0;
    col.tensor = encodeTensor(data, [data.length], pb.DType.DTYPE_BOOL);
  }
  return col;
}

/** The infos a vector env gathered in one step as an Info message: `encodeInfo(infos.result(), …)`. */
export function encodeInfoBatch(infos: InfoBatcher, obsSpace: Space, n: number): v1.IInfo {
  return encodeColumns(infos, obsSpace, n, new TypedArrayArena());
}

function encodeColumns(infos: InfoBatcher, obsSpace: Space, n: number, arena: TypedArrayArena): v1.IInfo {
  const columns = infos.columns();
  for (const key of columns.keys()) if (needsDenseLayout(key)) return encodeInfo(infos.result(), obsSpace, n);
  const msg: v1.IInfo = {};
  for (const [key, c] of columns) {
    const col = encodeBatchColumn(key, c, obsSpace, n, arena);
    if (isTyped(key)) {
      col.key = '';
      msg[key] = col;
    } else (msg.extra ??= []).push(col);
  }
  return msg;
}

/** The env indices of a sparse column, checked: ascending, within [0, n). */
function decodeIndices(t: v1.ITensor, key: string, n: number, arena: TypedArrayArena): Int32Array {
  const field = `info.${key}.indices`;
  const idx = decodeTensor(t, field, arena);
  if (!(idx instanceof Int32Array) || idx.length > n) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be at most ${n} INT32 env indices, got ${idx.length} of ${idx.constructor.name}`, { field, allowed: `INT32 [m ≤ ${n}]` });
  }
  for (let k = 0; k < idx.length; k++) {
    if (idx[k] < 0 || idx[k] >= n || (k > 0 && idx[k] <= idx[k - 1])) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be ascending env indices in [0, ${n}), got ${show(idx[k])} at position ${k}`, { field, allowed: `ascending integers in [0, ${n})` });
    }
  }
  return idx;
}

/** `m` sparse entries spread over `n` envs (zeros elsewhere), as the dense column the core uses. */
function scatter(values: ArrayLike<number>, idx: Int32Array, n: number, key: string, bool: boolean, arena: TypedArrayArena): Float64Array | Uint8Array {
  if (values.length !== idx.length) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `info.${key} has ${values.length} entries for ${idx.length} indices`, { field: `info.${key}`, allowed: `${idx.length} entries` });
  }
  const out = bool ? arena.uint8(n) : arena.float64(n);
  for (let k = 0; k < idx.length; k++) out[idx[k]] = values[k];
  return out;
}

function decodeColumn(col: v1.IColumn, key: string, out: Info, obsSpace: Space, n: number, arena: TypedArrayArena): void {
  const idx = col.indices ? decodeIndices(col.indices, key, n, arena) : undefined;
  let mask: Uint8Array | undefined;
  if (idx) {
    mask = arena.uint8(n);
    for (let k = 0; k < idx.length; k++) mask[idx[k]] = 1;
  } else if (col.mask) mask = decodeTensor(col.mask, `info._${key}`, arena) as Uint8Array;
  let value: unknown;
  if (col.tensor) {
    value = decodeTensor(col.tensor, `info.${key}`, arena);
    if (idx) value = scatter(value as ArrayLike<number>, idx, n, key, col.tensor.dtype === pb.DType.DTYPE_BOOL || col.tensor.dtype === pb.DType.DTYPE_UINT8, arena);
  } else if (col.info) {
    value = decodeInfo(col.info, obsSpace, n, arena);
  } else if (col.batch) {
    const m = idx ? idx.length : n;
    const batch: Batch = decodeBatch(obsSpace, col.batch, `info.${key}`, arena);
    const codec = batchCodec(obsSpace);
    const list: unknown[] = new Array(n).fill(null);
    for (let k = 0; k < m; k++) {
      const i = idx ? idx[k] : k;
      if (!mask || mask[i]) list[i] = codec.read(batch, k, true);
    }
    value = list;
  } else if (col.json !== null && col.json !== undefined) {
    value = fromWireJson(col.json, `info.${key}`);
    if (idx) {
      if (!Array.isArray(value) || value.length !== idx.length) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `info.${key} must be a JSON list of ${idx.length} entries, one per index`, { field: `info.${key}` });
      }
      const list: unknown[] = new Array(n).fill(null);
      for (let k = 0; k < idx.length; k++) list[idx[k]] = value[k];
      value = list;
    }
  } else {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `info.${key} has no data`, { field: `info.${key}` });
  }
  out[key] = value;
  if (mask) out[`_${key}`] = mask;
}

/** Chunk size of the arena a decoded info's arrays come from (a kept array keeps its chunk alive). */
export const DECODE_CHUNK_BYTES = 16 * 1024;

/**
 * An Info message back into the core's batched info layout. Its arrays view the message bytes
 * or come from `arena` (by default one of its own), several to a buffer, as tensors do.
 */
export function decodeInfo(msg: v1.IInfo | null | undefined, obsSpace: Space, n: number, arena = new TypedArrayArena(DECODE_CHUNK_BYTES)): Info {
  const out: Info = {};
  if (!msg) return out;
  for (const key of TYPED_KEYS) {
    const col = msg[key];
    if (col) decodeColumn(col, key, out, obsSpace, n, arena);
  }
  for (const col of msg.extra ?? []) decodeColumn(col, col.key ?? '', out, obsSpace, n, arena);
  return out;
}
