/**
 * Batches: many elements of one space stored batch-first. Box, Discrete, MultiDiscrete and
 * MultiBinary batch into one flat typed array (`[n, ...shape]`); Dict into an object of batches;
 * Tuple into a list of batches — Gymnasium's `batch_space` layout.
 */
import { MetarenaError, show } from '../errors.ts';
import { Box, Dict, Discrete, type FlatArray, MultiBinary, MultiDiscrete, type Space, Tuple } from '../spaces/index.ts';

export type Batch = FlatArray | { [key: string]: Batch } | Batch[];

/** Elements per batch entry for flat spaces, or undefined for Dict/Tuple. */
export function flatSize(space: Space): number | undefined {
  if (space instanceof Box) return space.size;
  if (space instanceof Discrete) return 1;
  if (space instanceof MultiDiscrete) return space.nvec.length;
  if (space instanceof MultiBinary) return space.size;
  return undefined;
}

export function createBatch(space: Space, n: number): Batch {
  if (space instanceof Box) return space.allocate(n);
  if (space instanceof Discrete) return new Int32Array(n);
  if (space instanceof MultiDiscrete) return new Int32Array(n * space.nvec.length);
  if (space instanceof MultiBinary) return new Int8Array(n * space.size);
  if (space instanceof Dict) return Object.fromEntries(space.keys().map((k) => [k, createBatch(space.spaces[k], n)]));
  if (space instanceof Tuple) return space.spaces.map((s) => createBatch(s, n));
  throw new MetarenaError('METARENA_INVALID_SPACE', `cannot batch space ${String(space)}`);
}

/**
 * How one space's elements move in and out of a batch, worked out once per space so that hot
 * loops (a vector env stepping 64 envs) do not test the space kind for every element.
 */
export interface BatchCodec {
  /** Elements per batch entry for flat spaces, or undefined for Dict/Tuple. */
  readonly flatSize: number | undefined;
  create(n: number): Batch;
  /** Writes one element (already an element of the space) into slot i. */
  write(batch: Batch, i: number, value: unknown): void;
  /** Reads slot i. Flat spaces give a view into the batch unless `copy` is set. */
  read(batch: Batch, i: number, copy?: boolean): unknown;
  /**
   * Fast path of `toBatch` for a flat typed array or number list: a new batch when every value
   * is valid, otherwise undefined (and `toBatch` then finds and reports the problem).
   */
  fromFlat(input: unknown, n: number): Batch | undefined;
}

const noFastPath = (): undefined => undefined;

function asFlatInput(input: unknown): ArrayLike<number> | undefined {
  if (Array.isArray(input)) return input.length === 0 || typeof input[0] === 'number' ? (input as number[]) : undefined;
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) return input as unknown as ArrayLike<number>;
  return undefined;
}

const codecs = new WeakMap<Space, BatchCodec>();

/** The (cached) codec of a space. */
export function batchCodec(space: Space): BatchCodec {
  let codec = codecs.get(space);
  if (!codec) {
    codec = buildCodec(space);
    codecs.set(space, codec);
  }
  return codec;
}

function buildCodec(space: Space): BatchCodec {
  if (space instanceof Discrete) {
    return {
      flatSize: 1,
      create: (n) => new Int32Array(n),
      write: (batch, i, value) => {
        (batch as Int32Array)[i] = value as number;
      },
      read: (batch, i) => (batch as Int32Array)[i],
      fromFlat: (input, n) => {
        const flat = asFlatInput(input);
        if (!flat || flat.length !== n) return undefined;
        const lo = space.start;
        const hi = space.start + space.n;
        const out = new Int32Array(n);
        for (let j = 0; j < n; j++) {
          const v = flat[j];
          if (!(v >= lo && v < hi && Number.isInteger(v))) return undefined;
          out[j] = v;
        }
        return out;
      },
    };
  }
  if (space instanceof Dict) {
    const keys = space.keys();
    const parts = keys.map((k) => batchCodec(space.spaces[k]));
    return {
      flatSize: undefined,
      create: (n) => createBatch(space, n),
      write: (batch, i, value) => {
        for (let j = 0; j < keys.length; j++) parts[j].write((batch as Record<string, Batch>)[keys[j]], i, (value as Record<string, unknown>)[keys[j]]);
      },
      read: (batch, i, copy = false) => {
        const out: Record<string, unknown> = {};
        for (let j = 0; j < keys.length; j++) out[keys[j]] = parts[j].read((batch as Record<string, Batch>)[keys[j]], i, copy);
        return out;
      },
      fromFlat: noFastPath,
    };
  }
  if (space instanceof Tuple) {
    const parts = space.spaces.map((s) => batchCodec(s));
    return {
      flatSize: undefined,
      create: (n) => createBatch(space, n),
      write: (batch, i, value) => {
        for (let j = 0; j < parts.length; j++) parts[j].write((batch as Batch[])[j], i, (value as unknown[])[j]);
      },
      read: (batch, i, copy = false) => parts.map((p, j) => p.read((batch as Batch[])[j], i, copy)),
      fromFlat: noFastPath,
    };
  }
  const size = flatSize(space);
  if (size === undefined) throw new MetarenaError('METARENA_INVALID_SPACE', `cannot batch space ${String(space)}`);
  return {
    flatSize: size,
    create: (n) => createBatch(space, n),
    write: (batch, i, value) => {
      (batch as FlatArray).set(value as ArrayLike<number>, i * size);
    },
    read: (batch, i, copy = false) => {
      const a = batch as FlatArray;
      return copy ? a.slice(i * size, (i + 1) * size) : a.subarray(i * size, (i + 1) * size);
    },
    fromFlat: space instanceof Box ? boxFromFlat(space) : noFastPath,
  };
}

/** Box fast path: copy into the box's dtype, then check the stored values against the limits. */
function boxFromFlat(space: Box): BatchCodec['fromFlat'] {
  const { low, high, size } = space;
  const integer = space.dtype === 'int32' || space.dtype === 'uint8';
  return (input, n) => {
    const flat = asFlatInput(input);
    if (!flat || flat.length !== n * size) return undefined;
    const out = space.allocate(n);
    out.set(flat);
    for (let i = 0, j = 0; i < n; i++) {
      for (let k = 0; k < size; k++, j++) {
        const v = out[j];
        if (!(v >= low[k] && v <= high[k])) return undefined;
        if (integer && v !== flat[j]) return undefined;
      }
    }
    return out;
  };
}

/** Writes one element into slot i. */
export function writeItem(space: Space, batch: Batch, i: number, value: unknown): void {
  batchCodec(space).write(batch, i, value);
}

/** Reads slot i. Flat spaces give a view into the batch unless `copy` is set. */
export function readItem(space: Space, batch: Batch, i: number, copy = false): unknown {
  return batchCodec(space).read(batch, i, copy);
}

export function cloneBatch(batch: Batch): Batch {
  if (ArrayBuffer.isView(batch)) return (batch as FlatArray).slice();
  if (Array.isArray(batch)) return batch.map(cloneBatch);
  return Object.fromEntries(Object.entries(batch).map(([k, v]) => [k, cloneBatch(v)]));
}

/**
 * Turns user input into a batch of `n` elements of `space`, checking every element; accepts a
 * flat typed array, a flat number list, or a list of per-env elements. Throws naming the slot.
 */
export function toBatch(space: Space, input: unknown, n: number, field: string): Batch {
  const fast = batchCodec(space).fromFlat(input, n);
  if (fast) return fast;
  const size = flatSize(space);
  if (size !== undefined) {
    const out = createBatch(space, n) as FlatArray;
    let flat: ArrayLike<number> | undefined;
    if (ArrayBuffer.isView(input) && !(input instanceof DataView)) flat = input as unknown as ArrayLike<number>;
    else if (Array.isArray(input) && (input.length === 0 || typeof input[0] === 'number')) flat = input as number[];
    if (flat) {
      if (flat.length !== n * size) {
        throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must hold ${n} × ${size} = ${n * size} values for ${n} envs of ${space}, got ${flat.length}`, { field, allowed: `${n * size} values` });
      }
      out.set(flat);
      if (out instanceof Int32Array || out instanceof Int8Array || out instanceof Uint8Array) {
        for (let j = 0; j < flat.length; j++) {
          if (out[j] !== flat[j]) throw new MetarenaError('METARENA_INVALID_ACTION', `${field}[${Math.floor(j / size)}] must be integers, got ${show(flat[j])}`, { field: `${field}[${Math.floor(j / size)}]`, allowed: String(space) });
        }
      }
      for (let i = 0; i < n; i++) space.check(size === 1 && space instanceof Discrete ? out[i] : out.subarray(i * size, (i + 1) * size), `${field}[${i}]`);
      return out;
    }
    if (!Array.isArray(input) || input.length !== n) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be a batch of ${n} elements of ${space}, got ${show(input)}`, { field, allowed: `${n} elements` });
    }
    input.forEach((v, i) => writeItem(space, out, i, space.check(v, `${field}[${i}]`)));
    return out;
  }
  if (space instanceof Dict) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be an object of batches with keys ${space.keys().join(', ')}, got ${show(input)}`, { field });
    }
    for (const k of Object.keys(input)) if (!(k in space.spaces)) throw new MetarenaError('METARENA_INVALID_ACTION', `${field} has unknown key ${show(k)}; allowed: ${space.keys().join(', ')}`, { field: `${field}.${k}` });
    return Object.fromEntries(space.keys().map((k) => [k, toBatch(space.spaces[k], (input as Record<string, unknown>)[k], n, `${field}.${k}`)]));
  }
  if (space instanceof Tuple) {
    if (!Array.isArray(input) || input.length !== space.spaces.length) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be a list of ${space.spaces.length} batches, got ${show(input)}`, { field });
    }
    return space.spaces.map((s, j) => toBatch(s, input[j], n, `${field}[${j}]`));
  }
  throw new MetarenaError('METARENA_INVALID_SPACE', `cannot batch space ${String(space)}`);
}
