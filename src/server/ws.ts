/**
 * The WebSocket gateway: the same Request / Response messages as binary frames, one socket per
 * session. The bearer token comes in the `Authorization` header (or, for browsers, a `token`
 * query parameter); a refused upgrade answers HTTP 401 (UNAUTHENTICATED), 403 (a browser page
 * of an origin not allowed by --allow-origin), 429 (too many sessions) or 503 (shutting down). A
 * socket closed by the server carries close code 4000 + the gRPC status number (e.g. 4004 idle
 * timeout, 4014 shutdown); 1009 means a frame was larger than the message limit.
 *
 * Backpressure: while more than `SEND_HIGH_WATER_BYTES` of a socket's answers wait to be sent
 * (a client that does not read), the gateway stops reading that socket's requests, and goes on
 * once what was queued has been handed to the OS, as HTTP/2 flow control does for gRPC streams.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MetarenaError } from '../core/index.ts';
import { encodeError, pb } from '../wire/index.ts';
import { bearerMatches } from './auth.ts';
import { Session } from './session.ts';
import type { ServerState } from './state.ts';

const HTTP_OF_STATUS: Record<number, string> = { 7: '403 Forbidden', 8: '429 Too Many Requests', 14: '503 Service Unavailable', 16: '401 Unauthorized' };

/** Answer bytes a socket may have waiting to be sent before its requests are no longer read. */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;

/** Who may open a socket: the allowed browser origins (`*` any), and the hook told of each upgrade. */
export interface WsOptions {
  token: string | undefined;
  allowOrigins: readonly string[];
  onUpgrade(req: IncomingMessage): void;
}

export interface WsFace {
  wss: WebSocketServer;
  sockets: Set<WebSocket>;
  /** Answer bytes accepted for sending but not yet handed to the OS, over every socket. */
  bufferedBytes(): number;
}

function refuse(socket: Duplex, code: number, message: string): void {
  const status = HTTP_OF_STATUS[code] ?? '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
}

function tokenOf(req: IncomingMessage): string | undefined {
  if (req.headers.authorization) return req.headers.authorization;
  const q = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  return q ? `Bearer ${q}` : undefined;
}

/** A close reason within the 123 bytes a close frame allows. */
function closeReason(message: string): string {
  let text = message;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  return text;
}

/** Why an upgrade from a browser page of `origin` is refused, or undefined when it may go on. */
function originRefusal(origin: string | undefined, allowed: readonly string[]): string | undefined {
  if (origin === undefined || allowed.includes('*') || allowed.includes(origin)) return undefined;
  return `a page of origin ${origin} may not open a session: the server allows ${allowed.length ? allowed.join(', ') : 'no browser origins'} (serve --allow-origin URL)`;
}

/** Answers one socket's frames in order, and stops reading it while its answers pile up. */
class SocketPump {
  private paused = false;
  /** Frames that arrived while paused (at most what one socket read held), answered from `next`. */
  private readonly waiting: { data: Buffer; isBinary: boolean }[] = [];
  private next = 0;
  private readonly onFlushed = () => this.flushed();

  constructor(
    private readonly ws: WebSocket,
    private readonly session: Session,
    private readonly state: ServerState,
  ) {}

  receive(data: Buffer, isBinary: boolean): void {
    if (this.paused) this.waiting.push({ data, isBinary });
    else this.answer(data, isBinary);
  }

  private answer(data: Buffer, isBinary: boolean): void {
    if (this.session.closed) return;
    if (!isBinary) {
      const err = new MetarenaError('METARENA_INVALID_ARGUMENT', 'frames must be binary protobuf metarena.v1.Request messages, got a text frame', { field: 'frame' });
      this.state.requestsTotal += 1;
      this.state.errorsTotal += 1;
      this.send(pb.Response.encode({ id: 0, error: encodeError(err) }).finish());
      return;
    }
    this.send(this.session.handle(data));
  }

  private send(bytes: Uint8Array): void {
    if (this.ws.bufferedAmount + bytes.length <= SEND_HIGH_WATER_BYTES) return void this.ws.send(bytes);
    // past the high-water mark: read no more until this answer (and all before it) left
    this.paused = true;
    this.ws.pause();
    this.ws.send(bytes, this.onFlushed);
  }

  private flushed(): void {
    if (!this.paused || this.session.closed) return;
    this.paused = false;
    while (!this.paused && this.next < this.waiting.length) {
      const frame = this.waiting[this.next++];
      this.answer(frame.data, frame.isBinary);
    }
    if (this.paused) return;
    this.waiting.length = 0;
    this.next = 0;
    this.ws.resume();
  }
}

export function attachWebSocket(http: HttpServer, state: ServerState, options: WsOptions): WsFace {
  const wss = new WebSocketServer({ noServer: true, maxPayload: state.limits.maxMessageBytes, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    options.onUpgrade(req);
    if (!bearerMatches(options.token, tokenOf(req))) return refuse(socket, 16, 'missing or wrong bearer token: send "Authorization: Bearer <token>"');
    const badOrigin = originRefusal(req.headers.origin, options.allowOrigins);
    if (badOrigin) return refuse(socket, 7, badOrigin);
    const refusal = state.refusal();
    if (refusal) return refuse(socket, refusal.code, refusal.message);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const session = new Session(state, 'ws', (code, message) => ws.close(4000 + code, closeReason(message)));
      const pump = new SocketPump(ws, session, state);
      ws.on('message', (data: Buffer, isBinary: boolean) => pump.receive(data, isBinary));
      ws.on('close', () => {
        sockets.delete(ws);
        session.close();
      });
      ws.on('error', () => session.close());
    });
  });
  const bufferedBytes = () => {
    let sum = 0;
    for (const ws of sockets) sum += ws.bufferedAmount;
    return sum;
  };
  return { wss, sockets, bufferedBytes };
}
