/**
 * `metarena worker --queue redis://HOST:PORT [--concurrency N] [--lock-timeout S]`: measures the
 * fitness jobs that `metarena evolve se|rn|reservoir --queue redis://HOST:PORT` runs put on a
 * BullMQ queue in Redis, on this machine, `--concurrency` at a time (default: one per core), each
 * in its own child process; start one on every machine that should help. A worker serves any run
 * on that Redis, needs no files of the run (the job carries the candidate and its seed, the task
 * is read from Redis) and may join or leave at any time.
 *
 * A worker that is killed loses nothing: its running jobs are put back in the queue once their
 * locks expire (`--lock-timeout` seconds, default 30; the check for them runs as often on every
 * worker) and another worker starts them again, with the same result. Runs until SIGINT or
 * SIGTERM: then it takes no new job and exits when its running ones are done (a second signal
 * stops them at once; they go back to the queue as above). Messages go to stderr: a line when it
 * is ready, one per job started and ended.
 *
 * Errors (exit 2, before it serves): `--queue` not a Redis URL, Redis not reachable within 5 s,
 * a bad `--concurrency` or `--lock-timeout`.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { CliDeps } from './deps.ts';
import { parseQueueUrl } from './evolve/queue-connection.ts';
import { parseInteger, parsePositiveNumber } from './parse.ts';

export interface WorkerOptions {
  queue: string;
  concurrency?: string;
  lockTimeout?: string;
}

export const DEFAULT_LOCK_SECONDS = 30;

export async function runWorker(deps: CliDeps, opts: WorkerOptions): Promise<void> {
  const queue = parseQueueUrl(opts.queue);
  const concurrency = parseInteger(opts.concurrency, '--concurrency', 1) ?? availableParallelism();
  const lockSeconds = parsePositiveNumber(opts.lockTimeout, '--lock-timeout') ?? DEFAULT_LOCK_SECONDS;
  const { startQueueWorker } = await import('./evolve/queue-worker.ts');
  const worker = await startQueueWorker({ queue, concurrency, lockSeconds, log: (line) => deps.stderr(`${line}\n`) });
  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals++;
      if (signals === 1) deps.stderr(`metarena worker: ${signal}: taking no new job; ${worker.running} running (${signal} again to stop them now)\n`);
      else {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
      }
      worker.close(signals > 1).then(resolve, resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

export function workerCommand(program: Command, deps: CliDeps): Command {
  return program
    .command('worker')
    .description('measure the fitness jobs of `metarena evolve --queue` runs from a Redis queue (BullMQ), on this machine')
    .requiredOption('--queue <url>', 'the Redis of the runs, e.g. redis://localhost:6379')
    .option('--concurrency <n>', 'evaluations at a time, each in its own process (default: one per core)')
    .option('--lock-timeout <s>', `seconds after which a job of a worker that stopped is put back in the queue (default ${DEFAULT_LOCK_SECONDS})`)
    .action(async (opts: WorkerOptions) => {
      await runWorker(deps, opts);
    });
}
