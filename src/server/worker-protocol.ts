/**
 * The messages between the I/O thread and a session worker thread (worker-pool.ts,
 * worker-main.ts). Request and response bytes travel as ArrayBuffers in the transfer list, so
 * they are moved, not copied. A worker answers every `request` and `adopt` with exactly one
 * `response`, in the order it got them (with `bytes` null for a session it no longer has), which is what lets the
 * I/O thread tell which request a worker is running.
 */
import type { ErrorCode, ErrorDetails } from '../core/index.ts';
import type { Transport } from './channel.ts';
import type { ServerLimits } from './state.ts';

/** What a worker thread starts from (its `workerData`). */
export interface WorkerBoot {
  /** The worker's slot in the ledger (1, 2, …). */
  slot: number;
  ledger: SharedArrayBuffer;
  limits: ServerLimits;
  /** `--plugin` modules the worker loads on top of the built-in envs. */
  plugins: readonly string[];
  /** Where relative plugin paths are resolved from. */
  cwd: string;
  /** Milliseconds the worker polls for its next message after an answer, at most (spin-wait.ts). */
  spinMs: number;
  /** The worker entry module (worker-main.ts) as a URL, for the loader to import. */
  entry: string;
}

export type ToWorker =
  /** A client's session, or (`block`) a block session holding blocks of spread vector envs. */
  | { t: 'open'; session: number; transport: Transport; block: boolean }
  | { t: 'request'; session: number; bytes: ArrayBuffer }
  /** Like a request (answered in order): the session takes in `numEnvs` envs held elsewhere (Session.adopt). */
  | { t: 'adopt'; session: number; numEnvs: number }
  | { t: 'disown'; session: number; handle: number }
  | { t: 'close'; session: number };

export type FromWorker =
  /** Loaded: the env and wrapper ids of the worker's registry. */
  | { t: 'ready'; envs: string[]; wrappers: string[] }
  /** Could not start (a plugin module failed to load): the error to report. */
  | { t: 'failed'; code: ErrorCode; message: string; details: ErrorDetails }
  | { t: 'response'; session: number; bytes: ArrayBuffer | null }
  /** The worker ended a session itself (a plugin failed asynchronously). */
  | { t: 'end'; session: number; code: number; message: string };

/** `bytes` as an ArrayBuffer holding exactly them, to transfer: the same memory when it can be, else a copy. */
export function transferable(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer;
  // Buffers under 4 KiB share Node's pool, which must not be transferred: those are copied
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && bytes.byteLength >= 4096) return buffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
