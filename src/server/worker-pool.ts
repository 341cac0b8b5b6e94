/**
 * Sessions on a pool of long-lived worker threads (`serve --workers N`). Each new session is
 * pinned to the least-loaded worker (fewest open sessions, then fewest envs) and the whole
 * session logic (session.ts: decode, run, encode) runs there (worker-main.ts); the I/O thread
 * only routes a session's raw request bytes to its worker and the response bytes back (moved as
 * ArrayBuffers in the transfer list), keeping each session's answers in request order. So one
 * expensive request (making 4096 HalfCheetahs, a plugin that busy-waits) holds up the sessions
 * of its own worker only, and a server uses as many cores as it has workers. The server-wide
 * limits hold across workers through the ledger they share (ledger.ts); the session cap and the
 * idle sweep stay on the I/O thread.
 *
 * One session on one worker cannot use more than one core: with `spreadMinEnvs`, a make of at
 * least that many envs (and at least two per worker) is spread over every ready worker in
 * contiguous blocks, stepped concurrently and merged in env order, bit for bit the same as one
 * vector env (pooled-session.ts, spanned-env.ts). A worker that dies takes the sessions with
 * blocks on it along.
 *
 * The hop to a worker and back costs a lock-step request two thread wake-ups; a worker polls for
 * its next message a while after each answer (`spinMicros`, spin-wait.ts), which takes the
 * wake-up off the way in while requests come close together.
 *
 * Plain `worker_threads`, not a task pool such as piscina: a session holds its envs in one
 * worker's memory for its whole life and every request of it must go to that worker, in order,
 * which a pool that hands each task to any free thread does not do.
 *
 * Failures: a worker that dies (an error no session owns escaping containment, running out of
 * memory, a plugin calling `process.exit`) is replaced, and only its own sessions end, with
 * METARENA_PLUGIN_ERROR as their stream status. With a request timeout, a worker whose current
 * request has run longer than the budget (counted from when the worker got to it, not from when
 * it was sent) is stuck: that request is answered METARENA_TIMEOUT (DEADLINE_EXCEEDED) in-band
 * and its session ends with DEADLINE_EXCEEDED; the worker is stopped (`terminate` interrupts even
 * a busy loop) and replaced, and its other sessions end with METARENA_UNAVAILABLE naming why.
 * Sessions on other workers go on untouched. What a dead worker reserved is given back.
 */
import { MetarenaError, type Registry, show } from '../core/index.ts';
import { encodeError, pb } from '../wire/index.ts';
import type { OpenChannel, SessionChannel, SessionSink, Transport } from './channel.ts';
import { PoolWorker, type WorkerSession } from './pool-worker.ts';
import { PooledSession, type SessionRouter } from './pooled-session.ts';
import { DEFAULT_WORKER_SPIN_US } from './spin-wait.ts';
import type { ServerState } from './state.ts';
import { startTsWorker } from './worker-loader.ts';
import type { FromWorker, ToWorker, WorkerBoot } from './worker-protocol.ts';

const ENTRY = new URL('./worker-main.ts', import.meta.url);

export interface PoolOptions {
  /** Worker threads (>= 1). */
  workers: number;
  /** `--plugin` modules every worker loads on top of the built-in envs. */
  plugins: readonly string[];
  /** Milliseconds a request may run in its worker before the worker counts as stuck (default: no limit). */
  requestTimeoutMs?: number;
  /**
   * A make of at least this many envs (and at least 2 per worker) is spread over every worker
   * (default 0: never).
   */
  spreadMinEnvs?: number;
  /** Microseconds a worker polls for its next message after an answer, at most (default `DEFAULT_WORKER_SPIN_US`; 0: never). */
  spinMicros?: number;
  /** Where the pool says that a worker failed or was replaced (default: stderr). */
  log?: (line: string) => void;
}

/** One worker slot as `WorkerPool.workers()` reports it. */
export interface WorkerInfo {
  /** Its worker has loaded and takes sessions. */
  ready: boolean;
  sessions: number;
  /** Envs its pinned sessions reserved (a spread vector env's envs are reserved by the I/O thread). */
  envs: number;
  /** Block sessions on it: one per client session with a spread vector env holding a block here. */
  blocks: number;
  /** Workers started in this slot (1 until the first one is replaced). */
  started: number;
}

/** The id and payload of a request, as far as its bytes say. */
function requestHeader(bytes: Uint8Array): { id: number; payload: string } {
  try {
    const r = pb.Request.decode(bytes);
    return { id: Number(r.id ?? 0), payload: r.payload ?? 'request' };
  } catch {
    return { id: 0, payload: 'request' };
  }
}

export class WorkerPool implements SessionRouter {
  private readonly slots: (PoolWorker | undefined)[];
  /** Workers started in each slot so far. */
  private readonly starts: number[];
  private nextSession = 1;
  private closing = false;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  private constructor(
    readonly state: ServerState,
    private readonly options: PoolOptions,
  ) {
    this.slots = new Array(options.workers + 1).fill(undefined);
    this.starts = new Array(options.workers + 1).fill(0);
    this.log = options.log ?? ((line) => void process.stderr.write(`${line}\n`));
  }

  /**
   * Starts `options.workers` workers (slots 1…N of the state's ledger) and resolves once each has
   * loaded; rejects with a worker's load error, or when `state.registry` holds an env or wrapper
   * the workers do not (one registered in process rather than from a plugin module).
   */
  static async start(state: ServerState, options: PoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(state, options);
    try {
      const loaded = await Promise.all(Array.from({ length: options.workers }, (_, i) => pool.spawn(i + 1)));
      pool.checkRegistry(state.registry, loaded[0]);
    } catch (e) {
      await pool.close();
      throw e;
    }
    const timeout = options.requestTimeoutMs;
    if (timeout !== undefined) {
      pool.watchdog = setInterval(() => pool.checkDeadlines(timeout), Math.max(5, Math.min(100, timeout / 4)));
      pool.watchdog.unref();
    }
    return pool;
  }

  /** Each worker slot: whether its worker has loaded, its open sessions and envs, and how many workers it has had. */
  workers(): WorkerInfo[] {
    return this.slots.slice(1).map((w, i) => {
      const live = w !== undefined && !w.retired;
      return { ready: live && w.ready, sessions: live ? w.sessions.size : 0, envs: this.state.ledger.envsOf(i + 1), blocks: live ? w.blocks.size : 0, started: this.starts[i + 1] };
    });
  }

  /** Opens a session on the least-loaded worker. */
  readonly open: OpenChannel = (transport: Transport, sink: SessionSink) => {
    const worker = this.leastLoaded();
    const id = this.nextSession++;
    if (!worker) {
      const gone: SessionChannel = { closed: true, inFlight: 0, request: () => {}, reply: () => {}, close: () => {} };
      sink.end(14, 'METARENA_UNAVAILABLE: no session worker thread is running (each failed to start again; see the server log)');
      return gone;
    }
    const session = new PooledSession(id, worker, this, sink);
    this.state.sessions.add(session);
    this.state.sessionsTotal += 1;
    worker.sessions.set(id, session);
    worker.post({ t: 'open', session: id, transport, block: false });
    return session;
  };

  spreads(numEnvs: number): boolean {
    const min = this.options.spreadMinEnvs ?? 0;
    if (min <= 0 || numEnvs < min) return false;
    const ready = this.readyWorkers().length;
    return ready >= 2 && numEnvs >= 2 * ready;
  }

  spreadWorkers(home: PoolWorker): PoolWorker[] {
    return [home, ...this.readyWorkers().filter((w) => w !== home)];
  }

  openBlock(worker: PoolWorker, owner: WorkerSession): number {
    const id = this.nextSession++;
    worker.blocks.set(id, owner);
    worker.post({ t: 'open', session: id, transport: 'grpc', block: true });
    return id;
  }

  private readyWorkers(): PoolWorker[] {
    return this.slots.filter((w): w is PoolWorker => w !== undefined && w.ready && !w.retired);
  }

  /** Stops every worker and gives back what they held. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const stopping: Promise<unknown>[] = [];
    for (const w of this.slots) {
      if (!w) continue;
      w.retired = true;
      stopping.push(w.thread.terminate().then(() => this.state.ledger.reclaim(w.slot)));
    }
    await Promise.all(stopping);
  }

  private leastLoaded(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    let bestKey: [number, number, number] | undefined;
    for (const w of this.slots) {
      if (!w || w.retired) continue;
      const key: [number, number, number] = [w.ready ? 0 : 1, w.sessions.size, this.state.ledger.envsOf(w.slot)];
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
        best = w;
        bestKey = key;
      }
    }
    return best;
  }

  /** Starts a worker in `slot`; resolves with its registry's ids once it has loaded. */
  private spawn(slot: number): Promise<{ envs: string[]; wrappers: string[] }> {
    const boot: Omit<WorkerBoot, 'entry'> = { slot, ledger: this.state.ledger.buffer as SharedArrayBuffer, limits: this.state.limits, plugins: this.options.plugins, cwd: process.cwd(), spinMs: (this.options.spinMicros ?? DEFAULT_WORKER_SPIN_US) / 1000 };
    const thread = startTsWorker(ENTRY, { workerData: { ...boot } });
    thread.unref();
    const w = new PoolWorker(slot, thread);
    this.slots[slot] = w;
    this.starts[slot] += 1;
    return new Promise((resolve, reject) => {
      thread.on('message', (m: FromWorker) => {
        if (m.t === 'response') return this.answered(w, m.session, m.bytes);
        if (m.t === 'end') return (w.sessions.get(m.session) ?? w.blocks.get(m.session))?.lost(m.code, m.message);
        if (m.t === 'ready') {
          w.ready = true;
          w.startedAt = Date.now();
          return resolve({ envs: m.envs, wrappers: m.wrappers });
        }
        const err = new MetarenaError(m.code, m.message, m.details);
        this.retire(w, 14, `METARENA_UNAVAILABLE: the session worker thread could not start: ${m.message}`);
        reject(err);
      });
      thread.on('error', (e) => {
        if (!w.ready) reject(new MetarenaError('METARENA_INTERNAL', `a session worker thread failed while starting: ${e.message}`, { field: 'workers' }, { cause: e }));
        this.failed(w, `an error escaped it: ${e.message}`);
      });
      thread.on('exit', (code) => {
        if (!w.ready) reject(new MetarenaError('METARENA_INTERNAL', `a session worker thread exited with code ${code} while starting`, { field: 'workers' }));
        this.failed(w, `it exited with code ${code}`);
      });
    });
  }

  private answered(w: PoolWorker, sessionId: number, bytes: ArrayBuffer | null): void {
    const done = w.shift();
    if (!done || done.target !== sessionId) {
      // the worker broke the one-answer-per-request order: nothing it says can be matched any more
      return this.failed(w, `it answered session ${sessionId} out of order`);
    }
    done.done(bytes ? new Uint8Array(bytes) : null);
  }

  /** The worker died on its own: its sessions end with METARENA_PLUGIN_ERROR. */
  private failed(w: PoolWorker, why: string): void {
    if (w.retired) return;
    const count = w.sessions.size;
    const wasReady = w.ready;
    this.retire(w, 13, `METARENA_PLUGIN_ERROR: the worker thread running this session (or envs of it) failed (${why}); it was replaced, and this session's envs were lost`);
    if (wasReady) this.log(`metarena: session worker ${w.slot} failed (${why}); ${count} session${count === 1 ? '' : 's'} ended; starting a new worker`);
  }

  private checkDeadlines(timeoutMs: number): void {
    const now = Date.now();
    for (const w of this.slots) {
      if (w && w.ready && !w.retired && w.outstanding > 0 && now - w.startedAt > timeoutMs) this.timedOut(w, timeoutMs);
    }
  }

  /** The worker's current request ran past the budget: answer it, end the worker's sessions, replace it. */
  private timedOut(w: PoolWorker, timeoutMs: number): void {
    const culprit = w.current!;
    const { id, payload } = requestHeader(culprit.request);
    const err = new MetarenaError(
      'METARENA_TIMEOUT',
      `the ${payload} request was not answered within ${timeoutMs} ms (--request-timeout); the worker thread running it was stopped and replaced, and this session's envs were lost`,
      { field: payload, allowed: `requests answered within ${timeoutMs} ms` },
    );
    this.state.countError();
    culprit.session.answered(culprit.seq, pb.Response.encode({ id, error: encodeError(err) }).finish());
    culprit.session.lost(4, `METARENA_TIMEOUT: a ${payload} request of this session ran longer than ${timeoutMs} ms (--request-timeout); its worker thread was stopped and its envs were lost`);
    const count = w.sessions.size;
    this.retire(w, 14, `METARENA_UNAVAILABLE: the worker thread running this session (or envs of it) was stopped because another session's request ran longer than ${timeoutMs} ms (--request-timeout); this session's envs were lost, open a new session`);
    this.log(`metarena: session worker ${w.slot} was stuck on a ${payload} request for more than ${timeoutMs} ms (--request-timeout); it was stopped, ${count} other session${count === 1 ? '' : 's'} ended; starting a new worker`);
  }

  /** Ends the worker's sessions (and those with blocks on it) with `code` and `message`, stops it, gives back what it held and starts another in its slot. */
  private retire(w: PoolWorker, code: number, message: string): void {
    if (w.retired) return;
    w.retired = true;
    for (const s of [...w.sessions.values(), ...w.blocks.values()]) s.lost(code, message);
    w.drop();
    void w.thread.terminate().then(() => {
      this.state.ledger.reclaim(w.slot);
      if (this.closing || this.slots[w.slot] !== w) return;
      this.slots[w.slot] = undefined;
      if (!w.ready) return;
      this.spawn(w.slot).catch((e: unknown) => {
        this.slots[w.slot] = undefined;
        const left = this.slots.filter((x) => x && !x.retired).length;
        this.log(`metarena: session worker ${w.slot} could not be started again (${e instanceof Error ? e.message : show(e)}); ${left} worker${left === 1 ? '' : 's'} left`);
      });
    });
  }

  private checkRegistry(registry: Registry, loaded: { envs: string[]; wrappers: string[] }): void {
    const have = new Set([...loaded.envs, ...loaded.wrappers]);
    const missing = [...registry.listEnvs(), ...registry.listWrappers()].map((p) => p.id).filter((id) => !have.has(id));
    if (missing.length === 0) return;
    throw new MetarenaError(
      'METARENA_INVALID_OPTION',
      `the registry holds envs or wrappers the session workers cannot load: ${missing.join(', ')}. A worker builds its registry from the built-in envs and the plugin modules: give the modules that define them as plugins (serve --plugin), or run sessions in process (--workers 0)`,
      { field: 'workers', allowed: 'a registry of the built-in envs and plugin modules, or 0 workers' },
    );
  }
}
