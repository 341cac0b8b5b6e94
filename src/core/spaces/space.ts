/**
 * The Space contract shared by every space kind: validate, contain, sample, serialise.
 */
import type { Rng } from '../rng.ts';

export type BoxDtype = 'float32' | 'float64' | 'int32' | 'uint8';
export type FlatArray = Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array;

/** JSON form of a space; the same shape travels on the wire. Unbounded limits are `null`. */
export type SpaceSpec =
  | { type: 'Box'; shape: number[]; dtype: BoxDtype; low: (number | null)[]; high: (number | null)[] }
  | { type: 'Discrete'; n: number; start: number }
  | { type: 'MultiDiscrete'; nvec: number[]; start: number[] }
  | { type: 'MultiBinary'; shape: number[] }
  | { type: 'Dict'; spaces: Record<string, SpaceSpec> }
  | { type: 'Tuple'; spaces: SpaceSpec[] };

export interface Space<T = unknown> {
  readonly type: SpaceSpec['type'];
  /** Shape of one element; `[]` for Discrete, Dict and Tuple. */
  readonly shape: readonly number[];
  /** True when `x` is a valid element of this space. */
  contains(x: unknown): x is T;
  /**
   * Returns `x` as an element of this space (plain number arrays become typed arrays), or throws
   * METARENA_INVALID_ACTION naming `field` and saying what is allowed.
   */
  check(x: unknown, field: string): T;
  sample(rng: Rng): T;
  toJSON(): SpaceSpec;
  toString(): string;
}

export type ValueOf<S> = S extends Space<infer T> ? T : never;

export function checkPositiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${field} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Accepts a typed array or a (nested) plain array of numbers, returning a flat list of numbers. */
export function flatNumbers(x: unknown): ArrayLike<number> | undefined {
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    if (x instanceof BigInt64Array || x instanceof BigUint64Array) return undefined;
    return x as unknown as ArrayLike<number>;
  }
  if (!Array.isArray(x)) return undefined;
  if (x.length > 0 && Array.isArray(x[0])) {
    const out: number[] = [];
    const walk = (v: unknown): boolean => {
      if (Array.isArray(v)) return v.every(walk);
      if (typeof v !== 'number') return false;
      out.push(v);
      return true;
    };
    return walk(x) ? out : undefined;
  }
  for (const v of x) if (typeof v !== 'number') return undefined;
  return x as number[];
}
