/**
 * The agent contract. An agent acts on batches from any VectorEnv — in-process or remote, it
 * cannot tell — keeps per-env memory across the episodes of a trial, and learns from the step
 * results it is shown. Agents see core, nn and client only, never the server or a plugin.
 */
import type { ArgSpecs, ArgsOf, Batch, ContextSpace, Space, VectorResetResult, VectorStepResult } from '../core/index.ts';

/** What an agent is told about the vector env it will act in. */
export interface AgentEnvSpec {
  envId: string;
  numEnvs: number;
  observationSpace: Space;
  actionSpace: Space;
  contextSpace: ContextSpace;
  maxEpisodeSteps: number | undefined;
  /** Episodes per trial of the env setting (RL² trials), if known. */
  episodesPerTrial: number;
  /** Env args (e.g. `{arms: 5}`), as given to make. */
  envArgs: Record<string, unknown>;
}

export interface Agent {
  readonly name: string;
  /** The result of the vector env's first reset (and of any full reset later). */
  start(reset: VectorResetResult): void;
  /** Actions for the current observations, one per env, batch-first. */
  act(obs: Batch): Batch | Promise<Batch>;
  /**
   * The step that followed `act`. Trial boundaries are read from `result.info` (`trial`,
   * `episode_in_trial` arrive with every reset, including autoresets).
   */
  observe(actions: Batch, result: VectorStepResult): void | Promise<void>;
}

/** An agent that keeps no memory and learns nothing: `act` maps observations to actions. */
export function memorylessAgent(name: string, act: (obs: Batch) => Batch): Agent {
  return { name, start: () => {}, act, observe: () => {} };
}

/** A named agent kind: `name[:key=value…]` on the command line. */
export interface AgentPlugin<S extends ArgSpecs = ArgSpecs> {
  readonly name: string;
  readonly description: string;
  readonly options: S;
  /**
   * The agent's free parameter, if it has one: when the user does not set `option`, the eval
   * harness picks it from `grid` by a search on training tasks of the same env setting.
   */
  readonly tune?: { readonly option: keyof S & string; readonly grid: readonly number[] };
  /** undefined when the agent can act in this env; otherwise why not (one line). */
  fits(spec: AgentEnvSpec): string | undefined;
  create(spec: AgentEnvSpec, options: ArgsOf<S>, seed: number): Agent;
}
