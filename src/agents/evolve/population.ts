/**
 * The population runner shared by `metarena evolve se|rn|reservoir`: generation after generation,
 * a `Strategy` (NES or CMA-ES, `strategy.ts`) asks for evaluations, an `Evaluator` (the local
 * pool of worker processes, `worker-pool.ts`, or any other backend) measures them with a
 * serialisable `FitnessTask`, the strategy is told the fitnesses, and the run is checkpointed.
 *
 * - Seeds: job k of generation g has seed `deriveSeed(seed, 'evolve', g, ...seedPath)` (the
 *   strategy's `seedPath`: the member index, shared by a mirrored pair), so a generation's
 *   fitnesses do not depend on the number of workers or the order in which they finish.
 * - Failures: an evaluation that fails (NaN, with an error) is told to the strategy as −Infinity,
 *   logged with its error, and counted in the generation's `failed`; the run goes on.
 * - Checkpoint: after every generation `state.json` (written atomically) holds the next
 *   generation's number, the strategy's state (NES: ψ and its best centre; CMA-ES: its whole
 *   state and random stream) and the run's seconds. A run resumed from it (`start`) gives the same
 *   generations as one that never stopped; metrics rows of generations after the checkpoint (a
 *   run killed between its metrics and its checkpoint) are dropped on resume.
 * - Files in `out`: `metrics.jsonl` (appended as generations end), `metrics.csv` (the same rows)
 *   and `fitness-curve.svg` (best and median member fitness per generation), rewritten every
 *   generation. Rows are `kind: "member"` — one per evaluation: generation, member, tag, fitness
 *   (null when it failed), seconds, error, and the numbers the fitness function reported — and
 *   `kind: "generation"`: evaluations, failed, best, median, mean, worst and std of the members'
 *   fitness (members whose evaluations all failed left out), step_size (σ), seconds (the
 *   generation's wall-clock), elapsed (the run's), and the strategy's extras.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetarenaError, deriveSeed, show } from '../../core/index.ts';
import type { EvalJob, EvalResult, Evaluator, FitnessTask } from './evaluator.ts';
import type { Strategy, StrategyResult } from './strategy.ts';

export const STATE_FILE = 'state.json';
export const METRICS_JSONL = 'metrics.jsonl';
export const METRICS_CSV = 'metrics.csv';
export const FITNESS_SVG = 'fitness-curve.svg';

/** One row of metrics.jsonl / metrics.csv. */
export type MetricsRow = Record<string, string | number | boolean | null>;

/** What `state.json` holds. */
export interface PopulationCheckpoint {
  version: 1;
  /** The strategy that wrote it (`nes`, `cmaes`). */
  strategy: string;
  /** The next generation to run (= generations done). */
  generation: number;
  /** Wall-clock seconds of the run so far. */
  seconds: number;
  /** The strategy's `toJSON()`. */
  state: unknown;
}

export interface GenerationSummary {
  generation: number;
  row: MetricsRow;
  results: readonly EvalResult[];
  jobs: readonly EvalJob[];
  /** The strategy's deliverable after this generation. */
  result: StrategyResult | null;
}

export interface PopulationHooks {
  /** A generation's jobs are about to be evaluated. */
  onGenerationStart?(generation: number, jobs: number): void;
  /** One evaluation ended (`done` of `total` in this generation). */
  onResult?(result: EvalResult, job: EvalJob, done: number, total: number): void;
  /** A generation ended and was checkpointed; a throw stops the run there (as a kill would). */
  onGeneration?(summary: GenerationSummary): void | Promise<void>;
}

export interface PopulationOptions {
  /** Run directory. */
  out: string;
  seed: number;
  /** Run until this many generations are done in all (or the strategy is done). */
  generations: number;
  strategy: Strategy;
  task: FitnessTask;
  evaluator: Evaluator;
  /** The checkpoint to continue from (the strategy must be restored from its `state`). */
  start?: PopulationCheckpoint;
  /** Title of the fitness curve. */
  title?: string;
  hooks?: PopulationHooks;
}

export interface PopulationOutcome {
  /** Generations done in all. */
  generations: number;
  seconds: number;
  result: StrategyResult | null;
  /** Every row of the run (resumed ones included). */
  rows: MetricsRow[];
}

/** The checkpoint in `out`, or undefined when there is none. */
export function readPopulationCheckpoint(out: string): PopulationCheckpoint | undefined {
  const file = join(out, STATE_FILE);
  if (!existsSync(file)) return undefined;
  let state: PopulationCheckpoint;
  try {
    state = JSON.parse(readFileSync(file, 'utf8'), reviveNumbers) as PopulationCheckpoint;
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: cannot read ${show(file)}: ${(e as Error).message}`, { field: '--resume' });
  }
  if (state?.version !== 1 || !Number.isInteger(state.generation) || typeof state.strategy !== 'string') {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: ${show(file)} is not a population checkpoint`, { field: '--resume' });
  }
  return state;
}

/** JSON of numbers that keeps ±Infinity and NaN (as strings tagged `"@Infinity"` …). */
export function stringifyNumbers(value: unknown, space?: number): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `@${v}` : v), space);
}
const reviveNumbers = (_k: string, v: unknown) => (v === '@Infinity' ? Infinity : v === '@-Infinity' ? -Infinity : v === '@NaN' ? Number.NaN : v);

const finite = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** best, median, mean, worst and std of the finite values (nulls when there are none). */
export function fitnessStats(values: readonly number[]): { best: number | null; median: number | null; mean: number | null; worst: number | null; std: number | null } {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return { best: null, median: null, mean: null, worst: null, std: null };
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const median = n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return { best: v[n - 1], median, mean, worst: v[0], std };
}

/** Rows as CSV: the union of their columns in first-seen order; strings quoted when needed. */
export function rowsCsv(rows: readonly MetricsRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n')}\n`;
}

/** The fitness curve: best and median member fitness per generation. */
export async function fitnessCurveSvg(title: string, rows: readonly MetricsRow[]): Promise<string> {
  const { lineChartSpec, renderSvg } = await import('../eval/plots.ts');
  const values = rows.flatMap((r) => {
    if (r.kind !== 'generation') return [];
    return (['best', 'median'] as const).flatMap((series) => (typeof r[series] === 'number' ? [{ generation: r.generation, fitness: r[series], series }] : []));
  });
  return renderSvg(lineChartSpec({ title, values, x: { field: 'generation', title: 'generation' }, y: { field: 'fitness', title: 'fitness', zero: false }, series: { field: 'series', title: null } }));
}

function readRows(file: string, before: number): MetricsRow[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MetricsRow)
    .filter((row) => typeof row.generation === 'number' && row.generation < before);
}

/** Runs generations until `generations` are done (or the strategy is done), checkpointing each. */
export async function runPopulation(options: PopulationOptions): Promise<PopulationOutcome> {
  const { out, seed, generations, strategy, task, evaluator, start, hooks = {} } = options;
  const { writeAtomic } = await import('../eval/report.ts');
  if (!Number.isInteger(generations) || generations < 0) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `generations must be an integer >= 0, got ${show(generations)}`, { field: 'generations' });
  if (start && start.strategy !== strategy.name) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: the checkpoint in ${show(out)} is of strategy ${show(start.strategy)}, not ${strategy.name}`, { field: '--resume' });
  }
  mkdirSync(out, { recursive: true });
  const title = options.title ?? 'fitness';
  const jsonl = join(out, METRICS_JSONL);
  let generation = start?.generation ?? 0;
  const secondsBefore = start?.seconds ?? 0;
  const started = performance.now();
  const elapsed = () => secondsBefore + (performance.now() - started) / 1000;
  const rows = start ? readRows(jsonl, generation) : [];
  writeAtomic(jsonl, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));

  while (generation < generations && !strategy.done) {
    const g = generation;
    const genStarted = performance.now();
    const asked = strategy.ask();
    const jobs: EvalJob[] = asked.map((j, k) => ({ id: `${g}:${k}`, generation: g, member: j.member, tag: j.tag, seed: deriveSeed(seed, 'evolve', g, ...j.seedPath), candidate: j.candidate }));
    hooks.onGenerationStart?.(g, jobs.length);
    let done = 0;
    const results = await evaluator.evaluate(task, jobs, (result, job) => hooks.onResult?.(result, job, ++done, jobs.length));
    const report = strategy.tell(results.map((r) => r.fitness));
    const stats = fitnessStats(report.members);
    const failed = results.filter((r) => !Number.isFinite(r.fitness)).length;
    const result = strategy.result();
    const memberRows: MetricsRow[] = results.map((r, k) => ({
      kind: 'member',
      generation: g,
      member: jobs[k].member,
      tag: jobs[k].tag,
      seed: jobs[k].seed,
      fitness: finite(r.fitness),
      seconds: round(r.seconds, 3),
      error: r.error ?? null,
      ...(r.info ?? {}),
    }));
    const seconds = (performance.now() - genStarted) / 1000;
    const row: MetricsRow = {
      kind: 'generation',
      generation: g,
      evaluations: jobs.length,
      failed,
      ...stats,
      step_size: report.stepSize,
      seconds: round(seconds, 3),
      elapsed: round(elapsed(), 3),
      ...report.extra,
      result_fitness: finite(result?.fitness),
    };
    for (const r of [...memberRows, row]) {
      rows.push(r);
      appendFileSync(jsonl, `${JSON.stringify(r)}\n`);
    }
    writeAtomic(join(out, METRICS_CSV), rowsCsv(rows));
    writeAtomic(join(out, FITNESS_SVG), await fitnessCurveSvg(title, rows));
    generation = g + 1;
    const checkpoint: PopulationCheckpoint = { version: 1, strategy: strategy.name, generation, seconds: round(elapsed(), 3), state: strategy.toJSON() };
    writeAtomic(join(out, STATE_FILE), `${stringifyNumbers(checkpoint)}\n`);
    await hooks.onGeneration?.({ generation: g, row, results, jobs, result });
  }
  if (rows.length === 0 || !existsSync(join(out, FITNESS_SVG))) {
    writeAtomic(join(out, METRICS_CSV), rowsCsv(rows));
    writeAtomic(join(out, FITNESS_SVG), await fitnessCurveSvg(title, rows));
  }
  return { generations: generation, seconds: elapsed(), result: strategy.result(), rows };
}
