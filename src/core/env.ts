/**
 * The Env contract (Gymnasium semantics) and the instance contract a plugin implements.
 */
import type { Context, ContextSpace } from './context.ts';
import type { Rng } from './rng.ts';
import type { FlatArray, Space } from './spaces/index.ts';

export type Info = Record<string, unknown>;

export interface ResetOptions {
  /** Context for the new trial (partial: the rest are defaults); starts a new trial. */
  context?: Record<string, number>;
  /** Exact physical start state in the env's documented layout (reference checks). */
  state?: ArrayLike<number>;
}

export interface ResetArgs {
  seed?: number;
  options?: ResetOptions;
}

export interface ResetResult<O = unknown> {
  obs: O;
  info: Info;
}

export interface StepResult<O = unknown> {
  obs: O;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

/** What `make()` returns: one environment, Gymnasium's reset/step/close. */
export interface Env<O = unknown, A = unknown> {
  readonly id: string;
  readonly observationSpace: Space<O>;
  readonly actionSpace: Space<A>;
  readonly contextSpace: ContextSpace;
  /** The context of the current episode (defaults before the first reset). */
  readonly context: Readonly<Context>;
  /** Steps after which an episode is truncated; undefined when unlimited. */
  readonly maxEpisodeSteps: number | undefined;
  reset(args?: ResetArgs): ResetResult<O>;
  /**
   * Throws what `reset(args)` would throw for its arguments (seed, options, context) and changes
   * nothing, so a vector env can check every env's reset before it resets any.
   */
  checkReset?(args?: ResetArgs): void;
  step(action: A): StepResult<O>;
  /** Frees resources; calling it twice is harmless. */
  close(): void;
}

/** The result a plugin instance gives for one step; truncation by time limit is `make`'s job. */
export interface InstanceStep<O> {
  obs: O;
  reward: number;
  terminated: boolean;
  truncated?: boolean;
  info?: Info;
}

/**
 * What an env plugin's `create` returns: the simulation itself. It receives a complete,
 * validated context (and the task drawn for the trial) at every reset, and recomputes whatever
 * it derives from the context there.
 */
export interface EnvInstance<O = unknown, A = unknown, T = unknown> {
  reset(rng: Rng, context: Readonly<Context>, task: T, options: ResetOptions): { obs: O; info?: Info };
  /** `action` is already validated against the action space. */
  step(action: A): InstanceStep<O>;
  /**
   * Optional fast path for flat (Box) observations, used by in-process vector envs: `step`, but
   * the observation is written into `out` from `offset` on instead of being returned. It must
   * change the instance exactly as `step` does.
   */
  stepInto?(action: A, out: FlatArray, offset: number): InstanceStepInto;
  close?(): void;
}

/** What `EnvInstance.stepInto` returns: a step result whose observation went into the caller's array. */
export type InstanceStepInto = Omit<InstanceStep<unknown>, 'obs'>;
