/** Helpers for the server tests: loopback servers, raw session streams and sockets, polling. */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/index.ts';
import { pb, type v1 } from '../../src/wire/index.ts';

const raw = (b: Buffer) => b;

/** A raw Session stream: send any bytes, read the decoded responses in order. */
export class RawSession {
  readonly responses: v1.Response[] = [];
  status: grpc.StatusObject | undefined;
  private readonly client: grpc.Client;
  private readonly call: grpc.ClientDuplexStream<Buffer, Buffer>;
  private waiters: (() => void)[] = [];

  constructor(address: string, metadata = new grpc.Metadata()) {
    this.client = new grpc.Client(address, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': -1 });
    this.call = this.client.makeBidiStreamRequest('/metarena.v1.Metarena/Session', raw, raw, metadata);
    this.call.on('data', (b: Buffer) => {
      this.responses.push(pb.Response.decode(b));
      this.wake();
    });
    this.call.on('status', (s: grpc.StatusObject) => {
      this.status = s;
      this.wake();
    });
    this.call.on('error', () => this.wake());
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  sendBytes(bytes: Uint8Array): void {
    this.call.write(Buffer.from(bytes));
  }

  send(req: v1.IRequest): void {
    this.sendBytes(pb.Request.encode(req).finish());
  }

  /** Resolves once `count` responses arrived (or the stream ended). */
  async until(count: number, timeoutMs = 20_000): Promise<v1.Response[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.responses.length < count && !this.status) {
      if (Date.now() > deadline) throw new Error(`only ${this.responses.length} of ${count} responses within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
    return this.responses;
  }

  /** Resolves to the stream's final status. */
  async ended(timeoutMs = 10_000): Promise<grpc.StatusObject> {
    const deadline = Date.now() + timeoutMs;
    while (!this.status) {
      if (Date.now() > deadline) throw new Error('the stream did not end');
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.status;
  }

  close(): void {
    this.call.end();
    this.client.close();
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes; resolves to whether it did. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Worker threads of the servers the tests start unless a test says otherwise:
 * `METARENA_TEST_WORKERS=2 npx vitest run test/server` runs the server tests over a worker pool,
 * without it they run with sessions on the I/O thread (`--workers 0`).
 */
export const TEST_WORKERS = Number(process.env.METARENA_TEST_WORKERS ?? 0);

/** A server on free loopback ports serving the built-in envs (plus `options`), with `TEST_WORKERS` workers. */
export function startLoopbackServer(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry(), workers: TEST_WORKERS, ...options });
}

/**
 * A WebSocket client written on a bare TCP socket, so a test controls reading: it upgrades
 * (with the given extra headers), then sends masked binary frames; `readable` false stops reading.
 */
export class RawWebSocket {
  private constructor(
    readonly socket: Socket,
    /** Bytes received after the upgrade response. */
    readonly head: Buffer,
  ) {}

  /** Upgrades; resolves once the server answered (any status), with the status line. */
  static async open(address: string, headers: Record<string, string> = {}): Promise<{ status: string; ws: RawWebSocket }> {
    const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
    const socket = connect(port, host);
    const lines = ['GET / HTTP/1.1', `Host: ${address}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    let got = Buffer.alloc(0);
    return new Promise((resolve, reject) => {
      const onData = (d: Buffer) => {
        got = Buffer.concat([got, d]);
        const end = got.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        resolve({ status: got.subarray(0, got.indexOf('\r\n')).toString(), ws: new RawWebSocket(socket, got.subarray(end + 4)) });
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  }

  /** Sends one masked binary frame. */
  send(payload: Uint8Array): void {
    const n = payload.length;
    const header = n < 126 ? Buffer.from([0x82, 0x80 | n]) : n < 65536 ? Buffer.from([0x82, 0x80 | 126, n >> 8, n & 255]) : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), bigEndian64(n)]);
    const mask = randomBytes(4);
    const body = Buffer.from(payload);
    for (let i = 0; i < n; i++) body[i] ^= mask[i & 3];
    this.socket.write(Buffer.concat([header, mask, body]));
  }

  set readable(on: boolean) {
    if (on) this.socket.resume();
    else this.socket.pause();
  }

  close(): void {
    this.socket.destroy();
  }
}

function bigEndian64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** Counts the unmasked binary frames in a byte stream from the server (and keeps their payloads when asked). */
export class FrameCounter {
  frames = 0;
  readonly payloads: Buffer[] = [];
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly keep = false) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.pending.length < 2) return;
      let len = this.pending[1] & 127;
      let at = 2;
      if (len === 126) {
        if (this.pending.length < 4) return;
        len = this.pending.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.pending.length < 10) return;
        len = Number(this.pending.readBigUInt64BE(2));
        at = 10;
      }
      if (this.pending.length < at + len) return;
      this.frames += 1;
      if (this.keep) this.payloads.push(this.pending.subarray(at, at + len));
      this.pending = this.pending.subarray(at + len);
    }
  }
}
