/**
 * Vector info on the wire. The core's layout (`info[key]` per env, `info["_" + key]` the mask)
 * becomes one Column per key: numbers and booleans as tensors, nested dicts (context, episode,
 * final_info) as nested Info, `final_obs` as a batch of the observation space, anything else as
 * wire JSON. The core keys have their own fields; decoding restores the same layout exactly.
 */
import { type Batch, type Info, MetarenaError, type Space, batchCodec } from '../core/index.ts';
import { fromWireJson, toWireJson } from './json.ts';
import { pb, type v1 } from './proto.ts';
import { decodeBatch, decodeTensor, encodeBatch, encodeTensor } from './tensor.ts';

const TYPED_KEYS = ['context', 'trial', 'episode_in_trial', 'episode', 'final_obs', 'final_info'] as const;
type TypedKey = (typeof TYPED_KEYS)[number];
const isTyped = (k: string): k is TypedKey => (TYPED_KEYS as readonly string[]).includes(k);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

function encodeColumn(key: string, value: unknown, mask: Uint8Array | undefined, n: number, obsSpace: Space): v1.IColumn {
  const col: v1.IColumn = { key };
  if (mask) col.mask = encodeTensor(mask, [n], pb.DType.DTYPE_UINT8);
  if (value instanceof Float64Array && value.length === n) col.tensor = encodeTensor(value, [n]);
  else if (value instanceof Uint8Array && value.length === n) col.tensor = encodeTensor(value, [n], pb.DType.DTYPE_BOOL);
  else if (isPlainObject(value)) col.info = encodeInfo(value, obsSpace, n);
  else if (key === 'final_obs' && Array.isArray(value) && value.length === n && value.every((v, i) => (mask && !mask[i] ? v === null : obsSpace.contains(v)))) {
    const codec = batchCodec(obsSpace);
    const batch = codec.create(n);
    for (let i = 0; i < n; i++) if (!mask || mask[i]) codec.write(batch, i, value[i]);
    col.batch = encodeBatch(obsSpace, batch, n);
  } else col.json = toWireJson(value);
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

function decodeColumn(col: v1.IColumn, key: string, out: Info, obsSpace: Space, n: number): void {
  let value: unknown;
  if (col.tensor) {
    value = decodeTensor(col.tensor, `info.${key}`);
  } else if (col.info) {
    value = decodeInfo(col.info, obsSpace, n);
  } else if (col.batch) {
    const batch: Batch = decodeBatch(obsSpace, col.batch, `info.${key}`);
    const mask = col.mask ? decodeTensor(col.mask, `info._${key}`) : undefined;
    const codec = batchCodec(obsSpace);
    const list: unknown[] = new Array(n).fill(null);
    for (let i = 0; i < n; i++) if (!mask || mask[i]) list[i] = codec.read(batch, i, true);
    value = list;
  } else if (col.json !== null && col.json !== undefined) {
    value = fromWireJson(col.json, `info.${key}`);
  } else {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `info.${key} has no data`, { field: `info.${key}` });
  }
  out[key] = value;
  if (col.mask) out[`_${key}`] = decodeTensor(col.mask, `info._${key}`);
}

/** An Info message back into the core's batched info layout. */
export function decodeInfo(msg: v1.IInfo | null | undefined, obsSpace: Space, n: number): Info {
  const out: Info = {};
  if (!msg) return out;
  for (const key of TYPED_KEYS) {
    const col = msg[key];
    if (col) decodeColumn(col, key, out, obsSpace, n);
  }
  for (const col of msg.extra ?? []) decodeColumn(col, col.key ?? '', out, obsSpace, n);
  return out;
}
