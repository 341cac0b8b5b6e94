/**
 * Deep Q-Networks (Mnih et al., 2015) in the style of CleanRL's `dqn.py` and Stable-Baselines3's
 * DQN, with the Double DQN target (van Hasselt et al., 2016) and the dueling architecture (Wang
 * et al., 2016) as options. Three learner plugins share this file:
 * - `dqn`: the target `r + γ·max_a Q_target(s', a)`;
 * - `double-dqn`: the online network picks `a' = argmax_a Q(s', a)`, the target network values it;
 * - `dueling-dqn`: `Q = V(s) + A(s, a) − mean_a A(s, a)` from a shared trunk and two streams,
 *   with the Double DQN target, as Wang et al. trained it.
 *
 * Training: ε-greedy actions (ε decays linearly from `explorationInitialEps` to
 * `explorationFinalEps` over `explorationFraction × totalSteps` env steps); every transition goes
 * to a uniform replay buffer; once `learningStarts` env steps are done, every `trainFreq` env
 * steps run `gradientSteps` Adam steps on minibatches of `batchSize` with the Huber (or squared)
 * TD error, clipped to a global gradient norm; every `targetUpdateInterval` env steps the target
 * network moves to `tau·online + (1 − tau)·target` (tau 1: a copy). Env steps are counted over
 * all envs of the vector env.
 *
 * Spaces: Box observations (flattened), Discrete actions. Autoreset: `next_step` (the reset
 * step's transition is not stored), `same_step` (`info.final_obs` is the next observation of the
 * finished episode's last transition) and `disabled` (finished envs are reset here). A time-limit
 * truncation stores `terminated = 0`, so it bootstraps.
 *
 * Checkpoints hold both networks, the Adam state, the replay buffer (unless `saveReplay` is
 * false), the counters and the random state.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, type ArgsOf, type Batch, Box, Discrete, MetarenaError, Rng, type Space, type VectorEnv, type VectorResetResult, deriveSeed, show, spaceFromJSON } from '../core/index.ts';
import { Mlp, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../nn/index.ts';
import { optimizerTensors, restoreOptimizer } from '../nn/optimizer-state.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from './learner.ts';
import { ReplayBuffer, type ReplayState } from './replay-buffer.ts';

export interface DQNOptions {
  /** Planned run length in env steps; the ε schedule is a fraction of it. */
  totalSteps: number;
  learningRate: number;
  /** Replay buffer capacity (transitions). */
  bufferSize: number;
  batchSize: number;
  gamma: number;
  /** Env steps of pure exploration before the first update. */
  learningStarts: number;
  /** Env steps between training phases. */
  trainFreq: number;
  /** Adam steps per training phase. */
  gradientSteps: number;
  /** Env steps between target-network updates. */
  targetUpdateInterval: number;
  /** Polyak weight of a target update (1: copy the online network). */
  tau: number;
  explorationFraction: number;
  explorationInitialEps: number;
  explorationFinalEps: number;
  loss: 'huber' | 'mse';
  /** Global gradient-norm bound (0: none). */
  maxGradNorm: number;
  /** Hidden layer widths (relu). */
  hidden: number[];
  /** Double DQN target. */
  double: boolean;
  /** Dueling value/advantage streams. */
  dueling: boolean;
  /** Keep the replay buffer in checkpoints, so that a resumed run learns as if it never stopped. */
  saveReplay: boolean;
}

/**
 * rl-zoo's CartPole-v1 DQN settings (lr 2.3e-3, batch 64, buffer 100k, learning_starts 1000,
 * γ 0.99, target update every 10 steps, exploration over 16% to ε 0.04, Huber loss, gradient
 * norm 10) with a [64, 64] network and shorter training phases (32 gradient steps every 64 env
 * steps instead of 128 every 256 with [256, 256]: the same ratio of updates to steps), which
 * runs several times faster on tfjs-wasm, and a 30k-step plan (ε reaches its floor after 4,800
 * steps), with which CartPole-v1 is solved with 4 envs in 16–18k steps (seeds 1–3).
 */
export const DQN_DEFAULTS: Readonly<DQNOptions> = Object.freeze({
  totalSteps: 30_000,
  learningRate: 2.3e-3,
  bufferSize: 100_000,
  batchSize: 64,
  gamma: 0.99,
  learningStarts: 1_000,
  trainFreq: 64,
  gradientSteps: 32,
  targetUpdateInterval: 10,
  tau: 1,
  explorationFraction: 0.16,
  explorationInitialEps: 1,
  explorationFinalEps: 0.04,
  loss: 'huber',
  maxGradNorm: 10,
  hidden: [64, 64],
  double: false,
  dueling: false,
  saveReplay: true,
});

/** Q(s, ·) for a batch of observations: a plain MLP or dueling streams on a shared trunk. */
class QNetwork {
  private readonly plain: Mlp | undefined;
  private readonly trunk: Mlp | undefined;
  private readonly value: Mlp | undefined;
  private readonly advantage: Mlp | undefined;

  constructor(inputs: number, readonly actions: number, hidden: readonly number[], dueling: boolean, seed: number, name: string) {
    if (!dueling) {
      this.plain = new Mlp({ inputs, hidden, outputs: actions, activation: 'relu', seed, name });
      return;
    }
    if (hidden.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', 'dqn option hidden must have at least one layer for dueling streams', { field: 'hidden' });
    const last = hidden[hidden.length - 1];
    let width = inputs;
    if (hidden.length > 1) {
      width = hidden[hidden.length - 2];
      this.trunk = new Mlp({ inputs, hidden: hidden.slice(0, -2), outputs: width, activation: 'relu', seed: deriveSeed(seed, 'trunk'), name: `${name}/trunk` });
    }
    this.value = new Mlp({ inputs: width, hidden: [last], outputs: 1, activation: 'relu', seed: deriveSeed(seed, 'value'), name: `${name}/value` });
    this.advantage = new Mlp({ inputs: width, hidden: [last], outputs: actions, activation: 'relu', seed: deriveSeed(seed, 'advantage'), name: `${name}/advantage` });
  }

  private get parts(): Mlp[] {
    return [this.plain, this.trunk, this.value, this.advantage].filter((m): m is Mlp => m !== undefined);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    if (this.plain) return this.plain.apply(x);
    const h = this.trunk ? tf.relu(this.trunk.apply(x)) : x;
    const a = this.advantage!.apply(h);
    return tf.add(this.value!.apply(h), tf.sub(a, tf.mean(a, 1, true)));
  }

  get variables(): tf.Variable[] {
    return this.parts.flatMap((m) => m.variables);
  }

  namedVariables(): Record<string, tf.Variable> {
    return Object.assign({}, ...this.parts.map((m) => m.namedVariables()));
  }

  /** Moves the weights to `tau·source + (1 − tau)·these`. */
  track(source: QNetwork, tau: number): void {
    const from = source.variables;
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tau === 1 ? from[i] : tf.add(tf.mul(from[i], tau), tf.mul(v, 1 - tau)))));
  }

  dispose(): void {
    for (const m of this.parts) m.dispose();
  }
}

interface DQNMeta {
  agent: string;
  seed: number;
  observationSpace: unknown;
  actionSpace: unknown;
  options: DQNOptions;
  training: {
    steps: number;
    gradientSteps: number;
    rng: (number | null)[];
    seconds: number;
    replay: ReplayState | null;
  };
}

interface RunState {
  env: VectorEnv;
  obs: Float32Array;
  pendingReset: Uint8Array;
  episodeReturn: Float64Array;
}

function checkOptions(o: DQNOptions, name: string): void {
  const bad = (field: string, allowed: string) => {
    throw new MetarenaError('METARENA_INVALID_OPTION', `${name} option ${field} must be ${allowed}, got ${show((o as unknown as Record<string, unknown>)[field])}`, { field, allowed });
  };
  for (const f of ['totalSteps', 'bufferSize', 'batchSize', 'trainFreq', 'gradientSteps', 'targetUpdateInterval'] as const) if (!Number.isSafeInteger(o[f]) || o[f] < 1) bad(f, 'a positive integer');
  if (!Number.isSafeInteger(o.learningStarts) || o.learningStarts < 0) bad('learningStarts', 'an integer >= 0');
  if (!(o.learningRate > 0)) bad('learningRate', 'a number > 0');
  for (const f of ['gamma', 'explorationFraction', 'explorationInitialEps', 'explorationFinalEps'] as const) if (!(o[f] >= 0 && o[f] <= 1)) bad(f, 'a number in [0, 1]');
  if (!(o.tau > 0 && o.tau <= 1)) bad('tau', 'a number in (0, 1]');
  if (!(o.maxGradNorm >= 0)) bad('maxGradNorm', 'a number >= 0');
  if (o.loss !== 'huber' && o.loss !== 'mse') bad('loss', 'huber or mse');
  if (!Array.isArray(o.hidden) || !o.hidden.every((h) => Number.isInteger(h) && h > 0)) bad('hidden', 'a list of positive integers');
}

/** Why a DQN cannot run with these spaces, or undefined. */
function spaceProblem(observation: Space, action: Space): string | undefined {
  if (!(observation instanceof Box)) return `needs a Box observation space, got ${observation.type}`;
  if (!(action instanceof Discrete)) return `needs a Discrete action space, got ${action.type}`;
  return undefined;
}

export class DQNLearner implements Learner {
  steps = 0;
  /** Adam steps taken. */
  gradientSteps = 0;
  readonly online: QNetwork;
  readonly target: QNetwork;
  readonly optimizer: tf.AdamOptimizer;
  readonly replay: ReplayBuffer;
  private readonly rng: Rng;
  private readonly obsSize: number;
  private readonly numActions: number;
  private readonly actionStart: number;
  private seconds = 0;
  private run: RunState | undefined;
  private disposed = false;

  constructor(
    readonly name: string,
    readonly observationSpace: Space,
    readonly actionSpace: Space,
    readonly options: DQNOptions,
    /** Seeds the networks, exploration, sampling and the env resets. */
    readonly seed: number,
  ) {
    checkOptions(options, name);
    const why = spaceProblem(observationSpace, actionSpace);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', `${name} ${why}`, { field: 'spaces' });
    this.obsSize = (observationSpace as Box).size;
    this.numActions = (actionSpace as Discrete).n;
    this.actionStart = (actionSpace as Discrete).start;
    this.online = new QNetwork(this.obsSize, this.numActions, options.hidden, options.dueling, deriveSeed(seed, 'q'), 'q');
    this.target = new QNetwork(this.obsSize, this.numActions, options.hidden, options.dueling, deriveSeed(seed, 'q'), 'q_target');
    this.target.track(this.online, 1);
    this.optimizer = tf.train.adam(options.learningRate);
    this.replay = new ReplayBuffer(options.bufferSize, this.obsSize, 1);
    this.rng = new Rng(deriveSeed(seed, name));
  }

  /** ε at env step `steps` of the linear schedule. */
  epsilon(steps = this.steps): number {
    const o = this.options;
    const span = o.explorationFraction * o.totalSteps;
    const frac = span > 0 ? Math.min(1, steps / span) : 1;
    return o.explorationInitialEps + frac * (o.explorationFinalEps - o.explorationInitialEps);
  }

  /** Q values of `n` observations, row-major [n × actions]. */
  qValues(obs: ArrayLike<number>, n: number): Float32Array {
    if (obs.length !== n * this.obsSize) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: expected ${n} observations of ${this.obsSize} numbers, got ${obs.length} numbers`, { field: 'obs' });
    return tf.tidy(() => this.online.apply(tf.tensor2d(Float32Array.from(obs), [n, this.obsSize])).dataSync() as Float32Array);
  }

  /** ε-greedy actions (greedy when ε is 0), as action-space values. */
  act(obs: ArrayLike<number>, n: number, epsilon: number, rng: Rng): Int32Array {
    const q = this.qValues(obs, n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let a: number;
      if (epsilon > 0 && rng.random() < epsilon) a = rng.integer(this.numActions);
      else {
        a = 0;
        for (let k = 1; k < this.numActions; k++) if (q[i * this.numActions + k] > q[i * this.numActions + a]) a = k;
      }
      out[i] = a + this.actionStart;
    }
    return out;
  }

  policy({ deterministic = true, seed = 0, name = this.name }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = new Rng(seed);
    const epsilon = deterministic ? 0 : this.options.explorationFinalEps;
    return {
      name,
      start: (_reset: VectorResetResult) => {},
      act: (obs: Batch) => {
        const flat = obs as ArrayLike<number>;
        return this.act(flat, flat.length / this.obsSize, epsilon, rng);
      },
      observe: () => {},
    };
  }

  private async bind(env: VectorEnv): Promise<RunState> {
    const why = spaceProblem(env.singleObservationSpace, env.singleActionSpace);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', `${this.name} ${why}`, { field: 'env' });
    if ((env.singleObservationSpace as Box).size !== this.obsSize || (env.singleActionSpace as Discrete).n !== this.numActions) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: the env's spaces are not the ones this learner was built for`, { field: 'env' });
    }
    const seed = this.steps === 0 ? this.seed : deriveSeed(this.seed, 'resume', this.steps);
    const n = env.numEnvs;
    const reset = await env.reset({ seed });
    this.run = { env, obs: Float32Array.from(reset.obs as ArrayLike<number>), pendingReset: new Uint8Array(n), episodeReturn: new Float64Array(n) };
    return this.run;
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    if (this.disposed) throw new MetarenaError('METARENA_INVALID_STATE', `${this.name}: this learner was disposed`, { field: 'learner' });
    await initBackend();
    const run = this.run?.env === env ? this.run : await this.bind(env);
    const o = this.options;
    const n = env.numEnvs;
    const mode = env.autoresetMode;
    let losses: { loss: number; q: number } | undefined;
    const logWindow = new LogWindow(this.steps);
    const log = () => {
      const line = logWindow.end(this.steps, this.seconds, { q_loss: losses?.loss ?? Number.NaN, q_mean: losses?.q ?? Number.NaN, epsilon: this.epsilon() });
      this.seconds = line.seconds;
      hooks.onLog?.(line);
    };
    const logEvery = Math.max(1_000, o.trainFreq);
    const actions = new Float32Array(n);
    while (this.steps < untilSteps) {
      const chosen = this.act(run.obs, n, this.epsilon(), this.rng);
      const result = await env.step(chosen);
      const prev = this.steps;
      this.steps += n;
      let next = result.obs as ArrayLike<number>;
      const finalObs = result.info.final_obs as (ArrayLike<number> | null | undefined)[] | undefined;
      const doneMask = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        actions[i] = chosen[i] - this.actionStart;
        if (mode === 'next_step' && run.pendingReset[i]) {
          run.pendingReset[i] = 0;
          continue;
        }
        const term = result.terminated[i] === 1;
        const done = term || result.truncated[i] === 1;
        run.episodeReturn[i] += result.rewards[i];
        if (mode === 'same_step' && done) {
          const f = finalObs?.[i];
          if (!f) throw new MetarenaError('METARENA_INVALID_STATE', `${this.name}: an episode ended without info.final_obs (same_step autoreset)`, { field: 'info.final_obs' });
          this.replay.add(run.obs, actions, result.rewards[i], Float32Array.from(f), term, i, 0);
        } else {
          this.replay.add(run.obs, actions, result.rewards[i], next, term, i, i);
        }
        if (done) {
          logWindow.episodeEnded(run.episodeReturn[i]);
          run.episodeReturn[i] = 0;
          doneMask[i] = 1;
          if (mode === 'next_step') run.pendingReset[i] = 1;
        }
      }
      if (mode === 'disabled' && doneMask.some(Boolean)) next = (await env.reset({ options: { mask: doneMask } })).obs as ArrayLike<number>;
      run.obs = Float32Array.from(next);
      if (Math.floor(this.steps / o.targetUpdateInterval) > Math.floor(prev / o.targetUpdateInterval)) this.target.track(this.online, o.tau);
      if (this.steps >= o.learningStarts && Math.floor(this.steps / o.trainFreq) > Math.floor(prev / o.trainFreq) && this.replay.size > 0) {
        losses = this.update(o.gradientSteps);
      }
      if (Math.floor(this.steps / logEvery) > Math.floor(prev / logEvery)) log();
    }
    if (logWindow.hasSteps(this.steps)) log();
  }

  /** `count` Adam steps on replay minibatches; the last step's loss and mean Q. */
  private update(count: number): { loss: number; q: number } {
    const o = this.options;
    const { obsSize: d, numActions: k } = this;
    const b = o.batchSize;
    let lastLoss: tf.Tensor | undefined;
    let lastQ: tf.Tensor | undefined;
    const onlineVars = this.online.variables;
    for (let s = 0; s < count; s++) {
      const batch = this.replay.sample(b, this.rng);
      const onehot = new Float32Array(b * k);
      for (let r = 0; r < b; r++) onehot[r * k + batch.actions[r]] = 1;
      tf.tidy(() => {
        const xs = tf.tensor2d(batch.obs, [b, d]);
        const nxs = tf.tensor2d(batch.nextObs, [b, d]);
        const acts = tf.tensor2d(onehot, [b, k]);
        const nextTarget = this.target.apply(nxs);
        const nextValue = o.double ? tf.sum(tf.mul(nextTarget, tf.oneHot(tf.argMax(this.online.apply(nxs), 1), k)), 1) : tf.max(nextTarget, 1);
        const y = tf.add(tf.tensor1d(batch.rewards), tf.mul(tf.mul(o.gamma, tf.sub(1, tf.tensor1d(batch.terminated))), nextValue));
        const { grads } = tf.variableGrads(() => {
          const qa = tf.sum(tf.mul(this.online.apply(xs), acts), 1);
          const err = tf.sub(qa, y);
          let loss: tf.Scalar;
          if (o.loss === 'mse') loss = tf.mean(tf.square(err));
          else {
            // Huber with δ = 1 (SB3's smooth L1)
            const abs = tf.abs(err);
            const quad = tf.minimum(abs, 1);
            loss = tf.mean(tf.add(tf.mul(0.5, tf.square(quad)), tf.sub(abs, quad)));
          }
          tf.dispose([lastLoss, lastQ]);
          lastLoss = tf.keep(loss.clone());
          lastQ = tf.keep(tf.mean(qa));
          return loss;
        }, onlineVars);
        this.optimizer.applyGradients((o.maxGradNorm > 0 ? clipByGlobalNorm(grads, o.maxGradNorm) : grads) as Parameters<typeof this.optimizer.applyGradients>[0]);
      });
      this.gradientSteps++;
    }
    const out = { loss: lastLoss!.dataSync()[0], q: lastQ!.dataSync()[0] };
    tf.dispose([lastLoss, lastQ]);
    return out;
  }

  async save(dir: string): Promise<void> {
    const replayState = this.options.saveReplay ? this.replay.state() : null;
    const meta: DQNMeta = {
      agent: this.name,
      seed: this.seed,
      observationSpace: this.observationSpace.toJSON(),
      actionSpace: this.actionSpace.toJSON(),
      options: this.options,
      training: { steps: this.steps, gradientSteps: this.gradientSteps, rng: this.rng.getState().map((v) => (Number.isNaN(v) ? null : v)), seconds: this.seconds, replay: replayState },
    };
    const owned: tf.NamedTensorMap = await optimizerTensors(this.optimizer, 'adam');
    if (replayState && replayState.size > 0) {
      const m = replayState.size;
      const r = this.replay;
      owned['replay/obs'] = tf.tensor2d(r.obs.subarray(0, m * this.obsSize), [m, this.obsSize]);
      owned['replay/next_obs'] = tf.tensor2d(r.nextObs.subarray(0, m * this.obsSize), [m, this.obsSize]);
      owned['replay/actions'] = tf.tensor1d(r.actions.subarray(0, m));
      owned['replay/rewards'] = tf.tensor1d(r.rewards.subarray(0, m));
      owned['replay/terminated'] = tf.tensor1d(r.terminated.subarray(0, m));
    }
    try {
      await saveCheckpoint(dir, { meta: meta as unknown as Record<string, unknown>, tensors: { ...this.online.namedVariables(), ...this.target.namedVariables(), ...owned } });
    } finally {
      tf.dispose(Object.values(owned));
    }
  }

  /** Rebuilds a learner saved by `save`. */
  static async load(dir: string, expected?: string): Promise<DQNLearner> {
    await initBackend();
    const { meta, tensors } = await loadCheckpoint(dir);
    try {
      const m = meta as unknown as DQNMeta;
      if (!DQN_NAMES.includes(m.agent) || (expected !== undefined && m.agent !== expected)) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint in ${show(dir)} was written by ${show(m.agent)}, not ${expected ?? DQN_NAMES.join('/')}`, { field: 'checkpoint' });
      }
      const learner = new DQNLearner(m.agent, spaceFromJSON(m.observationSpace, 'checkpoint.observationSpace'), spaceFromJSON(m.actionSpace, 'checkpoint.actionSpace'), m.options, m.seed);
      try {
        assignVariables({ ...learner.online.namedVariables(), ...learner.target.namedVariables() }, tensors, `checkpoint ${dir}`);
        await restoreOptimizer(learner.optimizer, tensors, learner.online.variables, 'adam');
        const t = m.training;
        learner.steps = t.steps;
        learner.gradientSteps = t.gradientSteps;
        learner.rng.setState(t.rng.map((v) => (v === null ? Number.NaN : v)));
        if (t.replay && t.replay.size > 0) {
          const r = learner.replay;
          r.obs.set(tensors['replay/obs'].dataSync() as Float32Array);
          r.nextObs.set(tensors['replay/next_obs'].dataSync() as Float32Array);
          r.actions.set(tensors['replay/actions'].dataSync() as Float32Array);
          r.rewards.set(tensors['replay/rewards'].dataSync() as Float32Array);
          r.terminated.set(tensors['replay/terminated'].dataSync() as Float32Array);
          r.restore(t.replay);
        }
      } catch (e) {
        learner.dispose();
        throw e;
      }
      return learner;
    } finally {
      tf.dispose(Object.values(tensors));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.online.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }
}

/** Scales `grads` so that their global L2 norm is at most `maxNorm` (torch's clip_grad_norm_). */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k])))));
    const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    return Object.fromEntries(names.map((k) => [k, tf.mul(grads[k], scale)]));
  });
}

const DQN_NAMES = ['dqn', 'double-dqn', 'dueling-dqn'];

function optionSpecs(defaults: { double: boolean; dueling: boolean }) {
  const D = DQN_DEFAULTS;
  return {
    totalSteps: { type: 'integer', default: D.totalSteps, min: 1, description: 'planned run length in env steps; ε decays over explorationFraction of it (metarena train sets it to --steps)' },
    learningRate: { type: 'number', default: D.learningRate, min: 0, description: 'Adam step size (> 0)' },
    bufferSize: { type: 'integer', default: D.bufferSize, min: 1, description: 'replay capacity in transitions' },
    batchSize: { type: 'integer', default: D.batchSize, min: 1, description: 'minibatch size' },
    gamma: { type: 'number', default: D.gamma, min: 0, max: 1, description: 'discount factor' },
    learningStarts: { type: 'integer', default: D.learningStarts, min: 0, description: 'env steps before the first update' },
    trainFreq: { type: 'integer', default: D.trainFreq, min: 1, description: 'env steps between training phases' },
    gradientSteps: { type: 'integer', default: D.gradientSteps, min: 1, description: 'Adam steps per training phase' },
    targetUpdateInterval: { type: 'integer', default: D.targetUpdateInterval, min: 1, description: 'env steps between target-network updates' },
    tau: { type: 'number', default: D.tau, min: 0, max: 1, description: 'Polyak weight of a target update (1: copy; > 0)' },
    explorationFraction: { type: 'number', default: D.explorationFraction, min: 0, max: 1, description: 'fraction of totalSteps over which ε decays' },
    explorationInitialEps: { type: 'number', default: D.explorationInitialEps, min: 0, max: 1, description: 'ε at the start' },
    explorationFinalEps: { type: 'number', default: D.explorationFinalEps, min: 0, max: 1, description: 'ε after the decay' },
    loss: { type: 'string', default: D.loss, choices: ['huber', 'mse'], description: 'TD loss' },
    maxGradNorm: { type: 'number', default: D.maxGradNorm, min: 0, description: 'global gradient-norm bound (0: none)' },
    hidden: { type: 'integers', default: D.hidden, min: 1, description: 'hidden layer widths, e.g. 64,64' },
    double: { type: 'boolean', default: defaults.double, description: 'Double DQN target' },
    dueling: { type: 'boolean', default: defaults.dueling, description: 'dueling value and advantage streams' },
    saveReplay: { type: 'boolean', default: D.saveReplay, description: 'keep the replay buffer in checkpoints' },
  } as const satisfies ArgSpecs;
}

export type DQNOptionSpecs = ReturnType<typeof optionSpecs>;

function dqnPlugin(name: string, description: string, defaults: { double: boolean; dueling: boolean }): LearnerPlugin<DQNOptionSpecs> {
  return {
    name,
    description,
    options: optionSpecs(defaults),
    defaultNumEnvs: 4,
    fits: (spec: AgentEnvSpec) => spaceProblem(spec.observationSpace, spec.actionSpace),
    async create(spec, o: ArgsOf<DQNOptionSpecs>, seed) {
      await initBackend();
      return createDQN(name, spec.observationSpace, spec.actionSpace, { ...o, hidden: [...o.hidden], loss: o.loss as DQNOptions['loss'] }, seed);
    },
    load: (dir) => DQNLearner.load(dir, name),
  };
}

/** A new DQN learner (options default to `DQN_DEFAULTS`); call `initBackend()` first. */
export function createDQN(name: string, observationSpace: Space, actionSpace: Space, options: Partial<DQNOptions>, seed: number): DQNLearner {
  const learner = new DQNLearner(name, observationSpace, actionSpace, { ...DQN_DEFAULTS, ...options, hidden: [...(options.hidden ?? DQN_DEFAULTS.hidden)] }, seed);
  return learner;
}

export const dqnLearner = dqnPlugin('dqn', 'DQN (Mnih et al. 2015): replay, target network, ε-greedy; Box observations, Discrete actions', { double: false, dueling: false });
export const doubleDqnLearner = dqnPlugin('double-dqn', 'Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it', { double: true, dueling: false });
export const duelingDqnLearner = dqnPlugin('dueling-dqn', 'Dueling DQN (Wang et al. 2016): value and advantage streams, with the Double DQN target', { double: true, dueling: true });
