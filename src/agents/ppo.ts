/**
 * Proximal Policy Optimization (Schulman et al., 2017) in the style of CleanRL's `ppo.py` and
 * `ppo_continuous_action.py`: separate actor and critic MLPs with orthogonal init, rollouts of
 * `numSteps` steps from every env of a VectorEnv, generalised advantage estimation (GAE), the
 * clipped surrogate objective with a (clipped) value loss and an entropy bonus, `updateEpochs`
 * passes of `numMinibatches` minibatches, Adam with a linearly decaying learning rate and global
 * gradient-norm clipping.
 *
 * Actions: Discrete (categorical policy) or Box (diagonal Gaussian with a learned,
 * state-independent log-std; actions are clipped to the bounds when sent to the env, the
 * unclipped draw is what is learned from). Observations: Box (flattened) or Discrete (one-hot).
 *
 * Any VectorEnv works — in-process (`createBuiltinRegistry().makeVec(...)`) or remote — in all
 * three autoreset modes:
 * - `next_step`: the step after an episode's end only resets that env (reward 0, its action
 *   ignored). That transition is masked out of learning; the observation the done step returned
 *   is the final one, so a truncated episode bootstraps from its value.
 * - `same_step`: a truncated episode bootstraps from the value of `info.final_obs`.
 * - `disabled`: finished envs are reset here with `reset({options: {mask}})`.
 *
 * The trained `PPOPolicy` acts greedily (argmax / Gaussian mean) or stochastically, saves to and
 * loads from a tfjs-format checkpoint (`src/nn/checkpoint.ts`), and adapts to the Agent contract
 * with `asAgent()` for the evaluation harness.
 *
 * `PPOLearner` is the same algorithm as a `Learner` (the `ppo` plugin of `metarena train`):
 * training runs in chunks (`train(env, untilSteps)` called repeatedly equals one long call), and
 * its checkpoint adds the Adam state, the update counter, the reward statistics and the random
 * state to the policy's, so that `PPOLearner.load` resumes training. `trainPPO` is a one-call
 * wrapper around it.
 */
import * as tf from '@tensorflow/tfjs';
import { Box, Discrete, MetarenaError, Rng, deriveSeed, show } from '../core/index.ts';
import type { ArgSpecs, ArgsOf, Batch, Space, VectorEnv, VectorResetResult, VectorStepResult } from '../core/index.ts';
import { type Activation, Mlp, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../nn/index.ts';
import { optimizerTensors, restoreOptimizer } from '../nn/optimizer-state.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import type { Learner, LearnerPlugin, TrainHooks } from './learner.ts';

export interface PPOOptions {
  /** Env steps to train for, summed over all envs (CleanRL `total_timesteps`). */
  totalSteps: number;
  /** Rollout length per env between updates; a rollout holds `numSteps × numEnvs` steps. */
  numSteps: number;
  /** Adam step size at the start. */
  learningRate: number;
  /** Decay the learning rate linearly to 0 over the run. */
  annealLr: boolean;
  /** Discount factor γ. */
  gamma: number;
  /** GAE λ. */
  gaeLambda: number;
  /** Minibatches per epoch (each holds about rollout size / numMinibatches steps). */
  numMinibatches: number;
  /** Passes over each rollout. */
  updateEpochs: number;
  /** Normalise advantages within each minibatch. */
  normAdvantages: boolean;
  /** PPO clip range ε for the probability ratio. */
  clipCoef: number;
  /** Clip the value update to ±clipCoef around the rollout's values, as in the PPO paper's code. */
  clipVloss: boolean;
  /** Entropy bonus weight. */
  entCoef: number;
  /** Value loss weight. */
  vfCoef: number;
  /** Global gradient-norm bound. */
  maxGradNorm: number;
  /** Stop an update's epochs early once the approximate KL exceeds this (null: never). */
  targetKl: number | null;
  /** Hidden layer widths of both actor and critic. */
  hidden: number[];
  activation: Activation;
  /** Normalise observations by running mean and variance (then clip to ±obsClip). */
  normalizeObservation: boolean;
  obsClip: number;
  /** Scale rewards by the running std of the discounted return (then clip to ±rewardClip). */
  normalizeReward: boolean;
  rewardClip: number;
  /** Initial log standard deviation of the Gaussian policy (Box actions). */
  initLogStd: number;
  /** Seeds network init, action sampling, minibatch order and the env reset. */
  seed: number;
}

/**
 * Defaults tuned to solve CartPole-v1 fast with 8 envs (rl-zoo's CartPole settings with half the
 * epochs and twice the step size); CleanRL's Atari/MuJoCo defaults differ.
 */
export const PPO_DEFAULTS: Readonly<PPOOptions> = Object.freeze({
  totalSteps: 30_000,
  numSteps: 32,
  learningRate: 2e-3,
  annealLr: true,
  gamma: 0.98,
  gaeLambda: 0.8,
  numMinibatches: 1,
  updateEpochs: 10,
  normAdvantages: true,
  clipCoef: 0.2,
  clipVloss: false,
  entCoef: 0,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  targetKl: null,
  hidden: [64, 64],
  activation: 'tanh',
  normalizeObservation: false,
  obsClip: 10,
  normalizeReward: false,
  rewardClip: 10,
  initLogStd: 0,
  seed: 1,
});

/** One line of training progress, given to `onLog` after every update. */
export interface PPOLog {
  update: number;
  /** Env steps so far (all envs). */
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  learningRate: number;
  /** Mean return of the episodes that ended during this rollout (NaN if none did). */
  episodeReturn: number;
  episodes: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
}

export interface PPOResult {
  policy: PPOPolicy;
  metrics: {
    steps: number;
    updates: number;
    seconds: number;
    /** Returns of every episode finished during training, in order. */
    episodeReturns: number[];
    logs: PPOLog[];
  };
}

const LOG_2PI = Math.log(2 * Math.PI);

/** How observations become network inputs. */
type ObsKind = { kind: 'box'; size: number } | { kind: 'discrete'; n: number; start: number };
/** How network outputs become actions. */
type ActKind = { kind: 'discrete'; n: number; start: number } | { kind: 'box'; size: number; low: Float64Array; high: Float64Array };

function observationKind(space: Space): ObsKind {
  if (space instanceof Box) return { kind: 'box', size: space.size };
  if (space instanceof Discrete) return { kind: 'discrete', n: space.n, start: space.start };
  throw new MetarenaError('METARENA_NOT_SUPPORTED', `ppo: observation space ${space.type} is not supported; allowed: Box, Discrete (wrap Dict/Tuple observations first)`, { field: 'observation_space', allowed: 'Box, Discrete' });
}

function actionKind(space: Space): ActKind {
  if (space instanceof Discrete) return { kind: 'discrete', n: space.n, start: space.start };
  if (space instanceof Box) return { kind: 'box', size: space.size, low: space.low, high: space.high };
  throw new MetarenaError('METARENA_NOT_SUPPORTED', `ppo: action space ${space.type} is not supported; allowed: Discrete, Box`, { field: 'action_space', allowed: 'Discrete, Box' });
}

/** Running mean and variance (Chan et al. parallel update), as Gymnasium's RunningMeanStd. */
class RunningMeanStd {
  mean: Float64Array;
  var: Float64Array;
  count = 1e-4;

  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
  }

  /** Adds `rows` rows of `size` values each from `data`. */
  update(data: ArrayLike<number>, rows: number): void {
    const { size } = this;
    for (let j = 0; j < size; j++) {
      let m = 0;
      for (let r = 0; r < rows; r++) m += data[r * size + j];
      m /= rows;
      let v = 0;
      for (let r = 0; r < rows; r++) v += (data[r * size + j] - m) ** 2;
      v /= rows;
      const delta = m - this.mean[j];
      const total = this.count + rows;
      this.mean[j] += (delta * rows) / total;
      this.var[j] = (this.var[j] * this.count + v * rows + (delta * delta * this.count * rows) / total) / total;
    }
    this.count += rows;
  }

  toJSON() {
    return { mean: [...this.mean], var: [...this.var], count: this.count };
  }

  static fromJSON(json: { mean: number[]; var: number[]; count: number }): RunningMeanStd {
    const r = new RunningMeanStd(json.mean.length);
    r.mean.set(json.mean);
    r.var.set(json.var);
    r.count = json.count;
    return r;
  }
}

/** What a checkpoint needs to rebuild a policy. */
interface PolicyMeta {
  agent: 'ppo';
  observationSpace: unknown;
  actionSpace: unknown;
  inputSize: number;
  hidden: number[];
  activation: Activation;
  obsKind: ObsKind;
  actKind: { kind: 'discrete'; n: number; start: number } | { kind: 'box'; size: number; low: number[]; high: number[] };
  obsClip: number;
  obsStats: ReturnType<RunningMeanStd['toJSON']> | null;
  options: PPOOptions;
}

/** The trained networks and observation statistics; acts on observation batches. */
export class PPOPolicy {
  readonly actor: Mlp;
  readonly critic: Mlp;
  /** Log-std of the Gaussian policy (Box actions only). */
  readonly logStd: tf.Variable<tf.Rank.R1> | undefined;
  readonly inputSize: number;
  /** Observation statistics; frozen while acting outside training. */
  obsStats: RunningMeanStd | null;
  private disposed = false;

  constructor(
    readonly obsKind: ObsKind,
    readonly actKind: ActKind,
    readonly options: PPOOptions,
    /** The observation and action spaces as JSON. */
    readonly spaces: { observation: unknown; action: unknown },
  ) {
    this.inputSize = obsKind.kind === 'box' ? obsKind.size : obsKind.n;
    const outputs = actKind.kind === 'discrete' ? actKind.n : actKind.size;
    const { hidden, activation, seed } = options;
    // CleanRL: hidden gain √2, policy head 0.01, value head 1
    this.actor = new Mlp({ inputs: this.inputSize, hidden, outputs, activation, outputGain: 0.01, seed: deriveSeed(seed, 'actor'), name: 'actor' });
    this.critic = new Mlp({ inputs: this.inputSize, hidden, outputs: 1, activation, outputGain: 1, seed: deriveSeed(seed, 'critic'), name: 'critic' });
    this.logStd = actKind.kind === 'box' ? tf.variable(tf.fill([actKind.size], options.initLogStd), true) : undefined;
    this.obsStats = options.normalizeObservation && obsKind.kind === 'box' ? new RunningMeanStd(obsKind.size) : null;
  }

  get numActions(): number {
    return this.actKind.kind === 'discrete' ? this.actKind.n : this.actKind.size;
  }

  get variables(): tf.Variable[] {
    return Object.values(this.namedVariables());
  }

  /** Every trained variable by checkpoint key. */
  namedVariables(): Record<string, tf.Variable> {
    return { ...this.actor.namedVariables(), ...(this.logStd ? { 'actor/log_std': this.logStd } : {}), ...this.critic.namedVariables() };
  }

  /** Network inputs for a batch of `n` observations (normalised, one-hot or flattened). */
  inputs(obs: Batch, n: number): Float32Array {
    const out = new Float32Array(n * this.inputSize);
    const flat = obs as ArrayLike<number>;
    if (this.obsKind.kind === 'discrete') {
      for (let i = 0; i < n; i++) out[i * this.inputSize + (flat[i] - this.obsKind.start)] = 1;
      return out;
    }
    if (!ArrayBuffer.isView(obs) || flat.length !== n * this.inputSize) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `ppo: expected ${n} observations of ${this.inputSize} numbers, got ${show(obs)}`, { field: 'obs' });
    }
    const stats = this.obsStats;
    if (!stats) {
      for (let k = 0; k < out.length; k++) out[k] = flat[k];
      return out;
    }
    const clip = this.options.obsClip;
    const size = this.inputSize;
    for (let j = 0; j < size; j++) {
      const m = stats.mean[j];
      const s = 1 / Math.sqrt(stats.var[j] + 1e-8);
      for (let i = 0; i < n; i++) out[i * size + j] = Math.max(-clip, Math.min(clip, (flat[i * size + j] - m) * s));
    }
    return out;
  }

  /** Policy outputs (logits or Gaussian means, [n × numActions]) and values ([n]) for inputs. */
  forward(inputs: Float32Array, n: number, withValues: boolean): { out: Float32Array; values: Float32Array | undefined } {
    return tf.tidy(() => {
      const x = tf.tensor2d(inputs, [n, this.inputSize]);
      const out = this.actor.apply(x).dataSync() as Float32Array;
      const values = withValues ? (this.critic.apply(x).dataSync() as Float32Array) : undefined;
      return { out, values };
    });
  }

  /** Values of `n` observations (network inputs). */
  values(inputs: Float32Array, n: number): Float32Array {
    return tf.tidy(() => this.critic.apply(tf.tensor2d(inputs, [n, this.inputSize])).dataSync() as Float32Array);
  }

  /** Current standard deviations of the Gaussian policy. */
  stds(): Float64Array {
    return this.logStd ? Float64Array.from(this.logStd.dataSync(), Math.exp) : new Float64Array(0);
  }

  /**
   * Actions for a batch of `n` observations: greedy (argmax, or the Gaussian mean) when
   * `deterministic`, else sampled with `rng`. Box actions are clipped to the bounds.
   */
  act(obs: Batch, { n, deterministic, rng }: { n: number; deterministic: boolean; rng?: Rng }): Batch {
    if (!deterministic && !rng) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'ppo: stochastic actions need an rng', { field: 'rng' });
    const { out } = this.forward(this.inputs(obs, n), n, false);
    if (this.actKind.kind === 'discrete') {
      const actions = new Int32Array(n);
      for (let i = 0; i < n; i++) actions[i] = this.actKind.start + (deterministic ? argmax(out, i * this.actKind.n, this.actKind.n) : sampleLogits(out, i * this.actKind.n, this.actKind.n, rng!));
      return actions;
    }
    const { size, low, high } = this.actKind;
    const stds = this.stds();
    const actions = new Float32Array(n * size);
    for (let k = 0; k < n * size; k++) {
      const a = deterministic ? out[k] : out[k] + stds[k % size] * rng!.normal();
      actions[k] = Math.max(low[k % size], Math.min(high[k % size], a));
    }
    return actions;
  }

  /**
   * An Agent (the eval harness's contract) acting with this policy; it does not learn.
   * Stochastic agents draw their actions from `seed`.
   */
  asAgent({ deterministic = true, seed = 0, name = 'ppo' }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = new Rng(seed);
    let numEnvs = 0;
    return {
      name,
      start: (reset: VectorResetResult) => {
        numEnvs = batchLength(reset.obs, this.obsKind);
      },
      act: (obs: Batch) => this.act(obs, { n: numEnvs || batchLength(obs, this.obsKind), deterministic, rng }),
      observe: () => {},
    };
  }

  /** What a checkpoint needs, besides the tensors, to rebuild this policy. */
  meta(): PolicyMeta {
    const actKind = this.actKind.kind === 'discrete' ? this.actKind : { kind: 'box' as const, size: this.actKind.size, low: [...this.actKind.low], high: [...this.actKind.high] };
    return {
      agent: 'ppo',
      observationSpace: this.spaces.observation,
      actionSpace: this.spaces.action,
      inputSize: this.inputSize,
      hidden: this.options.hidden,
      activation: this.options.activation,
      obsKind: this.obsKind,
      actKind,
      obsClip: this.options.obsClip,
      obsStats: this.obsStats?.toJSON() ?? null,
      options: this.options,
    };
  }

  /** Writes the policy (both networks, log-std, observation statistics, options) to `dir`. */
  async save(dir: string): Promise<void> {
    await saveCheckpoint(dir, { meta: this.meta() as unknown as Record<string, unknown>, tensors: this.namedVariables() });
  }

  /** Reads a policy written by `save` (or the policy of a `PPOLearner` checkpoint). */
  static async load(dir: string): Promise<PPOPolicy> {
    await initBackend();
    const { meta, tensors } = await loadCheckpoint(dir);
    try {
      return policyFromCheckpoint(dir, meta, tensors);
    } finally {
      tf.dispose(Object.values(tensors));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.actor.dispose();
    this.critic.dispose();
    this.logStd?.dispose();
  }
}

/** The policy stored in checkpoint `meta` and `tensors` (which stay the caller's to dispose). */
function policyFromCheckpoint(dir: string, meta: Record<string, unknown>, tensors: tf.NamedTensorMap): PPOPolicy {
  const m = meta as unknown as PolicyMeta;
  if (m.agent !== 'ppo') {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint in ${show(dir)} was written by ${show(m.agent)}, not ppo`, { field: 'checkpoint' });
  }
  const actKind: ActKind = m.actKind.kind === 'discrete' ? m.actKind : { kind: 'box', size: m.actKind.size, low: Float64Array.from(m.actKind.low), high: Float64Array.from(m.actKind.high) };
  const policy = new PPOPolicy(m.obsKind, actKind, m.options, { observation: m.observationSpace, action: m.actionSpace });
  try {
    assignVariables(policy.namedVariables(), tensors, `checkpoint ${dir}`);
  } catch (e) {
    policy.dispose();
    throw e;
  }
  policy.obsStats = m.obsStats ? RunningMeanStd.fromJSON(m.obsStats) : null;
  return policy;
}

function batchLength(obs: Batch, kind: ObsKind): number {
  const len = (obs as ArrayLike<number>).length;
  return kind.kind === 'box' ? len / kind.size : len;
}

function argmax(values: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** log softmax(logits)[offset + k] for the row starting at `offset`. */
function logSoftmaxAt(logits: ArrayLike<number>, offset: number, n: number, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, logits[offset + j]);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(logits[offset + j] - max);
  return logits[offset + k] - max - Math.log(sum);
}

function sampleLogits(logits: ArrayLike<number>, offset: number, n: number, rng: Rng): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, logits[offset + j]);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(logits[offset + j] - max);
  let u = rng.random() * sum;
  for (let j = 0; j < n; j++) {
    u -= Math.exp(logits[offset + j] - max);
    if (u < 0) return j;
  }
  return n - 1;
}

function checkOptions(o: PPOOptions): void {
  const bad = (field: string, allowed: string) => {
    throw new MetarenaError('METARENA_INVALID_OPTION', `ppo option ${field} must be ${allowed}, got ${show((o as unknown as Record<string, unknown>)[field])}`, { field, allowed });
  };
  for (const f of ['totalSteps', 'numSteps', 'numMinibatches', 'updateEpochs'] as const) if (!Number.isInteger(o[f]) || o[f] < 1) bad(f, 'a positive integer');
  for (const f of ['learningRate', 'clipCoef', 'maxGradNorm', 'obsClip', 'rewardClip'] as const) if (!(typeof o[f] === 'number' && o[f] > 0)) bad(f, 'a number > 0');
  for (const f of ['gamma', 'gaeLambda'] as const) if (!(typeof o[f] === 'number' && o[f] >= 0 && o[f] <= 1)) bad(f, 'a number in [0, 1]');
  for (const f of ['entCoef', 'vfCoef'] as const) if (!(typeof o[f] === 'number' && o[f] >= 0)) bad(f, 'a number >= 0');
  if (!Number.isFinite(o.initLogStd)) bad('initLogStd', 'a finite number');
  if (o.targetKl !== null && !(typeof o.targetKl === 'number' && o.targetKl > 0)) bad('targetKl', 'null or a number > 0');
  if (!Array.isArray(o.hidden) || !o.hidden.every((h) => Number.isInteger(h) && h > 0)) bad('hidden', 'a list of positive integers');
}

/** Scales `grads` in place so that their global L2 norm is at most `maxNorm`. */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const sq = tf.addN(names.map((k) => tf.sum(tf.square(grads[k]))));
    // min(1, maxNorm / (norm + 1e-6)), as torch's clip_grad_norm_
    const scale = tf.minimum(1, tf.div(maxNorm, tf.add(tf.sqrt(sq), 1e-6)));
    return Object.fromEntries(names.map((k) => [k, tf.mul(grads[k], scale)]));
  });
}

/** Counters and statistics a PPO checkpoint carries besides the networks and the Adam state. */
interface PPOTrainingState {
  steps: number;
  update: number;
  /** Length of the learning-rate schedule in updates, fixed by the first rollout. */
  numUpdates: number;
  /** Rng state; NaN (no spare Gaussian) is written as null. */
  rng: (number | null)[];
  rewardStats: ReturnType<RunningMeanStd['toJSON']> | null;
  seconds: number;
}

/** What a learner keeps between rollouts on one vector env. */
interface RolloutState {
  env: VectorEnv;
  obs: Batch;
  /** Network inputs of `obs`. */
  x: Float32Array;
  /** 1 where the last step ended the env's episode and (next_step mode) the next step resets it. */
  pendingReset: Uint8Array;
  episodeReturn: Float64Array;
  discountedReturn: Float64Array;
}

/**
 * PPO as a `Learner`: `train(env, untilSteps)` runs whole rollouts and updates until `steps`
 * reaches `untilSteps`; called again with a larger target on the same env it carries on exactly
 * as one longer call would. The learning rate decays linearly over `totalSteps` (computed in
 * updates at the first rollout) and stays at its last scheduled value past it. `save` writes
 * the networks, the Adam state, the update counter, observation and reward statistics and the
 * random state; `PPOLearner.load` resumes from them (the env itself restarts from a reset).
 */
export class PPOLearner implements Learner {
  readonly name = 'ppo';
  readonly optimizer: tf.AdamOptimizer;
  steps = 0;
  update = 0;
  /** Returns of the episodes finished by this object's training, in order. */
  readonly episodeReturns: number[] = [];
  readonly logs: PPOLog[] = [];
  private numUpdates = 0;
  private readonly rng: Rng;
  private rewardStats: RunningMeanStd | null;
  private seconds = 0;
  private run: RolloutState | undefined;
  private disposed = false;

  constructor(readonly model: PPOPolicy) {
    const opts = model.options;
    this.rng = new Rng(deriveSeed(opts.seed, 'ppo'));
    this.optimizer = tf.train.adam(opts.learningRate, 0.9, 0.999, 1e-5);
    this.rewardStats = opts.normalizeReward ? new RunningMeanStd(1) : null;
  }

  /** A new learner for `env`'s spaces with `options` (defaults: `PPO_DEFAULTS`). */
  static async create(observationSpace: Space, actionSpace: Space, options: Partial<PPOOptions> = {}): Promise<PPOLearner> {
    await initBackend();
    const opts: PPOOptions = { ...PPO_DEFAULTS, ...options, hidden: [...(options.hidden ?? PPO_DEFAULTS.hidden)] };
    checkOptions(opts);
    const policy = new PPOPolicy(observationKind(observationSpace), actionKind(actionSpace), opts, { observation: observationSpace.toJSON(), action: actionSpace.toJSON() });
    return new PPOLearner(policy);
  }

  policy(options: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    return this.model.asAgent(options);
  }

  private async bind(env: VectorEnv): Promise<RolloutState> {
    const observation = JSON.stringify(env.singleObservationSpace.toJSON());
    const action = JSON.stringify(env.singleActionSpace.toJSON());
    if (observation !== JSON.stringify(this.model.spaces.observation) || action !== JSON.stringify(this.model.spaces.action)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `ppo: the env's spaces (${observation} → ${action}) are not the ones this learner was built for (${JSON.stringify(this.model.spaces.observation)} → ${JSON.stringify(this.model.spaces.action)})`, { field: 'env' });
    }
    const n = env.numEnvs;
    const seed = this.steps === 0 ? this.model.options.seed : deriveSeed(this.model.options.seed, 'resume', this.steps);
    const obs = (await env.reset({ seed })).obs;
    const run: RolloutState = { env, obs, x: this.observe(obs, n), pendingReset: new Uint8Array(n), episodeReturn: new Float64Array(n), discountedReturn: new Float64Array(n) };
    this.run = run;
    return run;
  }

  /** Network inputs for observations met in training (they update the observation statistics). */
  private observe(obs: Batch, n: number): Float32Array {
    if (this.model.obsStats) this.model.obsStats.update(obs as ArrayLike<number>, n);
    return this.model.inputs(obs, n);
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks & { onUpdate?: (log: PPOLog) => void } = {}): Promise<void> {
    if (this.disposed) throw new MetarenaError('METARENA_INVALID_STATE', 'ppo: this learner was disposed', { field: 'learner' });
    await initBackend();
    const run = this.run?.env === env ? this.run : await this.bind(env);
    if (this.numUpdates === 0) this.numUpdates = Math.max(1, Math.floor(this.model.options.totalSteps / (this.model.options.numSteps * env.numEnvs)));
    while (this.steps < untilSteps) {
      const log = await this.rolloutAndUpdate(run);
      this.logs.push(log);
      hooks.onUpdate?.(log);
      hooks.onLog?.({
        steps: log.steps,
        seconds: log.seconds,
        stepsPerSecond: log.stepsPerSecond,
        episodeReturn: log.episodeReturn,
        episodes: log.episodes,
        losses: { policy_loss: log.policyLoss, value_loss: log.valueLoss, entropy: log.entropy, approx_kl: log.approxKl, clip_fraction: log.clipFraction, learning_rate: log.learningRate },
      });
    }
  }

  /** One rollout of `numSteps` steps in every env, then `updateEpochs` passes over it. */
  private async rolloutAndUpdate(run: RolloutState): Promise<PPOLog> {
    const started = performance.now();
    const policy = this.model;
    const opts = policy.options;
    const { obsKind, actKind } = policy;
    const { env } = run;
    const rng = this.rng;
    const optimizer = this.optimizer;
    const n = env.numEnvs;
    const T = opts.numSteps;
    const batchSize = T * n;
    const inSize = policy.inputSize;
    const discrete = actKind.kind === 'discrete';
    const aSize = discrete ? 1 : actKind.size;
    const mode = env.autoresetMode;
    const rewardStats = this.rewardStats;
    const { episodeReturn, discountedReturn } = run;
    const stepsBefore = this.steps;

    // rollout storage, [T × n] (× width) row-major
    const bufObs = new Float32Array(batchSize * inSize);
    const bufActions = new Float32Array(batchSize * aSize);
    const bufLogp = new Float32Array(batchSize);
    const bufValues = new Float32Array(batchSize);
    const bufRewards = new Float32Array(batchSize);
    const bufTerminated = new Uint8Array(batchSize);
    const bufDone = new Uint8Array(batchSize);
    /** 0 for a next_step autoreset transition: not learned from. */
    const bufValid = new Uint8Array(batchSize);
    /** Value of the final observation, for done steps whose next observation is a reset one. */
    const bufFinalValue = new Float32Array(batchSize);
    const advantages = new Float32Array(batchSize);
    const returns = new Float32Array(batchSize);
    const actionBatch = discrete ? new Int32Array(n) : new Float32Array(n * aSize);

    const update = ++this.update;
    const frac = Math.max(1 - (update - 1) / this.numUpdates, 1 / this.numUpdates);
    const lr = opts.annealLr ? opts.learningRate * frac : opts.learningRate;
    // AdamOptimizer reads this field at every step; tfjs has no public setter
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    const finished: number[] = [];

    for (let t = 0; t < T; t++) {
      const row = t * n;
      bufObs.set(run.x, row * inSize);
      const { out, values } = policy.forward(run.x, n, true);
      const stds = discrete ? undefined : policy.stds();
      for (let i = 0; i < n; i++) {
        const k = row + i;
        bufValues[k] = values![i];
        bufValid[k] = mode === 'next_step' && run.pendingReset[i] ? 0 : 1;
        if (actKind.kind === 'discrete') {
          const a = sampleLogits(out, i * actKind.n, actKind.n, rng);
          bufActions[k] = a;
          bufLogp[k] = logSoftmaxAt(out, i * actKind.n, actKind.n, a);
          actionBatch[i] = a + actKind.start;
        } else {
          let logp = 0;
          for (let j = 0; j < aSize; j++) {
            const mean = out[i * aSize + j];
            const std = stds![j];
            const z = rng.normal();
            const a = mean + std * z;
            bufActions[k * aSize + j] = a;
            logp += -0.5 * z * z - Math.log(std) - 0.5 * LOG_2PI;
            actionBatch[i * aSize + j] = Math.max(actKind.low[j], Math.min(actKind.high[j], a));
          }
          bufLogp[k] = logp;
        }
      }
      const result: VectorStepResult = await env.step(actionBatch);
      this.steps += n;
      let nextObs = result.obs;
      const finalObs = new Map<number, unknown>();
      const doneMask = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const k = row + i;
        const valid = bufValid[k] === 1;
        const term = result.terminated[i] === 1;
        const done = term || result.truncated[i] === 1;
        let r = valid ? result.rewards[i] : 0;
        if (valid) {
          episodeReturn[i] += r;
          if (rewardStats) {
            discountedReturn[i] = discountedReturn[i] * opts.gamma + r;
            rewardStats.update([discountedReturn[i]], 1);
            r = Math.max(-opts.rewardClip, Math.min(opts.rewardClip, r / Math.sqrt(rewardStats.var[0] + 1e-8)));
          }
        }
        bufRewards[k] = r;
        bufTerminated[k] = term ? 1 : 0;
        bufDone[k] = done ? 1 : 0;
        run.pendingReset[i] = done ? 1 : 0;
        if (done) {
          finished.push(episodeReturn[i]);
          episodeReturn[i] = 0;
          discountedReturn[i] = 0;
          doneMask[i] = 1;
          if (mode === 'same_step') finalObs.set(i, (result.info.final_obs as unknown[] | undefined)?.[i]);
        }
      }
      if (mode === 'disabled' && doneMask.some(Boolean)) {
        const rows = batchLength(nextObs, obsKind) === n ? (nextObs as ArrayLike<number>) : undefined;
        for (let i = 0; i < n; i++) if (doneMask[i]) finalObs.set(i, obsKind.kind === 'box' ? Array.prototype.slice.call(rows, i * obsKind.size, (i + 1) * obsKind.size) : rows?.[i]);
        nextObs = (await env.reset({ options: { mask: doneMask } })).obs;
        run.pendingReset = new Uint8Array(n);
      }
      // truncated episodes whose final observation is not the next input: bootstrap from it
      const truncatedFinal = [...finalObs.entries()].filter(([i]) => !result.terminated[i]);
      if (truncatedFinal.length) {
        const m = truncatedFinal.length;
        const flat = obsKind.kind === 'box' ? new Float32Array(m * obsKind.size) : new Int32Array(m);
        truncatedFinal.forEach(([, o], j) => {
          if (o === undefined || o === null) throw new MetarenaError('METARENA_INVALID_STATE', 'ppo: a truncated episode ended without info.final_obs (same_step autoreset)', { field: 'info.final_obs' });
          if (obsKind.kind === 'box') flat.set(o as ArrayLike<number>, j * obsKind.size);
          else flat[j] = o as number;
        });
        const v = policy.values(policy.inputs(flat, m), m);
        truncatedFinal.forEach(([i], j) => (bufFinalValue[row + i] = v[j]));
      }
      for (const [i] of finalObs) if (result.terminated[i]) bufFinalValue[row + i] = 0;
      run.obs = nextObs;
      run.x = this.observe(nextObs, n);
    }

    // GAE, backwards over the rollout
    const lastValues = policy.values(run.x, n);
    const lastAdv = new Float64Array(n);
    for (let t = T - 1; t >= 0; t--) {
      for (let i = 0; i < n; i++) {
        const k = t * n + i;
        // the next observation's value: the following row's value, or the final observation's
        // value when the env was reset within this step (same_step / disabled)
        const nextIsReset = bufDone[k] === 1 && mode !== 'next_step';
        const nextValue = nextIsReset ? bufFinalValue[k] : t + 1 < T ? bufValues[k + n] : lastValues[i];
        const delta = bufRewards[k] + opts.gamma * (bufTerminated[k] ? 0 : nextValue) - bufValues[k];
        lastAdv[i] = delta + opts.gamma * opts.gaeLambda * (bufDone[k] ? 0 : lastAdv[i]);
        if (!bufValid[k]) lastAdv[i] = 0;
        advantages[k] = lastAdv[i];
        returns[k] = lastAdv[i] + bufValues[k];
      }
    }

    // optimise on the valid transitions
    const variables = policy.variables;
    const indices: number[] = [];
    for (let k = 0; k < batchSize; k++) if (bufValid[k]) indices.push(k);
    const m = indices.length;
    const mbSize = Math.ceil(m / opts.numMinibatches);
    let stats: tf.Tensor[] | undefined;
    let stop = false;
    for (let epoch = 0; epoch < opts.updateEpochs && !stop; epoch++) {
      shuffle(indices, rng);
      for (let start = 0; start < m; start += mbSize) {
        const mb = indices.slice(start, start + mbSize);
        const last = start + mbSize >= m;
        const b = mb.length;
        const mbObs = new Float32Array(b * inSize);
        const mbAct = new Float32Array(b * (discrete ? policy.numActions : aSize));
        const mbLogp = new Float32Array(b);
        const mbAdv = new Float32Array(b);
        const mbRet = new Float32Array(b);
        const mbVal = new Float32Array(b);
        let advMean = 0;
        for (let j = 0; j < b; j++) advMean += advantages[mb[j]];
        advMean /= b;
        let advVar = 0;
        for (let j = 0; j < b; j++) advVar += (advantages[mb[j]] - advMean) ** 2;
        const advStd = Math.sqrt(advVar / Math.max(1, b - 1));
        for (let j = 0; j < b; j++) {
          const k = mb[j];
          mbObs.set(bufObs.subarray(k * inSize, (k + 1) * inSize), j * inSize);
          // one-hot actions: the log-prob is Σ onehot × log-softmax (no gather gradient on wasm)
          if (discrete) mbAct[j * policy.numActions + bufActions[k]] = 1;
          else mbAct.set(bufActions.subarray(k * aSize, (k + 1) * aSize), j * aSize);
          mbLogp[j] = bufLogp[k];
          mbAdv[j] = opts.normAdvantages ? (advantages[k] - advMean) / (advStd + 1e-8) : advantages[k];
          mbRet[j] = returns[k];
          mbVal[j] = bufValues[k];
        }
        tf.tidy(() => {
          const xs = tf.tensor2d(mbObs, [b, inSize]);
          const acts = tf.tensor2d(mbAct, [b, discrete ? policy.numActions : aSize]);
          const oldLogp = tf.tensor1d(mbLogp);
          const adv = tf.tensor1d(mbAdv);
          const ret = tf.tensor1d(mbRet);
          const oldVal = tf.tensor1d(mbVal);
          const { value: _loss, grads } = tf.variableGrads(() => {
            const out = policy.actor.apply(xs);
            let newLogp: tf.Tensor;
            let entropy: tf.Tensor;
            if (discrete) {
              const logProbs = tf.logSoftmax(out);
              newLogp = tf.sum(tf.mul(logProbs, acts), 1);
              entropy = tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1));
            } else {
              const logStd = policy.logStd!;
              const z = tf.div(tf.sub(acts, out), tf.exp(logStd));
              newLogp = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * LOG_2PI)), 1);
              entropy = tf.add(tf.zeros([b]), tf.sum(tf.add(logStd, 0.5 + 0.5 * LOG_2PI)));
            }
            const logRatio = tf.sub(newLogp, oldLogp);
            const ratio = tf.exp(logRatio);
            const pg1 = tf.mul(tf.neg(adv), ratio);
            const pg2 = tf.mul(tf.neg(adv), tf.clipByValue(ratio, 1 - opts.clipCoef, 1 + opts.clipCoef));
            const pgLoss = tf.mean(tf.maximum(pg1, pg2));
            const newValue = tf.reshape(policy.critic.apply(xs), [b]);
            let vLoss: tf.Scalar;
            if (opts.clipVloss) {
              const unclipped = tf.square(tf.sub(newValue, ret));
              const clippedValue = tf.add(oldVal, tf.clipByValue(tf.sub(newValue, oldVal), -opts.clipCoef, opts.clipCoef));
              const clipped = tf.square(tf.sub(clippedValue, ret));
              vLoss = tf.mul(0.5, tf.mean(tf.maximum(unclipped, clipped)));
            } else {
              vLoss = tf.mul(0.5, tf.mean(tf.square(tf.sub(newValue, ret))));
            }
            const entropyMean = tf.mean(entropy);
            if (last || opts.targetKl !== null) {
              tf.dispose(stats);
              // approx KL (Schulman's k3 estimator) and the clipped fraction, as CleanRL logs them
              const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
              const clipFrac = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), opts.clipCoef), 'float32'));
              stats = [pgLoss, vLoss, entropyMean, approxKl, clipFrac].map((s) => tf.keep(s.clone()));
            }
            return tf.add(tf.sub(pgLoss, tf.mul(opts.entCoef, entropyMean)), tf.mul(opts.vfCoef, vLoss)) as tf.Scalar;
          }, variables);
          optimizer.applyGradients(clipByGlobalNorm(grads, opts.maxGradNorm) as tf.NamedTensorMap as Parameters<typeof optimizer.applyGradients>[0]);
        });
        if (opts.targetKl !== null && stats && stats[3].dataSync()[0] > opts.targetKl) {
          stop = true;
          break;
        }
      }
    }

    const [policyLoss, valueLoss, entropy, approxKl, clipFraction] = stats ? stats.map((s) => s.dataSync()[0]) : [NaN, NaN, NaN, NaN, NaN];
    tf.dispose(stats);
    this.episodeReturns.push(...finished);
    this.seconds += (performance.now() - started) / 1000;
    return {
      update,
      steps: this.steps,
      seconds: this.seconds,
      stepsPerSecond: (this.steps - stepsBefore) / ((performance.now() - started) / 1000),
      learningRate: lr,
      episodeReturn: finished.length ? finished.reduce((a, r) => a + r, 0) / finished.length : NaN,
      episodes: finished.length,
      policyLoss,
      valueLoss,
      entropy,
      approxKl,
      clipFraction,
    };
  }

  /** Writes the policy, the Adam state, counters, statistics and the random state to `dir`. */
  async save(dir: string): Promise<void> {
    const training: PPOTrainingState = {
      steps: this.steps,
      update: this.update,
      numUpdates: this.numUpdates,
      rng: this.rng.getState().map((v) => (Number.isNaN(v) ? null : v)),
      rewardStats: this.rewardStats?.toJSON() ?? null,
      seconds: this.seconds,
    };
    const adam = await optimizerTensors(this.optimizer, 'adam');
    try {
      await saveCheckpoint(dir, { meta: { ...this.model.meta(), training } as unknown as Record<string, unknown>, tensors: { ...this.model.namedVariables(), ...adam } });
    } finally {
      tf.dispose(Object.values(adam));
    }
  }

  /** Rebuilds a learner saved by `save` (or a policy saved by `PPOPolicy.save`, from step 0). */
  static async load(dir: string): Promise<PPOLearner> {
    await initBackend();
    const { meta, tensors } = await loadCheckpoint(dir);
    try {
      const learner = new PPOLearner(policyFromCheckpoint(dir, meta, tensors));
      const training = (meta as { training?: PPOTrainingState }).training;
      if (training) {
        await restoreOptimizer(learner.optimizer, tensors, learner.model.variables, 'adam');
        learner.steps = training.steps;
        learner.update = training.update;
        learner.numUpdates = training.numUpdates;
        learner.rng.setState(training.rng.map((v) => (v === null ? Number.NaN : v)));
        learner.rewardStats = training.rewardStats ? RunningMeanStd.fromJSON(training.rewardStats) : learner.rewardStats;
      }
      return learner;
    } finally {
      tf.dispose(Object.values(tensors));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.model.dispose();
  }
}

/**
 * Trains a PPO policy on `env` for `options.totalSteps` env steps (rounded down to whole
 * rollouts, at least one). `env` is reset here with `options.seed`; it is not closed.
 */
export async function trainPPO(env: VectorEnv, options: Partial<PPOOptions> = {}, { onLog }: { onLog?: (log: PPOLog) => void } = {}): Promise<PPOResult> {
  const learner = await PPOLearner.create(env.singleObservationSpace, env.singleActionSpace, options);
  const { totalSteps, numSteps } = learner.model.options;
  const batchSize = numSteps * env.numEnvs;
  const started = performance.now();
  await learner.train(env, Math.max(1, Math.floor(totalSteps / batchSize)) * batchSize, { onUpdate: onLog });
  learner.optimizer.dispose();
  return {
    policy: learner.model,
    metrics: { steps: learner.steps, updates: learner.update, seconds: (performance.now() - started) / 1000, episodeReturns: learner.episodeReturns, logs: learner.logs },
  };
}

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

/**
 * Returns of `episodes` whole episodes of `agent` in `env` (reset here with `seed`), split evenly
 * over the envs so that short episodes are not over-counted. Works in every autoreset mode;
 * `env` is not closed. An episode that never ends is cut after `maxSteps` vector steps.
 */
export async function evaluateEpisodes(
  env: VectorEnv,
  agent: Pick<Agent, 'act'> & Partial<Pick<Agent, 'start' | 'observe'>>,
  { episodes, seed, maxSteps = Number.POSITIVE_INFINITY }: { episodes: number; seed: number; maxSteps?: number },
): Promise<number[]> {
  const n = env.numEnvs;
  const quota = Array.from({ length: n }, (_, i) => Math.floor(episodes / n) + (i < episodes % n ? 1 : 0));
  const done = new Array<number>(n).fill(0);
  const running = new Float64Array(n);
  const pending = new Uint8Array(n);
  const returns: number[] = [];
  const reset = await env.reset({ seed });
  agent.start?.(reset);
  let obs = reset.obs;
  for (let t = 0; returns.length < episodes; t++) {
    if (t >= maxSteps) throw new MetarenaError('METARENA_LIMIT_EXCEEDED', `evaluation: ${episodes} episodes did not end within ${maxSteps} steps`, { field: 'episodes' });
    const actions = await agent.act(obs);
    const r = await env.step(actions);
    await agent.observe?.(actions, r);
    for (let i = 0; i < n; i++) {
      if (env.autoresetMode === 'next_step' && pending[i]) {
        pending[i] = 0;
        continue;
      }
      running[i] += r.rewards[i];
      if (r.terminated[i] || r.truncated[i]) {
        if (done[i] < quota[i]) returns.push(running[i]);
        done[i]++;
        running[i] = 0;
        pending[i] = 1;
      }
    }
    obs = r.obs;
    if (env.autoresetMode === 'disabled' && pending.some(Boolean)) {
      obs = (await env.reset({ options: { mask: pending } })).obs;
      pending.fill(0);
    }
  }
  return returns;
}

/**
 * Returns of `episodes` full episodes of `policy` in `env` (reset here with `seed`), split
 * evenly over the envs so that short episodes are not over-counted. `env` is not closed.
 */
export function evaluatePolicy(env: VectorEnv, policy: PPOPolicy, { episodes, seed, deterministic = true }: { episodes: number; seed: number; deterministic?: boolean }): Promise<number[]> {
  const n = env.numEnvs;
  const rng = new Rng(deriveSeed(seed, 'ppo-eval'));
  return evaluateEpisodes(env, { act: (obs) => policy.act(obs, { n, deterministic, rng }) }, { episodes, seed });
}

/** `--set` options of the `ppo` learner (the fields of `PPOOptions`; targetKl 0 means none). */
export const PPO_OPTIONS = {
  totalSteps: { type: 'integer', default: PPO_DEFAULTS.totalSteps, min: 1, description: 'planned run length in env steps: the learning rate decays to 0 over it (metarena train sets it to --steps)' },
  numSteps: { type: 'integer', default: PPO_DEFAULTS.numSteps, min: 1, description: 'rollout length per env between updates' },
  learningRate: { type: 'number', default: PPO_DEFAULTS.learningRate, min: 0, description: 'Adam step size at the start (> 0)' },
  annealLr: { type: 'boolean', default: PPO_DEFAULTS.annealLr, description: 'decay the learning rate linearly over totalSteps' },
  gamma: { type: 'number', default: PPO_DEFAULTS.gamma, min: 0, max: 1, description: 'discount factor' },
  gaeLambda: { type: 'number', default: PPO_DEFAULTS.gaeLambda, min: 0, max: 1, description: 'GAE lambda' },
  numMinibatches: { type: 'integer', default: PPO_DEFAULTS.numMinibatches, min: 1, description: 'minibatches per epoch' },
  updateEpochs: { type: 'integer', default: PPO_DEFAULTS.updateEpochs, min: 1, description: 'passes over each rollout' },
  normAdvantages: { type: 'boolean', default: PPO_DEFAULTS.normAdvantages, description: 'normalise advantages per minibatch' },
  clipCoef: { type: 'number', default: PPO_DEFAULTS.clipCoef, min: 0, description: 'clip range of the probability ratio (> 0)' },
  clipVloss: { type: 'boolean', default: PPO_DEFAULTS.clipVloss, description: 'clip the value update around the rollout values' },
  entCoef: { type: 'number', default: PPO_DEFAULTS.entCoef, min: 0, description: 'entropy bonus weight' },
  vfCoef: { type: 'number', default: PPO_DEFAULTS.vfCoef, min: 0, description: 'value loss weight' },
  maxGradNorm: { type: 'number', default: PPO_DEFAULTS.maxGradNorm, min: 0, description: 'global gradient-norm bound (> 0)' },
  targetKl: { type: 'number', default: 0, min: 0, description: "stop an update's epochs once the approximate KL exceeds this (0: never)" },
  hidden: { type: 'integers', default: PPO_DEFAULTS.hidden, min: 1, description: 'hidden layer widths of actor and critic, e.g. 64,64' },
  activation: { type: 'string', default: PPO_DEFAULTS.activation, choices: ['tanh', 'relu'], description: 'hidden activation' },
  normalizeObservation: { type: 'boolean', default: PPO_DEFAULTS.normalizeObservation, description: 'normalise observations by running mean and variance' },
  obsClip: { type: 'number', default: PPO_DEFAULTS.obsClip, min: 0, description: 'clip normalised observations to ±obsClip (> 0)' },
  normalizeReward: { type: 'boolean', default: PPO_DEFAULTS.normalizeReward, description: 'scale rewards by the running std of the discounted return' },
  rewardClip: { type: 'number', default: PPO_DEFAULTS.rewardClip, min: 0, description: 'clip scaled rewards to ±rewardClip (> 0)' },
  initLogStd: { type: 'number', default: PPO_DEFAULTS.initLogStd, description: 'initial log-std of the Gaussian policy (Box actions)' },
} as const satisfies ArgSpecs;

/** The `ppo` learner plugin (`metarena train --agent ppo`); defaults solve CartPole-v1 with 8 envs. */
export const ppoLearner: LearnerPlugin<typeof PPO_OPTIONS> = {
  name: 'ppo',
  description: 'PPO (clipped surrogate, GAE) for Discrete or Box actions, Box or Discrete observations',
  options: PPO_OPTIONS,
  defaultNumEnvs: 8,
  fits(spec: AgentEnvSpec) {
    try {
      observationKind(spec.observationSpace);
      actionKind(spec.actionSpace);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
  create(spec: AgentEnvSpec, o: ArgsOf<typeof PPO_OPTIONS>, seed: number) {
    const { targetKl, hidden, activation, ...rest } = o;
    return PPOLearner.create(spec.observationSpace, spec.actionSpace, { ...rest, hidden: [...hidden], activation: activation as Activation, targetKl: targetKl > 0 ? targetKl : null, seed });
  },
  load: (dir: string) => PPOLearner.load(dir),
};
