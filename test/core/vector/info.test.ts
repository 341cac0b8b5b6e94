import { describe, expect, it } from 'vitest';
import { type Info, InfoBatcher } from '../../../src/core/index.ts';

type Report = [env: number, key: string, value: unknown];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * The dense layout built the plain way: per key, what each env reported last (nested objects
 * merged key by key), typed by what all reports of the key have in common.
 */
function reference(n: number, reports: Report[]): Info {
  const keys: string[] = [];
  const byKey = new Map<string, Report[]>();
  for (const r of reports) {
    if (!byKey.has(r[1])) {
      keys.push(r[1]);
      byKey.set(r[1], []);
    }
    byKey.get(r[1])!.push(r);
  }
  const out: Info = {};
  for (const key of keys) {
    const rs = byKey.get(key)!;
    const mask = new Uint8Array(n);
    for (const [i] of rs) mask[i] = 1;
    let dense: unknown;
    if (rs.every((r) => typeof r[2] === 'number')) {
      const d = new Float64Array(n);
      for (const [i, , v] of rs) d[i] = v as number;
      dense = d;
    } else if (rs.every((r) => typeof r[2] === 'boolean')) {
      const d = new Uint8Array(n);
      for (const [i, , v] of rs) d[i] = v ? 1 : 0;
      dense = d;
    } else if (rs.every((r) => isPlainObject(r[2]))) {
      dense = reference(n, rs.flatMap(([i, , v]) => Object.entries(v as Info).map(([k, x]) => [i, k, x] as Report)));
    } else {
      const d: unknown[] = new Array(n).fill(null);
      for (const [i, , v] of rs) d[i] = v;
      dense = d;
    }
    out[key] = dense;
    out[`_${key}`] = mask;
  }
  return out;
}

function batch(n: number, reports: Report[]): InfoBatcher {
  const b = new InfoBatcher(n);
  for (const [i, key, value] of reports) b.set(key, i, value);
  return b;
}

describe('InfoBatcher', () => {
  it('gives the dense layout for reports in env order', () => {
    const reports: Report[] = [
      [1, 'trial', 3],
      [1, 'context', { g: 9.8, l: 0.5 }],
      [4, 'trial', 0],
      [4, 'context', { g: 1.5, l: 2 }],
      [5, 'success', true],
      [6, 'success', false],
      [6, 'episode', { return: 12.5, length: 13 }],
    ];
    expect(batch(8, reports).result()).toEqual(reference(8, reports));
  });

  it('keeps the dense layout when envs report out of order or twice', () => {
    const reports: Report[] = [
      [5, 'x', 1],
      [2, 'x', 2],
      [7, 'x', 3],
      [2, 'x', 4],
      [0, 'x', 5],
      [3, 'nested', { a: 1 }],
      [1, 'nested', { b: true }],
      [3, 'nested', { b: false }],
      [6, 'tag', 'late'],
      [6, 'tag', 'later'],
    ];
    const b = batch(8, reports);
    expect(b.result()).toEqual(reference(8, reports));
    const x = b.columns().get('x')!;
    expect(x.indices).toEqual([0, 2, 5, 7]);
    expect(x.values).toEqual([5, 4, 1, 3]);
  });

  it('widens a key whose envs report values of different kinds', () => {
    const reports: Report[] = [
      [0, 'v', 1.5],
      [2, 'v', true],
      [3, 'o', { a: 1 }],
      [5, 'o', 'text'],
      [1, 'b', false],
      [4, 'b', 7],
    ];
    const r = batch(6, reports).result();
    expect(r).toEqual(reference(6, reports));
    expect(r.v).toEqual([1.5, null, true, null, null, null]);
    expect(r.o).toEqual([null, null, null, { a: 1 }, null, 'text']);
  });

  it('keeps keys sparse: only the reporting envs, ascending', () => {
    const b = new InfoBatcher(256);
    b.add(17, { trial: 2, context: { g: 1 } });
    b.add(200, { trial: 5, context: { g: 2 } });
    const cols = b.columns();
    expect([...cols.keys()]).toEqual(['trial', 'context']);
    expect(cols.get('trial')).toMatchObject({ kind: 'number', indices: [17, 200], values: [2, 5] });
    const context = cols.get('context')!;
    expect(context.kind).toBe('object');
    expect(context.indices).toEqual([17, 200]);
    expect(context.nested!.columns().get('g')).toMatchObject({ indices: [17, 200], values: [1, 2] });
  });

  it('puts a result into one buffer, zero where no env reported', () => {
    const r = batch(64, [
      [3, 'a', 2],
      [9, 'b', true],
      [9, 'c', { d: 4 }],
    ]).result();
    const arrays = [r.a, r._a, r.b, r._b, (r.c as Info).d, (r.c as Info)._d, r._c] as ArrayBufferView[];
    expect(new Set(arrays.map((a) => a.buffer)).size).toBe(1);
    expect(Array.from(r.a as Float64Array).reduce((s, v) => s + v, 0)).toBe(2);
    expect(Array.from(r._c as Uint8Array).reduce((s, v) => s + v, 0)).toBe(1);
    expect((r.c as Info).d).toBeInstanceOf(Float64Array);
  });
});
