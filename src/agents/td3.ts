/**
 * Twin Delayed DDPG (Fujimoto et al., 2018, "Addressing Function Approximation Error in
 * Actor-Critic Methods") in the style of CleanRL's `td3_continuous_action.py`:
 *
 * - twin Q networks with Polyak-averaged targets, trained on
 *   `r + γ (1 − terminated) min Q_target(s', a')` (clipped double-Q learning);
 * - target policy smoothing: a' = clip(μ_target(s') + clip(σ̃ ε, −c, c), −1, 1);
 * - a deterministic tanh actor μ, updated every `policyFrequency` critic updates to maximise
 *   Q1(s, μ(s)); the actor target and both critic targets follow by Polyak averaging (τ) at the
 *   same moments (delayed policy updates);
 * - exploration: μ(s) + N(0, explorationNoise²), clipped to [-1, 1]; uniform random actions for
 *   the first `learningStarts` steps; a uniform replay buffer.
 *
 * As in `sac.ts`, actions are in [-1, 1] inside the learner (noise scales are fractions of the
 * half-range, as CleanRL's `action_scale` multiplies them) and mapped to the env's Box bounds or
 * to ±`actionBound`. The greedy policy is μ(s).
 *
 * Checkpoints hold the actor, both critics and all three targets, both Adam states, counters,
 * the Rng state and (unless `saveReplay` is false) the filled part of the replay buffer.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, type ArgsOf, Box, MetarenaError, Rng, type VectorEnv, deriveSeed, resolveArgs, show, spaceFromJSON } from '../core/index.ts';
import { Mlp, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../nn/index.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import type { Learner, LearnerPlugin, TrainHooks } from './learner.ts';
import {
  type BoxActions,
  type GradientMap,
  Collector,
  TwinCritic,
  actingAgent,
  boxActions,
  continuousFits,
  normals,
  optimizerTensors,
  polyak,
  replayTensors,
  restoreOptimizer,
  restoreReplay,
  restoreRng,
  rngState,
  trainOffPolicy,
} from './off-policy.ts';
import { ReplayBuffer, type ReplayState } from './replay-buffer.ts';

export const TD3_OPTIONS = {
  hidden: { type: 'integers', default: [256, 256], min: 1, description: 'hidden layer widths of the actor and of each critic (relu)' },
  bufferSize: { type: 'integer', default: 1_000_000, min: 1, description: 'replay buffer capacity (transitions)' },
  gamma: { type: 'number', default: 0.99, min: 0, max: 1, description: 'discount factor γ' },
  tau: { type: 'number', default: 0.005, min: 0, max: 1, description: 'Polyak step of the target networks' },
  batchSize: { type: 'integer', default: 256, min: 1, description: 'transitions per gradient update' },
  learningStarts: { type: 'integer', default: 25_000, min: 0, description: 'env steps of uniform random actions before learning starts' },
  learningRate: { type: 'number', default: 3e-4, min: 0, description: 'Adam step size of actor and critics' },
  policyFrequency: { type: 'integer', default: 2, min: 1, description: 'actor and targets updated every this many critic updates' },
  explorationNoise: { type: 'number', default: 0.1, min: 0, description: 'std of the Gaussian exploration noise (fraction of the action half-range)' },
  policyNoise: { type: 'number', default: 0.2, min: 0, description: 'std of the target policy smoothing noise (fraction of the half-range)' },
  noiseClip: { type: 'number', default: 0.5, min: 0, description: 'bound of the target policy smoothing noise (fraction of the half-range)' },
  actionBound: { type: 'number', default: 0, min: 0, description: 'if > 0, act in [−actionBound, actionBound] ∩ the action space bounds (0: the bounds)' },
  saveReplay: { type: 'boolean', default: true, description: 'store the replay buffer contents in checkpoints' },
  logEvery: { type: 'integer', default: 1000, min: 1, description: 'env steps between training logs' },
} as const satisfies ArgSpecs;

export type TD3Options = { -readonly [K in keyof ArgsOf<typeof TD3_OPTIONS>]: ArgsOf<typeof TD3_OPTIONS>[K] extends readonly number[] ? number[] : ArgsOf<typeof TD3_OPTIONS>[K] };

/** Options resolved against `TD3_OPTIONS` with the cross-field checks. */
export function resolveTD3Options(given: unknown): TD3Options {
  const o = resolveArgs(TD3_OPTIONS, given, 'td3') as unknown as TD3Options;
  if (o.hidden.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', 'td3.hidden must name at least one hidden layer width, got []', { field: 'td3.hidden' });
  if (o.batchSize > o.bufferSize) throw new MetarenaError('METARENA_INVALID_OPTION', `td3.batchSize (${o.batchSize}) must not exceed td3.bufferSize (${o.bufferSize})`, { field: 'td3.batchSize' });
  return o;
}

interface TD3Meta {
  agent: 'td3';
  options: TD3Options;
  seed: number;
  observationSpace: unknown;
  actionSpace: unknown;
  steps: number;
  updates: number;
  trainSeconds: number;
  rng: (number | null)[];
  replay: ReplayState | null;
}

export class TD3Learner implements Learner {
  readonly name = 'td3';
  readonly agent = 'td3';
  steps = 0;
  updates = 0;
  readonly obsSize: number;
  readonly map: BoxActions;
  readonly actor: Mlp;
  readonly actorTarget: Mlp;
  readonly critic: TwinCritic;
  readonly actorOptimizer: tf.AdamOptimizer;
  readonly criticOptimizer: tf.AdamOptimizer;
  readonly replay: ReplayBuffer;
  readonly rng: Rng;
  readonly collector: Collector;
  trainSeconds = 0;

  constructor(
    readonly observationSpace: Box,
    readonly actionSpace: Box,
    readonly options: TD3Options,
    readonly seed: number,
  ) {
    this.obsSize = observationSpace.size;
    this.map = boxActions(actionSpace, options.actionBound, 'td3');
    const a = this.map.size;
    const actor = (name: string) => new Mlp({ inputs: this.obsSize, hidden: options.hidden, outputs: a, activation: 'relu', outputGain: 0.01, seed: deriveSeed(seed, name), name });
    this.actor = actor('actor');
    this.actorTarget = actor('actor_target');
    polyak(this.actor, this.actorTarget, 1);
    this.critic = new TwinCritic(this.obsSize + a, options.hidden, deriveSeed(seed, 'critic'));
    this.actorOptimizer = tf.train.adam(options.learningRate);
    this.criticOptimizer = tf.train.adam(options.learningRate);
    this.replay = new ReplayBuffer(options.bufferSize, this.obsSize, a);
    this.rng = new Rng(deriveSeed(seed, 'td3'));
    this.collector = new Collector('td3', this.obsSize, a);
  }

  get learningStarts(): number {
    return this.options.learningStarts;
  }

  get logEvery(): number {
    return this.options.logEvery;
  }

  /** μ(s) in (−1, 1) for observations [B, obs]. */
  mu(obs: tf.Tensor2D, target = false): tf.Tensor2D {
    return tf.tanh((target ? this.actorTarget : this.actor).apply(obs));
  }

  /** Greedy actions in [-1, 1] for `n` observation rows. */
  act(obs: Float32Array, n: number): Float32Array {
    return tf.tidy(() => this.mu(tf.tensor2d(obs, [n, this.obsSize])).dataSync() as Float32Array);
  }

  explore(obs: Float32Array, n: number): Float32Array {
    const a = this.act(obs, n);
    for (let k = 0; k < a.length; k++) a[k] = Math.max(-1, Math.min(1, a[k] + this.options.explorationNoise * this.rng.normal()));
    return a;
  }

  /** One TD3 update on a replay minibatch (see the file's doc); losses when asked. */
  update(withLosses: boolean): Record<string, number> | undefined {
    const o = this.options;
    const b = o.batchSize;
    const a = this.map.size;
    const d = this.obsSize;
    const batch = this.replay.sample(b, this.rng);
    const smoothing = normals(this.rng, b * a).map((z) => Math.max(-o.noiseClip, Math.min(o.noiseClip, z * o.policyNoise)));
    this.updates++;
    const actorDue = this.updates % o.policyFrequency === 0;
    const obsAct = new Float32Array(b * (d + a));
    for (let r = 0; r < b; r++) {
      obsAct.set(batch.obs.subarray(r * d, (r + 1) * d), r * (d + a));
      obsAct.set(batch.actions.subarray(r * a, (r + 1) * a), r * (d + a) + d);
    }
    const stats = tf.tidy(() => {
      const nextObs = tf.tensor2d(batch.nextObs, [b, d]);
      const nextA = tf.clipByValue(tf.add(this.mu(nextObs, true), tf.tensor2d(smoothing, [b, a])), -1, 1);
      const [q1t, q2t] = this.critic.values(tf.concat([nextObs, nextA], 1) as tf.Tensor2D, true);
      const notDone = tf.sub(1, tf.tensor1d(batch.terminated));
      const target = tf.add(tf.tensor1d(batch.rewards), tf.mul(o.gamma, tf.mul(notDone, tf.minimum(q1t, q2t))));
      const input = tf.tensor2d(obsAct, [b, d + a]);
      const qStep = tf.variableGrads(() => {
        const [q1, q2] = this.critic.values(input);
        return tf.add(tf.mean(tf.square(tf.sub(q1, target))), tf.mean(tf.square(tf.sub(q2, target)))) as tf.Scalar;
      }, this.critic.variables);
      this.criticOptimizer.applyGradients(qStep.grads as GradientMap);
      const out: tf.Tensor[] = [qStep.value];
      if (actorDue) {
        const obs = tf.tensor2d(batch.obs, [b, d]);
        const piStep = tf.variableGrads(() => {
          const [q1] = this.critic.values(tf.concat([obs, this.mu(obs)], 1) as tf.Tensor2D);
          return tf.neg(tf.mean(q1)) as tf.Scalar;
        }, this.actor.variables);
        this.actorOptimizer.applyGradients(piStep.grads as GradientMap);
        out.push(piStep.value);
        polyak(this.actor, this.actorTarget, o.tau);
        this.critic.polyak(o.tau);
      }
      return withLosses ? out.map((t) => tf.keep(t)) : [];
    });
    if (!withLosses) return undefined;
    const [qLoss, policyLoss] = stats.map((t) => t.dataSync()[0]);
    tf.dispose(stats);
    return policyLoss === undefined ? { q_loss: qLoss } : { q_loss: qLoss, policy_loss: policyLoss };
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    const startedAt = performance.now() - this.trainSeconds * 1000;
    await trainOffPolicy(this, env, untilSteps, startedAt, hooks.onLog);
    this.trainSeconds = (performance.now() - startedAt) / 1000;
  }

  policy({ deterministic = true, seed = 0, name = 'td3' }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = new Rng(seed);
    const noise = this.options.explorationNoise;
    return actingAgent(name, this.obsSize, this.map, (obs, n) => {
      const a = this.act(obs, n);
      if (!deterministic) for (let k = 0; k < a.length; k++) a[k] += noise * rng.normal();
      return a;
    });
  }

  /** Every network variable by checkpoint key (actor, critics and their targets). */
  namedVariables(): Record<string, tf.Variable> {
    return { ...this.actor.namedVariables(), ...this.actorTarget.namedVariables(), ...this.critic.namedVariables() };
  }

  async save(dir: string): Promise<void> {
    const meta: TD3Meta = {
      agent: 'td3',
      options: this.options,
      seed: this.seed,
      observationSpace: this.observationSpace.toJSON(),
      actionSpace: this.actionSpace.toJSON(),
      steps: this.steps,
      updates: this.updates,
      trainSeconds: this.trainSeconds,
      rng: rngState(this.rng),
      replay: this.options.saveReplay ? this.replay.state() : null,
    };
    const owned: tf.NamedTensorMap = {
      ...(await optimizerTensors(this.actorOptimizer, 'optim/actor')),
      ...(await optimizerTensors(this.criticOptimizer, 'optim/critic')),
      ...(this.options.saveReplay ? replayTensors(this.replay) : {}),
    };
    try {
      await saveCheckpoint(dir, { meta: meta as unknown as Record<string, unknown>, tensors: { ...this.namedVariables(), ...owned } });
    } finally {
      tf.dispose(Object.entries(owned).filter(([k]) => k.startsWith('replay/') || k.endsWith('/000')).map(([, t]) => t));
    }
  }

  dispose(): void {
    this.actor.dispose();
    this.actorTarget.dispose();
    this.critic.dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }

  static async load(dir: string): Promise<TD3Learner> {
    await initBackend();
    const { meta, tensors } = await loadCheckpoint(dir);
    try {
      const m = meta as unknown as TD3Meta;
      if (m.agent !== 'td3') throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${dir} holds a ${show(m.agent)} checkpoint, not td3`, { field: 'checkpoint' });
      const learner = new TD3Learner(spaceFromJSON(m.observationSpace) as Box, spaceFromJSON(m.actionSpace) as Box, resolveTD3Options(m.options), m.seed);
      assignVariables(learner.namedVariables(), tensors);
      await restoreOptimizer(learner.actorOptimizer, tensors, 'optim/actor');
      await restoreOptimizer(learner.criticOptimizer, tensors, 'optim/critic');
      restoreReplay(learner.replay, tensors, m.replay);
      restoreRng(learner.rng, m.rng);
      learner.steps = m.steps;
      learner.updates = m.updates;
      learner.trainSeconds = m.trainSeconds;
      return learner;
    } finally {
      tf.dispose(Object.values(tensors));
    }
  }
}

export const td3Learner: LearnerPlugin<typeof TD3_OPTIONS> = {
  name: 'td3',
  description: 'TD3: twin Q, delayed deterministic policy updates, target policy smoothing (Box actions)',
  options: TD3_OPTIONS,
  fits: (spec: AgentEnvSpec) => continuousFits('td3', spec),
  async create(spec, options, seed) {
    const why = continuousFits('td3', spec);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', why, { field: 'env' });
    await initBackend();
    return new TD3Learner(spec.observationSpace as Box, spec.actionSpace as Box, resolveTD3Options(options), seed);
  },
  load: (dir) => TD3Learner.load(dir),
};
