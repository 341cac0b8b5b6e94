/**
 * What each kind of `metarena evolve` gives the command (`EvolveSetup`): its fitness task (plain
 * JSON for the workers), the settings a resumed run must match, the strategy, and how the
 * delivered candidate becomes a model in the run directory. Built in the command's process from
 * the flags, so that every bad value is reported, naming its flag, before a worker starts.
 *
 * Also the shared pieces of that: the inner agent's options (the env's reference agent and
 * options from `presets.ts`, then `--set agent.NAME=value`, checked against the learner's specs),
 * and the connection to a metarena server for `--remote`.
 */
import type { LearnerRegistry } from '../../agents/learners.ts';
import type { FitnessTask } from '../../agents/evolve/evaluator.ts';
import type { Strategy, StrategyResult } from '../../agents/evolve/strategy.ts';
import { MetarenaError, type Registry, type VectorEnv } from '../../core/index.ts';
import type { InnerAgent } from './inner-agent.ts';
import type { AgentPreset } from './presets.ts';

export interface EvolveContext {
  registry: Registry;
  learners: LearnerRegistry;
  /** The env ids of `--env` (several only for the reservoir's generalisation setup). */
  envs: string[];
  /** `--set` values of the kind's options, typed. */
  options: Record<string, unknown>;
  /** `--set agent.NAME=value` pairs. */
  agentPairs: [string, string][];
  /** `--remote HOST:PORT`, if given. */
  remote?: string;
  /** `--population`, if given. */
  population?: number;
}

export interface EvolveSetup {
  kind: string;
  task: FitnessTask;
  /**
   * What run.json records of the task and the strategy, one entry per option (`population` for
   * `--population`, the others by their `--set` names); a resumed run must match it.
   */
  settings: Record<string, unknown>;
  defaultGenerations: number;
  /** A fresh strategy, or (with `state`) the one a checkpoint saved. */
  strategy(seed: number, state?: unknown): Strategy;
  /** Writes the delivered candidate into `out` (a model in the plugins' format); returns its path. */
  saveModel(result: StrategyResult, out: string, record: Record<string, unknown>): Promise<string>;
}

/**
 * The inner agent: `agent` (or the preset's), with the preset's options when the learner takes
 * every one of them (the DQN variants share theirs), then `--set agent.NAME=value`.
 */
export function innerAgent(learners: LearnerRegistry, agent: string, preset: AgentPreset | undefined, pairs: readonly [string, string][], envId: string): InnerAgent {
  const name = agent || preset?.agent || '';
  if (name === '') throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${envId} has no reference inner agent here: give one with --set agent=NAME (${learners.names().join(', ')})`, { field: '--set agent', allowed: learners.names().join(', ') });
  const plugin = learners.get(name, '--set agent');
  const fromPreset = preset && Object.keys(preset.options).every((k) => k in plugin.options) ? preset.options : {};
  const given = learners.parseSettings(name, pairs, '--set agent.');
  const options = { ...fromPreset, ...given };
  learners.options(name, options); // checks them together
  return { agent: name, options };
}

/** A vector env of `envId` on the metarena server at `address` (gRPC). */
export async function connectRemote(address: string, envId: string, numEnvs: number, options: Record<string, unknown>): Promise<VectorEnv> {
  const { RemoteVectorEnv } = await import('../../client/index.ts');
  return RemoteVectorEnv.connect({ address, transport: 'grpc' }, envId, numEnvs, options);
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
