/**
 * `metarena evolve se|rn|reservoir --env ID --out DIR [--generations N] [--population N]
 * [--workers N | --queue redis://HOST:PORT] [--seed S] [--resume] [--set key=value]…
 * [--remote HOST:PORT] [--job-timeout S] [--progress-every S] [--json]`: evolves a synthetic environment (`se`), a reward network (`rn`)
 * — NES as the GTN of Ferreira et al., ICLR 2022 — or a reservoir's hyperparameters
 * (`reservoir`, CMA-ES with IPOP restarts as ER-MRL), with the population runner of
 * `src/agents/evolve/population.ts`. What each kind measures and which options `--set` takes:
 * `src/commands/evolve/fitness-*.ts` and `options.ts`; `--set agent.NAME=value` sets an option of
 * the inner learner.
 *
 * Members are evaluated on `--workers` local processes (default: one per core; 0: in this
 * process, without isolation), each member seeded from (`--seed`, generation, member), so a
 * generation's fitnesses do not depend on the workers. A member whose worker dies, or whose
 * evaluation throws or runs past `--job-timeout` seconds, gets no fitness (the worst, for the
 * strategy) and an error line in the metrics; the run goes on.
 *
 * With `--queue redis://HOST:PORT` the members are evaluated by `metarena worker --queue
 * redis://HOST:PORT` processes instead, on any number of machines (`src/commands/worker.ts`):
 * the generation's jobs go to a BullMQ queue in that Redis and the command waits for their
 * results (`src/commands/evolve/queue-evaluator.ts`). Jobs are idempotent and seeded as above, so
 * the run gives the same generations as one on local workers; a job whose worker is killed is
 * started again elsewhere (at most 3 times in all, then it fails as a killed member does), and
 * `--job-timeout` limits each evaluation on its worker. `--queue` starts no local worker, so it
 * refuses `--workers`: to use this machine's cores too, start `metarena worker` on it. Redis
 * that cannot be reached is an error before any file is written. Neither `--workers` nor
 * `--queue` is part of the run's settings: a run may be resumed on the other.
 *
 * DIR receives: `run.json` (kind, envs, seed, the task's settings and the command line),
 * `command.txt` (the command line), `state.json` (the checkpoint, after every generation),
 * `metrics.jsonl` and `metrics.csv` (a row per evaluation and per generation), `fitness-curve.svg`
 * (best and median fitness per generation), `summary.json`, and the delivered model: `model/`
 * for se and rn (the plugins' checkpoint format: `--env Synthetic/ID --env-arg model=DIR/model`,
 * `--wrapper '{"id": "RewardNet", "model": "DIR/model"}'`), `reservoir.json` for reservoir (the
 * Reservoir wrapper's options: `--wrapper "$(cat DIR/reservoir.json)"`). `--resume` continues
 * from the checkpoint — to a larger `--generations`, too — and refuses other settings, naming
 * them; a killed run resumed gives the same generations as one never stopped. Progress goes to
 * stderr: a bar on a terminal, else a line per generation (and every `--progress-every` seconds
 * within one). Every argument is checked before any worker starts.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { MetarenaError, parseArgValue, show } from '../core/index.ts';
import type { Evaluator } from '../agents/evolve/evaluator.ts';
import type { CliDeps } from './deps.ts';
import { parseQueueUrl, type QueueUrl } from './evolve/queue-connection.ts';
import { EVOLVE_KINDS, type EvolveKind, KIND_OPTIONS } from './evolve/options.ts';
import type { EvolveContext, EvolveSetup } from './evolve/setup.ts';
import { collect, parseInteger, parsePairs, parseSeed } from './parse.ts';
import { changedSettings, readSettings } from './run-settings.ts';

export interface EvolveOptions {
  env: string;
  out: string;
  generations?: string;
  population?: string;
  workers?: string;
  seed?: string;
  resume?: boolean;
  set?: string[];
  remote?: string;
  queue?: string;
  jobTimeout?: string;
  progressEvery?: string;
  json?: boolean;
}

export const EVOLVE_RUN_FILE = 'run.json';
const DEFAULT_SEED = 1;
const DEFAULT_PROGRESS_SECONDS = 30;
/** The worker entry of the local pool. */
export const WORKER_ENTRY = fileURLToPath(new URL('./evolve/worker.ts', import.meta.url));

/** What run.json records; a resumed run must match it (except the command line and the --remote server). */
interface EvolveRecord {
  kind: EvolveKind;
  envs: string[];
  seed: number;
  remote: string | null;
  settings: Record<string, unknown>;
  command: string;
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function parseKind(raw: string): EvolveKind {
  if (!(EVOLVE_KINDS as string[]).includes(raw)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `evolve: the kind must be one of ${EVOLVE_KINDS.join(', ')}, got ${show(raw)}`, { field: 'kind', allowed: EVOLVE_KINDS.join(', ') });
  }
  return raw as EvolveKind;
}

function parseSeconds(raw: string | undefined, option: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} must be a number of seconds >= 0, got ${show(raw)}`, { field: option, allowed: 'a number >= 0' });
  return v;
}

/** `--set` pairs: the kind's options typed by their specs, and the `agent.NAME` ones apart. */
function splitSettings(kind: EvolveKind, pairs: [string, string][]): { options: Record<string, unknown>; agentPairs: [string, string][] } {
  const specs = KIND_OPTIONS[kind] as Record<string, Parameters<typeof parseArgValue>[0]>;
  const options: Record<string, unknown> = {};
  const agentPairs: [string, string][] = [];
  for (const [key, raw] of pairs) {
    if (key.startsWith('agent.')) agentPairs.push([key.slice('agent.'.length), raw]);
    else options[key] = Object.hasOwn(specs, key) ? parseArgValue(specs[key], raw) : raw;
  }
  return { options, agentPairs };
}

async function kindSetup(kind: EvolveKind, ctx: EvolveContext): Promise<EvolveSetup> {
  if (kind === 'se') return (await import('./evolve/fitness-se.ts')).seSetup(ctx);
  if (kind === 'rn') return (await import('./evolve/fitness-rn.ts')).rnSetup(ctx);
  return (await import('./evolve/fitness-reservoir.ts')).reservoirSetup(ctx);
}

export type EvolveProgress = 'bar' | 'lines';

/** The members' evaluator: in this process (0 workers), the local pool, or the queue. */
async function makeEvaluator(deps: CliDeps, o: { workers: number; jobTimeout: number; queue: QueueUrl | undefined; run: Record<string, unknown> }): Promise<Evaluator> {
  if (o.queue) {
    const { QueueEvaluator } = await import('./evolve/queue-evaluator.ts');
    const { runId } = await import('./evolve/queue-protocol.ts');
    return QueueEvaluator.connect({ queue: o.queue, run: runId(o.run), jobTimeout: o.jobTimeout, onNote: (line) => deps.stderr(`${line}\n`) });
  }
  if (o.workers === 0) {
    const { InProcessEvaluator } = await import('../agents/evolve/evaluator.ts');
    const { resolveTask } = await import('./evolve/tasks.ts');
    return new InProcessEvaluator(resolveTask);
  }
  const { LocalPool } = await import('../agents/evolve/worker-pool.ts');
  return new LocalPool({ entry: WORKER_ENTRY, workers: o.workers, jobTimeout: o.jobTimeout, onOutput: (line, w) => deps.stderr(`worker ${w}: ${line}\n`) });
}

export async function runEvolve(deps: CliDeps, kindRaw: string, opts: EvolveOptions, progress: EvolveProgress): Promise<void> {
  const started = performance.now();
  const kind = parseKind(kindRaw);
  const envs = opts.env.split(',').map((e) => e.trim());
  if (envs.some((e) => e === '')) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--env must be an env id (or a comma-separated list for reservoir), got ${show(opts.env)}`, { field: '--env' });
  const seed = parseSeed(opts.seed) ?? DEFAULT_SEED;
  const population = parseInteger(opts.population, '--population', 2);
  const queue = opts.queue !== undefined ? parseQueueUrl(opts.queue) : undefined;
  if (queue && opts.workers !== undefined) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--workers and --queue exclude each other: with --queue the members run on \`metarena worker --queue ${queue.shown}\` processes (start one on this machine to use its cores)`, { field: '--workers' });
  }
  const workers = parseInteger(opts.workers, '--workers', 0) ?? availableParallelism();
  const jobTimeout = parseSeconds(opts.jobTimeout, '--job-timeout') ?? 0;
  const progressSeconds = parseSeconds(opts.progressEvery, '--progress-every') ?? DEFAULT_PROGRESS_SECONDS;
  let generations = parseInteger(opts.generations, '--generations', 1);
  const { options, agentPairs } = splitSettings(kind, parsePairs(opts.set, '--set'));
  const { createLearnerRegistry } = await import('../agents/learners.ts');
  const registry = await deps.registry();
  const setup = await kindSetup(kind, { registry, learners: createLearnerRegistry(), envs, options, agentPairs, remote: opts.remote, population });
  generations ??= setup.defaultGenerations;

  // the command that makes this run (the canonical flags; workers, queue and progress do not change its result)
  const command = [
    'metarena evolve',
    kind,
    `--env ${quote(envs.join(','))}`,
    `--out ${quote(opts.out)}`,
    `--generations ${generations}`,
    ...(population !== undefined ? [`--population ${population}`] : []),
    `--seed ${seed}`,
    ...(opts.remote !== undefined ? [`--remote ${quote(opts.remote)}`] : []),
    ...(opts.set ?? []).map((s) => `--set ${quote(s)}`),
  ].join(' ');
  const record: EvolveRecord = { kind, envs, seed, remote: opts.remote ?? null, settings: setup.settings, command };

  const { readPopulationCheckpoint, runPopulation, STATE_FILE } = await import('../agents/evolve/population.ts');
  const { writeAtomic } = await import('../agents/eval/report.ts');
  const out = opts.out;
  const runFile = join(out, EVOLVE_RUN_FILE);
  const start = opts.resume ? readPopulationCheckpoint(out) : undefined;
  if (opts.resume) {
    const saved = readSettings(runFile) as EvolveRecord | undefined;
    if (!start || !saved) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: ${show(out)} holds no evolution to resume (no ${STATE_FILE} or ${EVOLVE_RUN_FILE})`, { field: '--resume' });
    // the server of --remote may change (a member's fitness does not depend on where its envs run)
    const comparable = ({ command: _c, remote: _r, settings: { remote: _sr, ...settings }, ...rest }: EvolveRecord) => ({ ...rest, ...settings });
    const flag = (k: string) => (k === 'envs' ? '--env' : ['kind', 'seed', 'population'].includes(k) ? `--${k}` : `--set ${k}:`);
    const differences = changedSettings(comparable(saved), comparable(record), flag);
    if (differences.length) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: the evolution in ${show(out)} has other settings: ${differences.join('; ')}`, { field: '--resume' });
    deps.stderr(`resuming ${kind} ${envs.join(',')} from generation ${start.generation} of ${generations} (${out})\n`);
  } else if (existsSync(runFile) || existsSync(join(out, STATE_FILE))) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--out ${show(out)} already holds an evolution; pass --resume to continue it or choose another --out`, { field: '--out' });
  }
  const strategy = setup.strategy(seed, start?.state);

  const evaluator = await makeEvaluator(deps, { workers, jobTimeout, queue, run: { out: resolve(out), kind, envs, seed } });
  const bar = progress === 'bar' ? new SingleBar({ format: `evolve ${kind} {bar} generation {gen}/${generations} | {value}/{total} evaluations | best {best} | median {median}`, clearOnComplete: true }) : undefined;
  let last = { best: '-', median: '-' };
  let lastLine = performance.now();
  const fmt = (x: unknown) => (typeof x === 'number' ? (Math.abs(x) >= 1e4 ? x.toExponential(3) : x.toFixed(3)) : '-');
  try {
    mkdirSync(out, { recursive: true });
    writeAtomic(runFile, `${JSON.stringify(record, null, 1)}\n`);
    writeAtomic(join(out, 'command.txt'), `${command}\n`);
    const outcome = await runPopulation({
      out,
      seed,
      generations,
      strategy,
      task: setup.task,
      evaluator,
      start,
      title: `${kind} ${envs.join(', ')} (seed ${seed})`,
      hooks: {
        onGenerationStart: (g, jobs) => {
          bar?.start(jobs, 0, { gen: g + 1, ...last });
          lastLine = performance.now();
        },
        onResult: (result, job, done, total) => {
          bar?.update(done, { gen: job.generation + 1, ...last });
          if (result.error) deps.stderr(`${bar ? '\n' : ''}error: ${result.error}\n`);
          if (progress === 'lines' && progressSeconds > 0 && performance.now() - lastLine >= progressSeconds * 1000 && done < total) {
            lastLine = performance.now();
            deps.stderr(`evolve ${kind} generation ${job.generation + 1}/${generations}: ${done}/${total} evaluations\n`);
          }
        },
        onGeneration: ({ generation, row }) => {
          last = { best: fmt(row.best), median: fmt(row.median) };
          bar?.stop();
          if (progress === 'lines') deps.stderr(`evolve ${kind} generation ${generation + 1}/${generations}: best ${last.best} | median ${last.median} | failed ${row.failed} | step size ${fmt(row.step_size)} | ${fmt(row.seconds)} s\n`);
        },
      },
    });
    bar?.stop();
    const result = outcome.result;
    // the delivered ψ may carry no fitness of its own (no centre evaluations): refuse only a run none of whose evaluations succeeded
    const anyScored = outcome.rows.some((r) => r.kind === 'member' && typeof r.fitness === 'number' && Number.isFinite(r.fitness));
    if (!result || !anyScored) throw new MetarenaError('METARENA_INVALID_STATE', `evolve: no candidate to deliver after ${outcome.generations} generations (every evaluation failed)`, { field: '--generations' });
    // the inner training the model was evolved for: `train` on a synthetic env defaults to it (synthetic-training.ts)
    const { agent, trainSteps } = setup.settings as { agent?: unknown; trainSteps?: unknown };
    const modelRecord = { command, kind, envs, seed, generations: outcome.generations, generation: result.generation, fitness: result.fitness, ...(agent === undefined ? {} : { agent }), ...(trainSteps === undefined ? {} : { trainSteps }) };
    const model = await setup.saveModel(result, out, modelRecord);
    const seconds = Math.round(((performance.now() - started) / 1000) * 100) / 100;
    const summary = { kind, envs, seed, generations: outcome.generations, seconds, runSeconds: Math.round(outcome.seconds * 100) / 100, fitness: result.fitness, generation: result.generation, model: relative(out, model), command };
    writeAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
    deps.stdout(
      opts.json
        ? `${JSON.stringify({ generations: outcome.generations, seconds, fitness: result.fitness, model })}\n`
        : `evolve ${kind} ${envs.join(',')}: ${outcome.generations} generations in ${seconds.toFixed(1)} s; delivered generation ${result.generation}${result.fitness === null ? '' : ` (fitness ${fmt(result.fitness)})`} as ${model}\n`,
    );
  } finally {
    bar?.stop();
    await evaluator.close();
  }
}

export function evolveCommand(program: Command, deps: CliDeps): Command {
  return program
    .command('evolve')
    .description('evolve a synthetic env (se) or reward network (rn) by NES, or reservoir hyperparameters (reservoir) by CMA-ES; metrics, checkpoint, fitness curve and the model in --out')
    .argument('<kind>', `what to evolve: ${EVOLVE_KINDS.join(', ')}`)
    .requiredOption('--env <id>', 'the real env, e.g. CartPole-v1 (reservoir: a comma-separated list for the generalisation setup)')
    .requiredOption('--out <dir>', 'directory for the run: metrics, checkpoint, fitness curve, model')
    .option('--generations <n>', 'generations to run in all (default: se 50, rn 50, reservoir 10)')
    .option('--population <n>', 'members per generation (default: NES 16; CMA-ES 4 + floor(3 ln n), doubled at each restart)')
    .option('--workers <n>', 'worker processes evaluating members (default: one per core; 0: in this process); not with --queue')
    .option('--queue <url>', 'evaluate members on `metarena worker --queue URL` processes through this Redis (BullMQ), e.g. redis://localhost:6379; starts no local worker')
    .option('--seed <s>', 'seed of the run: the initial candidate, perturbations and every member', String(DEFAULT_SEED))
    .option('--resume', 'continue the evolution saved in --out')
    .option('--set <key=value>', 'option of the kind (e.g. sigma=0.05, trainSteps=20000) or of the inner learner (agent.learningRate=1e-3) (repeatable)', collect)
    .option('--remote <address>', 'inner agents train (reservoir) or are tested (se) against a metarena server (gRPC), e.g. localhost:50051')
    .option('--job-timeout <s>', 'seconds an evaluation may run before its worker (or, with --queue, its evaluation process) is killed and it fails (default: no limit)')
    .option('--progress-every <s>', `seconds between progress lines within a generation when stderr is not a terminal, 0 for none (default ${DEFAULT_PROGRESS_SECONDS})`)
    .option('--json', 'print {generations, seconds, fitness, model} as JSON')
    .action(async (kind: string, opts: EvolveOptions) => {
      await runEvolve(deps, kind, opts, process.stderr.isTTY === true ? 'bar' : 'lines');
    });
}
