/** Dict: named sub-spaces, as Gymnasium's `spaces.Dict` (keys kept in insertion order). */
import { MetarenaError, show } from '../errors.ts';
import type { Rng } from '../rng.ts';
import type { Space, SpaceSpec } from './space.ts';

export class Dict implements Space<Record<string, unknown>> {
  readonly type = 'Dict' as const;
  readonly shape: readonly number[] = Object.freeze([]);
  readonly spaces: Readonly<Record<string, Space>>;

  constructor(spaces: Record<string, Space>) {
    if (typeof spaces !== 'object' || spaces === null || Object.keys(spaces).length === 0) {
      throw new MetarenaError('METARENA_INVALID_SPACE', 'Dict needs at least one sub-space', { field: 'spaces' });
    }
    for (const [k, s] of Object.entries(spaces)) {
      if (!s || typeof (s as Space).contains !== 'function') throw new MetarenaError('METARENA_INVALID_SPACE', `Dict entry ${show(k)} is not a space`, { field: `spaces.${k}` });
    }
    this.spaces = Object.freeze({ ...spaces });
  }

  keys(): string[] {
    return Object.keys(this.spaces);
  }

  contains(x: unknown): x is Record<string, unknown> {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
    const keys = Object.keys(x);
    if (keys.length !== this.keys().length) return false;
    return this.keys().every((k) => this.spaces[k].contains((x as Record<string, unknown>)[k]));
  }

  check(x: unknown, field: string): Record<string, unknown> {
    if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) {
      throw new MetarenaError('METARENA_INVALID_ACTION', `${field} must be an object with keys ${this.keys().join(', ')}, got ${show(x)}`, { field, allowed: String(this) });
    }
    const extra = Object.keys(x).filter((k) => !Object.hasOwn(this.spaces, k));
    if (extra.length) throw new MetarenaError('METARENA_INVALID_ACTION', `${field} has unknown key ${show(extra[0])}; allowed keys: ${this.keys().join(', ')}`, { field: `${field}.${extra[0]}`, allowed: this.keys().join(', ') });
    const out: Record<string, unknown> = {};
    for (const k of this.keys()) out[k] = this.spaces[k].check((x as Record<string, unknown>)[k], `${field}.${k}`);
    return out;
  }

  sample(rng: Rng): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of this.keys()) out[k] = this.spaces[k].sample(rng);
    return out;
  }

  toJSON(): SpaceSpec {
    const spaces: Record<string, SpaceSpec> = {};
    for (const k of this.keys()) spaces[k] = this.spaces[k].toJSON();
    return { type: 'Dict', spaces };
  }

  toString(): string {
    return `Dict(${this.keys().map((k) => `${k}: ${this.spaces[k]}`).join(', ')})`;
  }
}
