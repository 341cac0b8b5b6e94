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

/** Writes one element into slot i. */
export function writeItem(space: Space, batch: Batch, i: number, value: unknown): void {
  if (space instanceof Discrete) {
    (batch as Int32Array)[i] = value as number;
  } else if (space instanceof Dict) {
    for (const k of space.keys()) writeItem(space.spaces[k], (batch as Record<string, Batch>)[k], i, (value as Record<string, unknown>)[k]);
  } else if (space instanceof Tuple) {
    space.spaces.forEach((s, j) => writeItem(s, (batch as Batch[])[j], i, (value as unknown[])[j]));
  } else {
    const size = flatSize(space)!;
    (batch as FlatArray).set(value as ArrayLike<number>, i * size);
  }
}

/** Reads slot i. Flat spaces give a view into the batch unless `copy` is set. */
export function readItem(space: Space, batch: Batch, i: number, copy = false): unknown {
  if (space instanceof Discrete) return (batch as Int32Array)[i];
  if (space instanceof Dict) return Object.fromEntries(space.keys().map((k) => [k, readItem(space.spaces[k], (batch as Record<string, Batch>)[k], i, copy)]));
  if (space instanceof Tuple) return space.spaces.map((s, j) => readItem(s, (batch as Batch[])[j], i, copy));
  const size = flatSize(space)!;
  const a = batch as FlatArray;
  return copy ? a.slice(i * size, (i + 1) * size) : a.subarray(i * size, (i + 1) * size);
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
