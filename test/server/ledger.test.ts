import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { Ledger } from '../../src/server/ledger.ts';

describe('Ledger', () => {
  it('holds the server-wide limits over every slot and tells each slot its share', () => {
    const io = Ledger.create(3);
    const a = Ledger.attach(io.buffer, 1);
    const b = Ledger.attach(io.buffer, 2);
    expect(a.reserve(6, 600, 10, 1000)).toEqual({ ok: true });
    expect(b.reserve(5, 100, 10, 1000)).toEqual({ ok: false, limit: 'envs', heldEnvs: 6, heldBytes: 600 });
    expect(b.reserve(4, 500, 10, 1000)).toEqual({ ok: false, limit: 'bytes', heldEnvs: 6, heldBytes: 600 });
    expect(b.reserve(4, 400, 10, 1000)).toEqual({ ok: true });
    expect(io.totals()).toMatchObject({ envs: 10, bytes: 1000, vectorEnvs: 2 });
    expect([io.envsOf(0), io.envsOf(1), io.envsOf(2)]).toEqual([0, 6, 4]);
    a.release(6, 600);
    expect(io.totals()).toMatchObject({ envs: 4, bytes: 400, vectorEnvs: 1 });
  });

  it('reclaim gives back what a stopped thread held and empties its slot', () => {
    const io = Ledger.create(2);
    const w = Ledger.attach(io.buffer, 1);
    w.reserve(3, 30, 100, 1000);
    w.reserve(2, 20, 100, 1000);
    io.reserve(1, 10, 100, 1000);
    io.reclaim(1);
    expect(io.totals()).toMatchObject({ envs: 1, bytes: 10, vectorEnvs: 1 });
    expect(io.envsOf(1)).toBe(0);
  });

  it('refuses a slot it has no room for', () => {
    expect(() => Ledger.attach(Ledger.create(2).buffer, 2)).toThrow(/ledger slot 2 is not one of 0…1/);
  });

  it('counts from another thread, atomically', async () => {
    const io = Ledger.create(2);
    const source = `const { workerData } = require('node:worker_threads'); const c = new BigInt64Array(workerData); for (let i = 0; i < 20000; i++) Atomics.add(c, 0, 1n);`;
    // the worker adds to the first cell (one of the totals) as the ledger's counters do, while this thread counts requests
    const worker = new Worker(source, { eval: true, workerData: io.buffer });
    for (let i = 0; i < 20000; i++) io.countRequest();
    await new Promise((resolve) => worker.once('exit', resolve));
    const totals = io.totals();
    expect(totals.requests + totals.envs + totals.bytes + totals.vectorEnvs + totals.errors).toBe(40000);
  });
});
