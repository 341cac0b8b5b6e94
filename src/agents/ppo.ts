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
 */
import * as tf from '@tensorflow/tfjs';
import { Box, Discrete, MetarenaError, Rng, deriveSeed, show } from '../core/index.ts';
import type { Batch, Space, VectorEnv, VectorResetResult, VectorStepResult } from '../core/index.ts';
import { type Activation, Mlp, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../nn/index.ts';
import type { Agent } from './agent.ts';

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
    private readonly spaces: { observation: unknown; action: unknown },
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

  /** Writes the policy (both networks, log-std, observation statistics, options) to `dir`. */
  async save(dir: string): Promise<void> {
    const actKind = this.actKind.kind === 'discrete' ? this.actKind : { kind: 'box' as const, size: this.actKind.size, low: [...this.actKind.low], high: [...this.actKind.high] };
    const meta: PolicyMeta = {
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
    await saveCheckpoint(dir, { meta: meta as unknown as Record<string, unknown>, tensors: this.namedVariables() });
  }

  /** Reads a policy written by `save`. */
  static async load(dir: string): Promise<PPOPolicy> {
    await initBackend();
    const { meta, tensors } = await loadCheckpoint(dir);
    const m = meta as unknown as PolicyMeta;
    if (m.agent !== 'ppo') {
      tf.dispose(Object.values(tensors));
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint in ${show(dir)} was written by ${show(m.agent)}, not ppo`, { field: 'checkpoint' });
    }
    const actKind: ActKind = m.actKind.kind === 'discrete' ? m.actKind : { kind: 'box', size: m.actKind.size, low: Float64Array.from(m.actKind.low), high: Float64Array.from(m.actKind.high) };
    const policy = new PPOPolicy(m.obsKind, actKind, m.options, { observation: m.observationSpace, action: m.actionSpace });
    try {
      assignVariables(policy.namedVariables(), tensors, `checkpoint ${dir}`);
    } finally {
      tf.dispose(Object.values(tensors));
    }
    policy.obsStats = m.obsStats ? RunningMeanStd.fromJSON(m.obsStats) : null;
    return policy;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.actor.dispose();
    this.critic.dispose();
    this.logStd?.dispose();
  }
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

/**
 * Trains a PPO policy on `env` for `options.totalSteps` env steps (rounded down to whole
 * rollouts, at least one). `env` is reset here with `options.seed`; it is not closed.
 */
export async function trainPPO(env: VectorEnv, options: Partial<PPOOptions> = {}, { onLog }: { onLog?: (log: PPOLog) => void } = {}): Promise<PPOResult> {
  const opts: PPOOptions = { ...PPO_DEFAULTS, ...options, hidden: [...(options.hidden ?? PPO_DEFAULTS.hidden)] };
  checkOptions(opts);
  await initBackend();
  const obsKind = observationKind(env.singleObservationSpace);
  const actKind = actionKind(env.singleActionSpace);
  const policy = new PPOPolicy(obsKind, actKind, opts, { observation: env.singleObservationSpace.toJSON(), action: env.singleActionSpace.toJSON() });
  const rng = new Rng(deriveSeed(opts.seed, 'ppo'));
  const n = env.numEnvs;
  const T = opts.numSteps;
  const batchSize = T * n;
  const inSize = policy.inputSize;
  const discrete = actKind.kind === 'discrete';
  const aSize = discrete ? 1 : actKind.size;
  const numUpdates = Math.max(1, Math.floor(opts.totalSteps / batchSize));
  const mode = env.autoresetMode;

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

  const optimizer = tf.train.adam(opts.learningRate, 0.9, 0.999, 1e-5);
  const setLearningRate = (lr: number) => {
    // AdamOptimizer reads this field at every step; tfjs has no public setter
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
  };
  const variables = policy.variables;
  const rewardStats = opts.normalizeReward ? new RunningMeanStd(1) : null;
  const discountedReturn = new Float64Array(n);

  let reset = await env.reset({ seed: opts.seed });
  let obs = reset.obs;
  /** 1 where the last step ended the env's episode and (next_step mode) the next step resets it. */
  let pendingReset = new Uint8Array(n);
  const episodeReturn = new Float64Array(n);
  const episodeReturns: number[] = [];
  const logs: PPOLog[] = [];
  const started = performance.now();
  let steps = 0;
  const inputs = (o: Batch) => {
    if (policy.obsStats) policy.obsStats.update(o as ArrayLike<number>, n);
    return policy.inputs(o, n);
  };
  let x = inputs(obs);
  const actionBatch = discrete ? new Int32Array(n) : new Float32Array(n * aSize);

  for (let update = 1; update <= numUpdates; update++) {
    const lr = opts.annealLr ? opts.learningRate * (1 - (update - 1) / numUpdates) : opts.learningRate;
    setLearningRate(lr);
    const returnsBefore = episodeReturns.length;

    for (let t = 0; t < T; t++) {
      const row = t * n;
      bufObs.set(x, row * inSize);
      const { out, values } = policy.forward(x, n, true);
      const stds = discrete ? undefined : policy.stds();
      for (let i = 0; i < n; i++) {
        const k = row + i;
        bufValues[k] = values![i];
        bufValid[k] = mode === 'next_step' && pendingReset[i] ? 0 : 1;
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
      steps += n;
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
        pendingReset[i] = done ? 1 : 0;
        if (done) {
          episodeReturns.push(episodeReturn[i]);
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
        pendingReset = new Uint8Array(n);
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
      obs = nextObs;
      x = inputs(obs);
    }

    // GAE, backwards over the rollout
    const lastValues = policy.values(x, n);
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
    const seconds = (performance.now() - started) / 1000;
    const finished = episodeReturns.slice(returnsBefore);
    const log: PPOLog = {
      update,
      steps,
      seconds,
      stepsPerSecond: steps / seconds,
      learningRate: lr,
      episodeReturn: finished.length ? finished.reduce((a, r) => a + r, 0) / finished.length : NaN,
      episodes: finished.length,
      policyLoss,
      valueLoss,
      entropy,
      approxKl,
      clipFraction,
    };
    logs.push(log);
    onLog?.(log);
  }
  optimizer.dispose();
  return { policy, metrics: { steps, updates: numUpdates, seconds: (performance.now() - started) / 1000, episodeReturns, logs } };
}

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}

/**
 * Returns of `episodes` full episodes of `policy` in `env` (reset here with `seed`), split
 * evenly over the envs so that short episodes are not over-counted. `env` is not closed.
 */
export async function evaluatePolicy(env: VectorEnv, policy: PPOPolicy, { episodes, seed, deterministic = true }: { episodes: number; seed: number; deterministic?: boolean }): Promise<number[]> {
  const n = env.numEnvs;
  const quota = Array.from({ length: n }, (_, i) => Math.floor(episodes / n) + (i < episodes % n ? 1 : 0));
  const done = new Array<number>(n).fill(0);
  const running = new Float64Array(n);
  const pending = new Uint8Array(n);
  const returns: number[] = [];
  const rng = new Rng(deriveSeed(seed, 'ppo-eval'));
  let obs = (await env.reset({ seed })).obs;
  while (returns.length < episodes) {
    const actions = policy.act(obs, { n, deterministic, rng });
    const r = await env.step(actions);
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
