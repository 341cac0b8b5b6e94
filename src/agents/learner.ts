/**
 * The learner contract: an agent that trains. `metarena train` drives any learner the same way —
 * create (or load from a checkpoint), train in chunks up to a step count, checkpoint, evaluate
 * its greedy policy — and `metarena eval` plays a trained learner's policy with
 * `--agents checkpoint:dir=PATH`.
 *
 * A learner trains against any VectorEnv (in-process or remote) and cannot tell which, reading
 * it through the transition stream (`transitions.ts`). Its checkpoint (`learner-checkpoint.ts`)
 * holds everything training needs to continue: network weights, optimizer state (Adam moments
 * and step), step and update counters, normalisation statistics and its random state, so a
 * resumed run continues where the saved one stopped.
 */
import type { ArgSpecs, ArgsOf, VectorEnv } from '../core/index.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';

/** One line of training progress. Losses are named by the learner (`policy_loss`, `q_loss`, …). */
export interface TrainLog {
  /** Env steps so far, summed over all envs, including steps before a resume. */
  steps: number;
  /** Wall-clock seconds of this process's training so far. */
  seconds: number;
  stepsPerSecond: number;
  /** Mean return of the episodes that ended since the previous log (NaN if none did). */
  episodeReturn: number;
  /** Episodes that ended since the previous log. */
  episodes: number;
  losses: Record<string, number>;
}

export interface TrainHooks {
  /** Called after every update (or every few hundred steps for learners that update each step). */
  onLog?(log: TrainLog): void;
}

export interface Learner {
  readonly name: string;
  /** Env steps trained so far (all envs), including steps before a resume. */
  readonly steps: number;
  /**
   * Trains on `env` until `steps` reaches `untilSteps` (it may overshoot by less than one
   * rollout or one vector step). Called repeatedly with growing targets on the same env; the
   * first call resets the env.
   */
  train(env: VectorEnv, untilSteps: number, hooks?: TrainHooks): Promise<void>;
  /**
   * The learned policy as an eval-harness agent that does not learn (greedy unless stochastic is
   * asked). A recurrent policy's agent keeps one memory per env across steps and episodes and
   * starts it afresh where `memoryResets` (transitions.ts) says, as its training did.
   */
  policy(options?: { deterministic?: boolean; seed?: number; name?: string }): Agent;
  /** Writes the whole training state to `dir`, atomically (see `src/nn/checkpoint.ts`). */
  save(dir: string): Promise<void>;
  dispose(): void;
}

/** A named learner kind, as given to `metarena train --agent NAME --set key=value…`. */
export interface LearnerPlugin<S extends ArgSpecs = ArgSpecs> {
  readonly name: string;
  readonly description: string;
  /**
   * Typed, documented options (learning rate, network sizes, …) with defaults. An option named
   * `totalSteps` is the planned run length for schedules (learning-rate decay, ε decay);
   * `metarena train` sets it to `--steps` unless `--set totalSteps=…` is given.
   */
  readonly options: S;
  /** Envs to train with when `metarena train` is given no `--num-envs` (default 1). */
  readonly defaultNumEnvs?: number;
  /** undefined when the learner can train in this env; otherwise why not (one line). */
  fits(spec: AgentEnvSpec): string | undefined;
  create(spec: AgentEnvSpec, options: ArgsOf<S>, seed: number): Promise<Learner>;
  /** Rebuilds a learner saved by `Learner.save`, ready to train on or to act. */
  load(dir: string): Promise<Learner>;
}

/**
 * The stretch of training between two `TrainLog`s: its wall-clock, its steps and the returns of
 * the episodes that ended in it. `end` closes it into a log line and opens the next one.
 */
export class LogWindow {
  private started = performance.now();
  private returns: number[] = [];

  constructor(private stepsAtStart: number) {}

  episodeEnded(episodeReturn: number): void {
    this.returns.push(episodeReturn);
  }

  /** True when steps were taken since the window opened. */
  hasSteps(steps: number): boolean {
    return steps !== this.stepsAtStart;
  }

  /** The log line at `steps`; its `seconds` is `secondsBefore` plus this window's wall-clock. */
  end(steps: number, secondsBefore: number, losses: Record<string, number>): TrainLog {
    const now = performance.now();
    const elapsed = (now - this.started) / 1000;
    const { returns } = this;
    const log: TrainLog = {
      steps,
      seconds: secondsBefore + elapsed,
      stepsPerSecond: (steps - this.stepsAtStart) / Math.max(1e-9, elapsed),
      episodeReturn: returns.length ? returns.reduce((a, b) => a + b, 0) / returns.length : Number.NaN,
      episodes: returns.length,
      losses,
    };
    this.started = now;
    this.stepsAtStart = steps;
    this.returns = [];
    return log;
  }
}
