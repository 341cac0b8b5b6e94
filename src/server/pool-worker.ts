/**
 * One worker thread of a worker pool as the I/O thread tracks it: its ledger slot, the client
 * sessions pinned to it and the sessions that keep blocks of spread vector envs on it, and the
 * requests it has not answered yet, in the order sent. A worker answers in that order
 * (worker-protocol.ts), so the oldest one is the request it is running, and `startedAt` says
 * since when.
 */
import type { Worker } from 'node:worker_threads';
import type { ToWorker } from './worker-protocol.ts';

/** What the pool needs of a session to end it when its worker goes: PooledSession. */
export interface WorkerSession {
  readonly id: number;
  readonly closed: boolean;
  /** Ends the session's stream with a status; its envs are gone or being freed. */
  lost(code: number, message: string): void;
  /** Answers request `seq` (an answer made on the I/O thread, e.g. DEADLINE_EXCEEDED). */
  answered(seq: number, bytes: Uint8Array): void;
}

/** A request sent to a worker and not answered yet. */
export interface Outstanding {
  /** The client session the request is for, and its sequence number there. */
  session: WorkerSession;
  seq: number;
  /** The session in the worker that answers it (the client's own, or one of its block sessions). */
  target: number;
  /** The client request's bytes as received, to name it if it runs out of time. */
  request: Uint8Array;
  /** Called with the worker's answer (null: the worker no longer had that session). */
  done(bytes: Uint8Array | null): void;
}

export class PoolWorker {
  /** Client sessions pinned to this worker, by id. */
  readonly sessions = new Map<number, WorkerSession>();
  /** Block sessions on this worker, by id, with the client session they hold envs for. */
  readonly blocks = new Map<number, WorkerSession>();
  /** Requests in the order sent; the worker answers them in this order. */
  private readonly queue: Outstanding[] = [];
  private head = 0;
  /** When the worker got to the request at the head (its answer to the one before went out). */
  startedAt = 0;
  ready = false;
  retired = false;

  constructor(
    readonly slot: number,
    readonly thread: Worker,
  ) {}

  get outstanding(): number {
    return this.queue.length - this.head;
  }

  /** The request the worker is running (the oldest unanswered), if any. */
  get current(): Outstanding | undefined {
    return this.head < this.queue.length ? this.queue[this.head] : undefined;
  }

  post(m: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.retired) this.thread.postMessage(m, transfer);
  }

  /** Sends a request (or an adopt) that the worker will answer, after the ones before it. */
  push(o: Outstanding, m: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.retired) return;
    if (this.outstanding === 0) this.startedAt = Date.now();
    this.queue.push(o);
    this.thread.postMessage(m, transfer);
  }

  /** The oldest request, answered: the next one starts now. */
  shift(): Outstanding | undefined {
    if (this.head >= this.queue.length) return undefined;
    const done = this.queue[this.head];
    this.queue[this.head++] = undefined as never;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.startedAt = Date.now();
    return done;
  }

  /** Forgets every unanswered request (the worker is being stopped). */
  drop(): void {
    this.queue.length = 0;
    this.head = 0;
  }
}
