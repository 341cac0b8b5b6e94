/**
 * Asynchronous failures of plugin code: a plugin hook may start a timer or a promise that throws
 * after its request has been answered, where no try/catch of the session can see it. Each request
 * runs inside `runOwned(owner, …)`; timers and promises created there carry the owner along
 * (AsyncLocalStorage), and process-level `uncaughtException` / `unhandledRejection` handlers,
 * installed while a server runs, hand the error to its owner, which ends that session alone. An
 * error with no owner is written to stderr and the server goes on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Whoever answers for errors raised by code started on its behalf. */
export interface ErrorOwner {
  readonly closed: boolean;
  /** Called with an error thrown asynchronously by code started inside `runOwned(this, …)`. */
  failAsync(error: unknown): void;
}

const owners = new AsyncLocalStorage<ErrorOwner>();
let installed = 0;

/**
 * Runs `fn(arg)` with `owner` answering for the asynchronous errors of what it starts (as
 * `AsyncLocalStorage.run`, without the arguments array it allocates on every call).
 */
export function runOwned<A, R>(owner: ErrorOwner, fn: (arg: A) => R, arg: A): R {
  const outer = owners.getStore();
  owners.enterWith(owner);
  try {
    return fn(arg);
  } finally {
    owners.enterWith(outer as ErrorOwner);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function contain(error: unknown, what: string): void {
  const owner = owners.getStore();
  if (owner && !owner.closed) {
    try {
      owner.failAsync(error);
      return;
    } catch (e) {
      error = e;
    }
  }
  process.stderr.write(`metarena: ${what} outside any open session was contained, the server goes on: ${describe(error)}\n`);
}

const onException = (error: unknown) => contain(error, 'an uncaught exception');
const onRejection = (reason: unknown) => contain(reason, 'an unhandled promise rejection');

/** Installs the process-level handlers (once for any number of servers); the result uninstalls. */
export function installContainment(): () => void {
  if (installed++ === 0) {
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--installed === 0) {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    }
  };
}
