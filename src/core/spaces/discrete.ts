/** Discrete: the integers {start, …, start + n − 1}, as Gymnasium's `spaces.Discrete`. */
import { MetarenaError, show } from '../errors.ts';
import type { Rng } from '../rng.ts';
import type { Space, SpaceSpec } from './space.ts';

export class Discrete implements Space<number> {
  readonly type = 'Discrete' as const;
  readonly shape: readonly number[] = Object.freeze([]);

  constructor(readonly n: number, readonly start = 0) {
    if (!Number.isInteger(n) || n < 1) throw new MetarenaError('METARENA_INVALID_SPACE', `Discrete n must be a positive integer, got ${show(n)}`, { field: 'n' });
    if (!Number.isInteger(start)) throw new MetarenaError('METARENA_INVALID_SPACE', `Discrete start must be an integer, got ${show(start)}`, { field: 'start' });
  }

  contains(x: unknown): x is number {
    return typeof x === 'number' && Number.isInteger(x) && x >= this.start && x < this.start + this.n;
  }

  check(x: unknown, field: string): number {
    let v = x;
    if (ArrayBuffer.isView(v) && (v as unknown as ArrayLike<number>).length === 1) v = (v as unknown as ArrayLike<number>)[0];
    if (Array.isArray(v) && v.length === 1) v = v[0];
    if (this.contains(v)) return v;
    throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be an integer in [${this.start}, ${this.start + this.n - 1}], got ${show(x)}`, {
      field,
      allowed: String(this),
    });
  }

  sample(rng: Rng): number {
    return this.start + rng.integer(this.n);
  }

  toJSON(): SpaceSpec {
    return { type: 'Discrete', n: this.n, start: this.start };
  }

  static fromJSON(spec: Extract<SpaceSpec, { type: 'Discrete' }>): Discrete {
    return new Discrete(spec.n, spec.start ?? 0);
  }

  toString(): string {
    return this.start === 0 ? `Discrete(${this.n})` : `Discrete(${this.n}, start=${this.start})`;
  }
}
