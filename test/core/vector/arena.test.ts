import { describe, expect, it } from 'vitest';
import { TypedArrayArena } from '../../../src/core/index.ts';

describe('TypedArrayArena', () => {
  it('hands out zero-filled, aligned arrays that do not overlap', () => {
    const arena = new TypedArrayArena(256);
    const a = arena.uint8(3);
    const b = arena.float64(4);
    const c = arena.int32(5);
    const d = arena.uint8(7);
    for (const x of [a, b, c, d]) expect(Array.from(x).every((v) => v === 0)).toBe(true);
    expect(b.byteOffset % 8).toBe(0);
    expect(c.byteOffset % 4).toBe(0);
    a.fill(255);
    b.fill(-1);
    c.fill(-1);
    d.fill(7);
    expect(Array.from(a)).toEqual([255, 255, 255]);
    expect(Array.from(b)).toEqual([-1, -1, -1, -1]);
    expect(Array.from(c)).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(d)).toEqual([7, 7, 7, 7, 7, 7, 7]);
  });

  it('starts a new chunk when one is full and gives large arrays a buffer of their own', () => {
    const arena = new TypedArrayArena(64);
    const first = arena.float64(6);
    const second = arena.float64(6);
    expect(second.buffer).not.toBe(first.buffer);
    expect(second.byteOffset).toBe(0);
    const big = arena.float64(100);
    expect(big.length).toBe(100);
    expect(big.buffer.byteLength).toBe(800);
    const after = arena.float64(1);
    expect(after.buffer).toBe(second.buffer);
  });
});
