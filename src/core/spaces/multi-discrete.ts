/** MultiDiscrete: a vector of independent discrete choices, element i in [start_i, start_i + nvec_i). */
import { MetarenaError, show } from '../errors.ts';
import type { Rng } from '../rng.ts';
import { type Space, type SpaceSpec, flatNumbers } from './space.ts';

export class MultiDiscrete implements Space<Int32Array> {
  readonly type = 'MultiDiscrete' as const;
  readonly shape: readonly number[];
  readonly nvec: Int32Array;
  readonly start: Int32Array;

  constructor(nvec: ArrayLike<number>, start?: ArrayLike<number>) {
    if (nvec.length < 1) throw new MetarenaError('METARENA_INVALID_SPACE', 'MultiDiscrete nvec must not be empty', { field: 'nvec' });
    for (let i = 0; i < nvec.length; i++) {
      if (!Number.isInteger(nvec[i]) || nvec[i] < 1) throw new MetarenaError('METARENA_INVALID_SPACE', `MultiDiscrete nvec[${i}] must be a positive integer, got ${show(nvec[i])}`, { field: `nvec[${i}]` });
    }
    if (start && start.length !== nvec.length) throw new MetarenaError('METARENA_INVALID_SPACE', `MultiDiscrete start has ${start.length} values, nvec has ${nvec.length}`, { field: 'start' });
    this.nvec = Int32Array.from(nvec);
    this.start = start ? Int32Array.from(start) : new Int32Array(nvec.length);
    this.shape = Object.freeze([nvec.length]);
  }

  private violation(x: ArrayLike<number>): number {
    if (x.length !== this.nvec.length) return -2;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (!Number.isInteger(v) || v < this.start[i] || v >= this.start[i] + this.nvec[i]) return i;
    }
    return -1;
  }

  contains(x: unknown): x is Int32Array {
    return x instanceof Int32Array && this.violation(x) === -1;
  }

  check(x: unknown, field: string): Int32Array {
    const values = flatNumbers(x);
    const bad = values ? this.violation(values) : -2;
    if (bad === -2 || !values) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be ${this.nvec.length} integers, got ${show(x)}`, { field, allowed: String(this) });
    }
    if (bad >= 0) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field}[${bad}] must be an integer in [${this.start[bad]}, ${this.start[bad] + this.nvec[bad] - 1}], got ${show(values[bad])}`, {
        field: `${field}[${bad}]`,
        allowed: String(this),
      });
    }
    return values instanceof Int32Array ? values : Int32Array.from(values);
  }

  sample(rng: Rng): Int32Array {
    const out = new Int32Array(this.nvec.length);
    for (let i = 0; i < out.length; i++) out[i] = this.start[i] + rng.integer(this.nvec[i]);
    return out;
  }

  toJSON(): SpaceSpec {
    return { type: 'MultiDiscrete', nvec: Array.from(this.nvec), start: Array.from(this.start) };
  }

  static fromJSON(spec: Extract<SpaceSpec, { type: 'MultiDiscrete' }>): MultiDiscrete {
    return new MultiDiscrete(spec.nvec, spec.start);
  }

  toString(): string {
    return `MultiDiscrete([${Array.from(this.nvec).join(', ')}])`;
  }
}
