/**
 * A session as a transport drives it, wherever the session runs: the transport hands it each
 * request's bytes and gets each answer back through its `SessionSink`, one answer per request and
 * in request order; `end` closes the stream with a gRPC status number and a message. With
 * `--workers 0` the session runs on the I/O thread and the answer comes back before `request`
 * returns (`inProcessChannels`); on a worker pool it comes back later (worker-pool.ts), and a
 * transport stops reading a client with `MAX_IN_FLIGHT` requests unanswered.
 */
import { Session } from './session.ts';
import type { ServerState } from './state.ts';

/**
 * Unanswered requests of one session after which its transport reads no more of them. It bounds
 * how far past a stopped reader's high-water mark a session on a worker can go (the answers in
 * flight still come), and is deep enough to hide the hop to a worker for pipelining clients.
 */
export const MAX_IN_FLIGHT = 16;

export type Transport = 'grpc' | 'ws';

/** Where a session's answers and its end go: the transport's side. */
export interface SessionSink {
  answer(bytes: Uint8Array): void;
  /** Ends the stream (idle timeout, shutdown, a failed plugin or worker) with a status and message. */
  end(code: number, message: string): void;
}

/** The session's side, as the transport sees it. */
export interface SessionChannel {
  readonly closed: boolean;
  /** Requests handed over and not answered yet. */
  readonly inFlight: number;
  /** Hands over one serialized Request; its answer goes to the sink, after those before it. */
  request(bytes: Uint8Array): void;
  /** An answer the transport made itself (e.g. to a text frame), kept in order with the others. */
  reply(bytes: Uint8Array): void;
  /** Frees the session's envs (the client left); harmless when called twice. */
  close(): void;
}

/** Opens a session for a new stream or socket. */
export type OpenChannel = (transport: Transport, sink: SessionSink) => SessionChannel;

/** Sessions that run on the I/O thread itself, each answer written before `request` returns. */
export function inProcessChannels(state: ServerState): OpenChannel {
  return (transport, sink) => {
    const session = new Session(state, transport, (code, message) => sink.end(code, message));
    return {
      get closed() {
        return session.closed;
      },
      inFlight: 0,
      request: (bytes) => sink.answer(session.handle(bytes)),
      reply: (bytes) => sink.answer(bytes),
      close: () => session.close(),
    };
  };
}
