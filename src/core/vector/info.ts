/**
 * Vector info in Gymnasium's dict-of-arrays layout: `info[key]` holds one entry per env and
 * `info["_" + key]` a 0/1 mask of the envs that reported it. Numbers batch into Float64Array,
 * booleans into Uint8Array, plain objects recursively, anything else into a list.
 *
 * While a step gathers infos, each key is kept sparse: the ascending indices of the envs that
 * reported it and their values in the same order. In a typical step only the few envs that reset
 * or finished report anything, so this costs per report, not per env. `result()` spreads the
 * columns into the dense layout above (its typed arrays share one buffer); the wire codec reads
 * the sparse columns directly (`columns()`), since it sends a key that few envs reported as
 * exactly those indices and values.
 */
import type { Info } from '../env.ts';
import { TypedArrayArena } from './arena.ts';

export type InfoColumnKind = 'number' | 'boolean' | 'object' | 'any';

/** One key of a batched info, sparse. Read-only for callers; `indices` are ascending. */
export interface InfoColumn {
  readonly kind: InfoColumnKind;
  /** The envs that reported the key, ascending. */
  readonly indices: readonly number[];
  /**
   * Their values, in the order of `indices`: numbers (`number`), booleans (`boolean`), the
   * reported values as they were (`any`); empty for `object` (see `nested`).
   */
  readonly values: readonly unknown[];
  /** For `object` columns: the nested objects, batched key by key. */
  readonly nested: InfoBatcher | undefined;
}

interface MutableColumn extends InfoColumn {
  kind: InfoColumnKind;
  indices: number[];
  values: unknown[];
  nested: InfoBatcher | undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

function kindOf(value: unknown): InfoColumnKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (isPlainObject(value)) return 'object';
  return 'any';
}

/** Where env `i` goes in ascending `indices`: its position, and whether it is already there. */
function slotOf(indices: readonly number[], i: number): { at: number; present: boolean } {
  let lo = 0;
  let hi = indices.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (indices[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, present: lo < indices.length && indices[lo] === i };
}

export class InfoBatcher {
  private readonly byKey = new Map<string, MutableColumn>();

  constructor(readonly n: number) {}

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  add(i: number, info: Info): void {
    for (const key in info) this.set(key, i, info[key]);
  }

  set(key: string, i: number, value: unknown): void {
    let col = this.byKey.get(key);
    if (!col) {
      const kind = kindOf(value);
      col = { kind, indices: [], values: [], nested: kind === 'object' ? new InfoBatcher(this.n) : undefined };
      this.byKey.set(key, col);
    } else if (col.kind !== 'any' && col.kind !== kindOf(value)) {
      this.widen(col);
    }
    const indices = col.indices;
    const count = indices.length;
    // envs report in ascending order, so the new entry nearly always goes at the end
    if (count === 0 || indices[count - 1] < i) {
      indices.push(i);
      if (col.kind === 'object') col.nested!.add(i, value as Info);
      else col.values.push(value);
      return;
    }
    const { at, present } = slotOf(indices, i);
    if (!present) indices.splice(at, 0, i);
    if (col.kind === 'object') {
      // like the dense layout, a second object for the same env merges into the first
      col.nested!.add(i, value as Info);
    } else if (present) {
      col.values[at] = value;
    } else {
      col.values.splice(at, 0, value);
    }
  }

  /** Turns a column into an `any` column holding each env's value as the dense layout gives it. */
  private widen(col: MutableColumn): void {
    if (col.kind === 'object') {
      const objects = col.nested!.split();
      col.values = col.indices.map((i) => objects[i]);
      col.nested = undefined;
    }
    col.kind = 'any';
  }

  /** The keys and their sparse columns, in the order the keys were first reported. */
  columns(): ReadonlyMap<string, InfoColumn> {
    return this.byKey;
  }

  /** Per-env plain objects (used when a nested column has to widen). */
  split(): Info[] {
    const out: Info[] = Array.from({ length: this.n }, () => ({}));
    for (const [key, col] of this.byKey) {
      const { indices, values } = col;
      if (col.kind === 'object') {
        const objects = col.nested!.split();
        for (const i of indices) out[i][key] = objects[i];
      } else {
        for (let k = 0; k < indices.length; k++) out[indices[k]][key] = values[k];
      }
    }
    return out;
  }

  /** Bytes the typed arrays of `result()` take, with room to align each Float64Array. */
  private denseBytes(): number {
    let bytes = 0;
    for (const col of this.byKey.values()) {
      bytes += this.n;
      if (col.kind === 'number') bytes += 8 * this.n + 7;
      else if (col.kind === 'boolean') bytes += this.n;
      else if (col.kind === 'object') bytes += col.nested!.denseBytes();
    }
    return bytes;
  }

  /**
   * The dense layout: per key, one entry per env and its `_key` mask. The typed arrays of one
   * result share one ArrayBuffer: a dozen separate backing stores cost more than a step of
   * most envs.
   */
  result(arena = new TypedArrayArena(this.denseBytes())): Info {
    const n = this.n;
    const out: Info = {};
    for (const [key, col] of this.byKey) {
      const { indices, values } = col;
      const mask = arena.uint8(n);
      for (let k = 0; k < indices.length; k++) mask[indices[k]] = 1;
      let dense: unknown;
      if (col.kind === 'number') {
        const d = arena.float64(n);
        for (let k = 0; k < indices.length; k++) d[indices[k]] = values[k] as number;
        dense = d;
      } else if (col.kind === 'boolean') {
        const d = arena.uint8(n);
        for (let k = 0; k < indices.length; k++) d[indices[k]] = values[k] ? 1 : 0;
        dense = d;
      } else if (col.kind === 'object') {
        dense = col.nested!.result(arena);
      } else {
        const d: unknown[] = new Array(n).fill(null);
        for (let k = 0; k < indices.length; k++) d[indices[k]] = values[k];
        dense = d;
      }
      out[key] = dense;
      out[`_${key}`] = mask;
    }
    return out;
  }
}
