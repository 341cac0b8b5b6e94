/**
 * Vector info in Gymnasium's dict-of-arrays layout: `info[key]` holds one entry per env and
 * `info["_" + key]` a 0/1 mask of the envs that reported it. Numbers batch into Float64Array,
 * booleans into Uint8Array, plain objects recursively, anything else into a list.
 */
import type { Info } from '../env.ts';

type Column =
  | { kind: 'number'; data: Float64Array; mask: Uint8Array }
  | { kind: 'boolean'; data: Uint8Array; mask: Uint8Array }
  | { kind: 'object'; data: InfoBatcher; mask: Uint8Array }
  | { kind: 'any'; data: unknown[]; mask: Uint8Array };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

export class InfoBatcher {
  private readonly columns = new Map<string, Column>();

  constructor(readonly n: number) {}

  get empty(): boolean {
    return this.columns.size === 0;
  }

  add(i: number, info: Info): void {
    for (const key in info) this.set(key, i, info[key]);
  }

  set(key: string, i: number, value: unknown): void {
    let col = this.columns.get(key);
    if (!col) {
      const mask = new Uint8Array(this.n);
      if (typeof value === 'number') col = { kind: 'number', data: new Float64Array(this.n), mask };
      else if (typeof value === 'boolean') col = { kind: 'boolean', data: new Uint8Array(this.n), mask };
      else if (isPlainObject(value)) col = { kind: 'object', data: new InfoBatcher(this.n), mask };
      else col = { kind: 'any', data: new Array(this.n).fill(null), mask };
      this.columns.set(key, col);
    }
    const fits =
      (col.kind === 'number' && typeof value === 'number') ||
      (col.kind === 'boolean' && typeof value === 'boolean') ||
      (col.kind === 'object' && isPlainObject(value)) ||
      col.kind === 'any';
    if (!fits) col = this.widen(key, col);
    col.mask[i] = 1;
    if (col.kind === 'object') col.data.add(i, value as Info);
    else if (col.kind === 'boolean') col.data[i] = value ? 1 : 0;
    else (col.data as unknown[] | Float64Array)[i] = value as number;
  }

  private widen(key: string, col: Column): Column {
    const data: unknown[] = new Array(this.n).fill(null);
    const old = col.kind === 'object' ? col.data.split() : Array.from(col.data as ArrayLike<unknown>);
    for (let i = 0; i < this.n; i++) if (col.mask[i]) data[i] = col.kind === 'boolean' ? Boolean(old[i]) : old[i];
    const wide: Column = { kind: 'any', data, mask: col.mask };
    this.columns.set(key, wide);
    return wide;
  }

  /** Per-env plain objects (used when a nested column has to widen). */
  split(): Info[] {
    const out: Info[] = Array.from({ length: this.n }, () => ({}));
    const batched = this.result();
    for (const [key, col] of this.columns) {
      const values = col.kind === 'object' ? col.data.split() : (batched[key] as ArrayLike<unknown>);
      for (let i = 0; i < this.n; i++) if (col.mask[i]) out[i][key] = col.kind === 'boolean' ? Boolean(values[i]) : values[i];
    }
    return out;
  }

  result(): Info {
    const out: Info = {};
    for (const [key, col] of this.columns) {
      out[key] = col.kind === 'object' ? col.data.result() : col.data;
      out[`_${key}`] = col.mask;
    }
    return out;
  }
}
