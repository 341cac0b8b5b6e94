/**
 * `metarena eval --env ID [--env-arg name=value]… [--episodes-per-trial n] --trials T
 * --agents a,b,c [--seed S] [--split train|test] [--remote ADDRESS] --out DIR [--json]
 * [--tune-trials N]`: every agent on the same seeded trials, vectorised; results in DIR
 * (results.json, results.csv, results.md, means.svg, episodes.svg, written atomically) and a
 * summary on stdout (`--json`: `{agents: {NAME: {mean, ci95, iqm, n}}}`). An agent is
 * `NAME[:key=value…]` (e.g. `ucb1:c=0.2`); a free parameter left unset is tuned on training
 * tasks. DIR/checkpoints lets an interrupted run, started again with the same arguments,
 * continue where it stopped. Every argument is checked before any trial runs.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createAgentRegistry } from '../agents/index.ts';
import type { AgentEnvSpec, AgentPlugin } from '../agents/agent.ts';
import type { AgentChoice } from '../agents/registry.ts';
import { CHECKPOINT_AGENT, type LoadedCheckpoint, checkpointAgentPlugin, loadCheckpointAgents } from '../agents/eval/checkpoint-agent.ts';
import { fileCheckpoints } from '../agents/eval/checkpoints.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_TUNE_TRIALS, type EnvSource, checkAgentsFit, evaluate } from '../agents/eval/evaluate.ts';
import { buildResults, resultsMarkdown, summaryJson, writeResults } from '../agents/eval/report.ts';
import { type MakeVecOptions, MetarenaError, type SplitName, type VectorEnv, parseArgValue, resolveArgs, show } from '../core/index.ts';
import type { CliDeps } from '../cli.ts';
import { collect, parseInteger, parsePairs, parseSeed } from './parse.ts';

export interface EvalOptions {
  env: string;
  envArg?: string[];
  episodesPerTrial?: string;
  trials: string;
  agents: string;
  seed?: string;
  split?: string;
  remote?: string;
  out: string;
  json?: boolean;
  tuneTrials?: string;
}

/** Connects a remote vector env (the client module is loaded only when `--remote` is used). */
async function connectRemote(address: string, envId: string, numEnvs: number, options: MakeVecOptions): Promise<VectorEnv> {
  const { RemoteVectorEnv } = await import('../client/index.ts');
  return RemoteVectorEnv.connect({ address, transport: 'grpc' }, envId, numEnvs, options);
}

export async function runEval(deps: CliDeps, opts: EvalOptions, progress: boolean): Promise<void> {
  const envs = deps.registry();
  const agents = createAgentRegistry();
  // trained learners play as `checkpoint:dir=PATH`; their checkpoints are loaded below, before any work
  const loaded = new Map<string, LoadedCheckpoint>();
  agents.register(checkpointAgentPlugin(loaded) as unknown as AgentPlugin);
  const envId = opts.env;
  const trials = parseInteger(opts.trials, '--trials', 1)!;
  const seed = parseSeed(opts.seed) ?? 0;
  const tuneTrials = parseInteger(opts.tuneTrials, '--tune-trials', 1) ?? DEFAULT_TUNE_TRIALS;
  let split: SplitName | undefined;
  if (opts.split !== undefined) {
    if (opts.split !== 'train' && opts.split !== 'test') throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--split must be train or test, got ${show(opts.split)}`, { field: '--split', allowed: 'train, test' });
    split = opts.split;
  }
  const labels = opts.agents.split(',').map((s) => s.trim());
  const choices = labels.map((label, i) => agents.parse(label, `--agents[${i}]`));
  // learners (and tfjs) load only when a checkpoint plays
  const learners = choices.some((c) => c.name === CHECKPOINT_AGENT) ? (await import('../agents/learners.ts')).createLearnerRegistry() : undefined;
  for (const c of choices) if (c.name === CHECKPOINT_AGENT) learners!.locate(String(c.given.dir ?? ''), `--agents (${c.label})`);

  // the env: known locally (always in-process; for --remote when the server has the same plugin)
  const plugin = opts.remote === undefined || envs.hasEnv(envId) ? envs.env(envId) : undefined;
  const envArgs: Record<string, unknown> = {};
  for (const [name, raw] of parsePairs(opts.envArg, '--env-arg')) {
    const spec = plugin?.args[name];
    envArgs[name] = spec ? parseArgValue(spec, raw) : raw;
  }
  const given = parseInteger(opts.episodesPerTrial, '--episodes-per-trial', 1);
  const episodesPerTrial = given ?? plugin?.episodesPerTrial;
  if (episodesPerTrial === undefined) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--episodes-per-trial is needed: ${envId} is not known locally, so its default is not either`, { field: '--episodes-per-trial', allowed: 'integer >= 1' });
  }
  const makeOptions = (splitName: SplitName | undefined, splitSize?: number): MakeVecOptions => ({
    args: envArgs,
    episodesPerTrial,
    ...(splitName ? { split: splitName, ...(splitSize ? { splitSizes: { [splitName]: splitSize } } : {}) } : {}),
  });
  let agentSpec: AgentEnvSpec | undefined;
  if (plugin) {
    envs.factory(envId, makeOptions(split)); // checks env args and make options
    const args = resolveArgs(plugin.args, envArgs, 'args');
    const spec: AgentEnvSpec = {
      envId,
      numEnvs: 1,
      observationSpace: plugin.observationSpace(args),
      actionSpace: plugin.actionSpace(args),
      contextSpace: plugin.contextSpace,
      maxEpisodeSteps: plugin.maxEpisodeSteps(args),
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
    await evaluateAll(deps, opts, progress, { agents, choices, source, envId, envArgs, episodesPerTrial, trials, seed, split, tuneTrials });
  } finally {
    for (const c of loaded.values()) c.learner.dispose();
  }
}

async function evaluateAll(
  deps: CliDeps,
  opts: EvalOptions,
  progress: boolean,
  { agents, choices, source, envId, envArgs, episodesPerTrial, trials, seed, split, tuneTrials }: { agents: ReturnType<typeof createAgentRegistry>; choices: AgentChoice[]; source: EnvSource; envId: string; envArgs: Record<string, unknown>; episodesPerTrial: number; trials: number; seed: number; split: SplitName | undefined; tuneTrials: number },
): Promise<void> {
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
  return program
    .command('eval')
    .description('evaluate agents against baselines on seeded trials; tables, CIs and plots in --out')
    .requiredOption('--env <id>', 'environment id, e.g. Bandit-v0')
    .option('--env-arg <name=value>', 'env argument, e.g. arms=5 (repeatable)', collect)
    .option('--episodes-per-trial <n>', "episodes per trial (default: the env's)")
    .requiredOption('--trials <T>', 'number of trials per agent')
    .requiredOption('--agents <list>', 'comma-separated agents, each NAME[:key=value…], e.g. ts,ucb1:c=0.2')
    .option('--seed <s>', 'seed of tasks, agents and bootstrap', '0')
    .option('--split <train|test>', 'take tasks from this split (default: fresh draws)')
    .option('--remote <address>', 'run the envs on a metarena server (gRPC), e.g. localhost:50051')
    .requiredOption('--out <dir>', 'directory for results (and checkpoints to resume from)')
    .option('--tune-trials <n>', `training trials per grid value when tuning a free parameter (default ${DEFAULT_TUNE_TRIALS})`)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: EvalOptions) => {
      await runEval(deps, opts, process.stderr.isTTY === true);
    });
}
