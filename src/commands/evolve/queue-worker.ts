/**
 * The worker of `metarena worker --queue redis://HOST:PORT`: a BullMQ worker on the
 * `metarena-evolve` queue (`queue-protocol.ts`) that measures the fitness jobs of any
 * `metarena evolve --queue` run, `concurrency` at a time.
 *
 * Each evaluation runs in a child process of this one — a local pool of one worker per
 * concurrency slot (`LocalPool`, `src/agents/evolve/worker-pool.ts`, with the local pool's entry
 * `src/commands/evolve/worker.ts`), kept between jobs so a task is resolved once per child.
 * This process's event loop stays free for BullMQ's lock renewals, so a long evaluation is not
 * taken for a lost one; a member that crashes or runs past its job's time limit (`--job-timeout`
 * of the run) kills only its child and is reported as failed, as on the local pool.
 *
 * Lost jobs: a job holds a lock that this worker renews every `lockSeconds / 2`; when a worker
 * dies, its jobs' locks expire and the stalled-job check of any worker (every `lockSeconds`)
 * puts them back in the queue, so a killed worker's job is started elsewhere within about twice
 * `lockSeconds`. A job started more times than its data's `attempts` is answered with a failed
 * result (fitness NaN, "lost N times") instead of being run again; BullMQ's own stalled limit is
 * set out of the way (MAX_STALLED_COUNT), so the run's `attempts` decides.
 *
 * `log` gets a line when the worker is ready and per job (started, fitness or error), and the
 * children's output.
 */
import type { Job, Worker } from 'bullmq';
import { type FitnessTask, oneLine } from '../../agents/evolve/evaluator.ts';
import type { LocalPool } from '../../agents/evolve/worker-pool.ts';
import { MetarenaError } from '../../core/index.ts';
import { WORKER_ENTRY } from '../evolve.ts';
import { connectQueue, type QueueUrl } from './queue-connection.ts';
import { QUEUE_NAME, TASK_KEY_PREFIX, decode, encodeResult, readJobData } from './queue-protocol.ts';

/** BullMQ's stalled limit, high enough never to act before a job's own `attempts`. */
export const MAX_STALLED_COUNT = 1_000_000;

export interface QueueWorkerOptions {
  queue: QueueUrl;
  /** Evaluations at once (each in its own child process). */
  concurrency: number;
  /** Seconds a dead worker's lock outlives it (BullMQ's lockDuration and stalledInterval). */
  lockSeconds: number;
  /** Message lines (no newline). */
  log: (line: string) => void;
  /** `--queue` or another name of the URL's option, for messages. */
  option?: string;
}

export interface QueueWorker {
  /** Stops taking jobs; waits for the running ones unless `force`. */
  close(force?: boolean): Promise<void>;
  /** Jobs running now. */
  readonly running: number;
}

export async function startQueueWorker({ queue, concurrency, lockSeconds, log, option = '--queue' }: QueueWorkerOptions): Promise<QueueWorker> {
  // a worker's connection must wait through Redis outages instead of failing its commands
  const client = await connectQueue(queue, { maxRetriesPerRequest: null }, option);
  const { Worker: BullWorker } = await import('bullmq');
  const { LocalPool: Pool } = await import('../../agents/evolve/worker-pool.ts');
  const free: LocalPool[] = [];
  const pools: LocalPool[] = [];
  const tasks = new Map<string, Promise<FitnessTask>>();
  let running = 0;

  const taskOf = (id: string): Promise<FitnessTask> => {
    let task = tasks.get(id);
    if (!task) {
      task = client.get(TASK_KEY_PREFIX + id).then((text) => {
        if (text === null) throw new MetarenaError('METARENA_INVALID_STATE', `the job's fitness task ${id} is not in Redis (expired or removed)`, { field: 'task' });
        return decode(text) as FitnessTask;
      });
      tasks.set(id, task);
      task.catch(() => tasks.delete(id));
    }
    return task;
  };
  const pool = (): LocalPool => {
    const ready = free.pop();
    if (ready) return ready;
    const slot = pools.length;
    const made = new Pool({ entry: WORKER_ENTRY, workers: 1, onOutput: (line) => log(`evaluation slot ${slot}: ${line}`) });
    pools.push(made);
    return made;
  };

  const processor = async (job: Job): Promise<string> => {
    const data = readJobData(job.data);
    const evalJob = data.evalJob;
    const what = `job ${job.id} (generation ${evalJob.generation} member ${evalJob.member} ${evalJob.tag})`;
    if (job.attemptsStarted > data.attempts) {
      const error = `generation ${evalJob.generation} member ${evalJob.member} (${evalJob.tag}): lost ${data.attempts} time${data.attempts === 1 ? '' : 's'} (the workers that took it stopped before answering)`;
      log(`${what}: not started again: ${error}`);
      return encodeResult({ id: evalJob.id, fitness: Number.NaN, seconds: 0, error });
    }
    log(`${what} started (start ${job.attemptsStarted} of at most ${data.attempts})`);
    running++;
    const slot = pool();
    try {
      const task = await taskOf(data.task);
      const [result] = await slot.evaluate(task, [evalJob], undefined, { jobTimeout: data.timeout });
      log(`${what} ${result.error ? `failed: ${result.error}` : `done: fitness ${result.fitness}`} in ${result.seconds.toFixed(2)} s`);
      return encodeResult(result);
    } catch (e) {
      log(`${what} failed: ${oneLine(e)}`);
      throw new Error(oneLine(e));
    } finally {
      running--;
      free.push(slot);
    }
  };

  const worker: Worker = new BullWorker(QUEUE_NAME, processor, {
    connection: client,
    concurrency,
    lockDuration: lockSeconds * 1000,
    stalledInterval: lockSeconds * 1000,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });
  worker.on('error', (e) => log(`queue error: ${e.message}`));
  try {
    await worker.waitUntilReady();
  } catch (e) {
    await worker.close(true).catch(() => {});
    client.disconnect();
    throw new MetarenaError('METARENA_UNAVAILABLE', `${option} ${queue.shown}: ${(e as Error).message}`, { field: option });
  }
  const done = worker.run();
  log(`metarena worker: serving ${QUEUE_NAME} on ${queue.shown}, ${concurrency} evaluation${concurrency === 1 ? '' : 's'} at a time`);

  let closing: Promise<void> | undefined;
  return {
    get running() {
      return running;
    },
    close(force = false) {
      if (force) void worker.close(true);
      closing ??= (async () => {
        await worker.close(force);
        await done.catch(() => {});
        await Promise.all(pools.map((p) => p.close()));
        client.disconnect();
      })();
      return closing;
    },
  };
}
