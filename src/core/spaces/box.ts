/**
 * Box: an n-dimensional array of numbers with per-element lower and upper limits (possibly
 * infinite), as Gymnasium's `spaces.Box`.
 */
import { MetarenaError, show } from '../errors.ts';
import type { Rng } from '../rng.ts';
import { type BoxDtype, type FlatArray, type Space, type SpaceSpec, flatNumbers, product } from './space.ts';

const ARRAY_OF = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array } as const;
const RANGE_OF: Record<BoxDtype, [number, number] | undefined> = {
  float32: undefined,
  float64: undefined,
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
};

export interface BoxOptions {
  low: number | ArrayLike<number>;
  high: number | ArrayLike<number>;
  shape?: readonly number[];
  dtype?: BoxDtype;
}

export class Box implements Space<FlatArray> {
  readonly type = 'Box' as const;
  readonly shape: readonly number[];
  readonly dtype: BoxDtype;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly size: number;
  readonly boundedBelow: boolean;
  readonly boundedAbove: boolean;

  constructor({ low, high, shape, dtype = 'float32' }: BoxOptions) {
    if (!(dtype in ARRAY_OF)) throw new MetarenaError('METARENA_INVALID_SPACE', `Box dtype must be one of float32, float64, int32, uint8, got ${show(dtype)}`, { field: 'dtype' });
    const inferred = shape ?? (typeof low !== 'number' ? [low.length] : typeof high !== 'number' ? [high.length] : undefined);
    if (!inferred) throw new MetarenaError('METARENA_INVALID_SPACE', 'Box needs a shape when low and high are both scalars', { field: 'shape' });
    for (const d of inferred) {
      if (!Number.isInteger(d) || d < 0) throw new MetarenaError('METARENA_INVALID_SPACE', `Box shape must hold non-negative integers, got ${show(inferred)}`, { field: 'shape' });
    }
    this.shape = Object.freeze([...inferred]);
    this.dtype = dtype;
    this.size = product(inferred);
    this.low = this.fill(low, 'low');
    this.high = this.fill(high, 'high');
    for (let i = 0; i < this.size; i++) {
      if (Number.isNaN(this.low[i]) || Number.isNaN(this.high[i]) || this.low[i] > this.high[i]) {
        throw new MetarenaError('METARENA_INVALID_SPACE', `Box low must be <= high at index ${i}, got low=${show(this.low[i])} high=${show(this.high[i])}`, { field: `low[${i}]` });
      }
    }
    this.boundedBelow = this.low.every(Number.isFinite);
    this.boundedAbove = this.high.every(Number.isFinite);
  }

  private fill(v: number | ArrayLike<number>, name: string): Float64Array {
    const out = new Float64Array(this.size);
    if (typeof v === 'number') {
      out.fill(v);
    } else {
      if (v.length !== this.size) {
        throw new MetarenaError('METARENA_INVALID_SPACE', `Box ${name} has ${v.length} values but shape ${show(this.shape)} needs ${this.size}`, { field: name });
      }
      out.set(v);
    }
    const range = RANGE_OF[this.dtype];
    if (range) for (let i = 0; i < out.length; i++) out[i] = Math.min(Math.max(out[i], range[0]), range[1]);
    return out;
  }

  /** Allocates an array of this box's dtype, `count` elements long (default: one element). */
  allocate(count = 1): FlatArray {
    return new ARRAY_OF[this.dtype](this.size * count);
  }

  contains(x: unknown): x is FlatArray {
    if (!(x instanceof ARRAY_OF[this.dtype]) || x.length !== this.size) return false;
    return this.findViolation(x) < 0;
  }

  /** Index of the first element outside the box (or NaN), or -1. */
  private findViolation(x: ArrayLike<number>): number {
    const { low, high } = this;
    for (let i = 0; i < this.size; i++) {
      const v = x[i];
      if (!(v >= low[i] && v <= high[i])) return i;
    }
    return -1;
  }

  check(x: unknown, field: string): FlatArray {
    let values = typeof x === 'number' && this.size === 1 ? [x] : flatNumbers(x);
    if (values === undefined || values.length !== this.size) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be ${this.size} numbers of shape ${show(this.shape)}, got ${show(x)}`, {
        field,
        allowed: String(this),
      });
    }
    const bad = this.findViolation(values);
    if (bad >= 0) {
      const v = values[bad];
      const what = Number.isNaN(v) ? 'is NaN' : `${show(v)} is outside [${show(this.low[bad])}, ${show(this.high[bad])}]`;
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field}[${bad}] ${what}`, { field: `${field}[${bad}]`, allowed: `[${show(this.low[bad])}, ${show(this.high[bad])}]` });
    }
    if (this.dtype === 'int32' || this.dtype === 'uint8') {
      for (let i = 0; i < values.length; i++) {
        if (!Number.isInteger(values[i])) throw new MetarenaError('METARENA_INVALID_ACTION', `${field}[${i}] must be an integer, got ${show(values[i])}`, { field: `${field}[${i}]` });
      }
    }
    if (values instanceof ARRAY_OF[this.dtype]) return values as FlatArray;
    const out = this.allocate();
    out.set(values as ArrayLike<number>);
    return out;
  }

  sample(rng: Rng): FlatArray {
    const out = this.allocate();
    const integer = this.dtype === 'int32' || this.dtype === 'uint8';
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i];
      const hi = this.high[i];
      let v: number;
      if (Number.isFinite(lo) && Number.isFinite(hi)) v = integer ? lo + rng.integer(hi - lo + 1) : rng.uniform(lo, hi);
      else if (Number.isFinite(lo)) v = lo - Math.log(1 - rng.random());
      else if (Number.isFinite(hi)) v = hi + Math.log(1 - rng.random());
      else v = rng.normal();
      out[i] = integer ? Math.round(v) : v;
    }
    // float32 rounding can step past a limit; keep samples inside
    for (let i = 0; i < this.size; i++) {
      if (out[i] > this.high[i]) out[i] = Math.fround(this.high[i]) > this.high[i] ? out[i] - Number.EPSILON : this.high[i];
      if (out[i] < this.low[i]) out[i] = this.low[i];
    }
    if (this.findViolation(out) >= 0) return this.sample(rng);
    return out;
  }

  toJSON(): SpaceSpec {
    const lim = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
    return { type: 'Box', shape: [...this.shape], dtype: this.dtype, low: lim(this.low), high: lim(this.high) };
  }

  static fromJSON(spec: Extract<SpaceSpec, { type: 'Box' }>): Box {
    const lim = (a: (number | null)[], inf: number) => a.map((v) => (v === null ? inf : v));
    return new Box({ shape: spec.shape, dtype: spec.dtype, low: lim(spec.low, -Infinity), high: lim(spec.high, Infinity) });
  }

  toString(): string {
    const allSame = (a: Float64Array) => a.every((v) => v === a[0]);
    const lim = (a: Float64Array) => (allSame(a) ? show(a[0] ?? 0) : `[${Array.from(a, (v) => show(v)).join(', ')}]`);
    return `Box(${lim(this.low)}, ${lim(this.high)}, (${this.shape.join(', ')}${this.shape.length === 1 ? ',' : ''}), ${this.dtype})`;
  }
}
