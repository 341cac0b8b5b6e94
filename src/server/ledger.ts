/**
 * The counts every thread of one server shares: envs and estimated bytes reserved against
 * --max-envs and --memory-budget-bytes, open vector envs, and the request and error counters
 * behind GetStats. They live in a SharedArrayBuffer, so a session on any worker thread reserves
 * against the same server-wide limits synchronously (Atomics compare-and-exchange), with no round
 * trip to the I/O thread. Each thread also keeps its own share in a slot (0: the I/O thread, k:
 * worker k), so what a worker that died held can be given back, and sessions placed by load.
 */

/** Server-wide totals, then one block of fields per slot. */
const TOTAL_ENVS = 0;
const TOTAL_BYTES = 1;
const TOTAL_VECTOR_ENVS = 2;
const REQUESTS = 3;
const ERRORS = 4;
const HEADER = 8;
const SLOT_FIELDS = 4;
const SLOT_ENVS = 0;
const SLOT_BYTES = 1;
const SLOT_VECTOR_ENVS = 2;

/** Which limit a reservation would have broken, and what was held before it. */
export type ReserveResult = { ok: true } | { ok: false; limit: 'envs' | 'bytes'; heldEnvs: number; heldBytes: number };

export interface LedgerTotals {
  envs: number;
  bytes: number;
  vectorEnvs: number;
  requests: number;
  errors: number;
}

export class Ledger {
  private readonly cells: BigInt64Array;
  private readonly base: number;

  private constructor(
    /** The shared memory, to hand to another thread (`Ledger.attach`). */
    readonly buffer: SharedArrayBuffer,
    /** The slot this thread writes its share to. */
    readonly slot: number,
  ) {
    this.cells = new BigInt64Array(buffer);
    const slots = (this.cells.length - HEADER) / SLOT_FIELDS;
    if (!Number.isInteger(slot) || slot < 0 || slot >= slots) throw new RangeError(`ledger slot ${slot} is not one of 0…${slots - 1}`);
    this.base = HEADER + slot * SLOT_FIELDS;
  }

  /** A new ledger with room for `slots` threads, seen from slot 0. */
  static create(slots: number): Ledger {
    return new Ledger(new SharedArrayBuffer((HEADER + slots * SLOT_FIELDS) * 8), 0);
  }

  /** The ledger in `buffer` (from another thread), writing to `slot`. */
  static attach(buffer: SharedArrayBuffer, slot: number): Ledger {
    return new Ledger(buffer, slot);
  }

  /**
   * Adds `envs` envs of `bytes` estimated bytes in all (one vector env) unless that brings the
   * server past `maxEnvs` or `maxBytes`; either both totals move or neither does.
   */
  reserve(envs: number, bytes: number, maxEnvs: number, maxBytes: number): ReserveResult {
    const c = this.cells;
    const n = BigInt(envs);
    const b = BigInt(Math.ceil(bytes));
    for (;;) {
      const held = Atomics.load(c, TOTAL_ENVS);
      if (Number(held + n) > maxEnvs) return { ok: false, limit: 'envs', heldEnvs: Number(held), heldBytes: Number(Atomics.load(c, TOTAL_BYTES)) };
      if (Atomics.compareExchange(c, TOTAL_ENVS, held, held + n) === held) break;
    }
    for (;;) {
      const held = Atomics.load(c, TOTAL_BYTES);
      if (Number(held + b) > maxBytes) {
        const heldEnvs = Number(Atomics.sub(c, TOTAL_ENVS, n) - n);
        return { ok: false, limit: 'bytes', heldEnvs, heldBytes: Number(held) };
      }
      if (Atomics.compareExchange(c, TOTAL_BYTES, held, held + b) === held) break;
    }
    Atomics.add(c, TOTAL_VECTOR_ENVS, 1n);
    Atomics.add(c, this.base + SLOT_ENVS, n);
    Atomics.add(c, this.base + SLOT_BYTES, b);
    Atomics.add(c, this.base + SLOT_VECTOR_ENVS, 1n);
    return { ok: true };
  }

  /** Gives back one vector env reserved by `reserve(envs, bytes, …)` from this slot. */
  release(envs: number, bytes: number): void {
    const c = this.cells;
    const n = BigInt(envs);
    const b = BigInt(Math.ceil(bytes));
    Atomics.sub(c, TOTAL_ENVS, n);
    Atomics.sub(c, TOTAL_BYTES, b);
    Atomics.sub(c, TOTAL_VECTOR_ENVS, 1n);
    Atomics.sub(c, this.base + SLOT_ENVS, n);
    Atomics.sub(c, this.base + SLOT_BYTES, b);
    Atomics.sub(c, this.base + SLOT_VECTOR_ENVS, 1n);
  }

  countRequest(): void {
    Atomics.add(this.cells, REQUESTS, 1n);
  }

  countError(): void {
    Atomics.add(this.cells, ERRORS, 1n);
  }

  totals(): LedgerTotals {
    const c = this.cells;
    return {
      envs: Number(Atomics.load(c, TOTAL_ENVS)),
      bytes: Number(Atomics.load(c, TOTAL_BYTES)),
      vectorEnvs: Number(Atomics.load(c, TOTAL_VECTOR_ENVS)),
      requests: Number(Atomics.load(c, REQUESTS)),
      errors: Number(Atomics.load(c, ERRORS)),
    };
  }

  /** Envs the thread of `slot` holds. */
  envsOf(slot: number): number {
    return Number(Atomics.load(this.cells, HEADER + slot * SLOT_FIELDS + SLOT_ENVS));
  }

  /**
   * Gives back everything the thread of `slot` held (it has stopped: its envs are gone) and
   * empties the slot for the thread that takes its place.
   */
  reclaim(slot: number): void {
    const c = this.cells;
    const at = HEADER + slot * SLOT_FIELDS;
    const envs = Atomics.exchange(c, at + SLOT_ENVS, 0n);
    const bytes = Atomics.exchange(c, at + SLOT_BYTES, 0n);
    const vectorEnvs = Atomics.exchange(c, at + SLOT_VECTOR_ENVS, 0n);
    Atomics.sub(c, TOTAL_ENVS, envs);
    Atomics.sub(c, TOTAL_BYTES, bytes);
    Atomics.sub(c, TOTAL_VECTOR_ENVS, vectorEnvs);
  }
}
