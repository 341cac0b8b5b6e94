/**
 * The session over a WebSocket (`ws`): one binary frame per message. The server refuses an
 * upgrade with HTTP 401 / 403 / 429 / 503 and closes a socket with code 4000 + gRPC status; both map
 * to the same MetarenaError codes as over gRPC.
 */
import WebSocket from 'ws';
import { MetarenaError } from '../core/index.ts';
import { errorFromStatus } from '../wire/index.ts';
import { type ConnectOptions, SessionTransport } from './transport.ts';

const STATUS_OF_HTTP: Record<number, number> = { 401: 16, 403: 7, 429: 8, 503: 14 };

export function wsUrl(opts: ConnectOptions): string {
  if (/^wss?:\/\//.test(opts.address)) return opts.address;
  return `${opts.tls ? 'wss' : 'ws'}://${opts.address}`;
}

export class WsTransport extends SessionTransport {
  private constructor(
    private readonly socket: WebSocket,
    timeoutMs: number | undefined,
  ) {
    super(timeoutMs);
    socket.on('message', (data: Buffer) => this.receive(data));
    socket.on('close', (code: number, reason: Buffer) => {
      const text = reason.toString() || `socket closed with code ${code}`;
      if (code >= 4000 && code < 5000) this.fail(errorFromStatus(code - 4000, text));
      else if (code === 1009) this.fail(new MetarenaError('METARENA_LIMIT_EXCEEDED', `a message was larger than the server allows (${text})`));
      else this.fail(new MetarenaError('METARENA_UNAVAILABLE', `the WebSocket closed: ${text}`));
    });
    socket.on('error', (e) => this.fail(new MetarenaError('METARENA_UNAVAILABLE', `WebSocket error: ${e.message}`)));
  }

  static open(opts: ConnectOptions): Promise<WsTransport> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const ca = typeof opts.tls === 'object' && opts.tls.ca !== undefined ? opts.tls.ca : undefined;
    const socket = new WebSocket(wsUrl(opts), { headers, perMessageDeflate: false, maxPayload: 0, ...(ca ? { ca } : {}) });
    socket.binaryType = 'nodebuffer';
    return new Promise((resolve, reject) => {
      const timer = opts.timeoutMs !== undefined ? setTimeout(() => {
        socket.terminate();
        reject(new MetarenaError('METARENA_TIMEOUT', `no WebSocket connection to ${opts.address} within ${opts.timeoutMs} ms`));
      }, opts.timeoutMs) : undefined;
      const done = () => timer && clearTimeout(timer);
      socket.once('open', () => {
        done();
        socket.removeAllListeners('error');
        socket.removeAllListeners('unexpected-response');
        resolve(new WsTransport(socket, opts.timeoutMs));
      });
      socket.once('unexpected-response', (_req, res) => {
        done();
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          socket.terminate();
          reject(errorFromStatus(STATUS_OF_HTTP[res.statusCode ?? 0] ?? 14, body.trim() || `HTTP ${res.statusCode} from ${opts.address}`));
        });
      });
      socket.on('error', (e) => {
        done();
        reject(new MetarenaError('METARENA_UNAVAILABLE', `cannot open a WebSocket to ${opts.address}: ${e.message}`));
      });
    });
  }

  protected send(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  protected end(): void {
    this.socket.close(1000);
  }
}
