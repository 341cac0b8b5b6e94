/** MultiBinary: an array of 0/1 flags of a given shape, as Gymnasium's `spaces.MultiBinary` (int8). */
import { MetarenaError, show } from '../errors.ts';
import type { Rng } from '../rng.ts';
import { type Space, type SpaceSpec, flatNumbers, product } from './space.ts';

export class MultiBinary implements Space<Int8Array> {
  readonly type = 'MultiBinary' as const;
  readonly shape: readonly number[];
  readonly size: number;

  constructor(n: number | readonly number[]) {
    const shape = typeof n === 'number' ? [n] : [...n];
    if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new MetarenaError('METARENA_INVALID_SPACE', `MultiBinary n must be a positive integer or shape, got ${show(n)}`, { field: 'n' });
    }
    this.shape = Object.freeze(shape);
    this.size = product(shape);
  }

  contains(x: unknown): x is Int8Array {
    return x instanceof Int8Array && x.length === this.size && x.every((v) => v === 0 || v === 1);
  }

  check(x: unknown, field: string): Int8Array {
    const values = typeof x === 'boolean' ? undefined : flatNumbers(Array.isArray(x) ? x.map((v) => (typeof v === 'boolean' ? Number(v) : v)) : x);
    if (!values || values.length !== this.size) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be ${this.size} values of 0 or 1, got ${show(x)}`, { field, allowed: String(this) });
    }
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== 0 && values[i] !== 1) {
        throw new MetarenaError('METARENA_INVALID_ACTION', `${field}[${i}] must be 0 or 1, got ${show(values[i])}`, { field: `${field}[${i}]`, allowed: '0 or 1' });
      }
    }
    return values instanceof Int8Array ? values : Int8Array.from(values);
  }

  sample(rng: Rng): Int8Array {
    const out = new Int8Array(this.size);
    for (let i = 0; i < out.length; i++) out[i] = rng.random() < 0.5 ? 1 : 0;
    return out;
  }

  toJSON(): SpaceSpec {
    return { type: 'MultiBinary', shape: [...this.shape] };
  }

  static fromJSON(spec: Extract<SpaceSpec, { type: 'MultiBinary' }>): MultiBinary {
    return new MultiBinary(spec.shape);
  }

  toString(): string {
    return `MultiBinary(${this.shape.length === 1 ? this.shape[0] : `[${this.shape.join(', ')}]`})`;
  }
}
