/**
 * Base classes for wrappers. A wrapper states its spaces; reset, checkReset, step, close and
 * context are passed on by name, nothing else is forwarded.
 */
import type { Context, ContextSpace } from './context.ts';
import type { Env, Info, ResetArgs, ResetResult, StepResult } from './env.ts';
import type { Space } from './spaces/index.ts';

export abstract class Wrapper<O = unknown, A = unknown, IO = unknown, IA = unknown> implements Env<O, A> {
  abstract readonly observationSpace: Space<O>;
  abstract readonly actionSpace: Space<A>;

  constructor(protected readonly env: Env<IO, IA>) {}

  get id(): string {
    return this.env.id;
  }
  get contextSpace(): ContextSpace {
    return this.env.contextSpace;
  }
  get context(): Readonly<Context> {
    return this.env.context;
  }
  get maxEpisodeSteps(): number | undefined {
    return this.env.maxEpisodeSteps;
  }

  abstract reset(args?: ResetArgs): ResetResult<O>;

  checkReset(args?: ResetArgs): void {
    this.env.checkReset?.(args);
  }

  abstract step(action: A): StepResult<O>;

  close(): void {
    this.env.close();
  }
}

/** A wrapper that changes observations only: implement `observation` and state the new space. */
export abstract class ObservationWrapper<O, IO, A = unknown> extends Wrapper<O, A, IO, A> {
  get actionSpace(): Space<A> {
    return this.env.actionSpace;
  }

  /** Maps an inner observation (of the episode whose context is `this.context`) to the outer one. */
  abstract observation(obs: IO): O;

  reset(args?: ResetArgs): ResetResult<O> {
    const r = this.env.reset(args);
    return { obs: this.observation(r.obs), info: r.info };
  }

  step(action: A): StepResult<O> {
    const r = this.env.step(action);
    return { obs: this.observation(r.obs), reward: r.reward, terminated: r.terminated, truncated: r.truncated, info: r.info as Info };
  }
}
