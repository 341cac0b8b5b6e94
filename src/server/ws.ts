/**
 * The WebSocket gateway: the same Request / Response messages as binary frames, one socket per
 * session. The bearer token comes in the `Authorization` header (or, for browsers, a `token`
 * query parameter); a refused upgrade answers HTTP 401 (UNAUTHENTICATED), 429 (too many
 * sessions) or 503 (shutting down). A socket closed by the server carries close code
 * 4000 + the gRPC status number (e.g. 4004 idle timeout, 4014 shutdown); 1009 means a frame was
 * larger than the message limit.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerMatches } from './auth.ts';
import { Session } from './session.ts';
import type { ServerState } from './state.ts';
import { encodeError, pb } from '../wire/index.ts';
import { MetarenaError } from '../core/index.ts';

const HTTP_OF_STATUS: Record<number, string> = { 8: '429 Too Many Requests', 14: '503 Service Unavailable', 16: '401 Unauthorized' };

export interface WsFace {
  wss: WebSocketServer;
  sockets: Set<WebSocket>;
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

export function attachWebSocket(http: HttpServer, state: ServerState, token: string | undefined): WsFace {
  const wss = new WebSocketServer({ noServer: true, maxPayload: state.limits.maxMessageBytes, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!bearerMatches(token, tokenOf(req))) return refuse(socket, 16, 'missing or wrong bearer token: send "Authorization: Bearer <token>"');
    const refusal = state.refusal();
    if (refusal) return refuse(socket, refusal.code, refusal.message);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const session = new Session(state, 'ws', (code, message) => ws.close(4000 + code, message.slice(0, 120)));
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (session.closed) return;
        if (!isBinary) {
          const err = new MetarenaError('METARENA_INVALID_ARGUMENT', 'frames must be binary protobuf metarena.v1.Request messages, got a text frame', { field: 'frame' });
          state.requestsTotal += 1;
          state.errorsTotal += 1;
          ws.send(pb.Response.encode({ id: 0, error: encodeError(err) }).finish());
          return;
        }
        ws.send(session.handle(data));
      });
      ws.on('close', () => {
        sockets.delete(ws);
        session.close();
      });
      ws.on('error', () => session.close());
    });
  });
  return { wss, sockets };
}
