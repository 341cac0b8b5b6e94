/**
 * Spin-then-sleep for a session worker's messages. A worker that goes back to its event loop
 * after an answer sleeps, and waking a sleeping thread takes tens of microseconds (≈50 µs on a
 * 2-core VM: twice a CartPole step's whole decode, step and encode), paid on every lock-step
 * request. So after each answer a worker polls its port for a while before it sleeps, as
 * EnvPool's queues spin before they block.
 *
 * How long it polls follows the gaps between an answer and the next message: twice the last gap,
 * at most `maxMs`, and not at all when the last gap was longer than `maxMs` (messages too far
 * apart to be worth a busy core). A lock-step client keeps its worker polling between its
 * requests; a session that pauses, or a burst that ends, lets it sleep after one missed poll.
 * `maxMs` 0 never polls.
 */
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';

/** Microseconds a worker polls for its next message at most (`serve --worker-spin`). */
export const DEFAULT_WORKER_SPIN_US = 500;

/** Milliseconds of messages handled in one go before the event loop gets a turn (timers, plugins' callbacks). */
const SLICE_MS = 20;

/** How long to poll after an answer, from the last gap (see the file's doc). */
export class SpinBudget {
  private budget = 0;

  constructor(readonly maxMs: number) {}

  /** Milliseconds to poll after the answer just sent. */
  get ms(): number {
    return this.budget;
  }

  /** The next message came `gapMs` after the last answer. */
  gap(gapMs: number): void {
    this.budget = gapMs <= this.maxMs ? Math.min(this.maxMs, 2 * gapMs) : 0;
  }
}

/** How the messages were taken: brought by the event loop (a wake-up) or found by polling. */
export interface SpinCounts {
  woken: number;
  polled: number;
}

/**
 * Handles every message of `port` with `handle`: from the event loop, and after each one by
 * polling for the next while the budget lasts (at most `SLICE_MS` of handling in a row).
 */
export function serveSpinning<T>(port: MessagePort, handle: (message: T) => void, maxMs: number, now: () => number = () => performance.now()): SpinCounts {
  const budget = new SpinBudget(maxMs);
  const counts: SpinCounts = { woken: 0, polled: 0 };
  let answeredAt = now();
  port.on('message', (first: T) => {
    counts.woken += 1;
    budget.gap(now() - answeredAt);
    handle(first);
    answeredAt = now();
    const sliceEnd = answeredAt + SLICE_MS;
    while (budget.ms > 0 && answeredAt < sliceEnd) {
      const deadline = answeredAt + budget.ms;
      let next = receiveMessageOnPort(port);
      while (next === undefined && now() < deadline) next = receiveMessageOnPort(port);
      // missed: sleep; the gap is measured when the event loop brings the next message
      if (next === undefined) return;
      counts.polled += 1;
      budget.gap(now() - answeredAt);
      handle(next.message as T);
      answeredAt = now();
    }
  });
  return counts;
}
