/**
 * What the server holds across transports: the registry, the limits, the open sessions, the
 * server-wide env and memory reservations, the counters behind GetStats, and the idle sweep that
 * frees forgotten sessions. Sessions are seen through `OpenSession`, so this file knows nothing
 * of how a session runs. Reservations and counters are kept in a `Ledger` (ledger.ts) that the
 * I/O thread and every worker thread of the server share; each worker has a state of its own
 * over the same ledger, with no idle sweep (the I/O thread sweeps).
 */
import { totalmem } from 'node:os';
import { MetarenaError, type Registry } from '../core/index.ts';
import type { v1 } from '../wire/index.ts';
import { Ledger } from './ledger.ts';

export interface ServerLimits {
  /** Open sessions (streams and sockets) at once. */
  maxSessions: number;
  /** Single envs (summed over its vector envs) one session may hold. */
  maxEnvsPerSession: number;
  /** Single envs all sessions together may hold. */
  maxEnvs: number;
  /** Estimated bytes all sessions' envs together may take (default: half the machine's memory). */
  memoryBudgetBytes: number;
  /** Largest request or response, in bytes. */
  maxMessageBytes: number;
  /** Seconds without a request after which a session is closed and its envs freed. */
  idleTimeoutSeconds: number;
  /** TCP connections open at once, over both listeners; more are refused. */
  maxConnections: number;
  /**
   * Seconds a TCP connection may stay open without starting a gRPC call or a WebSocket upgrade;
   * a gRPC connection with no call in flight for this long is closed too (clients reconnect).
   */
  openTimeoutSeconds: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxSessions: 256,
  maxEnvsPerSession: 4096,
  maxEnvs: 65_536,
  memoryBudgetBytes: Math.floor(totalmem() / 2),
  maxMessageBytes: 64 * 1024 * 1024,
  idleTimeoutSeconds: 600,
  maxConnections: 1024,
  openTimeoutSeconds: 5,
};

/** What the server state needs of a session: its last activity and a way to end it. */
export interface OpenSession {
  readonly lastActive: number;
  /** Ends the session's stream with a gRPC status number and message, freeing its envs. */
  expire(code: number, message: string): void;
}

/** Envs and estimated bytes a vector env holds against the server-wide limits. */
export interface Reservation {
  envs: number;
  bytes: number;
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

export interface StateOptions {
  /** The shared counts (default: a new ledger of this thread alone). */
  ledger?: Ledger;
  /** Whether this state closes idle sessions (default true; false in worker threads). */
  sweep?: boolean;
}

export class ServerState {
  readonly sessions = new Set<OpenSession>();
  readonly ledger: Ledger;
  sessionsTotal = 0;
  /** Set once shutdown starts: no new sessions. */
  shuttingDown = false;
  private readonly started = Date.now();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly registry: Registry,
    readonly limits: ServerLimits,
    options: StateOptions = {},
  ) {
    this.ledger = options.ledger ?? Ledger.create(1);
    const idleMs = limits.idleTimeoutSeconds * 1000;
    if (options.sweep !== false && Number.isFinite(idleMs) && idleMs > 0) {
      this.sweeper = setInterval(() => this.sweep(idleMs), Math.max(20, Math.min(1000, idleMs / 4)));
      this.sweeper.unref();
    }
  }

  /** Why a new session cannot open now (a gRPC status number and message), or undefined. */
  refusal(): { code: number; message: string } | undefined {
    if (this.shuttingDown) return { code: 14, message: 'the server is shutting down' };
    if (this.sessions.size >= this.limits.maxSessions) {
      return { code: 8, message: `too many sessions: the server allows ${this.limits.maxSessions} at once (--max-sessions)` };
    }
    return undefined;
  }

  /**
   * Reserves `numEnvs` envs of `bytesPerEnv` estimated bytes each against the server-wide env cap
   * and memory budget, or throws METARENA_LIMIT_EXCEEDED (RESOURCE_EXHAUSTED) naming the limit.
   */
  reserve(envId: string, numEnvs: number, bytesPerEnv: number): Reservation {
    const { maxEnvs, memoryBudgetBytes } = this.limits;
    const bytes = numEnvs * bytesPerEnv;
    const r = this.ledger.reserve(numEnvs, bytes, maxEnvs, memoryBudgetBytes);
    if (r.ok) return { envs: numEnvs, bytes };
    if (r.limit === 'envs') {
      throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `num_envs ${numEnvs} would bring the server to ${r.heldEnvs + numEnvs} envs; it allows ${maxEnvs} over all sessions (--max-envs)`, {
        field: 'num_envs',
        allowed: `at most ${Math.max(0, maxEnvs - r.heldEnvs)}`,
      });
    }
    const fit = Math.max(0, Math.floor((memoryBudgetBytes - r.heldBytes) / Math.max(1, bytesPerEnv)));
    throw new MetarenaError(
      'METARENA_LIMIT_EXCEEDED',
      `${numEnvs} × ${envId} with these args is estimated at ${mib(bytesPerEnv)} per env, ${mib(bytes)} in all; with ${mib(r.heldBytes)} already held that exceeds the server's memory budget of ${mib(memoryBudgetBytes)} (--memory-budget-bytes)`,
      { field: 'num_envs', allowed: `at most ${fit} with these args` },
    );
  }

  release(r: Reservation): void {
    this.ledger.release(r.envs, r.bytes);
  }

  /** One more request answered (or refused), over every thread of the server. */
  countRequest(): void {
    this.ledger.countRequest();
  }

  /** One more request answered with an error, or session ended by one. */
  countError(): void {
    this.ledger.countError();
  }

  private sweep(idleMs: number): void {
    const now = Date.now();
    for (const s of this.sessions) if (now - s.lastActive > idleMs) s.expire(4, `session idle for more than ${this.limits.idleTimeoutSeconds} s; its envs were closed`);
  }

  stats(): v1.IStats {
    const totals = this.ledger.totals();
    const mem = process.memoryUsage();
    return {
      sessions: this.sessions.size,
      vector_envs: totals.vectorEnvs,
      envs: totals.envs,
      sessions_total: this.sessionsTotal,
      requests_total: totals.requests,
      errors_total: totals.errors,
      rss_bytes: mem.rss,
      heap_used_bytes: mem.heapUsed,
      uptime_seconds: (Date.now() - this.started) / 1000,
    };
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
