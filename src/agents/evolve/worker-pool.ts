/**
 * The local pool: an `Evaluator` that runs fitness jobs on child processes of this machine
 * (`node:child_process` fork of a worker entry module that calls `serveJobs`, `pool-worker.ts`),
 * one job per worker at a time, `workers` at once (default: one per core).
 *
 * Processes, not threads, so that a member cannot take the run down with it: when a worker dies
 * during a job (a crash, an out-of-memory abort, `process.exit`) or its job runs past `jobTimeout`
 * seconds (the worker is killed), that job's result is a failure — fitness NaN and an error line
 * naming the member, the exit code or signal and the worker's last output — and a new worker takes
 * the dead one's place. Jobs are never retried: a job's fitness depends only on the job, so a
 * re-run could only fail the same way. A worker entry that cannot start (dies before it is ready,
 * MAX_START_FAILURES times in a row) fails the evaluation with METARENA_INTERNAL instead of
 * respawning forever.
 *
 * Workers live from the first evaluation to `close()`, so the setup a task needs (loading the
 * registry, the tfjs backend) is paid once per worker, not once per job. A `.ts` entry is run
 * through tsx's loader (`--import tsx`), as `bin/metarena.js` runs the CLI. Worker output (stdout
 * and stderr) goes line by line to `onOutput`, never straight to the terminal.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { MetarenaError, show } from '../../core/index.ts';
import type { EvalJob, EvalResult, Evaluator, FitnessTask } from './evaluator.ts';
import type { FromWorker, ToWorker } from './pool-worker.ts';

/** Consecutive workers that die before they are ready before an evaluation gives up. */
export const MAX_START_FAILURES = 3;
/** Lines of a worker's output kept for the error of a job it died in. */
const TAIL_LINES = 4;

export interface LocalPoolOptions {
  /** Path of the worker entry module (calls `serveJobs`). */
  entry: string;
  /** Worker processes (default: one per core). */
  workers?: number;
  /** Seconds a job may run before its worker is killed and the job fails (0: no limit). */
  jobTimeout?: number;
  /** Each line a worker prints, with the worker's number. */
  onOutput?: (line: string, worker: number) => void;
  /** Node flags of the workers (default: tsx's loader for a `.ts` entry, none otherwise). */
  execArgv?: string[];
}

interface Batch {
  task: FitnessTask;
  jobs: readonly EvalJob[];
  /** Seconds a job of this batch may run (0: no limit). */
  jobTimeout: number;
  results: (EvalResult | undefined)[];
  next: number;
  remaining: number;
  onResult?: (result: EvalResult, job: EvalJob) => void;
  resolve(results: EvalResult[]): void;
  reject(error: unknown): void;
}

interface Slot {
  id: number;
  child: ChildProcess;
  ready: boolean;
  /** Index in the batch of the job it runs. */
  job: number | undefined;
  started: number;
  timer: NodeJS.Timeout | undefined;
  timedOut: boolean;
  tail: string[];
}

/** The file URL of tsx's loader, for `--import`. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

export class LocalPool implements Evaluator {
  readonly concurrency: number;
  private readonly entry: string;
  private readonly jobTimeout: number;
  private readonly onOutput: ((line: string, worker: number) => void) | undefined;
  private readonly execArgv: string[];
  private slots: Slot[] = [];
  private batch: Batch | undefined;
  private spawned = 0;
  private startFailures = 0;
  private closing = false;

  constructor({ entry, workers = availableParallelism(), jobTimeout = 0, onOutput, execArgv }: LocalPoolOptions) {
    if (!Number.isInteger(workers) || workers < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `the pool needs an integer number of workers >= 1, got ${show(workers)}`, { field: 'workers', allowed: 'integer >= 1' });
    if (!(jobTimeout >= 0)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `jobTimeout must be >= 0 seconds, got ${show(jobTimeout)}`, { field: 'jobTimeout', allowed: '>= 0' });
    this.concurrency = workers;
    this.entry = entry;
    this.jobTimeout = jobTimeout;
    this.onOutput = onOutput;
    this.execArgv = execArgv ?? (entry.endsWith('.ts') ? ['--import', tsxLoader()] : []);
  }

  /** Process ids of the live workers (for tests and diagnostics). */
  get pids(): number[] {
    return this.slots.map((s) => s.child.pid).filter((p): p is number => p !== undefined);
  }

  /** As `Evaluator.evaluate`; `options.jobTimeout` replaces the pool's for this batch. */
  evaluate(task: FitnessTask, jobs: readonly EvalJob[], onResult?: (result: EvalResult, job: EvalJob) => void, options: { jobTimeout?: number } = {}): Promise<EvalResult[]> {
    const jobTimeout = options.jobTimeout ?? this.jobTimeout;
    if (!(jobTimeout >= 0)) return Promise.reject(new MetarenaError('METARENA_INVALID_ARGUMENT', `jobTimeout must be >= 0 seconds, got ${show(jobTimeout)}`, { field: 'jobTimeout', allowed: '>= 0' }));
    if (this.closing) return Promise.reject(new MetarenaError('METARENA_CLOSED', 'the worker pool is closed', { field: 'evaluate' }));
    if (this.batch) return Promise.reject(new MetarenaError('METARENA_INVALID_STATE', 'the worker pool is already evaluating a generation', { field: 'evaluate' }));
    if (jobs.length === 0) return Promise.resolve([]);
    return new Promise<EvalResult[]>((resolve, reject) => {
      this.batch = { task, jobs, jobTimeout, results: new Array(jobs.length), next: 0, remaining: jobs.length, onResult, resolve, reject };
      while (this.slots.length < Math.min(this.concurrency, jobs.length)) this.spawn();
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const exits = this.slots.map(
      (slot) =>
        new Promise<void>((done) => {
          if (slot.child.exitCode !== null || slot.child.signalCode !== null) return done();
          const kill = setTimeout(() => slot.child.kill('SIGKILL'), 5_000);
          slot.child.once('exit', () => {
            clearTimeout(kill);
            done();
          });
          try {
            slot.child.send({ type: 'close' } satisfies ToWorker);
          } catch {
            slot.child.kill('SIGKILL');
          }
        }),
    );
    await Promise.all(exits);
    this.slots = [];
  }

  private spawn(): Slot {
    const child = fork(this.entry, [], { execArgv: this.execArgv, serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const slot: Slot = { id: this.spawned++, child, ready: false, job: undefined, started: 0, timer: undefined, timedOut: false, tail: [] };
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        slot.tail.push(line);
        if (slot.tail.length > TAIL_LINES) slot.tail.shift();
        this.onOutput?.(line, slot.id);
      });
    }
    child.on('message', (message: FromWorker) => this.onMessage(slot, message));
    child.on('exit', (code, signal) => this.onExit(slot, code, signal));
    // a failed send (the worker just died) is reported by 'exit'
    child.on('error', () => {});
    this.slots.push(slot);
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
    } else if (message.type === 'result' && slot.job !== undefined) {
      const k = slot.job;
      this.clearJob(slot);
      this.finish(k, { ...message.result, id: this.batch!.jobs[k].id });
      this.pump();
    }
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.slots = this.slots.filter((s) => s !== slot);
    if (this.closing) return;
    const batch = this.batch;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const output = slot.tail.length ? `; last output: ${slot.tail.join(' | ')}` : '';
    if (slot.job !== undefined && batch) {
      const k = slot.job;
      const job = batch.jobs[k];
      const seconds = (performance.now() - slot.started) / 1000;
      const why = slot.timedOut ? `timed out after ${batch.jobTimeout} s (worker killed)` : `its worker died (${how})`;
      this.clearJob(slot);
      this.finish(k, { id: job.id, fitness: Number.NaN, seconds, error: `generation ${job.generation} member ${job.member} (${job.tag}): ${why}${output}` });
    } else if (!slot.ready) {
      this.startFailures++;
      if (this.startFailures >= MAX_START_FAILURES && batch) {
        this.batch = undefined;
        batch.reject(new MetarenaError('METARENA_INTERNAL', `the evolution worker ${show(this.entry)} could not start (${MAX_START_FAILURES} workers ended before they were ready, the last with ${how})${output}`, { field: 'workers' }));
        return;
      }
    }
    if (this.batch && this.slots.length < Math.min(this.concurrency, this.batch.remaining)) this.spawn();
    this.pump();
  }

  private clearJob(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.timedOut = false;
  }

  private finish(k: number, result: EvalResult): void {
    const batch = this.batch;
    if (!batch || batch.results[k]) return;
    batch.results[k] = result;
    batch.remaining--;
    batch.onResult?.(result, batch.jobs[k]);
    if (batch.remaining === 0) {
      this.batch = undefined;
      batch.resolve(batch.results as EvalResult[]);
    }
  }

  /** Gives the next jobs to the idle workers. */
  private pump(): void {
    const batch = this.batch;
    if (!batch) return;
    for (const slot of this.slots) {
      if (batch.next >= batch.jobs.length) return;
      if (!slot.ready || slot.job !== undefined) continue;
      const k = batch.next++;
      slot.job = k;
      slot.started = performance.now();
      slot.tail = [];
      if (batch.jobTimeout > 0) {
        slot.timer = setTimeout(() => {
          slot.timedOut = true;
          slot.child.kill('SIGKILL');
        }, batch.jobTimeout * 1000);
      }
      slot.child.send({ type: 'job', task: batch.task, job: batch.jobs[k] } satisfies ToWorker);
    }
  }
}
