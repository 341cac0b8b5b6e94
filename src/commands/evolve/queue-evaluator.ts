/**
 * The queue evaluator of `metarena evolve --queue redis://HOST:PORT`: an `Evaluator` (beside the
 * local pool, `src/agents/evolve/worker-pool.ts`) that puts a generation's jobs on a BullMQ queue
 * in Redis and waits for their results, which `metarena worker --queue …` processes on any number
 * of machines compute (`queue-worker.ts`). What goes through Redis: `queue-protocol.ts`. It lives
 * with the command, not in `src/agents`, since agents import no Redis client.
 *
 * - Idempotent: a job's id is derived from the run, generation, member, tag and the job's text, so
 *   adding a generation again (a resumed run) adds only the jobs the queue does not hold, and
 *   jobs that finished before the resume give their results at once. A job's fitness depends only
 *   on its candidate and seed, so it does not matter which worker ran it, or how often.
 * - Waiting: the generation's jobs are polled every `pollSeconds` (their state; a finished job's
 *   result is read once). A generation's jobs are removed from Redis when the next one starts or
 *   the evaluator closes (the runner has checkpointed it then), so a run killed during a
 *   generation and resumed finds the jobs that finished meanwhile. A job whose worker stopped
 *   (killed, cut off) is re-queued by BullMQ's stalled-job check on the workers (`--lock-timeout`
 *   there); a job that left the queue without a result (Redis restarted without persistence, a
 *   removed job) is added again here. A job is started at most `attempts` times in all (default
 *   QUEUE_ATTEMPTS); after that it fails as a member whose local worker died does: fitness NaN
 *   and an error line.
 * - `jobTimeout` (`--job-timeout`): the worker kills an evaluation that runs longer and reports
 *   it as timed out, as the local pool does; a job still without a result TIMEOUT_GRACE_SECONDS
 *   after that (a stuck worker) fails here.
 * - A job that failed on its worker (the processor threw: a task it cannot read, a worker entry
 *   that cannot start) fails its member with the worker's reason; it is not retried.
 * - While no job starts or ends for `noteSeconds`, `onNote` is told how many jobs wait and how
 *   many workers are connected. Redis unreachable for LOST_CONNECTION_SECONDS during a
 *   generation ends the evaluation with METARENA_UNAVAILABLE naming `--queue`.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { MetarenaError, show } from '../../core/index.ts';
import type { EvalJob, EvalResult, Evaluator, FitnessTask } from '../../agents/evolve/evaluator.ts';
import { connectQueue, type QueueUrl } from './queue-connection.ts';
import { FINISHED_JOB_AGE_SECONDS, JOB_NAME, QUEUE_NAME, TASK_KEY_PREFIX, TASK_TTL_SECONDS, decodeResult, queueJob, taskEntry } from './queue-protocol.ts';

/** Times a queued job may be started (its worker lost before it answered) before it fails. */
export const QUEUE_ATTEMPTS = 3;
/** Seconds after `jobTimeout` that a started job may stay without a result. */
export const TIMEOUT_GRACE_SECONDS = 10;
/** Seconds Redis may stay unreachable during a generation. */
export const LOST_CONNECTION_SECONDS = 60;
const NOTE_REPEAT_SECONDS = 60;

export interface QueueEvaluatorOptions {
  queue: QueueUrl;
  /** The run's id (`runId` of `queue-protocol.ts`): the first part of its jobs' ids. */
  run: string;
  /** Seconds an evaluation may run (0: no limit). */
  jobTimeout?: number;
  attempts?: number;
  /** Seconds between polls of the jobs' states (default 0.25). */
  pollSeconds?: number;
  /** Seconds without a job starting or ending before a note (default 10). */
  noteSeconds?: number;
  onNote?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class QueueEvaluator implements Evaluator {
  /** As many as the workers on the queue take at once. */
  readonly concurrency = Number.POSITIVE_INFINITY;
  private closed = false;
  private busy = false;
  /** Ids of the last generation's jobs, all answered: removed when the next starts or at close. */
  private answered: string[] = [];

  private constructor(
    private readonly client: Redis,
    private readonly queue: Queue,
    private readonly options: Required<Omit<QueueEvaluatorOptions, 'onNote'>> & Pick<QueueEvaluatorOptions, 'onNote'>,
  ) {}

  /** Connects to the queue's Redis (a METARENA_UNAVAILABLE error naming --queue when it cannot). */
  static async connect(options: QueueEvaluatorOptions): Promise<QueueEvaluator> {
    const { jobTimeout = 0, attempts = QUEUE_ATTEMPTS, pollSeconds = 0.25, noteSeconds = 10 } = options;
    if (!(jobTimeout >= 0)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `jobTimeout must be >= 0 seconds, got ${show(jobTimeout)}`, { field: 'jobTimeout', allowed: '>= 0' });
    if (!Number.isInteger(attempts) || attempts < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `attempts must be an integer >= 1, got ${show(attempts)}`, { field: 'attempts', allowed: 'integer >= 1' });
    // commands fail after one reconnect instead of queueing while Redis is away (the poll retries)
    const client = await connectQueue(options.queue, { maxRetriesPerRequest: 1 });
    const { Queue } = await import('bullmq');
    const queue = new Queue(QUEUE_NAME, { connection: client });
    queue.on('error', () => {});
    return new QueueEvaluator(client, queue, { ...options, jobTimeout, attempts, pollSeconds, noteSeconds });
  }

  async evaluate(task: FitnessTask, jobs: readonly EvalJob[], onResult?: (result: EvalResult, job: EvalJob) => void): Promise<EvalResult[]> {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', 'the queue evaluator is closed', { field: 'evaluate' });
    if (this.busy) throw new MetarenaError('METARENA_INVALID_STATE', 'the queue evaluator is already evaluating a generation', { field: 'evaluate' });
    if (jobs.length === 0) return [];
    this.busy = true;
    try {
      await this.removeAnswered();
      return await this.run(task, jobs, onResult);
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.busy) await this.removeAnswered();
    await this.queue.close().catch(() => {});
    this.client.disconnect();
  }

  private async removeAnswered(): Promise<void> {
    const ids = this.answered;
    this.answered = [];
    // a job still locked by a stuck worker stays (its age removes it)
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  private unavailable(e: unknown): MetarenaError {
    return new MetarenaError('METARENA_UNAVAILABLE', `--queue ${this.options.queue.shown}: lost the connection to Redis (${(e as Error).message})`, { field: '--queue' }, { cause: e });
  }

  private async run(task: FitnessTask, jobs: readonly EvalJob[], onResult?: (result: EvalResult, job: EvalJob) => void): Promise<EvalResult[]> {
    const { run, jobTimeout, attempts, pollSeconds, noteSeconds, onNote, queue: url } = this.options;
    const entry = taskEntry(task);
    const queued = jobs.map((job) => queueJob(run, entry.id, job, jobTimeout, attempts));
    const add = async (ks: readonly number[]) => {
      await this.client.set(TASK_KEY_PREFIX + entry.id, entry.text, 'EX', TASK_TTL_SECONDS);
      const age = { age: FINISHED_JOB_AGE_SECONDS };
      await this.queue.addBulk(ks.map((k) => ({ name: JOB_NAME, data: queued[k].data, opts: { jobId: queued[k].id, removeOnComplete: age, removeOnFail: age } })));
    };
    try {
      await add(jobs.map((_, k) => k));
    } catch (e) {
      throw this.unavailable(e);
    }

    const results: (EvalResult | undefined)[] = new Array(jobs.length);
    const pending = new Set(jobs.map((_, k) => k));
    const readded = new Array<number>(jobs.length).fill(0);
    // a started job: when it was first seen active and how many times it had been started then
    const started: ({ since: number; starts: number } | undefined)[] = new Array(jobs.length);
    const label = (k: number) => `generation ${jobs[k].generation} member ${jobs[k].member} (${jobs[k].tag})`;
    let lastProgress = performance.now();
    let lastNote = 0;
    let failingSince: number | undefined;
    const finish = (k: number, result: Omit<EvalResult, 'id'>) => {
      const out = { ...result, id: jobs[k].id };
      results[k] = out;
      pending.delete(k);
      lastProgress = performance.now();
      onResult?.(out, jobs[k]);
    };
    const fail = (k: number, seconds: number, why: string) => finish(k, { fitness: Number.NaN, seconds, error: `${label(k)}: ${why}` });

    const check = async (k: number, state: string) => {
      const id = queued[k].id;
      if (state === 'completed' || state === 'failed') {
        const job = await this.queue.getJob(id);
        if (!job) return; // removed meanwhile: seen as unknown next time
        const seconds = job.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : 0;
        if (state === 'failed') fail(k, seconds, `its worker failed: ${job.failedReason}`);
        else {
          let result: EvalResult | undefined;
          try {
            result = decodeResult(job.returnvalue);
          } catch (e) {
            fail(k, seconds, (e as Error).message);
          }
          if (result) finish(k, result);
        }
      } else if (state === 'unknown') {
        started[k] = undefined;
        if (++readded[k] >= attempts) fail(k, 0, `left the queue ${readded[k]} times without a result (Redis restarted without its data, or the job was removed)`);
        else {
          onNote?.(`${label(k)} left the queue without a result; queued again`);
          await add([k]);
        }
      } else if (state === 'active') {
        if (!started[k]) lastProgress = performance.now();
        if (jobTimeout <= 0) {
          started[k] ??= { since: performance.now(), starts: 0 };
          return;
        }
        const now = performance.now();
        const s = started[k];
        if (s && now - s.since < (jobTimeout + TIMEOUT_GRACE_SECONDS) * 1000) return;
        const starts = (await this.queue.getJob(id))?.attemptsStarted ?? 0;
        if (!s || starts !== s.starts) started[k] = { since: now, starts };
        else fail(k, (now - s.since) / 1000, `no result ${jobTimeout + TIMEOUT_GRACE_SECONDS} s after a worker started it (--job-timeout ${jobTimeout} s): its worker is stuck`);
      } else {
        started[k] = undefined;
      }
    };

    while (pending.size > 0) {
      if (this.closed) throw new MetarenaError('METARENA_CLOSED', 'the queue evaluator was closed during a generation', { field: 'evaluate' });
      try {
        const ks = [...pending];
        const states = await Promise.all(ks.map((k) => this.queue.getJobState(queued[k].id)));
        for (let i = 0; i < ks.length; i++) await check(ks[i], states[i]);
        failingSince = undefined;
        const now = performance.now();
        if (onNote && pending.size > 0 && now - lastProgress >= noteSeconds * 1000 && now - lastNote >= NOTE_REPEAT_SECONDS * 1000 && !states.includes('active')) {
          lastNote = now;
          const workers = await this.queue.getWorkersCount();
          onNote(`${pending.size} of ${jobs.length} evaluations wait on ${url.shown} (${workers} worker${workers === 1 ? '' : 's'} connected); start workers with: metarena worker --queue ${url.shown}`);
        }
      } catch (e) {
        if (e instanceof MetarenaError) throw e;
        failingSince ??= performance.now();
        if (performance.now() - failingSince >= LOST_CONNECTION_SECONDS * 1000) throw this.unavailable(e);
      }
      if (pending.size > 0) await sleep(pollSeconds * 1000);
    }
    this.answered = queued.map((q) => q.id);
    return results as EvalResult[];
  }
}
