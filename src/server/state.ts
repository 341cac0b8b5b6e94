/**
 * What the server holds across transports: the registry, the limits, the open sessions, the
 * server-wide env and memory reservations, the counters behind GetStats, and the idle sweep that
 * frees forgotten sessions. Sessions are seen through `OpenSession`, so this file knows nothing
 * of how a session runs.
 */
import { totalmem } from 'node:os';
import { MetarenaError, type Registry } from '../core/index.ts';
import type { v1 } from '../wire/index.ts';

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

/** What the server state needs of a session: its counts, its last activity and a way to end it. */
export interface OpenSession {
  readonly lastActive: number;
  readonly vectorEnvCount: number;
  readonly envCount: number;
  /** Ends the session's stream with a gRPC status number and message, freeing its envs. */
  expire(code: number, message: string): void;
}

/** Envs and estimated bytes a vector env holds against the server-wide limits. */
export interface Reservation {
  envs: number;
  bytes: number;
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

export class ServerState {
  readonly sessions = new Set<OpenSession>();
  sessionsTotal = 0;
  requestsTotal = 0;
  errorsTotal = 0;
  /** Set once shutdown starts: no new sessions. */
  shuttingDown = false;
  private readonly started = Date.now();
  private sweeper: NodeJS.Timeout | undefined;
  private reservedEnvs = 0;
  private reservedBytes = 0;

  constructor(
    readonly registry: Registry,
    readonly limits: ServerLimits,
  ) {
    const idleMs = limits.idleTimeoutSeconds * 1000;
    if (Number.isFinite(idleMs) && idleMs > 0) {
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
    if (this.reservedEnvs + numEnvs > maxEnvs) {
      throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `num_envs ${numEnvs} would bring the server to ${this.reservedEnvs + numEnvs} envs; it allows ${maxEnvs} over all sessions (--max-envs)`, {
        field: 'num_envs',
        allowed: `at most ${Math.max(0, maxEnvs - this.reservedEnvs)}`,
      });
    }
    const bytes = numEnvs * bytesPerEnv;
    if (this.reservedBytes + bytes > memoryBudgetBytes) {
      const fit = Math.max(0, Math.floor((memoryBudgetBytes - this.reservedBytes) / Math.max(1, bytesPerEnv)));
      throw new MetarenaError(
        'METARENA_LIMIT_EXCEEDED',
        `${numEnvs} × ${envId} with these args is estimated at ${mib(bytesPerEnv)} per env, ${mib(bytes)} in all; with ${mib(this.reservedBytes)} already held that exceeds the server's memory budget of ${mib(memoryBudgetBytes)} (--memory-budget-bytes)`,
        { field: 'num_envs', allowed: `at most ${fit} with these args` },
      );
    }
    this.reservedEnvs += numEnvs;
    this.reservedBytes += bytes;
    return { envs: numEnvs, bytes };
  }

  release(r: Reservation): void {
    this.reservedEnvs -= r.envs;
    this.reservedBytes -= r.bytes;
  }

  private sweep(idleMs: number): void {
    const now = Date.now();
    for (const s of this.sessions) if (now - s.lastActive > idleMs) s.expire(4, `session idle for more than ${this.limits.idleTimeoutSeconds} s; its envs were closed`);
  }

  stats(): v1.IStats {
    let vectorEnvs = 0;
    let envs = 0;
    for (const s of this.sessions) {
      vectorEnvs += s.vectorEnvCount;
      envs += s.envCount;
    }
    const mem = process.memoryUsage();
    return {
      sessions: this.sessions.size,
      vector_envs: vectorEnvs,
      envs,
      sessions_total: this.sessionsTotal,
      requests_total: this.requestsTotal,
      errors_total: this.errorsTotal,
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
