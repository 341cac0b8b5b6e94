/** Tuple: an ordered list of sub-spaces, as Gymnasium's `spaces.Tuple`. */
import { MetarenaError, show } from '../errors.ts';
import type { Rng } from '../rng.ts';
import type { Space, SpaceSpec } from './space.ts';

export class Tuple implements Space<unknown[]> {
  readonly type = 'Tuple' as const;
  readonly shape: readonly number[] = Object.freeze([]);
  readonly spaces: readonly Space[];

  constructor(spaces: readonly Space[]) {
    if (!Array.isArray(spaces) || spaces.length === 0) throw new MetarenaError('METARENA_INVALID_SPACE', 'Tuple needs at least one sub-space', { field: 'spaces' });
    spaces.forEach((s, i) => {
      if (!s || typeof s.contains !== 'function') throw new MetarenaError('METARENA_INVALID_SPACE', `Tuple entry ${i} is not a space`, { field: `spaces[${i}]` });
    });
    this.spaces = Object.freeze([...spaces]);
  }

  contains(x: unknown): x is unknown[] {
    return Array.isArray(x) && x.length === this.spaces.length && this.spaces.every((s, i) => s.contains(x[i]));
  }

  check(x: unknown, field: string): unknown[] {
    if (!Array.isArray(x) || x.length !== this.spaces.length) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be a list of ${this.spaces.length} elements, got ${show(x)}`, { field, allowed: String(this) });
    }
    return this.spaces.map((s, i) => s.check(x[i], `${field}[${i}]`));
  }

  sample(rng: Rng): unknown[] {
    return this.spaces.map((s) => s.sample(rng));
  }

  toJSON(): SpaceSpec {
    return { type: 'Tuple', spaces: this.spaces.map((s) => s.toJSON()) };
  }

  toString(): string {
    return `Tuple(${this.spaces.join(', ')})`;
  }
}
