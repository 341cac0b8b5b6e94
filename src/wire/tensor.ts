/**
 * Tensors and batches on the wire: a typed array becomes `{dtype, shape, data}` without copying
 * (its bytes are viewed, little-endian as on every platform Node runs on here); a received tensor
 * becomes a typed array viewing the message bytes, copied only when they are not aligned.
 * Batches of Dict / Tuple spaces nest as `Value.dict` / `Value.tuple`.
 */
import { Box, Dict, Discrete, type ErrorCode, type FlatArray, MetarenaError, MultiBinary, MultiDiscrete, type Space, Tuple, show } from '../core/index.ts';
import { type Batch, TypedArrayArena } from '../core/index.ts';
import { pb, type v1 } from './proto.ts';

const DT = pb.DType;
type Ctor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): FlatArray; new (length: number): FlatArray; BYTES_PER_ELEMENT: number };

const CTOR_OF_DTYPE: Record<number, Ctor | undefined> = {
  [DT.DTYPE_FLOAT32]: Float32Array as unknown as Ctor,
  [DT.DTYPE_FLOAT64]: Float64Array as unknown as Ctor,
  [DT.DTYPE_INT32]: Int32Array as unknown as Ctor,
  [DT.DTYPE_INT8]: Int8Array as unknown as Ctor,
  [DT.DTYPE_UINT8]: Uint8Array as unknown as Ctor,
  [DT.DTYPE_BOOL]: Uint8Array as unknown as Ctor,
};

export const DTYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(DT).map(([k, v]) => [v, k.replace('DTYPE_', '').toLowerCase()]));

export function dtypeOf(a: ArrayBufferView): v1.DType {
  if (a instanceof Float32Array) return DT.DTYPE_FLOAT32;
  if (a instanceof Float64Array) return DT.DTYPE_FLOAT64;
  if (a instanceof Int32Array) return DT.DTYPE_INT32;
  if (a instanceof Int8Array) return DT.DTYPE_INT8;
  if (a instanceof Uint8Array) return DT.DTYPE_UINT8;
  throw new MetarenaError('METARENA_INVALID_ARGUMENT', `cannot send a ${a.constructor.name} as a tensor`, { allowed: 'Float32Array, Float64Array, Int32Array, Int8Array, Uint8Array' });
}

/** The bytes of a typed array, without copying. */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return a instanceof Uint8Array ? a : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function encodeTensor(a: FlatArray, shape: number[], dtype: v1.DType = dtypeOf(a)): v1.ITensor {
  return { dtype, shape, data: bytesOf(a) };
}

const MAX_ELEMENTS = 2 ** 31;

/**
 * A received tensor as a typed array (INT64 becomes Float64Array). Checks that the shape is
 * well-formed and matches the data length; throws INVALID_ARGUMENT naming `field`. The array
 * views the message bytes when they are aligned for its type, else it is a copy (taken from
 * `arena` when one is given).
 */
export function decodeTensor(t: v1.ITensor | null | undefined, field: string, arena?: TypedArrayArena): FlatArray {
  if (!t) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} is missing`, { field, allowed: 'a tensor' });
  const dtype = t.dtype ?? 0;
  const data = t.data ?? new Uint8Array(0);
  let count = 1;
  for (const d of t.shape ?? []) {
    if (!Number.isSafeInteger(d) || d < 0) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}.shape has ${show(d)}; dimensions must be non-negative integers`, { field: `${field}.shape` });
    count *= d;
  }
  if (dtype === DT.DTYPE_INT64) {
    if (count * 8 !== data.byteLength) throw lengthError(field, count, 8, data.byteLength);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(i * 8, true));
    return out;
  }
  const ctor = CTOR_OF_DTYPE[dtype];
  if (!ctor) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}.dtype ${show(dtype)} is not a tensor dtype`, { field: `${field}.dtype`, allowed: 'FLOAT32, FLOAT64, INT32, INT8, UINT8, BOOL, INT64' });
  }
  const size = ctor.BYTES_PER_ELEMENT;
  if (count > MAX_ELEMENTS || count * size !== data.byteLength) throw lengthError(field, count, size, data.byteLength);
  if (data.byteOffset % size === 0) return new ctor(data.buffer, data.byteOffset, count);
  const copy = arena ? arena.alloc(ctor, count) : new ctor(count);
  new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength).set(data);
  return copy;
}

function lengthError(field: string, count: number, size: number, got: number): MetarenaError {
  return new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}.data has ${got} bytes but its shape and dtype need ${count} × ${size} = ${count * size}`, { field: `${field}.data`, allowed: `${count * size} bytes` });
}

/** The per-env shape of a flat space's element. */
function itemShape(space: Space): number[] {
  if (space instanceof Discrete) return [];
  if (space instanceof MultiDiscrete) return [space.nvec.length];
  return [...space.shape];
}

/** A batch of `n` elements of `space` as a Value (tensors view the batch's memory). */
export function encodeBatch(space: Space, batch: Batch, n: number): v1.IValue {
  if (space instanceof Dict) {
    const b = batch as Record<string, Batch>;
    return { dict: { entries: space.keys().map((key) => ({ key, value: encodeBatch(space.spaces[key], b[key], n) })) } };
  }
  if (space instanceof Tuple) {
    const b = batch as Batch[];
    return { tuple: { items: space.spaces.map((s, j) => encodeBatch(s, b[j], n)) } };
  }
  return { tensor: encodeTensor(batch as FlatArray, [n, ...itemShape(space)]) };
}

/** A batch from a Value, by the structure of `space`; flat parts keep the dtype they were sent in. */
export function decodeBatch(space: Space, value: v1.IValue | null | undefined, field: string, arena?: TypedArrayArena): Batch {
  if (!value) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} is missing`, { field, allowed: `a batch of ${space}` });
  if (space instanceof Dict) {
    if (!value.dict) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be a dict value with keys ${space.keys().join(', ')}`, { field, allowed: String(space) });
    const out: Record<string, Batch> = {};
    for (const e of value.dict.entries ?? []) {
      const key = e.key ?? '';
      if (!(key in space.spaces)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} has unknown key ${show(key)}; allowed: ${space.keys().join(', ')}`, { field: `${field}.${key}`, allowed: space.keys().join(', ') });
      out[key] = decodeBatch(space.spaces[key], e.value, `${field}.${key}`, arena);
    }
    for (const key of space.keys()) if (!(key in out)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} lacks key ${show(key)}`, { field: `${field}.${key}` });
    return out;
  }
  if (space instanceof Tuple) {
    const items = value.tuple?.items;
    if (!items || items.length !== space.spaces.length) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be a tuple value of ${space.spaces.length} items`, { field, allowed: String(space) });
    }
    return space.spaces.map((s, j) => decodeBatch(s, items[j], `${field}[${j}]`, arena));
  }
  if (!value.tensor) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be a tensor for ${space}`, { field, allowed: String(space) });
  return decodeTensor(value.tensor, field, arena);
}

/** True when `shape` is `[n, ...item shape of space]` (no allocation: it runs on every step). */
function isBatchShape(shape: readonly number[], n: number, space: Space): boolean {
  if (shape[0] !== n) return false;
  if (space instanceof Discrete) return shape.length === 1;
  if (space instanceof MultiDiscrete) return shape.length === 2 && shape[1] === space.nvec.length;
  const item = space.shape;
  if (shape.length !== item.length + 1) return false;
  for (let i = 0; i < item.length; i++) if (shape[i + 1] !== item[i]) return false;
  return true;
}

/**
 * Checks that every tensor of a batch value (already decoded by `decodeBatch`) has the shape
 * `[n, ...item shape]`; a wrong one throws `code` naming the field and the expected shape.
 */
export function checkBatchShape(space: Space, value: v1.IValue, n: number, field: string, code: ErrorCode): void {
  if (space instanceof Dict) {
    for (const e of value.dict?.entries ?? []) checkBatchShape(space.spaces[e.key ?? ''], e.value ?? {}, n, `${field}.${e.key}`, code);
    return;
  }
  if (space instanceof Tuple) {
    space.spaces.forEach((s, j) => checkBatchShape(s, value.tuple?.items?.[j] ?? {}, n, `${field}[${j}]`, code));
    return;
  }
  const shape = value.tensor?.shape ?? [];
  if (isBatchShape(shape, n, space)) return;
  const expected = `[${[n, ...itemShape(space)].join(', ')}]`;
  throw new MetarenaError(code, `${field}.shape is [${shape.join(', ')}], but ${n === 1 ? `1 env of ${space} needs` : `${n} envs of ${space} need`} shape ${expected}`, { field: `${field}.shape`, allowed: expected });
}

const BOX_ARRAY = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array } as const;

/** True when `a` already has the typed-array kind that batches of `space` use. */
export function hasBatchDtype(space: Space, a: unknown): a is FlatArray {
  if (space instanceof Discrete || space instanceof MultiDiscrete) return a instanceof Int32Array;
  if (space instanceof MultiBinary) return a instanceof Int8Array;
  if (space instanceof Box) return a instanceof BOX_ARRAY[space.dtype];
  return false;
}
