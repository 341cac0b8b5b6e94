/**
 * The agent-vs-baseline evaluation: every agent runs on the same seeded trials (paired), in
 * vectorised batches. Trial j always starts from the env seed `deriveSeed(seed, 'trial', j)`
 * and batch b's agent from `deriveSeed(seed, 'agent', label, b)`, so results depend on the
 * arguments only — not on interruptions, nor on whether the env is in-process or remote.
 *
 * Free parameters an agent leaves unset are chosen first by a grid search on training tasks
 * (split `train`, seeds disjoint from the evaluation's), never on the tasks evaluated.
 *
 * Progress is checkpointed per agent after tuning and after each batch (`Checkpoints`); a run
 * started again with the same arguments continues from there and gives the same numbers.
 */
import { MetarenaError, type SplitName, type VectorEnv, deriveSeed } from '../../core/index.ts';
import type { AgentEnvSpec } from '../agent.ts';
import type { AgentChoice, AgentRegistry } from '../registry.ts';
import { runTrialBatch } from './run-trials.ts';

/** Where the vector envs come from (in-process registry or a remote server). */
export interface EnvSource {
  envId: string;
  envArgs: Record<string, unknown>;
  episodesPerTrial: number;
  /** A vector env of `numEnvs` envs; `split` picks tasks from that split (`splitSize` tasks). */
  open(numEnvs: number, split: SplitName | undefined, splitSize?: number): Promise<VectorEnv>;
}

export interface TuningResult {
  option: string;
  value: number;
  /** Mean return per training trial for every grid value. */
  grid: { value: number; mean: number }[];
  trials: number;
}

export interface AgentRun {
  label: string;
  name: string;
  /** Every option the agent ran with (given, tuned or default). */
  options: Record<string, unknown>;
  tuned?: TuningResult;
  /** Total reward of each trial, in trial order. */
  returns: number[];
  /** Mean return of episode e of a trial, e = 0…n−1. */
  episodeMeans: number[];
}

export interface AgentCheckpoint {
  key: string;
  tuned?: TuningResult;
  batches: number;
  returns: number[];
  episodeSums: number[];
}

export interface Checkpoints {
  load(label: string): AgentCheckpoint | undefined;
  save(label: string, state: AgentCheckpoint): void;
}

export interface EvalProgress {
  agent: string;
  phase: 'tune' | 'eval';
  /** Trials done and to do, over the whole evaluation (tuning included). */
  done: number;
  total: number;
}

export interface EvalSettings {
  agents: readonly AgentChoice[];
  trials: number;
  seed: number;
  split?: SplitName;
  /** Training trials per grid value when tuning (default 300). */
  tuneTrials?: number;
  /** Trials run side by side in one vector env (default min(trials, 500)). */
  batchSize?: number;
  checkpoints?: Checkpoints;
  onProgress?: (p: EvalProgress) => void;
}

export const DEFAULT_TUNE_TRIALS = 300;
export const DEFAULT_BATCH_SIZE = 500;

function positive(v: number, field: string): number {
  if (!Number.isSafeInteger(v) || v < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be an integer >= 1, got ${v}`, { field, allowed: 'integer >= 1' });
  return v;
}

/** What an agent is told about `env`, made from `source`'s env setting. */
export function specOf(env: VectorEnv, source: EnvSource | Pick<EnvSource, 'envId' | 'envArgs' | 'episodesPerTrial'>): AgentEnvSpec {
  return {
    envId: source.envId,
    numEnvs: env.numEnvs,
    observationSpace: env.singleObservationSpace,
    actionSpace: env.singleActionSpace,
    contextSpace: env.contextSpace,
    maxEpisodeSteps: env.maxEpisodeSteps,
    episodesPerTrial: source.episodesPerTrial,
    envArgs: source.envArgs,
  };
}

/** Checks that every agent fits the env (spaces, reward model) before any trial runs. */
export function checkAgentsFit(registry: AgentRegistry, agents: readonly AgentChoice[], spec: AgentEnvSpec): void {
  agents.forEach((a, i) => registry.checkFits(a, spec, `agents[${i}] (${a.label})`));
}

export async function evaluate(registry: AgentRegistry, source: EnvSource, settings: EvalSettings): Promise<AgentRun[]> {
  const T = positive(settings.trials, 'trials');
  const n = positive(source.episodesPerTrial, 'episodes_per_trial');
  const tuneTrials = positive(settings.tuneTrials ?? DEFAULT_TUNE_TRIALS, 'tune_trials');
  const B = Math.min(T, positive(settings.batchSize ?? DEFAULT_BATCH_SIZE, 'batch_size'));
  const tuneB = Math.min(tuneTrials, B);
  const { seed, split, agents } = settings;
  const labels = new Set<string>();
  for (const a of agents) {
    if (labels.has(a.label)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `agent ${a.label} is listed twice`, { field: 'agents' });
    labels.add(a.label);
  }

  const tunes = (a: AgentChoice) => {
    const t = registry.get(a.name).tune;
    return t !== undefined && !(t.option in a.given) ? t : undefined;
  };
  const batches = Math.ceil(T / B);
  const tuneBatches = Math.ceil(tuneTrials / tuneB);
  const total = agents.reduce((s, a) => s + T + (tunes(a) ? tunes(a)!.grid.length * tuneTrials : 0), 0);
  let done = 0;
  const report = (agent: string, phase: 'tune' | 'eval') => settings.onProgress?.({ agent, phase, done, total });

  const env = await source.open(B, split);
  let tuneEnv: VectorEnv | undefined;
  try {
    const spec = specOf(env, source);
    checkAgentsFit(registry, agents, spec);
    const runs: AgentRun[] = [];
    for (const choice of agents) {
      const tune = tunes(choice);
      const key = JSON.stringify({ env: source.envId, args: source.envArgs, n, T, seed, split: split ?? null, agent: choice.label, B, tuneTrials: tune ? tuneTrials : 0 });
      let state = settings.checkpoints?.load(choice.label);
      if (!state || state.key !== key) state = { key, batches: 0, returns: [], episodeSums: new Array(n).fill(0) };

      if (tune && !state.tuned) {
        tuneEnv ??= await source.open(tuneB, 'train', tuneTrials);
        const tuneSpec = specOf(tuneEnv, source);
        const grid: { value: number; mean: number }[] = [];
        for (const value of tune.grid) {
          let sum = 0;
          for (let b = 0; b < tuneBatches; b++) {
            const seeds = Array.from({ length: tuneB }, (_, i) => deriveSeed(seed, 'tune', b * tuneB + i));
            const agent = registry.create(choice, tuneSpec, deriveSeed(seed, 'tune-agent', choice.label, value, b), { [tune.option]: value });
            const r = await runTrialBatch(tuneEnv, agent, seeds, n);
            const keep = Math.min(tuneB, tuneTrials - b * tuneB);
            for (let i = 0; i < keep; i++) sum += r.returns[i];
            done += keep;
            report(choice.label, 'tune');
          }
          grid.push({ value, mean: sum / tuneTrials });
        }
        let best = grid[0];
        for (const g of grid) if (g.mean > best.mean) best = g;
        state.tuned = { option: tune.option, value: best.value, grid, trials: tuneTrials };
        settings.checkpoints?.save(choice.label, state);
      } else if (tune) {
        done += tune.grid.length * tuneTrials;
      }
      const overrides = state.tuned ? { [state.tuned.option]: state.tuned.value } : {};

      done += Math.min(T, state.batches * B);
      report(choice.label, 'eval');
      for (let b = state.batches; b < batches; b++) {
        const seeds = Array.from({ length: B }, (_, i) => deriveSeed(seed, 'trial', b * B + i));
        const agent = registry.create(choice, spec, deriveSeed(seed, 'agent', choice.label, b), overrides);
        const r = await runTrialBatch(env, agent, seeds, n);
        const keep = Math.min(B, T - b * B);
        for (let i = 0; i < keep; i++) {
          state.returns.push(r.returns[i]);
          for (let e = 0; e < n; e++) state.episodeSums[e] += r.episodeReturns[i * n + e];
        }
        state.batches = b + 1;
        settings.checkpoints?.save(choice.label, state);
        done += keep;
        report(choice.label, 'eval');
      }
      runs.push({
        label: choice.label,
        name: choice.name,
        options: registry.options(choice, overrides),
        tuned: state.tuned,
        returns: state.returns,
        episodeMeans: state.episodeSums.map((s) => s / state.returns.length),
      });
    }
    return runs;
  } finally {
    await env.close();
    await tuneEnv?.close();
  }
}
