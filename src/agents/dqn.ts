/**
 * Deep Q-Networks (Mnih et al., 2015) in the style of CleanRL's `dqn.py` and Stable-Baselines3's
 * DQN, with the Double DQN target (van Hasselt et al., 2016) and the dueling architecture (Wang
 * et al., 2016) as options. Three learner plugins share this file:
 * - `dqn`: the target `r + γ·max_a Q_target(s', a)`;
 * - `double-dqn`: the online network picks `a' = argmax_a Q(s', a)`, the target network values it;
 * - `dueling-dqn`: `Q = V(s) + A(s, a) − mean_a A(s, a)` from a shared trunk and two streams
 *   (`q-network.ts`), with the Double DQN target, as Wang et al. trained it.
 *
 * Training: ε-greedy actions (ε decays linearly from `explorationInitialEps` to
 * `explorationFinalEps` over `explorationFraction × totalSteps` env steps); every transition goes
 * to a uniform replay buffer; once `learningStarts` env steps are done, every `trainFreq` env
 * steps run `gradientSteps` Adam steps on minibatches of `batchSize` with the Huber (or squared)
 * TD error, clipped to a global gradient norm; every `targetUpdateInterval` env steps the target
 * network moves to `tau·online + (1 − tau)·target` (tau 1: a copy). Env steps are counted over
 * all envs of the vector env.
 *
 * Cost: a plain network's update is one kernel (`dqn-gradients.ts`: forward passes, TD loss and
 * backpropagation), its actions one forward kernel; dueling networks go through the gradient tape
 * with the TD loss as one kernel (`dqn-loss.ts`). Both give the bits of the loss written as tfjs
 * ops, so which one runs does not change results. Adam and the Polyak update are one kernel each.
 *
 * Spaces: Box observations (flattened), Discrete actions. The env is read through the transition
 * stream (`transitions.ts`), so every autoreset mode works; a time-limit truncation stores
 * `terminated = 0`, so it bootstraps from the episode's final observation.
 *
 * Checkpoints hold both networks, the Adam state, the replay buffer (unless `saveReplay` is
 * false), the counters and the random state.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, Box, Discrete, MetarenaError, Rng, type Space, type VectorEnv, deriveSeed, resolveArgs } from '../core/index.ts';
import { type GradientMap, adam, clipByGlobalNorm, initBackend, polyakUpdate } from '../nn/index.ts';
import { type Agent, type AgentEnvSpec, memorylessAgent } from './agent.ts';
import { type LearnerTensors, loadLearnerCheckpoint, restoreLearnerTensors, saveLearnerCheckpoint } from './learner-checkpoint.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from './learner.ts';
import { dqnGradients, qForward } from './dqn-gradients.ts';
import { dqnTdLoss } from './dqn-loss.ts';
import { QNetwork } from './q-network.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { TransitionStream } from './transitions.ts';
import type { OptionsOf } from './plugin-registry.ts';

/**
 * The options of a DQN variant. Defaults: rl-zoo's CartPole-v1 DQN settings (lr 2.3e-3, batch
 * 64, buffer 100k, learning_starts 1000, γ 0.99, target update every 10 steps, exploration over
 * 16% to ε 0.04, Huber loss, gradient norm 10) with a [64, 64] network and shorter training
 * phases (32 gradient steps every 64 env steps instead of 128 every 256 with [256, 256]: the
 * same ratio of updates to steps), which runs several times faster on tfjs-wasm, and a 30k-step
 * plan (ε reaches its floor after 4,800 steps), with which CartPole-v1 is solved with 4 envs in
 * 16–18k steps (seeds 1–3).
 */
function dqnOptions(variant: { double: boolean; dueling: boolean }) {
  return {
    totalSteps: { type: 'integer', default: 30_000, min: 1, description: 'planned run length in env steps; ε decays over explorationFraction of it (metarena train sets it to --steps)' },
    learningRate: { type: 'number', default: 2.3e-3, min: 0, exclusiveMin: true, description: 'Adam step size' },
    bufferSize: { type: 'integer', default: 100_000, min: 1, description: 'replay capacity in transitions' },
    batchSize: { type: 'integer', default: 64, min: 1, description: 'minibatch size' },
    gamma: { type: 'number', default: 0.99, min: 0, max: 1, description: 'discount factor' },
    learningStarts: { type: 'integer', default: 1_000, min: 0, description: 'env steps before the first update' },
    trainFreq: { type: 'integer', default: 64, min: 1, description: 'env steps between training phases' },
    gradientSteps: { type: 'integer', default: 32, min: 1, description: 'Adam steps per training phase' },
    targetUpdateInterval: { type: 'integer', default: 10, min: 1, description: 'env steps between target-network updates' },
    tau: { type: 'number', default: 1, min: 0, max: 1, exclusiveMin: true, description: 'Polyak weight of a target update (1: copy)' },
    explorationFraction: { type: 'number', default: 0.16, min: 0, max: 1, description: 'fraction of totalSteps over which ε decays' },
    explorationInitialEps: { type: 'number', default: 1, min: 0, max: 1, description: 'ε at the start' },
    explorationFinalEps: { type: 'number', default: 0.04, min: 0, max: 1, description: 'ε after the decay' },
    loss: { type: 'string', default: 'huber', choices: ['huber', 'mse'], description: 'TD loss' },
    maxGradNorm: { type: 'number', default: 10, min: 0, description: 'global gradient-norm bound (0: none)' },
    hidden: { type: 'integers', default: [64, 64], min: 1, description: 'hidden layer widths (relu), e.g. 64,64' },
    double: { type: 'boolean', default: variant.double, description: 'Double DQN target' },
    dueling: { type: 'boolean', default: variant.dueling, description: 'dueling value and advantage streams' },
    saveReplay: { type: 'boolean', default: true, description: 'keep the replay buffer in checkpoints, so that a resumed run learns as if it never stopped' },
  } as const satisfies ArgSpecs;
}

export type DQNOptionSpecs = ReturnType<typeof dqnOptions>;
export type DQNOptions = OptionsOf<DQNOptionSpecs>;

/** The `dqn` defaults. */
export const DQN_DEFAULTS: Readonly<DQNOptions> = Object.freeze(resolveArgs(dqnOptions({ double: false, dueling: false }), {}, 'dqn') as unknown as DQNOptions);

const DQN_NAMES = ['dqn', 'double-dqn', 'dueling-dqn'];

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
  readonly options: DQNOptions;
  readonly online: QNetwork;
  readonly target: QNetwork;
  readonly optimizer: tf.AdamOptimizer;
  readonly replay: ReplayBuffer;
  readonly rng: Rng;
  private readonly obsSize: number;
  private readonly numActions: number;
  private readonly actionStart: number;
  /** The networks' variables (fixed once built), so that each step does not list them again. */
  private readonly onlineVariables: { readonly variables: tf.Variable[] };
  private readonly targetVariables: { readonly variables: tf.Variable[] };
  private seconds = 0;
  private stream: TransitionStream | undefined;
  private disposed = false;

  constructor(
    readonly name: string,
    readonly observationSpace: Space,
    readonly actionSpace: Space,
    options: Partial<DQNOptions>,
    /** Seeds the networks, exploration, sampling and the env resets. */
    readonly seed: number,
  ) {
    const o = (this.options = resolveArgs(dqnOptions(DQN_DEFAULTS), options, name) as unknown as DQNOptions);
    const why = spaceProblem(observationSpace, actionSpace);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', `${name} ${why}`, { field: 'spaces' });
    this.obsSize = (observationSpace as Box).size;
    this.numActions = (actionSpace as Discrete).n;
    this.actionStart = (actionSpace as Discrete).start;
    this.online = new QNetwork(this.obsSize, this.numActions, o.hidden, o.dueling, deriveSeed(seed, 'q'), 'q');
    this.target = new QNetwork(this.obsSize, this.numActions, o.hidden, o.dueling, deriveSeed(seed, 'q'), 'q_target');
    this.onlineVariables = { variables: this.online.variables };
    this.targetVariables = { variables: this.target.variables };
    polyakUpdate(this.onlineVariables, this.targetVariables, 1);
    this.optimizer = adam(o.learningRate);
    this.replay = new ReplayBuffer(o.bufferSize, this.obsSize, 1);
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
    const x = Float32Array.from(obs);
    const plain = this.online.plainMlp;
    if (!plain) return tf.tidy(() => this.online.apply(tf.tensor2d(x, [n, this.obsSize])).dataSync() as Float32Array);
    const q = qForward(plain, x);
    const values = q.dataSync() as Float32Array;
    q.dispose();
    return values;
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
    return memorylessAgent(name, (obs) => this.act(obs as ArrayLike<number>, (obs as ArrayLike<number>).length / this.obsSize, epsilon, rng));
  }

  private async bind(env: VectorEnv): Promise<TransitionStream> {
    const why = spaceProblem(env.singleObservationSpace, env.singleActionSpace);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', `${this.name} ${why}`, { field: 'env' });
    if ((env.singleObservationSpace as Box).size !== this.obsSize || (env.singleActionSpace as Discrete).n !== this.numActions) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: the env's spaces are not the ones this learner was built for`, { field: 'env' });
    }
    this.stream = (await TransitionStream.open(env, { agent: this.name }, this.seed, this.steps)).stream;
    return this.stream;
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    if (this.disposed) throw new MetarenaError('METARENA_INVALID_STATE', `${this.name}: this learner was disposed`, { field: 'learner' });
    await initBackend();
    const stream = this.stream?.env === env ? this.stream : await this.bind(env);
    const o = this.options;
    const n = env.numEnvs;
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
      const chosen = this.act(stream.obs as ArrayLike<number>, n, this.epsilon(), this.rng);
      const t = await stream.step(chosen);
      const prev = this.steps;
      this.steps += n;
      for (let i = 0; i < n; i++) actions[i] = chosen[i] - this.actionStart;
      const obs = t.obs as ArrayLike<number>;
      const nextObs = t.nextObs as ArrayLike<number>;
      for (let i = 0; i < n; i++) if (t.valid[i]) this.replay.add(obs, actions, t.rewards[i], nextObs, t.terminated[i] === 1, i);
      for (const f of t.finished) logWindow.episodeEnded(f.episodeReturn);
      if (Math.floor(this.steps / o.targetUpdateInterval) > Math.floor(prev / o.targetUpdateInterval)) polyakUpdate(this.onlineVariables, this.targetVariables, o.tau);
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
    const d = this.obsSize;
    const b = o.batchSize;
    let stats: tf.Tensor | undefined;
    for (let s = 0; s < count; s++) {
      const batch = this.replay.sample(b, this.rng);
      tf.tidy(() => {
        let grads: tf.NamedTensorMap;
        const plain = this.online.plainMlp;
        if (plain) {
          const fused = dqnGradients(plain, this.target.plainMlp!, batch, o);
          grads = fused.grads;
          tf.dispose(stats);
          stats = tf.keep(fused.stats);
        } else {
          // the networks on s' are constants of the loss: computed outside the gradient tape
          const nxs = tf.tensor2d(batch.nextObs, [b, d]);
          const nextTarget = this.target.apply(nxs);
          const nextOnline = o.double ? this.online.apply(nxs) : undefined;
          const xs = tf.tensor2d(batch.obs, [b, d]);
          grads = tf.variableGrads(() => {
            const td = dqnTdLoss(this.online.apply(xs), nextTarget, nextOnline, batch, o);
            tf.dispose(stats);
            stats = tf.keep(td.stats);
            return td.loss;
          }, this.onlineVariables.variables).grads;
        }
        this.optimizer.applyGradients((o.maxGradNorm > 0 ? clipByGlobalNorm(grads, o.maxGradNorm) : grads) as GradientMap);
      });
      this.gradientSteps++;
    }
    const [loss, q] = stats!.dataSync();
    stats!.dispose();
    return { loss, q };
  }

  private tensors(): LearnerTensors {
    return {
      variables: { ...this.online.namedVariables(), ...this.target.namedVariables() },
      optimizers: { adam: { optimizer: this.optimizer, variables: this.online.variables } },
      replay: this.options.saveReplay ? this.replay : undefined,
    };
  }

  save(dir: string): Promise<void> {
    return saveLearnerCheckpoint(dir, this, { steps: this.steps, gradientSteps: this.gradientSteps, seconds: this.seconds }, this.tensors());
  }

  /** Rebuilds a learner saved by `save`. */
  static load(dir: string, expected?: string): Promise<DQNLearner> {
    return loadLearnerCheckpoint<DQNLearner, { steps: number; gradientSteps: number; seconds: number }>(
      dir,
      DQN_NAMES,
      expected,
      (m) => new DQNLearner(m.agent, m.observationSpace, m.actionSpace, m.options as DQNOptions, m.seed),
      async (learner, { meta, training }, tensors) => {
        await restoreLearnerTensors(dir, meta, tensors, { ...learner.tensors(), replay: learner.replay });
        [learner.steps, learner.gradientSteps, learner.seconds] = [training.steps, training.gradientSteps, training.seconds];
      },
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.online.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }
}

function dqnPlugin(name: string, description: string, variant: { double: boolean; dueling: boolean }): LearnerPlugin<DQNOptionSpecs> {
  return {
    name,
    description,
    options: dqnOptions(variant),
    defaultNumEnvs: 4,
    fits: (spec: AgentEnvSpec) => spaceProblem(spec.observationSpace, spec.actionSpace),
    async create(spec, o, seed) {
      await initBackend();
      return new DQNLearner(name, spec.observationSpace, spec.actionSpace, { ...o, hidden: [...o.hidden] }, seed);
    },
    load: (dir) => DQNLearner.load(dir, name),
  };
}

export const dqnLearner = dqnPlugin('dqn', 'DQN (Mnih et al. 2015): replay, target network, ε-greedy; Box observations, Discrete actions', { double: false, dueling: false });
export const doubleDqnLearner = dqnPlugin('double-dqn', 'Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target network values it', { double: true, dueling: false });
export const duelingDqnLearner = dqnPlugin('dueling-dqn', 'Dueling DQN (Wang et al. 2016): value and advantage streams, with the Double DQN target', { double: true, dueling: true });
