/** Helpers for the server tests: loopback servers, raw session streams and polling. */
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

/** A server on free loopback ports serving the built-in envs (plus `options`). */
export function startLoopbackServer(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry(), ...options });
}
