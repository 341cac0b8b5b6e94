/**
 * What the population runner (`population.ts`) asks of whatever evaluates its members: the
 * `Evaluator` interface, the messages it carries, and the in-process evaluator. The local pool of
 * worker processes (`worker-pool.ts`) is the default evaluator of `metarena evolve`; the queue of
 * remote workers of `--queue` (`src/commands/evolve/queue-evaluator.ts`) implements the same
 * interface.
 *
 * - A `FitnessTask` is plain JSON, `{kind, options}`: what to measure (e.g. `se` with the env and
 *   the inner agent's settings). An evaluator resolves it to a `FitnessFunction` once per process
 *   (`FitnessResolver`) and reuses it for every job of that task.
 * - An `EvalJob` is one fitness evaluation: a candidate — a flat parameter vector (`params`) or a
 *   JSON object of hyperparameters (`json`) — with the seed the runner derived for it from
 *   (run seed, generation, member). The job carries everything the evaluation needs, so any
 *   process can run it and a re-run gives the same fitness.
 * - An `EvalResult` is the job's fitness, or NaN with `error` when the evaluation failed (it
 *   threw, its worker died or ran out of time). Results come back in the jobs' order.
 */
import { MetarenaError, show } from '../../core/index.ts';

/** One member's candidate: a flat parameter vector, or hyperparameters as a JSON object. */
export type Candidate = { kind: 'params'; params: Float32Array } | { kind: 'json'; value: Record<string, unknown> };

/** What to measure, as plain JSON; `kind` selects the fitness function. */
export interface FitnessTask {
  kind: string;
  options: Record<string, unknown>;
}

export interface EvalJob {
  /** Unique within a run: `generation:index`. */
  id: string;
  generation: number;
  member: number;
  /** Which evaluation of the member (e.g. `plus`, `minus`, `center`, or `point`). */
  tag: string;
  seed: number;
  candidate: Candidate;
}

/** Extra numbers or words an evaluation reports (steps trained, episodes, …), logged per member. */
export type EvalInfo = Record<string, number | string | boolean | null>;

export interface EvalResult {
  id: string;
  /** The fitness (higher is better); NaN when the evaluation failed. */
  fitness: number;
  /** Wall-clock of the evaluation. */
  seconds: number;
  /** Why the evaluation failed (one line). */
  error?: string;
  info?: EvalInfo;
}

/** What a fitness function is told besides the candidate. */
export interface FitnessContext {
  seed: number;
  generation: number;
  member: number;
  tag: string;
}

export type FitnessValue = number | { fitness: number; info?: EvalInfo };

/** Measures one candidate; deterministic given the candidate and `context.seed`. */
export type FitnessFunction = (candidate: Candidate, context: FitnessContext) => Promise<FitnessValue> | FitnessValue;

/** Turns a task into its fitness function (called once per task and process). */
export type FitnessResolver = (task: FitnessTask) => Promise<FitnessFunction> | FitnessFunction;

export interface Evaluator {
  /** How many evaluations run at the same time. */
  readonly concurrency: number;
  /** Evaluates `jobs` (in any order, any process); resolves to their results in the jobs' order. */
  evaluate(task: FitnessTask, jobs: readonly EvalJob[], onResult?: (result: EvalResult, job: EvalJob) => void): Promise<EvalResult[]>;
  close(): Promise<void>;
}

/** A fitness function's value as `{fitness, info}`, checked. */
export function fitnessOf(value: FitnessValue): { fitness: number; info?: EvalInfo } {
  const out = typeof value === 'number' ? { fitness: value } : value;
  if (typeof out !== 'object' || out === null || typeof out.fitness !== 'number') {
    throw new MetarenaError('METARENA_INVALID_STATE', `a fitness function must return a number or {fitness, info}, got ${show(value)}`, { field: 'fitness' });
  }
  return out;
}

/** Runs one job with `fitness`; a thrown error becomes a failed result. */
export async function runJob(fitness: FitnessFunction, job: EvalJob): Promise<EvalResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const { fitness: value, info } = fitnessOf(await fitness(job.candidate, { seed: job.seed, generation: job.generation, member: job.member, tag: job.tag }));
    return { id: job.id, fitness: value, seconds: seconds(), ...(info ? { info } : {}) };
  } catch (e) {
    return { id: job.id, fitness: Number.NaN, seconds: seconds(), error: oneLine(e) };
  }
}

/** An error as one line: `CODE: message` for a MetarenaError, the message otherwise. */
export function oneLine(e: unknown): string {
  const text = e instanceof MetarenaError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, ' | ');
}

/**
 * Evaluates jobs one after another in this process (no isolation: a member that crashes the
 * process ends the run). For tests and debugging (`--workers 0`).
 */
export class InProcessEvaluator implements Evaluator {
  readonly concurrency = 1;
  private readonly resolved = new Map<string, Promise<FitnessFunction>>();

  constructor(private readonly resolve: FitnessResolver) {}

  async evaluate(task: FitnessTask, jobs: readonly EvalJob[], onResult?: (result: EvalResult, job: EvalJob) => void): Promise<EvalResult[]> {
    const key = JSON.stringify(task);
    let fitness = this.resolved.get(key);
    if (!fitness) this.resolved.set(key, (fitness = Promise.resolve(this.resolve(task))));
    const fn = await fitness;
    const out: EvalResult[] = [];
    for (const job of jobs) {
      const result = await runJob(fn, job);
      out.push(result);
      onResult?.(result, job);
    }
    return out;
  }

  async close(): Promise<void> {}
}
