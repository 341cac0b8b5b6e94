/**
 * The I/O thread's side of a session that runs on a worker thread. Its requests go to its worker
 * as raw bytes and the answers come back as bytes; each answer carries the request's sequence
 * number and answers leave in request order, whichever worker answers first. A make of many
 * envs (the pool's `spreads`) is spread over the workers instead (spanned-env.ts): the envs are
 * made in block sessions on each worker, the session's own worker `adopt`s them (its per-session
 * cap and handle numbers), and the requests naming that vector env are decoded here, cut per
 * block, sent to the blocks' workers at once and answered when every block has answered. While
 * such a make is in flight later requests wait (they may name its handle); otherwise requests
 * are pipelined as they come. Only makes and requests naming a spread vector env are decoded
 * here; the rest are routed by a glance at their bytes (request-route.ts).
 */
import { type Block, estimateEnvBytes, MetarenaError, splitBlocks } from '../core/index.ts';
import { decodeError, decodeMake, encodeError, pb, type v1 } from '../wire/index.ts';
import type { SessionChannel, SessionSink } from './channel.ts';
import type { PoolWorker, WorkerSession } from './pool-worker.ts';
import { routeOf } from './request-route.ts';
import { answerTooLarge } from './session.ts';
import { blockMakes, type SpanBlock, SpannedEnv, throwBlockError } from './spanned-env.ts';
import type { OpenSession, Reservation, ServerState } from './state.ts';

/** What a pooled session needs of its pool. */
export interface SessionRouter {
  readonly state: ServerState;
  /** Whether a make of `numEnvs` envs is spread over the workers. */
  spreads(numEnvs: number): boolean;
  /** The workers a spread vector env's blocks go to, the session's own worker first. */
  spreadWorkers(home: PoolWorker): PoolWorker[];
  /** Opens a block session on `worker` for `owner`; its id. */
  openBlock(worker: PoolWorker, owner: WorkerSession): number;
}

/** Where a block of a spread vector env is held: a worker and the block session there. */
interface Holder {
  worker: PoolWorker;
  id: number;
}

/** A copy of `bytes` in an ArrayBuffer of its own, to move to a worker. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Calls `then` with all `count` answers once the last has come (null: that session was gone). */
function gather(count: number, then: (answers: (Uint8Array | null)[]) => void): (k: number) => (bytes: Uint8Array | null) => void {
  const answers = new Array<Uint8Array | null>(count).fill(null);
  let left = count;
  return (k) => (bytes) => {
    answers[k] = bytes;
    if (--left === 0) then(answers);
  };
}

const decodeAnswer = (bytes: Uint8Array | null): v1.Response => (bytes ? pb.Response.decode(bytes) : pb.Response.create({ error: encodeError(new MetarenaError('METARENA_CLOSED', 'the block session is closed', { field: 'request' })) }));

export class PooledSession implements SessionChannel, OpenSession, WorkerSession {
  lastActive = Date.now();
  closed = false;
  private nextSeq = 0;
  private nextOut = 0;
  /** Answers that came before an earlier one, by sequence number. */
  private readonly early = new Map<number, Uint8Array>();
  /** Vector envs spread over workers, by handle. */
  private readonly spread = new Map<number, SpannedEnv<Holder>>();
  /** This session's block session on each worker (by slot), opened at its first spread make. */
  private readonly blockSessions = new Map<number, Holder>();
  /** Requests waiting behind a spread make in flight. */
  private readonly waiting: { seq: number; bytes: Uint8Array }[] = [];
  private spreading = false;

  constructor(
    readonly id: number,
    readonly worker: PoolWorker,
    private readonly router: SessionRouter,
    private readonly sink: SessionSink,
  ) {}

  get inFlight(): number {
    return this.nextSeq - this.nextOut;
  }

  request(bytes: Uint8Array): void {
    if (this.closed) return;
    this.lastActive = Date.now();
    const seq = this.nextSeq++;
    if (this.spreading) this.waiting.push({ seq, bytes });
    else this.route(seq, bytes);
  }

  reply(bytes: Uint8Array): void {
    if (!this.closed) this.answered(this.nextSeq++, bytes);
  }

  /** The answer to request `seq`; answers leave in sequence order. */
  answered(seq: number, bytes: Uint8Array): void {
    if (this.closed) return;
    this.lastActive = Date.now();
    if (seq !== this.nextOut) return void this.early.set(seq, bytes);
    this.nextOut += 1;
    this.sink.answer(bytes);
    while (!this.closed && this.early.has(this.nextOut)) {
      const next = this.early.get(this.nextOut)!;
      this.early.delete(this.nextOut++);
      this.sink.answer(next);
    }
  }

  /** The client left: the workers free the envs. */
  close(): void {
    if (!this.closed) this.forget();
  }

  /** Idle timeout or shutdown: frees the envs and ends the stream. */
  expire(code: number, message: string): void {
    if (this.closed) return;
    this.forget();
    this.end(code, message);
  }

  /** A worker ended the session, or a worker holding its envs is gone: ends the stream. */
  lost(code: number, message: string): void {
    if (this.closed) return;
    this.forget();
    this.end(code, message);
  }

  private route(seq: number, bytes: Uint8Array): void {
    const r = routeOf(bytes);
    if (r.payload === 'make' && this.router.spreads(r.numEnvs)) return this.spreadMake(seq, bytes);
    if (r.payload !== undefined && r.payload !== 'make' && this.spread.has(r.handle)) return this.spreadRequest(seq, bytes);
    this.send(this.worker, this.id, seq, bytes, bytes, (answer) => answer && this.answered(seq, answer));
  }

  private send(worker: PoolWorker, target: number, seq: number, request: Uint8Array, bytes: Uint8Array, done: (answer: Uint8Array | null) => void): void {
    const buffer = ownBuffer(bytes);
    worker.push({ session: this, seq, target, request, done }, { t: 'request', session: target, bytes: buffer }, [buffer]);
  }

  /** Answers `seq` with an error made here, counted as the session's worker would. */
  private fail(seq: number, id: number, e: unknown): void {
    this.router.state.countError();
    this.answered(seq, pb.Response.encode({ id, error: encodeError(e) }).finish());
  }

  /** Answers `seq` with `response`, unless it is past the message limit. */
  private answer(seq: number, id: number, payload: string, response: v1.IResponse): void {
    const bytes = pb.Response.encode({ ...response, id }).finish();
    const max = this.router.state.limits.maxMessageBytes;
    if (bytes.length > max) return this.fail(seq, id, answerTooLarge(payload, bytes.length, max));
    this.answered(seq, bytes);
  }

  private blockSession(worker: PoolWorker): Holder {
    let b = this.blockSessions.get(worker.slot);
    if (!b || b.worker !== worker) {
      b = { worker, id: this.router.openBlock(worker, this) };
      this.blockSessions.set(worker.slot, b);
    }
    return b;
  }

  /** A make of many envs: blocks made on every worker, adopted by the session's own. */
  private spreadMake(seq: number, bytes: Uint8Array): void {
    const state = this.router.state;
    let request: v1.Request;
    try {
      request = pb.Request.decode(bytes);
    } catch {
      // the session's worker answers a malformed request as it answers any
      return this.send(this.worker, this.id, seq, bytes, bytes, (answer) => answer && this.answered(seq, answer));
    }
    const id = Number(request.id ?? 0);
    state.countRequest();
    let reservation: Reservation;
    let makes: v1.IMakeRequest[];
    let blocks: Block[];
    let workers: PoolWorker[];
    let numEnvs: number;
    try {
      const decoded = decodeMake(request.make!);
      numEnvs = decoded.numEnvs;
      const plugin = state.registry.env(decoded.envId);
      workers = this.router.spreadWorkers(this.worker);
      blocks = splitBlocks(numEnvs, workers.length);
      makes = blockMakes(request.make!, decoded, blocks);
      reservation = state.reserve(decoded.envId, numEnvs, estimateEnvBytes(plugin, decoded.options.args));
    } catch (e) {
      return this.fail(seq, id, e);
    }
    this.spreading = true;
    const holders = workers.map((w) => this.blockSession(w));
    const collect = gather(blocks.length + 1, (answers) => {
      if (this.closed) return;
      const made = answers.slice(0, blocks.length).map(decodeAnswer);
      const adopted = decodeAnswer(answers[blocks.length]);
      try {
        if (adopted.error) throw decodeError(adopted.error);
        throwBlockError(made, blocks);
      } catch (e) {
        // undo what did happen: close the blocks made, give back the handle and the reservation
        made.forEach((m, k) => m.make && this.send(holders[k].worker, holders[k].id, seq, bytes, pb.Request.encode({ close: { env_handle: m.make.env_handle } }).finish(), () => {}));
        if (adopted.make) this.worker.post({ t: 'disown', session: this.id, handle: adopted.make.env_handle ?? 0 });
        state.release(reservation);
        this.fail(seq, id, e);
        return this.spreadDone();
      }
      const handle = adopted.make!.env_handle ?? 0;
      const parts: SpanBlock<Holder>[] = blocks.map((block, k) => ({ block, handle: made[k].make!.env_handle ?? 0, holder: holders[k] }));
      const env = new SpannedEnv(parts, made[0].make!.spec ?? {}, reservation);
      this.spread.set(handle, env);
      this.answer(seq, id, 'make', { make: { env_handle: handle, spec: env.spec } });
      this.spreadDone();
    });
    makes.forEach((make, k) => this.send(holders[k].worker, holders[k].id, seq, bytes, pb.Request.encode({ make }).finish(), collect(k)));
    this.worker.push({ session: this, seq, target: this.id, request: bytes, done: collect(blocks.length) }, { t: 'adopt', session: this.id, numEnvs });
  }

  /** The spread make is answered: the requests that waited behind it go on. */
  private spreadDone(): void {
    this.spreading = false;
    while (!this.spreading && !this.closed && this.waiting.length > 0) {
      const { seq, bytes } = this.waiting.shift()!;
      this.route(seq, bytes);
    }
  }

  /** A reset, step, close or describe of a spread vector env. */
  private spreadRequest(seq: number, bytes: Uint8Array): void {
    const state = this.router.state;
    let request: v1.Request;
    try {
      request = pb.Request.decode(bytes);
    } catch {
      return this.send(this.worker, this.id, seq, bytes, bytes, (answer) => answer && this.answered(seq, answer));
    }
    const id = Number(request.id ?? 0);
    const payload = request.payload;
    const handle = (payload === 'reset' ? request.reset : payload === 'step' ? request.step : payload === 'close' ? request.close : request.describe)?.env_handle ?? 0;
    const env = this.spread.get(handle);
    if (!env || !payload || payload === 'make') return this.send(this.worker, this.id, seq, bytes, bytes, (answer) => answer && this.answered(seq, answer));
    state.countRequest();
    if (payload === 'describe') return this.answer(seq, id, payload, { describe: { spec: env.spec } });
    let sub: v1.IRequest[];
    try {
      if (payload === 'reset') sub = env.resets(request.reset!).map((reset) => ({ reset }));
      else if (payload === 'step') sub = env.steps(request.step!).map((step) => ({ step }));
      else sub = env.blocks.map((b) => ({ close: { env_handle: b.handle } }));
    } catch (e) {
      return this.fail(seq, id, e);
    }
    if (payload === 'close') {
      this.spread.delete(handle);
      this.worker.post({ t: 'disown', session: this.id, handle });
      state.release(env.reservation);
    }
    const collect = gather(sub.length, (answers) => {
      if (this.closed) return;
      const decoded = answers.map(decodeAnswer);
      try {
        if (payload === 'reset') this.answer(seq, id, payload, { reset: env.mergeResets(decoded) });
        else if (payload === 'step') this.answer(seq, id, payload, { step: env.mergeSteps(decoded) });
        else {
          throwBlockError(
            decoded,
            env.blocks.map((b) => b.block),
          );
          this.answer(seq, id, payload, { close: {} });
        }
      } catch (e) {
        this.fail(seq, id, e);
      }
    });
    sub.forEach((r, k) => {
      const { worker, id: target } = env.blocks[k].holder;
      this.send(worker, target, seq, bytes, pb.Request.encode(r).finish(), collect(k));
    });
  }

  private forget(): void {
    this.closed = true;
    this.early.clear();
    this.waiting.length = 0;
    const state = this.router.state;
    for (const env of this.spread.values()) state.release(env.reservation);
    this.spread.clear();
    state.sessions.delete(this);
    this.worker.sessions.delete(this.id);
    this.worker.post({ t: 'close', session: this.id });
    for (const b of this.blockSessions.values()) {
      b.worker.blocks.delete(b.id);
      b.worker.post({ t: 'close', session: b.id });
    }
    this.blockSessions.clear();
  }

  private end(code: number, message: string): void {
    try {
      this.sink.end(code, message);
    } catch {
      // the stream may already be gone
    }
  }
}
