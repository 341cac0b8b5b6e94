/**
 * The env `make()` returns around a plugin instance. It owns what every env shares: seeding,
 * per-trial context and task choice, the time limit, reset-before-step checks, action
 * validation, and the info keys `context`, `trial`, `episode_in_trial` and `episode`.
 */
import type { ArgsOf, ArgSpecs } from './args.ts';
import type { Context, ContextSampler, Task } from './context.ts';
import type { Env, EnvInstance, Info, InstanceStep, ResetArgs, ResetResult, StepResult } from './env.ts';
import { MetarenaError, pluginError, show } from './errors.ts';
import type { EnvPlugin } from './plugin.ts';
import { Rng, checkSeed } from './rng.ts';
import type { FlatArray, Space } from './spaces/index.ts';

export interface EpisodeSetup {
  sampler: ContextSampler;
  /** Tasks of the chosen split, or undefined to draw a fresh context and task every trial. */
  tasks?: readonly Task[];
  /** How split tasks are taken: at random (seeded) or in order. */
  taskOrder: 'random' | 'cycle';
  episodesPerTrial: number;
  maxEpisodeSteps: number | undefined;
}

const RESET_OPTION_KEYS = ['context', 'state'];
const EMPTY_INFO: Info = Object.freeze({}) as Info;

export class ManagedEnv<O = unknown, A = unknown> implements Env<O, A> {
  readonly id: string;
  readonly observationSpace: Space<O>;
  readonly actionSpace: Space<A>;
  readonly maxEpisodeSteps: number | undefined;
  private readonly instance: EnvInstance<O, A, unknown>;
  private rng: Rng | undefined;
  private currentContext: Context;
  private task: unknown;
  private trial = -1;
  private episodeInTrial = 0;
  private elapsed = 0;
  private episodeReturn = 0;
  private ready = false;
  private closed = false;

  constructor(
    private readonly plugin: EnvPlugin,
    private readonly args: ArgsOf<ArgSpecs>,
    private readonly setup: EpisodeSetup,
  ) {
    this.id = plugin.id;
    this.observationSpace = plugin.observationSpace(args);
    this.actionSpace = plugin.actionSpace(args);
    this.maxEpisodeSteps = setup.maxEpisodeSteps;
    this.currentContext = plugin.contextSpace.defaults();
    try {
      this.instance = plugin.create(args) as EnvInstance<O, A, unknown>;
    } catch (e) {
      throw pluginError(plugin.id, 'create', e);
    }
  }

  get contextSpace() {
    return this.plugin.contextSpace;
  }

  get context(): Readonly<Context> {
    return this.currentContext;
  }

  private startTrial(explicit: Context | undefined, rng: Rng): void {
    this.trial += 1;
    this.episodeInTrial = 0;
    let taskRng = rng;
    if (explicit) {
      this.currentContext = explicit;
    } else if (this.setup.tasks) {
      const tasks = this.setup.tasks;
      const t = tasks[this.setup.taskOrder === 'cycle' ? this.trial % tasks.length : rng.integer(tasks.length)];
      this.currentContext = { ...t.context };
      taskRng = new Rng(t.taskSeed);
    } else {
      this.currentContext = this.setup.sampler.sample(rng, this.trial);
    }
    if (this.plugin.sampleTask) {
      try {
        this.task = this.plugin.sampleTask(taskRng, this.currentContext, this.args);
      } catch (e) {
        throw pluginError(this.plugin.id, 'sampleTask', e);
      }
    }
  }

  reset(args: ResetArgs = {}): ResetResult<O> {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', `${this.id}: reset() after close()`, { field: 'reset' });
    const { seed, options = {} } = args ?? {};
    if (typeof options !== 'object' || options === null) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `options must be an object, got ${show(options)}`, { field: 'options' });
    for (const k of Object.keys(options)) {
      if (!RESET_OPTION_KEYS.includes(k)) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `unknown reset option ${show(k)}; allowed: ${RESET_OPTION_KEYS.join(', ')}`, { field: `options.${k}`, allowed: RESET_OPTION_KEYS.join(', ') });
      }
    }
    const explicit = options.context !== undefined ? this.plugin.contextSpace.complete(options.context, 'options.context') : undefined;
    if (seed !== undefined && seed !== null) {
      this.rng = new Rng(checkSeed(seed));
      this.trial = -1;
    } else if (!this.rng) {
      this.rng = new Rng(Math.floor(Math.random() * 2 ** 52));
    }
    const rng = this.rng;
    if (explicit || this.trial < 0 || this.episodeInTrial + 1 >= this.setup.episodesPerTrial) this.startTrial(explicit, rng);
    else this.episodeInTrial += 1;

    let r: { obs: O; info?: Info };
    try {
      r = this.instance.reset(rng, this.currentContext, this.task, options);
    } catch (e) {
      this.ready = false;
      throw pluginError(this.plugin.id, 'reset', e);
    }
    this.elapsed = 0;
    this.episodeReturn = 0;
    this.ready = true;
    return {
      obs: r.obs,
      info: { ...r.info, context: { ...this.currentContext }, trial: this.trial, episode_in_trial: this.episodeInTrial },
    };
  }

  step(action: A): StepResult<O> {
    this.assertReady();
    return this.advance(this.actionSpace.check(action, 'action'));
  }

  /**
   * `step` for an action the caller has already checked against `actionSpace` (a vector env
   * checks the whole batch at once); everything else is as in `step`.
   */
  stepChecked(action: A): StepResult<O> {
    this.assertReady();
    return this.advance(action);
  }

  private assertReady(): void {
    if (this.ready) return;
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', `${this.id}: step() after close()`, { field: 'step' });
    const why = this.trial < 0 ? 'before the first reset()' : 'after the episode ended';
    throw new MetarenaError('METARENA_RESET_NEEDED', `${this.id}: step() called ${why}; call reset() first`, { field: 'step', allowed: 'reset() first' });
  }

  /**
   * `stepChecked` for an array observation space (Box, MultiBinary, MultiDiscrete) that writes
   * the observation into `out` from `offset` on (`out` has the space's dtype); the result has no
   * `obs`. In-process vector envs use it to fill their observation batch without an array per
   * env and step.
   */
  stepCheckedInto(action: A, out: FlatArray, offset: number): Omit<StepResult<O>, 'obs'> {
    this.assertReady();
    const instance = this.instance;
    let r: Omit<InstanceStep<O>, 'obs'>;
    try {
      if (instance.stepInto) {
        r = instance.stepInto(action, out, offset);
      } else {
        const full = instance.step(action);
        // a Discrete observation is a plain number: `set` would silently write nothing
        if (typeof full.obs === 'number') out[offset] = full.obs;
        else out.set(full.obs as ArrayLike<number>, offset);
        r = full;
      }
    } catch (e) {
      this.ready = false;
      throw pluginError(this.plugin.id, 'step', e);
    }
    return this.finishStep(r, undefined);
  }

  private advance(a: A): StepResult<O> {
    let r: InstanceStep<O>;
    try {
      r = this.instance.step(a);
    } catch (e) {
      this.ready = false;
      throw pluginError(this.plugin.id, 'step', e);
    }
    return this.finishStep(r, r.obs) as StepResult<O>;
  }

  /** Time limit, episode statistics and the `episode` info key, after the instance stepped. */
  private finishStep(r: Omit<InstanceStep<O>, 'obs'>, obs: O | undefined): StepResult<O | undefined> {
    if (typeof r.reward !== 'number' || Number.isNaN(r.reward)) {
      this.ready = false;
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `[${this.id}:step] reward is ${show(r.reward)}, not a number`, { plugin: this.id, hook: 'step' });
    }
    this.elapsed += 1;
    this.episodeReturn += r.reward;
    const terminated = r.terminated;
    const truncated = r.truncated === true || (this.maxEpisodeSteps !== undefined && this.elapsed >= this.maxEpisodeSteps);
    let info = r.info ?? EMPTY_INFO;
    if (terminated || truncated) {
      this.ready = false;
      info = { ...info, episode: { return: this.episodeReturn, length: this.elapsed } };
    }
    return { obs, reward: r.reward, terminated, truncated, info };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ready = false;
    try {
      this.instance.close?.();
    } catch (e) {
      throw pluginError(this.plugin.id, 'close', e);
    }
  }
}
