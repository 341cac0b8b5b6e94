/**
 * `metarena train --agent NAME --env ID [--env-arg name=value]… [make options] [--plugin PATH]…
 * [--num-envs N] [--remote ADDRESS] --steps N [--eval-env ID] [--seed S] --out DIR [--set key=value]…
 * [--target-return R] [--eval-every N] [--eval-episodes N] [--eval-max-episode-steps N]
 * [--checkpoint-every N] [--progress-every S] [--resume] [--json]`: trains a learner (ppo, dqn, double-dqn, dueling-dqn,
 * sac, td3, pearl, q-learning, sarsa, rl2) against an in-process or remote vector env. The make options
 * (`--context`, `--context-sampler`, `--split`, `--episodes-per-trial`, `--wrapper`) are those of
 * every env-making command (make-options.ts) and apply to the training and the evaluation envs.
 *
 * DIR receives, atomically: `run.json` (run name `${env}__${agent}__${seed}`, learner, env,
 * options), `checkpoint/` (the learner's whole training state, every `--checkpoint-every` steps
 * and at the end), `metrics.jsonl` (one line per training log and per evaluation, appended as
 * they come), `metrics.csv` (the same rows), `learning-curve.svg` and `summary.json` (with
 * `trainReturnLast10`, the mean real return of the last 10 training episodes of this invocation —
 * ER-MRL's fitness; SB3's `ep_rew_mean` is the same over 100 — and `trainEpisodes`). Every
 * `--eval-every` steps the greedy policy plays `--eval-episodes` episodes on a separate env;
 * `--target-return R` stops once such an evaluation reaches R. `--eval-env ID` has them play
 * another env (with the make options, without the env args); on `Synthetic/<ID>` they play the
 * real `<ID>` by default, and the SE's record gives the learner options and `--steps` defaults
 * (synthetic-training.ts). Evaluations judge the env's own
 * reward: where a reward-shaping wrapper (RewardNet, ICM) records it as `info.env_reward`, that is
 * what an evaluation sums (the eval rows say so: `eval_reward` is `env_reward`, else `reward`).
 * An evaluation episode is cut at `--eval-max-episode-steps` (default: the env's time limit, or
 * DEFAULT_EVAL_MAX_EPISODE_STEPS = 1000 steps for an env without one, such as CliffWalking-v0,
 * where a greedy policy may loop forever); the eval rows give the cap (`eval_max_episode_steps`)
 * and how many episodes it cut (`eval_truncated`, which counts time-limit truncations too). `--resume` continues from
 * DIR/checkpoint (and says so on stderr), refusing when the saved run's learner, env, env args,
 * make options, envs, seed or options differ. An option `totalSteps` (schedules) is set to
 * `--steps` unless `--set` gives it. A learner that acts at random for its first `learningStarts`
 * steps gets a warning when `--steps` ends before learning starts. Progress goes to stderr: a bar
 * on a terminal, else a line every `--progress-every` seconds (0: none). `--json` prints
 * `{steps, seconds, evalReturn, trainReturnLast10}` on stdout (`seconds`: wall-clock of this invocation). Every
 * argument is checked before any work starts.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { AgentEnvSpec } from '../agents/agent.ts';
import type { Learner, TrainLog } from '../agents/learner.ts';
import { type AutoresetMode, type MakeVecOptions, MetarenaError, type VectorEnv, deriveSeed, show } from '../core/index.ts';
import type { CliDeps } from './deps.ts';
import { EpisodeRecorder } from './episode-recorder.ts';
import { syntheticTraining } from './synthetic-training.ts';
import { type FlaggedMakeOptions, type MakeFlags, makeOptionFlags, parseEnvArgs, parseMakeOptions } from './make-options.ts';
import { collect, parseInteger, parsePairs, parseSeed } from './parse.ts';
import { type PluginFlags, pluginFlag, registryWithPlugins } from './plugin-option.ts';
import { changedSettings, flagOf, readSettings } from './run-settings.ts';

export interface TrainOptions extends MakeFlags, PluginFlags {
  agent: string;
  env: string;
  envArg?: string[];
  numEnvs?: string;
  autoreset?: string;
  remote?: string;
  steps?: string;
  evalEnv?: string;
  seed?: string;
  out: string;
  set?: string[];
  targetReturn?: string;
  evalEvery?: string;
  evalEpisodes?: string;
  evalMaxEpisodeSteps?: string;
  checkpointEvery?: string;
  progressEvery?: string;
  resume?: boolean;
  json?: boolean;
}

/** What DIR/run.json records; a resumed run must match it. */
export interface RunRecord {
  run: string;
  agent: string;
  env: string;
  envArgs: Record<string, unknown>;
  /** The make options (context, sampler, split, episodes per trial, wrappers) given. */
  make: FlaggedMakeOptions;
  numEnvs: number;
  /** How the vector env restarts ended episodes (absent in runs recorded before the flag: next_step). */
  autoreset?: AutoresetMode;
  seed: number;
  options: Record<string, unknown>;
  /** The env the evaluations played, when not the trained one (`--eval-env`, or a synthetic env's real env). */
  evalEnv?: string;
}

/** How a field of `comparable` is named in a difference: its flag (`--set NAME:` for a learner option). */
const fieldFlag = (key: string) => (key.startsWith('set:') ? `--set ${key.slice(4)}:` : flagOf(key));

/** One row of metrics.jsonl / metrics.csv. */
type MetricsRow = Record<string, string | number | null>;

const DEFAULT_EVAL_EPISODES = 10;
const DEFAULT_SEED = 1;
const DEFAULT_PROGRESS_SECONDS = 5;
/** Training episodes averaged by `trainReturnLast10` (ER-MRL's fitness). */
const LAST_EPISODES = 10;

async function connectRemote(address: string, envId: string, numEnvs: number, options: MakeVecOptions): Promise<VectorEnv> {
  const { RemoteVectorEnv } = await import('../client/index.ts');
  return RemoteVectorEnv.connect({ address, transport: 'grpc' }, envId, numEnvs, options);
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** `--autoreset`: how ended episodes restart (`next_step`, Gymnasium's default, or `same_step`). */
function parseAutoreset(raw: string | undefined): AutoresetMode {
  const allowed: readonly AutoresetMode[] = ['next_step', 'same_step'];
  if (raw === undefined) return 'next_step';
  if (!allowed.includes(raw as AutoresetMode)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--autoreset must be one of ${allowed.join(', ')}, got ${show(raw)}`, { field: '--autoreset', allowed: allowed.join(', ') });
  }
  return raw as AutoresetMode;
}

function parseNumber(raw: string | undefined, option: string, min = -Infinity): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v) || v < min) {
    const allowed = min === -Infinity ? 'a finite number' : `a number >= ${min}`;
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} must be ${allowed}, got ${show(raw)}`, { field: option, allowed });
  }
  return v;
}

/** A run's record with each make option and learner option as its own field, so that a difference names it. */
const comparable = ({ run: _run, make, options, ...rest }: RunRecord) => ({ ...rest, ...make, ...Object.fromEntries(Object.entries(options ?? {}).map(([k, v]) => [`set:${k}`, v])) });

function readRows(file: string, upTo: number): MetricsRow[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MetricsRow)
    .filter((row) => typeof row.steps === 'number' && row.steps <= upTo);
}

function csvOf(rows: readonly MetricsRow[]): string {
  const columns: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n')}\n`;
}

/** The learning curve: mean training episode return per log, and greedy evaluation returns. */
export async function learningCurveSvg(run: string, rows: readonly MetricsRow[]): Promise<string> {
  const { lineChartSpec, renderSvg } = await import('../agents/eval/plots.ts');
  const values = rows.flatMap((r) => {
    if (r.kind === 'train' && typeof r.episode_return === 'number') return [{ steps: r.steps, return: r.episode_return, series: 'training episodes' }];
    if (r.kind === 'eval' && typeof r.eval_return === 'number') return [{ steps: r.steps, return: r.eval_return, series: 'greedy evaluation' }];
    return [];
  });
  return renderSvg(lineChartSpec({ title: run, values, x: { field: 'steps', title: 'env steps' }, y: { field: 'return', title: 'episode return' }, series: { field: 'series', title: null } }));
}

/** Progress to stderr: a bar on a terminal, else plain lines (which a log file keeps). */
export type TrainProgress = 'bar' | 'lines';

export async function runTrain(deps: CliDeps, opts: TrainOptions, progress: TrainProgress): Promise<void> {
  const started = performance.now();
  // the learners (and tfjs) load only when this command runs
  const { CHECKPOINT_SUBDIR, RUN_FILE, createLearnerRegistry } = await import('../agents/learners.ts');
  const { DEFAULT_EVAL_MAX_EPISODE_STEPS, evaluateEpisodes } = await import('../agents/episode-returns.ts');
  const { writeAtomic } = await import('../agents/eval/report.ts');
  const learners = createLearnerRegistry();
  const plugin = learners.get(opts.agent, '--agent');
  const { registry: envs } = await registryWithPlugins(deps, opts.plugin);
  const envId = opts.env;
  const givenSteps = parseInteger(opts.steps, '--steps', 1);
  const seed = parseSeed(opts.seed) ?? DEFAULT_SEED;
  const numEnvs = parseInteger(opts.numEnvs, '--num-envs', 1) ?? plugin.defaultNumEnvs ?? 1;
  const evalEpisodes = parseInteger(opts.evalEpisodes, '--eval-episodes', 0) ?? DEFAULT_EVAL_EPISODES;
  const givenEvalEvery = parseInteger(opts.evalEvery, '--eval-every', 1);
  const evalMaxEpisodeSteps = parseInteger(opts.evalMaxEpisodeSteps, '--eval-max-episode-steps', 1);
  const givenCheckpointEvery = parseInteger(opts.checkpointEvery, '--checkpoint-every', 1);
  const targetReturn = parseNumber(opts.targetReturn, '--target-return');
  const progressSeconds = parseNumber(opts.progressEvery, '--progress-every', 0) ?? DEFAULT_PROGRESS_SECONDS;
  if (targetReturn !== undefined && evalEpisodes === 0) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', '--target-return needs evaluations: --eval-episodes must be >= 1', { field: '--eval-episodes', allowed: 'integer >= 1' });
  }
  const setOptions = learners.parseSettings(plugin.name, parsePairs(opts.set, '--set'));

  // the env: known locally (always in-process; for --remote when the server has the same plugin)
  const envPlugin = opts.remote === undefined || envs.hasEnv(envId) ? envs.env(envId) : undefined;
  const envArgs = parseEnvArgs(opts.envArg, '--env-arg', envPlugin);
  const make = parseMakeOptions(opts);
  const autoreset = parseAutoreset(opts.autoreset);
  const makeOptions: MakeVecOptions = { args: envArgs, ...make };
  const episodesPerTrial = make.episodesPerTrial ?? envPlugin?.episodesPerTrial ?? 1;
  const specOf = (spaces: Pick<AgentEnvSpec, 'observationSpace' | 'actionSpace' | 'contextSpace' | 'maxEpisodeSteps'>): AgentEnvSpec => ({ envId, numEnvs, episodesPerTrial, envArgs, ...spaces });
  const vecSpec = (v: VectorEnv) => specOf({ observationSpace: v.singleObservationSpace, actionSpace: v.singleActionSpace, contextSpace: v.contextSpace, maxEpisodeSteps: v.maxEpisodeSteps });
  const checkFits = (spec: AgentEnvSpec) => {
    const why = plugin.fits(spec);
    if (why !== undefined) throw new MetarenaError('METARENA_INVALID_OPTION', `--agent: learner ${plugin.name} cannot train in ${envId}: ${why}`, { field: '--agent', plugin: plugin.name });
  };
  if (envPlugin) {
    // one env of the make: wrappers and the context choice may change the spaces, and the learner must fit them
    const probe = envs.factory(envId, makeOptions)(); // checks env args and make options
    try {
      checkFits(specOf({ observationSpace: probe.observationSpace, actionSpace: probe.actionSpace, contextSpace: probe.contextSpace, maxEpisodeSteps: probe.maxEpisodeSteps }));
    } finally {
      probe.close();
    }
  }
  // an SE trains the agent it was evolved for, and its evaluations play the real env (synthetic-training.ts)
  const synthetic = opts.remote === undefined ? await syntheticTraining(envId, envArgs) : undefined;
  const seDefaults = synthetic?.agent?.agent === plugin.name ? synthetic.agent.options : {};
  if (Object.keys(seDefaults).length) deps.stderr(`${envId}: ${plugin.name} options default to those the SE was evolved with (--set overrides them)\n`);
  const given = { ...seDefaults, ...setOptions };
  const steps = givenSteps ?? synthetic?.trainSteps;
  if (steps === undefined) throw new MetarenaError('METARENA_INVALID_ARGUMENT', "--steps is required (an integer >= 1): only a synthetic env's model gives a default", { field: '--steps', allowed: 'integer >= 1' });
  const evalEvery = givenEvalEvery ?? Math.max(1, Math.ceil(steps / 10));
  const checkpointEvery = givenCheckpointEvery ?? evalEvery;
  const evalEnvId = opts.evalEnv ?? synthetic?.realEnv ?? envId;
  if (evalEnvId !== envId && !envs.hasEnv(evalEnvId) && opts.remote === undefined) envs.env(evalEnvId); // names the unknown id

  // the run and, for --resume, the saved run it must match
  const out = opts.out;
  const runFile = join(out, RUN_FILE);
  const checkpointDir = join(out, CHECKPOINT_SUBDIR);
  const hasCheckpoint = existsSync(join(checkpointDir, 'model.json'));
  const autoTotal = 'totalSteps' in plugin.options && !('totalSteps' in given);
  let options = learners.options(plugin.name, autoTotal ? { ...given, totalSteps: steps } : given);
  const runName = `${envId}__${plugin.name}__${seed}`;
  const record = (): RunRecord => ({ run: runName, agent: plugin.name, env: envId, envArgs, make, numEnvs, autoreset, seed, options, ...(evalEnvId === envId ? {} : { evalEnv: evalEnvId }) });
  if (opts.resume) {
    const saved = readSettings(runFile) as RunRecord | undefined;
    if (!hasCheckpoint || !saved) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: ${show(out)} holds no run to resume (no ${CHECKPOINT_SUBDIR}/model.json or ${RUN_FILE})`, { field: '--resume' });
    }
    if (autoTotal && typeof saved.options?.totalSteps === 'number') options = { ...options, totalSteps: saved.options.totalSteps };
    let differences = changedSettings(comparable({ ...saved, make: saved.make ?? {}, autoreset: saved.autoreset ?? 'next_step' }), comparable(record()), fieldFlag);
    // another learner's options are not comparable one by one: its name says enough
    if (saved.agent !== plugin.name) differences = differences.filter((d) => !d.startsWith('--set '));
    if (differences.length) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--resume: the run in ${show(out)} was trained with other settings: ${differences.join('; ')}`, { field: '--resume' });
    }
  } else if (hasCheckpoint || existsSync(runFile)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--out ${show(out)} already holds a run; pass --resume to continue it or choose another --out`, { field: '--out' });
  }
  const learningStarts = options.learningStarts;
  if (typeof learningStarts === 'number' && steps <= learningStarts) {
    deps.stderr(`warning: --steps ${steps} ends before ${plugin.name} starts learning (learningStarts ${learningStarts}): every step is a random action and nothing is learned; give more --steps or --set learningStarts=N\n`);
  }

  // the work
  const vecOptions: MakeVecOptions = { ...makeOptions, autoresetMode: autoreset };
  const open = (n: number, options = vecOptions, id = envId) => (opts.remote !== undefined ? connectRemote(opts.remote, id, n, options) : Promise.resolve(envs.makeVec(id, n, options)));
  let env: EpisodeRecorder | undefined;
  let evalEnv: VectorEnv | undefined;
  let learner: Learner | undefined;
  const bar = progress === 'bar' ? new SingleBar({ format: 'train {bar} {percentage}% | {value}/{total} steps | return {ret} | eval {evalRet} | {sps} steps/s', clearOnComplete: true }) : undefined;
  try {
    env = new EpisodeRecorder(await open(numEnvs));
    if (!envPlugin) checkFits(vecSpec(env));
    // evaluation episodes end: at the flag's cap, else at the env's own time limit, else at the default cap
    const evalCap = evalMaxEpisodeSteps ?? env.maxEpisodeSteps ?? DEFAULT_EVAL_MAX_EPISODE_STEPS;
    // another env's evaluations take the make options, not the trained env's args
    const evalOptions = evalEnvId === envId ? vecOptions : { ...vecOptions, args: {} };
    if (evalEpisodes > 0) evalEnv = await open(Math.min(evalEpisodes, 8), evalCap === env.maxEpisodeSteps ? evalOptions : { ...evalOptions, maxEpisodeSteps: evalCap }, evalEnvId);
    learner = opts.resume
      ? await plugin.load(checkpointDir)
      : await plugin.create(vecSpec(env), options, seed);
    if (opts.resume) deps.stderr(`resuming ${runName} from step ${learner.steps} of ${steps} (${checkpointDir})\n`);
    mkdirSync(out, { recursive: true });
    writeAtomic(runFile, `${JSON.stringify(record(), null, 1)}\n`);
    const jsonlFile = join(out, 'metrics.jsonl');
    const rows = opts.resume ? readRows(jsonlFile, learner.steps) : [];
    writeAtomic(jsonlFile, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const secondsBefore = rows.length ? Number(rows[rows.length - 1].seconds) || 0 : 0;
    const evalsBefore = rows.filter((r) => r.kind === 'eval');
    let evalReturn: number | null = evalsBefore.length ? (evalsBefore[evalsBefore.length - 1].eval_return as number | null) : null;
    let lastEvalStep = evalsBefore.length ? (evalsBefore[evalsBefore.length - 1].steps as number) : -1;
    let reached = targetReturn !== undefined && evalReturn !== null && evalReturn >= targetReturn;
    const elapsed = () => secondsBefore + (performance.now() - started) / 1000;
    const addRow = (row: MetricsRow) => {
      rows.push(row);
      appendFileSync(jsonlFile, `${JSON.stringify(row)}\n`);
    };
    let lastReturn: number | null = null;
    let lastLine = performance.now();
    const progressLine = (log: TrainLog) => {
      if (progress !== 'lines' || progressSeconds === 0 || performance.now() - lastLine < progressSeconds * 1000) return;
      lastLine = performance.now();
      const at = Math.min(steps, log.steps);
      deps.stderr(`train ${at}/${steps} steps (${Math.floor((100 * at) / steps)}%) | return ${lastReturn === null ? '-' : lastReturn.toFixed(1)} | eval ${evalReturn === null ? '-' : evalReturn.toFixed(1)} | ${log.stepsPerSecond.toFixed(0)} steps/s | ${elapsed().toFixed(0)} s\n`);
    };
    const onLog = (log: TrainLog) => {
      lastReturn = finite(log.episodeReturn) ?? lastReturn;
      addRow({
        run: runName,
        kind: 'train',
        steps: log.steps,
        seconds: round(elapsed()),
        episode_return: finite(log.episodeReturn),
        episodes: log.episodes,
        steps_per_second: finite(round(log.stepsPerSecond, 1)),
        ...Object.fromEntries(Object.entries(log.losses).map(([k, v]) => [k, finite(v)])),
      });
      bar?.update(Math.min(steps, log.steps), { ret: lastReturn === null ? '-' : lastReturn.toFixed(1), evalRet: evalReturn === null ? '-' : evalReturn.toFixed(1), sps: log.stepsPerSecond.toFixed(0) });
      progressLine(log);
    };
    const evaluateNow = async () => {
      if (!evalEnv || !learner) return;
      const episodes = await evaluateEpisodes(evalEnv, learner.policy({ deterministic: true, seed: deriveSeed(seed, 'eval-agent') }), { episodes: evalEpisodes, seed: deriveSeed(seed, 'eval') });
      const { returns } = episodes;
      evalReturn = mean(returns);
      lastEvalStep = learner.steps;
      const std = Math.sqrt(mean(returns.map((r) => (r - evalReturn!) ** 2)));
      addRow({
        run: runName,
        kind: 'eval',
        steps: learner.steps,
        seconds: round(elapsed()),
        eval_return: round(evalReturn, 4),
        eval_std: round(std, 4),
        eval_episodes: returns.length,
        eval_reward: episodes.rewardKeySteps > 0 ? 'env_reward' : 'reward',
        eval_max_episode_steps: evalEnv.maxEpisodeSteps ?? null,
        eval_truncated: episodes.truncated.reduce((a, b) => a + b, 0),
      });
      if (targetReturn !== undefined && evalReturn >= targetReturn) reached = true;
    };
    const checkpoint = async () => {
      await learner!.save(checkpointDir);
      writeAtomic(join(out, 'metrics.csv'), csvOf(rows));
    };

    bar?.start(steps, Math.min(steps, learner.steps), { ret: '-', evalRet: evalReturn === null ? '-' : evalReturn.toFixed(1), sps: '-' });
    while (learner.steps < steps && !reached) {
      const now = learner.steps;
      const nextEval = evalEnv ? (Math.floor(now / evalEvery) + 1) * evalEvery : Infinity;
      const nextCheckpoint = (Math.floor(now / checkpointEvery) + 1) * checkpointEvery;
      await learner.train(env, Math.min(steps, nextEval, nextCheckpoint), { onLog });
      if (learner.steps >= nextEval || learner.steps >= steps) await evaluateNow();
      if (learner.steps >= nextCheckpoint || learner.steps >= steps || reached) await checkpoint();
    }
    if (evalEnv && lastEvalStep !== learner.steps) await evaluateNow();
    await checkpoint();
    bar?.stop();
    writeAtomic(join(out, 'learning-curve.svg'), await learningCurveSvg(runName, rows));
    const seconds = round((performance.now() - started) / 1000, 2);
    const last = env.episodes.slice(-LAST_EPISODES);
    const trainReturnLast10 = last.length ? round(mean(last.map((e) => e.realReturn)), 4) : null;
    const summary = { run: runName, agent: plugin.name, env: envId, seed, steps: learner.steps, seconds, evalReturn, trainReturnLast10, trainEpisodes: env.episodes.length, targetReturn: targetReturn ?? null, targetReached: targetReturn === undefined ? null : reached };
    writeAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
    deps.stdout(
      opts.json
        ? `${JSON.stringify({ steps: learner.steps, seconds, evalReturn, trainReturnLast10 })}\n`
        : `${runName}: ${learner.steps} steps in ${seconds.toFixed(1)} s${evalReturn === null ? '' : `, greedy eval return ${evalReturn.toFixed(1)}`}${reached ? ` (target ${targetReturn} reached)` : ''}; results in ${out}\n`,
    );
  } finally {
    bar?.stop();
    learner?.dispose();
    await env?.close();
    await evalEnv?.close();
  }
}

export function trainCommand(program: Command, deps: CliDeps): Command {
  const command = program
    .command('train')
    .description('train a learner (ppo, dqn, double-dqn, dueling-dqn, sac, td3, pearl, q-learning, sarsa, rl2); metrics, checkpoints and a learning curve in --out')
    .requiredOption('--agent <name>', 'learner, e.g. ppo or dqn')
    .requiredOption('--env <id>', 'environment id, e.g. CartPole-v1')
    .option('--env-arg <name=value>', 'env argument (repeatable)', collect);
  return pluginFlag(makeOptionFlags(command))
    .option('--num-envs <n>', "envs stepped together (default: the learner's, else 1)")
    .option('--autoreset <mode>', 'how ended episodes restart: next_step (default; a step that only resets) or same_step (the next episode starts within the step, its final observation in info)')
    .option('--remote <address>', 'train against a metarena server (gRPC), e.g. localhost:50051')
    .option('--steps <n>', "env steps to train for (all envs together); required, except on a synthetic env whose model records its evolution's budget")
    .option('--seed <s>', 'seed of the learner and the envs', String(DEFAULT_SEED))
    .requiredOption('--out <dir>', 'directory for the run: metrics, checkpoint, learning curve')
    .option('--set <key=value>', 'learner option, e.g. learningRate=1e-3 (repeatable)', collect)
    .option('--target-return <R>', 'stop once a greedy evaluation reaches R')
    .option('--eval-env <id>', 'env the greedy evaluations play (default: the trained env; for Synthetic/<ID>, the real <ID>)')
    .option('--eval-every <n>', 'env steps between greedy evaluations (default: steps / 10)')
    .option('--eval-episodes <n>', `episodes per evaluation, 0 for none (default ${DEFAULT_EVAL_EPISODES})`)
    .option('--eval-max-episode-steps <n>', "steps after which an evaluation episode is cut (default: the env's time limit, else 1000)")
    .option('--checkpoint-every <n>', 'env steps between checkpoints (default: --eval-every)')
    .option('--progress-every <s>', `seconds between progress lines when stderr is not a terminal, 0 for none (default ${DEFAULT_PROGRESS_SECONDS})`)
    .option('--resume', 'continue the run saved in --out')
    .option('--json', 'print {steps, seconds, evalReturn} as JSON')
    .action(async (opts: TrainOptions) => {
      await runTrain(deps, opts, process.stderr.isTTY === true ? 'bar' : 'lines');
    });
}
