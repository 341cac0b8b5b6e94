/**
 * `metarena eval --env ID [--env-arg name=value]… [make options] [--plugin PATH]… --trials T
 * --agents a,b,c [--seed S] [--remote ADDRESS] --out DIR [--force] [--json] [--tune-trials N]`:
 * every agent on the same seeded trials, vectorised; results in DIR (results.json, results.csv,
 * results.md, means.svg, episodes.svg, written atomically) and a summary on stdout (`--json`:
 * `{agents: {NAME: {mean, ci95, iqm, n}}}`). An agent is `NAME[:key=value…]` (e.g.
 * `ucb1:c=0.2`); a free parameter left unset is tuned on training tasks. The make options
 * (`--context`, `--context-sampler`, `--split`, `--episodes-per-trial`, `--wrapper`) are those of
 * every env-making command (make-options.ts).
 *
 * DIR/eval.json records the settings; DIR/checkpoints lets an interrupted run, started again
 * with the same settings, continue where it stopped. A DIR that holds a run of other settings is
 * refused (naming what differs) unless `--force`, which starts afresh there. Every argument is
 * checked before any trial runs.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { AgentEnvSpec, AgentPlugin } from '../agents/agent.ts';
import type { AgentChoice, AgentRegistry } from '../agents/registry.ts';
import type { LoadedCheckpoint } from '../agents/eval/checkpoint-agent.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_TUNE_TRIALS, type EnvSource, checkAgentsFit, evaluate } from '../agents/eval/evaluate.ts';
import { type MakeVecOptions, MetarenaError, type SplitName, type VectorEnv, show } from '../core/index.ts';
import type { CliDeps } from './deps.ts';
import { type MakeFlags, makeOptionFlags, parseEnvArgs, parseMakeOptions } from './make-options.ts';
import { collect, parseInteger, parseSeed } from './parse.ts';
import { type PluginFlags, pluginFlag, registryWithPlugins } from './plugin-option.ts';
import { changedSettings, readSettings } from './run-settings.ts';

export interface EvalOptions extends MakeFlags, PluginFlags {
  env: string;
  envArg?: string[];
  trials: string;
  agents: string;
  seed?: string;
  remote?: string;
  out: string;
  force?: boolean;
  json?: boolean;
  tuneTrials?: string;
}

/** The file in DIR that records an evaluation's settings. */
export const EVAL_SETTINGS_FILE = 'eval.json';
/** What, besides the settings, shows that DIR holds an evaluation. */
const EVAL_OUTPUTS = ['results.json', 'checkpoints'];

/**
 * Refuses a DIR holding an evaluation of other settings unless `force`; with `force`, clears the
 * old run's checkpoints so nothing of it is resumed. Then records `settings` in DIR (atomically).
 */
async function claimOut(out: string, settings: Record<string, unknown>, force: boolean): Promise<void> {
  const { writeAtomic } = await import('../agents/eval/report.ts');
  const saved = readSettings(join(out, EVAL_SETTINGS_FILE));
  const holdsRun = saved !== undefined || EVAL_OUTPUTS.some((f) => existsSync(join(out, f)));
  if (holdsRun) {
    const differences = saved ? changedSettings(saved, settings) : [`(no ${EVAL_SETTINGS_FILE}: settings not recorded)`];
    if (differences.length && !force) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--out ${show(out)} holds an evaluation with other settings: ${differences.join('; ')}; pass --force to replace it or choose another --out`, { field: '--out' });
    }
    if (differences.length) rmSync(join(out, 'checkpoints'), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  writeAtomic(join(out, EVAL_SETTINGS_FILE), `${JSON.stringify(settings, null, 1)}\n`);
}

/** Connects a remote vector env (the client module is loaded only when `--remote` is used). */
async function connectRemote(address: string, envId: string, numEnvs: number, options: MakeVecOptions): Promise<VectorEnv> {
  const { RemoteVectorEnv } = await import('../client/index.ts');
  return RemoteVectorEnv.connect({ address, transport: 'grpc' }, envId, numEnvs, options);
}

export async function runEval(deps: CliDeps, opts: EvalOptions, progress: boolean): Promise<void> {
  // the agents (and, for checkpoints, the learners and tfjs) load only when this command runs
  const { createAgentRegistry } = await import('../agents/index.ts');
  const { CHECKPOINT_AGENT, checkpointAgentPlugin, loadCheckpointAgents } = await import('../agents/eval/checkpoint-agent.ts');
  const { registry: envs } = await registryWithPlugins(deps, opts.plugin);
  const agents = createAgentRegistry();
  // trained learners play as `checkpoint:dir=PATH`; their checkpoints are loaded below, before any work
  const loaded = new Map<string, LoadedCheckpoint>();
  agents.register(checkpointAgentPlugin(loaded) as unknown as AgentPlugin);
  const envId = opts.env;
  const trials = parseInteger(opts.trials, '--trials', 1)!;
  const seed = parseSeed(opts.seed) ?? 0;
  const tuneTrials = parseInteger(opts.tuneTrials, '--tune-trials', 1) ?? DEFAULT_TUNE_TRIALS;
  const { split, episodesPerTrial: givenEpisodes, ...make } = parseMakeOptions(opts);
  const labels = opts.agents.split(',').map((s) => s.trim());
  const choices = labels.map((label, i) => agents.parse(label, `--agents[${i}]`));
  // learners (and tfjs) load only when a checkpoint plays
  const learners = choices.some((c) => c.name === CHECKPOINT_AGENT) ? (await import('../agents/learners.ts')).createLearnerRegistry() : undefined;
  for (const c of choices) if (c.name === CHECKPOINT_AGENT) learners!.locate(String(c.given.dir ?? ''), `--agents (${c.label})`);

  // the env: known locally (always in-process; for --remote when the server has the same plugin)
  const plugin = opts.remote === undefined || envs.hasEnv(envId) ? envs.env(envId) : undefined;
  const envArgs = parseEnvArgs(opts.envArg, '--env-arg', plugin);
  const episodesPerTrial = givenEpisodes ?? plugin?.episodesPerTrial;
  if (episodesPerTrial === undefined) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--episodes-per-trial is needed: ${envId} is not known locally, so its default is not either`, { field: '--episodes-per-trial', allowed: 'integer >= 1' });
  }
  const makeOptions = (splitName: SplitName | undefined, splitSize?: number): MakeVecOptions => ({
    args: envArgs,
    ...make,
    episodesPerTrial,
    ...(splitName ? { split: splitName, ...(splitSize ? { splitSizes: { [splitName]: splitSize } } : {}) } : {}),
  });
  let agentSpec: AgentEnvSpec | undefined;
  if (plugin) {
    // one env of the make: wrappers and the context choice may change the spaces, and the agents must fit them
    const probe = envs.factory(envId, makeOptions(split))(); // checks env args and make options
    probe.close();
    const spec: AgentEnvSpec = {
      envId,
      numEnvs: 1,
      observationSpace: probe.observationSpace,
      actionSpace: probe.actionSpace,
      contextSpace: probe.contextSpace,
      maxEpisodeSteps: probe.maxEpisodeSteps,
      episodesPerTrial,
      envArgs,
    };
    agentSpec = spec;
    checkAgentsFit(agents, choices, spec);
    if (choices.some((c) => agents.get(c.name).tune && !(agents.get(c.name).tune!.option in c.given))) envs.factory(envId, makeOptions('train', tuneTrials));
  }

  const source: EnvSource = {
    envId,
    envArgs,
    episodesPerTrial,
    open: (numEnvs, splitName, splitSize) =>
      opts.remote !== undefined ? connectRemote(opts.remote, envId, numEnvs, makeOptions(splitName, splitSize)) : Promise.resolve(envs.makeVec(envId, numEnvs, makeOptions(splitName, splitSize))),
  };

  try {
    if (learners) await loadCheckpointAgents(learners, choices, loaded);
    if (plugin && loaded.size) checkAgentsFit(agents, choices, agentSpec!);
    await claimOut(opts.out, { env: envId, envArgs, ...make, episodesPerTrial, split: split ?? null, trials, agents: labels, seed, tuneTrials }, opts.force === true);
    await evaluateAll(deps, opts, progress, { agents, choices, source, envId, envArgs, episodesPerTrial, trials, seed, split, tuneTrials });
  } finally {
    for (const c of loaded.values()) c.learner.dispose();
  }
}

async function evaluateAll(
  deps: CliDeps,
  opts: EvalOptions,
  progress: boolean,
  { agents, choices, source, envId, envArgs, episodesPerTrial, trials, seed, split, tuneTrials }: { agents: AgentRegistry; choices: AgentChoice[]; source: EnvSource; envId: string; envArgs: Record<string, unknown>; episodesPerTrial: number; trials: number; seed: number; split: SplitName | undefined; tuneTrials: number },
): Promise<void> {
  const { fileCheckpoints } = await import('../agents/eval/checkpoints.ts');
  const { buildResults, resultsMarkdown, summaryJson, writeResults } = await import('../agents/eval/report.ts');
  const bar = progress ? new SingleBar({ format: 'eval {bar} {percentage}% | {value}/{total} trials | {agent} ({phase}) | eta {eta}s', clearOnComplete: true }) : undefined;
  let started = false;
  try {
    const runs = await evaluate(agents, source, {
      agents: choices,
      trials,
      seed,
      split,
      tuneTrials,
      checkpoints: fileCheckpoints(opts.out),
      onProgress: bar
        ? (p) => {
            if (!started) bar.start(p.total, p.done, { agent: p.agent, phase: p.phase });
            started = true;
            bar.update(p.done, { agent: p.agent, phase: p.phase });
          }
        : undefined,
    });
    bar?.stop();
    const results = buildResults({ env: envId, envArgs, episodesPerTrial, trials, seed, split: split ?? null, tuneTrials, batchSize: Math.min(trials, DEFAULT_BATCH_SIZE) }, runs);
    await writeResults(opts.out, results);
    deps.stdout(opts.json ? `${JSON.stringify(summaryJson(results))}\n` : resultsMarkdown(results));
  } finally {
    if (started) bar?.stop();
  }
}

export function evalCommand(program: Command, deps: CliDeps): Command {
  const command = program
    .command('eval')
    .description('evaluate agents against baselines on seeded trials; tables, CIs and plots in --out')
    .requiredOption('--env <id>', 'environment id, e.g. Bandit-v0')
    .option('--env-arg <name=value>', 'env argument, e.g. arms=5 (repeatable)', collect);
  return pluginFlag(makeOptionFlags(command))
    .requiredOption('--trials <T>', 'number of trials per agent')
    .requiredOption('--agents <list>', 'comma-separated agents, each NAME[:key=value…], e.g. ts,ucb1:c=0.2')
    .option('--seed <s>', 'seed of tasks, agents and bootstrap', '0')
    .option('--remote <address>', 'run the envs on a metarena server (gRPC), e.g. localhost:50051')
    .requiredOption('--out <dir>', 'directory for results (and checkpoints to resume from)')
    .option('--force', 'replace an evaluation of other settings in --out')
    .option('--tune-trials <n>', `training trials per grid value when tuning a free parameter (default ${DEFAULT_TUNE_TRIALS})`)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: EvalOptions) => {
      await runEval(deps, opts, process.stderr.isTTY === true);
    });
}
