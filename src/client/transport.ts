/**
 * A session transport carries serialized Request / Response messages in order. The shared part
 * lives here: requests get increasing ids, answers resolve them first-in first-out (the server
 * answers in order, so pipelined requests simply queue), and a broken stream fails everything
 * still waiting with the stream's status.
 */
import { MetarenaError } from '../core/index.ts';
import { decodeError, pb, type v1 } from '../wire/index.ts';

export type TransportKind = 'grpc' | 'ws';

export interface ConnectOptions {
  /** `host:port` of the server's gRPC or WebSocket listener (for ws also `ws://…` / `wss://…`). */
  address: string;
  /** Default grpc. */
  transport?: TransportKind;
  /** Bearer token, when the server requires one. */
  token?: string;
  /** Milliseconds to wait for each answer (default: no limit); exceeding it is METARENA_TIMEOUT. */
  timeoutMs?: number;
  /** Connect with TLS; `ca` is the PEM of a private certificate authority. */
  tls?: boolean | { ca?: string | Buffer };
}

/** What a vector env of several servers does when one of them is lost mid-run. */
export type ServerLostPolicy = 'error' | 'reconnect';

/**
 * `RemoteVectorEnv.connect`'s options: one server as in ConnectOptions, or several, over which
 * the sub-envs are spread in contiguous blocks (see ShardedVectorEnv).
 */
export interface VectorConnectOptions extends Omit<ConnectOptions, 'address'> {
  /**
   * `host:port`, or a list of them (one session per entry). In a list, `dns:///name:port` stands
   * for every address the name resolves to (a Kubernetes headless Service lists its pods).
   */
  address: string | readonly string[];
  /**
   * With several servers: `error` (default) fails every later call with METARENA_UNAVAILABLE
   * naming the lost server and its envs; `reconnect` makes those envs again on the servers left
   * and resets them (a step reports them truncated, `info.server_lost` set).
   */
  onServerLost?: ServerLostPolicy;
}

interface Waiting {
  id: number;
  resolve(r: v1.Response): void;
  reject(e: unknown): void;
  timer: NodeJS.Timeout | undefined;
}

/** Sends bytes; the subclass calls `receive` with each answer and `fail` when the stream breaks. */
export abstract class SessionTransport {
  private readonly waiting: Waiting[] = [];
  private head = 0;
  private nextId = 1;
  private failure: MetarenaError | undefined;

  constructor(private readonly timeoutMs: number | undefined) {}

  protected abstract send(bytes: Uint8Array): void;
  /** Ends the underlying stream. */
  protected abstract end(): void;

  /** Sends one request and resolves to its answer (an in-band error rejects as MetarenaError). */
  request(req: v1.IRequest): Promise<v1.Response> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    req.id = id;
    const bytes = pb.Request.encode(req).finish();
    return new Promise<v1.Response>((resolve, reject) => {
      const w: Waiting = { id, resolve, reject, timer: undefined };
      if (this.timeoutMs !== undefined) {
        w.timer = setTimeout(() => this.fail(new MetarenaError('METARENA_TIMEOUT', `no answer from the server within ${this.timeoutMs} ms (timeoutMs); the session was closed`)), this.timeoutMs);
      }
      this.waiting.push(w);
      try {
        this.send(bytes);
      } catch (e) {
        this.fail(new MetarenaError('METARENA_UNAVAILABLE', `cannot send to the server: ${(e as Error).message}`));
      }
    });
  }

  protected receive(bytes: Uint8Array): void {
    const w = this.waiting[this.head];
    if (!w) return this.fail(new MetarenaError('METARENA_INTERNAL', 'the server sent an answer nobody asked for'));
    this.waiting[this.head++] = undefined as unknown as Waiting;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    if (w.timer) clearTimeout(w.timer);
    let res: v1.Response;
    try {
      res = pb.Response.decode(bytes);
    } catch (e) {
      w.reject(new MetarenaError('METARENA_INTERNAL', `the server sent a malformed Response: ${(e as Error).message}`));
      return;
    }
    if (res.error) w.reject(decodeError(res.error));
    else if ((res.id ?? 0) !== w.id) w.reject(new MetarenaError('METARENA_INTERNAL', `answer ${res.id} arrived for request ${w.id}`));
    else w.resolve(res);
  }

  /** Fails every waiting request and every later one with `error`. */
  protected fail(error: MetarenaError): void {
    if (!this.failure) this.failure = error;
    const pending = this.waiting.splice(this.head);
    this.waiting.length = 0;
    this.head = 0;
    for (const w of pending) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(this.failure);
    }
    if (error.code === 'METARENA_TIMEOUT') this.close();
  }

  get broken(): MetarenaError | undefined {
    return this.failure;
  }

  /** Ends the session; later requests fail with METARENA_CLOSED. */
  close(): void {
    if (!this.failure) this.failure = new MetarenaError('METARENA_CLOSED', 'the remote session is closed');
    try {
      this.end();
    } catch {
      // already gone
    }
  }
}
