/**
 * One client session, whatever the transport: it decodes each request, runs it against the
 * vector envs it owns, and encodes exactly one response. Requests are handled synchronously, so
 * answers leave in the order requests arrived. Any failure of one request (a client mistake, a
 * throwing plugin, a NaN, an answer larger than the message limit) becomes an in-band error for
 * that request only. A plugin that fails later, from a timer or a promise it started, ends its own
 * session with METARENA_PLUGIN_ERROR (see containment.ts).
 *
 * On a worker pool a vector env may be spread over several workers (worker-pool.ts): the
 * client's session then `adopt`s its envs (they count against its per-session cap and get one
 * of its handles), and each worker holds a block of them in a block session, whose requests,
 * errors and reservations the I/O thread counts instead.
 */
import { estimateEnvBytes, MetarenaError, type SyncVectorEnv, show } from '../core/index.ts';
import {
  decodeMake,
  decodeReset,
  decodeStepActions,
  encodeBatch,
  encodeEnvSpec,
  encodeError,
  encodeInfoBatch,
  encodeTensor,
  pb,
  type v1,
} from '../wire/index.ts';
import protobuf from 'protobufjs/minimal.js';
import { type ErrorOwner, runOwned } from './containment.ts';
import type { OpenSession, Reservation, ServerState } from './state.ts';

interface Held {
  vec: SyncVectorEnv;
  spec: v1.IEnvSpec;
  /** MakeRequest.seed, used by the first reset that gives no seed. */
  pendingSeed: number | undefined;
  /** What the vector env holds against the server-wide limits (none in a block session). */
  reservation: Reservation | undefined;
}

export interface SessionOptions {
  /** A block session (see above): no per-session cap, no reservations, requests not counted. */
  block?: boolean;
}

/**
 * Largest encode buffer a session keeps between responses. protobufjs grows its writer by
 * doubling from 128 bytes, so encoding a 12 KB step response from scratch allocates and copies
 * seven times; a session reuses one writer instead, unless a response made it larger than this.
 */
const KEEP_WRITER_BYTES = 4 * 1024 * 1024;

const asBuffer = (u8: Uint8Array): Buffer => (Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength));

/** The error for an answer of `bytes` bytes to a `payload` request, past the message limit `max`. */
export function answerTooLarge(payload: string, bytes: number, max: number): MetarenaError {
  return new MetarenaError(
    'METARENA_LIMIT_EXCEEDED',
    `the answer to this ${payload} request would be ${bytes} bytes, more than the server sends in one message (${max} bytes, --max-message-bytes); it was not sent. Use fewer envs per vector env, or raise the limit`,
    { field: payload, allowed: `answers of at most ${max} bytes` },
  );
}

/** How the transport ends its stream: a gRPC status number and a message. */
export type EndStream = (code: number, message: string) => void;

export class Session implements OpenSession, ErrorOwner {
  lastActive = Date.now();
  closed = false;
  private readonly held = new Map<number, Held>();
  private nextHandle = 1;
  private writer: protobuf.Writer | undefined;
  private envs = 0;
  /** Handles of vector envs spread over workers, with their env counts. */
  private readonly adopted = new Map<number, number>();
  private readonly block: boolean;
  private readonly answerOne = (bytes: Uint8Array) => this.answer(bytes);

  constructor(
    private readonly state: ServerState,
    readonly transport: 'grpc' | 'ws',
    private readonly endStream: EndStream,
    options: SessionOptions = {},
  ) {
    this.block = options.block === true;
    state.sessions.add(this);
    state.sessionsTotal += 1;
  }

  get vectorEnvCount(): number {
    return this.held.size;
  }

  get envCount(): number {
    return this.envs;
  }

  /**
   * Answers one serialized Request with one serialized Response; what the request starts
   * asynchronously answers to this session.
   */
  handle(bytes: Uint8Array): Buffer {
    return runOwned(this, this.answerOne, bytes);
  }

  private answer(bytes: Uint8Array): Buffer {
    this.lastActive = Date.now();
    if (!this.block) this.state.countRequest();
    let id = 0;
    let response: v1.IResponse;
    try {
      let request: v1.Request;
      try {
        request = pb.Request.decode(bytes);
      } catch (e) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `the message is not a metarena.v1.Request: ${(e as Error).message}`, { field: 'request' });
      }
      id = request.id ?? 0;
      response = this.dispatch(request);
      response.id = id;
      const encoded = this.encode(response);
      if (encoded.length > this.state.limits.maxMessageBytes) throw this.tooLarge(request.payload ?? 'request', encoded.length);
      return asBuffer(encoded);
    } catch (e) {
      if (!this.block) this.state.countError();
      return asBuffer(pb.Response.encode({ id, error: encodeError(e) }).finish());
    }
  }

  private tooLarge(payload: string, bytes: number): MetarenaError {
    return answerTooLarge(payload, bytes, this.state.limits.maxMessageBytes);
  }

  /** The response's bytes (a copy the caller owns), through the session's reused writer. */
  private encode(response: v1.IResponse): Uint8Array {
    const writer = (this.writer ??= protobuf.Writer.create());
    writer.reset();
    let bytes: Uint8Array;
    try {
      bytes = pb.Response.encode(response, writer).finish();
    } finally {
      // after a failed encode the writer may hold a half-written message: start afresh next time
      if (writer.buf.length > KEEP_WRITER_BYTES || writer.states?.length) this.writer = undefined;
    }
    return bytes;
  }

  private dispatch(req: v1.Request): v1.IResponse {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', 'the session is closed', { field: 'request' });
    switch (req.payload) {
      case 'make':
        return { make: this.make(req.make!) };
      case 'reset':
        return { reset: this.reset(req.reset!) };
      case 'step':
        return { step: this.step(req.step!) };
      case 'close':
        this.closeHandle(req.close!.env_handle ?? 0);
        return { close: {} };
      case 'describe':
        return { describe: { spec: this.get(req.describe!.env_handle ?? 0, 'describe.env_handle').spec } };
      default:
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'the request has no payload', { field: 'payload', allowed: 'one of make, reset, step, close, describe' });
    }
  }

  private get(handle: number, field: string): Held {
    const h = this.held.get(handle);
    if (h) return h;
    const open = [...this.held.keys()];
    throw new MetarenaError('METARENA_UNKNOWN_HANDLE', `${field} ${show(handle)} is not an open vector env of this session${open.length ? `; open: ${open.join(', ')}` : '; send a MakeRequest first'}`, {
      field,
      allowed: open.length ? open.join(', ') : 'a handle returned by make',
    });
  }

  /** Refuses `numEnvs` more envs past the per-session cap. */
  private checkSessionCap(numEnvs: number): void {
    const max = this.state.limits.maxEnvsPerSession;
    if (this.envs + numEnvs > max) {
      throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `num_envs ${numEnvs} would bring this session to ${this.envs + numEnvs} envs; the server allows ${max} per session (--max-envs-per-session)`, {
        field: 'num_envs',
        allowed: `at most ${max - this.envs}`,
      });
    }
  }

  /**
   * Takes `numEnvs` envs held by block sessions on other workers into this session: they count
   * against its per-session cap and get one of its handles. Answers a MakeResponse with the
   * handle, or the error.
   */
  adopt(numEnvs: number): Buffer {
    try {
      if (this.closed) throw new MetarenaError('METARENA_CLOSED', 'the session is closed', { field: 'request' });
      this.checkSessionCap(numEnvs);
      const handle = this.nextHandle++;
      this.adopted.set(handle, numEnvs);
      this.envs += numEnvs;
      return asBuffer(pb.Response.encode({ make: { env_handle: handle } }).finish());
    } catch (e) {
      return asBuffer(pb.Response.encode({ error: encodeError(e) }).finish());
    }
  }

  /** The adopted vector env `handle` was closed. */
  disown(handle: number): void {
    const n = this.adopted.get(handle);
    if (n === undefined) return;
    this.adopted.delete(handle);
    this.envs -= n;
  }

  private make(msg: v1.IMakeRequest): v1.IMakeResponse {
    const { envId, numEnvs, seed, options } = decodeMake(msg);
    if (!this.block) this.checkSessionCap(numEnvs);
    const registry = this.state.registry;
    const plugin = registry.env(envId);
    const reservation = this.block ? undefined : this.state.reserve(envId, numEnvs, estimateEnvBytes(plugin, options.args));
    let vec: SyncVectorEnv;
    try {
      vec = registry.makeVec(envId, numEnvs, options);
    } catch (e) {
      if (reservation) this.state.release(reservation);
      throw e;
    }
    const handle = this.nextHandle++;
    const spec = encodeEnvSpec({
      envId,
      description: plugin.description,
      observationSpace: vec.singleObservationSpace,
      actionSpace: vec.singleActionSpace,
      contextSpace: vec.contextSpace,
      maxEpisodeSteps: vec.maxEpisodeSteps,
      numEnvs: vec.numEnvs,
      autoresetMode: vec.autoresetMode,
      episodesPerTrial: options.episodesPerTrial ?? plugin.episodesPerTrial,
      argsSchema: plugin.args,
    });
    this.held.set(handle, { vec, spec, pendingSeed: seed, reservation });
    this.envs += vec.numEnvs;
    return { env_handle: handle, spec };
  }

  private reset(msg: v1.IResetRequest): v1.IResetResponse {
    const h = this.get(msg.env_handle ?? 0, 'reset.env_handle');
    const args = decodeReset(msg);
    if (args.seed === undefined && h.pendingSeed !== undefined) args.seed = h.pendingSeed;
    // the observations are copied into the response when it is encoded, before the env runs again
    const r = h.vec.resetBatched(args);
    h.pendingSeed = undefined;
    const n = h.vec.numEnvs;
    return { obs: encodeBatch(h.vec.singleObservationSpace, r.obs, n), info: encodeInfoBatch(r.infos, h.vec.singleObservationSpace, n) };
  }

  private step(msg: v1.IStepRequest): v1.IStepResponse {
    const h = this.get(msg.env_handle ?? 0, 'step.env_handle');
    const vec = h.vec;
    const actions = decodeStepActions(msg, vec.singleActionSpace, vec.numEnvs);
    // the observations are copied into the response when it is encoded, before the env runs again
    const r = vec.stepBatched(actions);
    const n = vec.numEnvs;
    const space = vec.singleObservationSpace;
    return {
      obs: encodeBatch(space, r.obs, n),
      rewards: encodeTensor(r.rewards, [n]),
      terminated: encodeTensor(r.terminated, [n]),
      truncated: encodeTensor(r.truncated, [n]),
      info: encodeInfoBatch(r.infos, space, n),
    };
  }

  private closeHandle(handle: number): void {
    const h = this.get(handle, 'close.env_handle');
    this.held.delete(handle);
    this.envs -= h.vec.numEnvs;
    if (h.reservation) this.state.release(h.reservation);
    h.vec.closeSync();
  }

  /** An error a plugin raised asynchronously: the session ends with METARENA_PLUGIN_ERROR. */
  failAsync(error: unknown): void {
    const plugins = [...new Set([...this.held.values()].map((h) => h.spec.env_id))].join(', ') || 'none open';
    const message = error instanceof Error ? error.message : String(error);
    if (!this.block) this.state.countError();
    this.expire(13, `METARENA_PLUGIN_ERROR: a plugin of this session (${plugins}) failed outside a request: ${message}; the session was closed`);
  }

  /** Ends the stream with a status (idle timeout, shutdown) and frees the envs. */
  expire(code: number, message: string): void {
    if (this.closed) return;
    this.close();
    try {
      this.endStream(code, message);
    } catch {
      // the stream may already be gone
    }
  }

  /** Frees every env of the session; harmless when called twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.state.sessions.delete(this);
    for (const h of this.held.values()) {
      if (h.reservation) this.state.release(h.reservation);
      try {
        h.vec.closeSync();
      } catch {
        // a plugin failing to close must not keep the other envs alive
      }
    }
    this.held.clear();
    this.adopted.clear();
    this.envs = 0;
  }
}
