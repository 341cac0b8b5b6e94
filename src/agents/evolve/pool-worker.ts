/**
 * The worker side of the local pool (`worker-pool.ts`): a child process that answers fitness
 * jobs over its IPC channel, one at a time. A worker entry module calls `serveJobs(resolve)` with
 * the resolver of the tasks it knows (e.g. `src/commands/evolve/worker.ts` for `se`, `rn` and
 * `reservoir`); nothing is read from files or the command line.
 *
 * Messages (structured clone, so Float32Array candidates and NaN arrive intact):
 * - to the worker: `{type: "job", task, job}`, `{type: "close"}`;
 * - from the worker: `{type: "ready"}` once it listens, `{type: "result", result}` per job.
 * A task is resolved on its first job and kept for the next ones. A fitness function that throws
 * gives a failed result and the worker goes on; one that ends the process is the pool's to
 * report.
 */
import { type EvalJob, type EvalResult, type FitnessFunction, type FitnessResolver, type FitnessTask, oneLine, runJob } from './evaluator.ts';

export type ToWorker = { type: 'job'; task: FitnessTask; job: EvalJob } | { type: 'close' };
export type FromWorker = { type: 'ready' } | { type: 'result'; result: EvalResult };

/** Serves jobs on this process's IPC channel until the parent closes it. */
export function serveJobs(resolve: FitnessResolver): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveJobs: this process has no IPC channel (start it with child_process.fork)');
  const resolved = new Map<string, Promise<FitnessFunction>>();
  const fitnessFor = (task: FitnessTask) => {
    const key = JSON.stringify(task);
    let fn = resolved.get(key);
    if (!fn) resolved.set(key, (fn = Promise.resolve().then(() => resolve(task))));
    return fn;
  };
  process.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      process.disconnect();
      return;
    }
    if (message.type !== 'job') return;
    const { task, job } = message;
    void (async () => {
      let result: EvalResult;
      try {
        result = await runJob(await fitnessFor(task), job);
      } catch (e) {
        result = { id: job.id, fitness: Number.NaN, seconds: 0, error: oneLine(e) };
      }
      send({ type: 'result', result } satisfies FromWorker);
    })();
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' } satisfies FromWorker);
}
