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
 * once what was queued has been handed to the OS, as HTTP/2 flow control does for gRPC streams;
 * it also stops while a session on a worker thread has `MAX_IN_FLIGHT` requests unanswered, so
 * such a session goes at most that many answers past the mark.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MetarenaError } from '../core/index.ts';
import { encodeError, pb } from '../wire/index.ts';
import { bearerMatches } from './auth.ts';
import { MAX_IN_FLIGHT, type OpenChannel, type SessionChannel, type SessionSink } from './channel.ts';
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

/** Why a socket's requests are not read: answers piling up, or too many requests unanswered. */
const HIGH_WATER = 1;
const IN_FLIGHT = 2;

/** Answers one socket's frames in order, and stops reading it while its answers pile up. */
class SocketPump implements SessionSink {
  /** The reasons (bits) reading is stopped for; 0 while the socket is read. */
  private blocked = 0;
  /** Frames that arrived while blocked (at most what one socket read held), handed over from `next`. */
  private readonly waiting: { data: Buffer; isBinary: boolean }[] = [];
  private next = 0;
  private readonly onFlushed = () => this.flushed();
  channel: SessionChannel | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly state: ServerState,
  ) {}

  receive(data: Buffer, isBinary: boolean): void {
    if (this.blocked) this.waiting.push({ data, isBinary });
    else this.submit(data, isBinary);
  }

  answer(bytes: Uint8Array): void {
    this.send(bytes);
    if (this.channel && this.channel.inFlight < MAX_IN_FLIGHT) this.unblock(IN_FLIGHT);
  }

  end(code: number, message: string): void {
    this.ws.close(4000 + code, closeReason(message));
  }

  private submit(data: Buffer, isBinary: boolean): void {
    const channel = this.channel;
    if (!channel || channel.closed) return;
    if (!isBinary) {
      const err = new MetarenaError('METARENA_INVALID_ARGUMENT', 'frames must be binary protobuf metarena.v1.Request messages, got a text frame', { field: 'frame' });
      this.state.countRequest();
      this.state.countError();
      channel.reply(pb.Response.encode({ id: 0, error: encodeError(err) }).finish());
      return;
    }
    channel.request(data);
    if (channel.inFlight >= MAX_IN_FLIGHT) this.block(IN_FLIGHT);
  }

  private send(bytes: Uint8Array): void {
    if (this.ws.bufferedAmount + bytes.length <= SEND_HIGH_WATER_BYTES) return void this.ws.send(bytes);
    // past the high-water mark: read no more until this answer (and all before it) left
    this.block(HIGH_WATER);
    this.ws.send(bytes, this.onFlushed);
  }

  private block(reason: number): void {
    if (this.blocked === 0) this.ws.pause();
    this.blocked |= reason;
  }

  private unblock(reason: number): void {
    if ((this.blocked & reason) === 0) return;
    this.blocked &= ~reason;
    if (this.blocked === 0) this.drain();
  }

  private flushed(): void {
    if (this.channel?.closed) return;
    this.unblock(HIGH_WATER);
  }

  private drain(): void {
    while (this.blocked === 0 && this.next < this.waiting.length) {
      const frame = this.waiting[this.next++];
      this.submit(frame.data, frame.isBinary);
    }
    if (this.blocked) return;
    this.waiting.length = 0;
    this.next = 0;
    this.ws.resume();
  }
}

export function attachWebSocket(http: HttpServer, state: ServerState, openChannel: OpenChannel, options: WsOptions): WsFace {
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
      const pump = new SocketPump(ws, state);
      const channel = openChannel('ws', pump);
      pump.channel = channel;
      ws.on('message', (data: Buffer, isBinary: boolean) => pump.receive(data, isBinary));
      ws.on('close', () => {
        sockets.delete(ws);
        channel.close();
      });
      ws.on('error', () => channel.close());
    });
  });
  const bufferedBytes = () => {
    let sum = 0;
    for (const ws of sockets) sum += ws.bufferedAmount;
    return sum;
  };
  return { wss, sockets, bufferedBytes };
}
