/**
 * What the server holds across transports: the registry, the limits, the open sessions and the
 * counters behind GetStats, and the idle sweep that frees forgotten sessions.
 */
import type { Registry } from '../core/index.ts';
import type { v1 } from '../wire/index.ts';
import type { Session } from './session.ts';

export interface ServerLimits {
  /** Open sessions (streams and sockets) at once. */
  maxSessions: number;
  /** Single envs (summed over its vector envs) one session may hold. */
  maxEnvsPerSession: number;
  /** Largest request or response, in bytes. */
  maxMessageBytes: number;
  /** Seconds without a request after which a session is closed and its envs freed. */
  idleTimeoutSeconds: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxSessions: 256,
  maxEnvsPerSession: 4096,
  maxMessageBytes: 64 * 1024 * 1024,
  idleTimeoutSeconds: 600,
};

export class ServerState {
  readonly sessions = new Set<Session>();
  sessionsTotal = 0;
  requestsTotal = 0;
  errorsTotal = 0;
  /** Set once shutdown starts: no new sessions. */
  shuttingDown = false;
  private readonly started = Date.now();
  private sweeper: NodeJS.Timeout | undefined;

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
