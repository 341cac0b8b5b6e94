/**
 * What the I/O thread of a worker pool needs of a request to route it, read off its bytes
 * without decoding it: which payload it carries (metarena.v1.Request fields 2–6), the env handle
 * it names (field 1 of reset, step, close and describe) and, for a make, num_envs (its field 2).
 * Most requests go to their session's worker as they are; only a large make (to spread its envs
 * over the workers) and the requests naming such a vector env are decoded on the I/O thread.
 * Bytes that are not a well-formed message give `payload: undefined`, and the session's worker
 * answers them as it answers any malformed request.
 */

export type Payload = 'make' | 'reset' | 'step' | 'close' | 'describe';

export interface Route {
  payload: Payload | undefined;
  /** env_handle (0 when absent), for reset, step, close and describe. */
  handle: number;
  /** num_envs (0 when absent), for make. */
  numEnvs: number;
}

const PAYLOAD_OF_FIELD: (Payload | undefined)[] = [undefined, undefined, 'make', 'reset', 'step', 'close', 'describe'];

const NONE: Route = { payload: undefined, handle: 0, numEnvs: 0 };

/** A cursor over protobuf bytes: varints and skipped fields; -1 once it ran past the end. */
class Cursor {
  constructor(
    private readonly b: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}

  get done(): boolean {
    return this.at >= this.end;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.end) return -1;
      const byte = this.b[this.at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    return -1;
  }

  /** Skips one field of wire type `wt`; false when the bytes do not hold it. */
  skip(wt: number): boolean {
    if (wt === 0) return this.varint() >= 0;
    if (wt === 1) this.at += 8;
    else if (wt === 5) this.at += 4;
    else if (wt === 2) {
      const n = this.varint();
      if (n < 0) return false;
      this.at += n;
    } else return false;
    return this.at <= this.end;
  }
}

/** The varint field `field` of the sub-message in bytes [start, end), 0 when absent, -1 when malformed. */
function varintField(b: Uint8Array, start: number, end: number, field: number): number {
  const c = new Cursor(b, start, end);
  let found = 0;
  while (!c.done) {
    const tag = c.varint();
    if (tag < 0) return -1;
    if (tag >>> 3 === field && (tag & 7) === 0) {
      found = c.varint();
      if (found < 0) return -1;
    } else if (!c.skip(tag & 7)) return -1;
  }
  return found;
}

export function routeOf(bytes: Uint8Array): Route {
  const c = new Cursor(bytes, 0, bytes.length);
  let route: Route = NONE;
  while (!c.done) {
    const tag = c.varint();
    if (tag < 0) return NONE;
    const field = tag >>> 3;
    const payload = PAYLOAD_OF_FIELD[field];
    if (payload === undefined || (tag & 7) !== 2) {
      if (!c.skip(tag & 7)) return NONE;
      continue;
    }
    const length = c.varint();
    if (length < 0 || c.at + length > bytes.length) return NONE;
    const value = varintField(bytes, c.at, c.at + length, payload === 'make' ? 2 : 1);
    if (value < 0) return NONE;
    // the last payload field wins, as in decoding
    route = payload === 'make' ? { payload, handle: 0, numEnvs: value } : { payload, handle: value, numEnvs: 0 };
    c.at += length;
  }
  return route;
}
