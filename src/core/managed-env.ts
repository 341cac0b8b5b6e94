/**
 * The env `make()` returns around a plugin instance. It owns what every env shares: seeding,
 * per-trial context and task choice, the time limit, reset-before-step checks, action
 * validation, the env checker (env-checker.ts) on what the plugin returns, and the info keys
 * `context`, `trial`, `episode_in_trial` and `episode`.
 */
import type { ArgsOf, ArgSpecs } from './args.ts';
import type { Context, ContextRange, ContextSampler, Task } from './context.ts';
import type { EnvChecker } from './env-checker.ts';
import type { Env, EnvInstance, Info, InstanceStep, ResetArgs, ResetOptions, ResetResult, StepResult } from './env.ts';
import { MetarenaError, pluginError, show } from './errors.ts';
import type { EnvPlugin } from './plugin.ts';
import { Rng, checkSeed } from './rng.ts';
import { type FlatArray, type Space, spaceWithin } from './spaces/index.ts';

export interface EpisodeSetup {
  sampler: ContextSampler;
  /** Tasks of the chosen split, or undefined to draw a fresh context and task every trial. */
  tasks?: readonly Task[];
  /** How split tasks are taken: at random (seeded) or in order. */
  taskOrder: 'random' | 'cycle';
  episodesPerTrial: number;
  maxEpisodeSteps: number | undefined;
  /** Every value each context feature can take in this make (from the sampler or the split). */
  contextRange: ContextRange;
  /** The plugin's spaces for `contextRange`, shared by every env of the make. */
  observationSpace: Space;
  actionSpace: Space;
  /** The env checker for `observationSpace`, shared by every env of the make; undefined when it is off. */
  checker: EnvChecker | undefined;
}

/** A reset's arguments, checked. */
interface CheckedReset {
  seed: number | undefined;
  options: ResetOptions;
  explicit: Context | undefined;
}

const RESET_OPTION_KEYS = ['context', 'state'];
const EMPTY_INFO: Info = Object.freeze({}) as Info;

export class ManagedEnv<O = unknown, A = unknown> implements Env<O, A> {
  readonly id: string;
  readonly observationSpace: Space<O>;
  readonly actionSpace: Space<A>;
  readonly maxEpisodeSteps: number | undefined;
  private readonly instance: EnvInstance<O, A, unknown>;
  private readonly checker: EnvChecker | undefined;
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
    this.observationSpace = setup.observationSpace as Space<O>;
    this.actionSpace = setup.actionSpace as Space<A>;
    this.checker = setup.checker;
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

  checkReset(args: ResetArgs = {}): void {
    this.checkedReset(args);
  }

  private checkedReset(args: ResetArgs): CheckedReset {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', `${this.id}: reset() after close()`, { field: 'reset' });
    const { seed, options = {} } = args ?? {};
    if (typeof options !== 'object' || options === null) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `options must be an object, got ${show(options)}`, { field: 'options' });
    for (const k of Object.keys(options)) {
      if (!RESET_OPTION_KEYS.includes(k)) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `unknown reset option ${show(k)}; allowed: ${RESET_OPTION_KEYS.join(', ')}`, { field: `options.${k}`, allowed: RESET_OPTION_KEYS.join(', ') });
      }
    }
    const explicit = Object.hasOwn(options, 'context') && options.context !== undefined ? this.explicitContext(options.context) : undefined;
    return { seed: seed === undefined || seed === null ? undefined : checkSeed(seed), options, explicit };
  }

  /**
   * A context given at reset, completed with defaults. It must fit the spaces the env was made
   * with: a context whose spaces are wider (Pendulum's `max_torque = 20` on a default make, whose
   * action space is Box(-2, 2)) is refused, naming the features outside the make's range.
   */
  private explicitContext(partial: unknown): Context {
    const space = this.plugin.contextSpace;
    const context = space.complete(partial, 'options.context');
    const point = space.pointRange(context);
    for (const [kind, made, needed] of [
      ['observation', this.observationSpace, () => this.plugin.observationSpace(this.args, point)],
      ['action', this.actionSpace, () => this.plugin.actionSpace(this.args, point)],
    ] as const) {
      let wanted: Space;
      try {
        wanted = needed();
      } catch (e) {
        throw pluginError(this.plugin.id, `${kind}Space`, e);
      }
      if (spaceWithin(wanted, made)) continue;
      const range = this.setup.contextRange;
      const outside = space.names.filter((n) => context[n] < range[n][0] || context[n] > range[n][1]);
      const named = outside.length ? outside.map((n) => `${n} = ${show(context[n])} (made for [${show(range[n][0])}, ${show(range[n][1])}])`).join(', ') : show(context);
      throw new MetarenaError(
        'METARENA_CONTEXT_OUT_OF_BOUNDS',
        `options.context: ${named} needs the ${kind} space ${wanted}, wider than the ${made} this env was made with; give the context (or a context_sampler that reaches it) to make`,
        { field: `options.context${outside.length ? `.${outside[0]}` : ''}`, allowed: outside.length ? `[${show(range[outside[0]][0])}, ${show(range[outside[0]][1])}]` : `a context whose spaces fit ${made}` },
      );
    }
    return context;
  }

  reset(args: ResetArgs = {}): ResetResult<O> {
    const { seed, options, explicit } = this.checkedReset(args);
    if (seed !== undefined) {
      this.rng = new Rng(seed);
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
    const problem = this.checker?.observation(r.obs, false);
    if (problem !== undefined) {
      this.ready = false;
      if (options.state !== undefined) {
        throw new MetarenaError('METARENA_INVALID_STATE', `options.state ${show(options.state)} starts ${this.id} outside its observation space: ${problem}`, { field: 'options.state', allowed: String(this.observationSpace) });
      }
      throw this.checkFailed('reset', problem);
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
        const problem = this.checker?.observation(full.obs, full.terminated);
        if (problem !== undefined) throw this.checkFailed('step', problem);
        // a Discrete observation is a plain number: `set` would silently write nothing
        if (typeof full.obs === 'number') out[offset] = full.obs;
        else out.set(full.obs as ArrayLike<number>, offset);
        r = full;
      }
    } catch (e) {
      this.ready = false;
      throw pluginError(this.plugin.id, 'step', e);
    }
    if (this.checker !== undefined && instance.stepInto) {
      const problem = this.checker.written(out, offset, r.terminated);
      if (problem !== undefined) {
        this.ready = false;
        throw this.checkFailed('step', problem);
      }
    }
    return this.finishStep(r, undefined);
  }

  /** The env checker's error: the plugin broke its contract in `hook`. */
  private checkFailed(hook: string, problem: string): MetarenaError {
    return new MetarenaError('METARENA_PLUGIN_ERROR', `[${this.id}:${hook}] ${problem} (env checker; make with envChecker: false to turn it off)`, { plugin: this.id, hook });
  }

  private advance(a: A): StepResult<O> {
    let r: InstanceStep<O>;
    try {
      r = this.instance.step(a);
    } catch (e) {
      this.ready = false;
      throw pluginError(this.plugin.id, 'step', e);
    }
    const problem = this.checker?.observation(r.obs, r.terminated);
    if (problem !== undefined) {
      this.ready = false;
      throw this.checkFailed('step', problem);
    }
    return this.finishStep(r, r.obs) as StepResult<O>;
  }

  /** Time limit, episode statistics and the `episode` info key, after the instance stepped. */
  private finishStep(r: Omit<InstanceStep<O>, 'obs'>, obs: O | undefined): StepResult<O | undefined> {
    // a reward is always a number; the env checker also refuses ±Infinity
    if (typeof r.reward !== 'number' || (this.checker ? !Number.isFinite(r.reward) : Number.isNaN(r.reward))) {
      this.ready = false;
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `[${this.id}:step] reward is ${show(r.reward)}, not a ${this.checker ? 'finite ' : ''}number`, { plugin: this.id, hook: 'step' });
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
