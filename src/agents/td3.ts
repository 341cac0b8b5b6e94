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
import { type ArgSpecs, Box, Rng, type VectorEnv, deriveSeed } from '../core/index.ts';
import { type GradientMap, Mlp, polyakUpdate } from '../nn/index.ts';
import type { Agent } from './agent.ts';
import type { Learner, LearnerPlugin, OptionsOf, TrainHooks } from './learner.ts';
import { type BoxActions, type BuildOffPolicy, OFF_POLICY_OPTIONS, actingAgent, boxActions, continuousLearnerPlugin, loadOffPolicy, resolveOffPolicyOptions, saveOffPolicy, trainOffPolicy } from './off-policy.ts';
import { TwinCritic, criticStep, normals, obsActionRows } from './twin-critic.ts';
import type { TransitionStream } from './transitions.ts';
import type { TrainedOptimizer } from './learner-checkpoint.ts';
import { ReplayBuffer } from './replay-buffer.ts';

export const TD3_OPTIONS = {
  hidden: OFF_POLICY_OPTIONS.hidden,
  bufferSize: OFF_POLICY_OPTIONS.bufferSize,
  gamma: OFF_POLICY_OPTIONS.gamma,
  tau: { type: 'number', default: 0.005, min: 0, max: 1, description: 'Polyak step of the target networks' },
  batchSize: OFF_POLICY_OPTIONS.batchSize,
  learningStarts: { type: 'integer', default: 25_000, min: 0, description: 'env steps of uniform random actions before learning starts' },
  learningRate: { type: 'number', default: 3e-4, min: 0, description: 'Adam step size of actor and critics' },
  policyFrequency: { type: 'integer', default: 2, min: 1, description: 'actor and targets updated every this many critic updates' },
  explorationNoise: { type: 'number', default: 0.1, min: 0, description: 'std of the Gaussian exploration noise (fraction of the action half-range)' },
  policyNoise: { type: 'number', default: 0.2, min: 0, description: 'std of the target policy smoothing noise (fraction of the half-range)' },
  noiseClip: { type: 'number', default: 0.5, min: 0, description: 'bound of the target policy smoothing noise (fraction of the half-range)' },
  actionBound: OFF_POLICY_OPTIONS.actionBound,
  saveReplay: OFF_POLICY_OPTIONS.saveReplay,
  logEvery: OFF_POLICY_OPTIONS.logEvery,
} as const satisfies ArgSpecs;

export type TD3Options = OptionsOf<typeof TD3_OPTIONS>;

/** Options resolved against `TD3_OPTIONS` with the cross-field checks. */
export function resolveTD3Options(given: unknown): TD3Options {
  return resolveOffPolicyOptions<TD3Options>(TD3_OPTIONS, given, 'td3');
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
  stream: TransitionStream | undefined;
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
    polyakUpdate(this.actor, this.actorTarget, 1);
    this.critic = new TwinCritic(this.obsSize + a, options.hidden, deriveSeed(seed, 'critic'));
    this.actorOptimizer = tf.train.adam(options.learningRate);
    this.criticOptimizer = tf.train.adam(options.learningRate);
    this.replay = new ReplayBuffer(options.bufferSize, this.obsSize, a);
    this.rng = new Rng(deriveSeed(seed, 'td3'));
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
    const obsAct = obsActionRows(batch.obs, batch.actions, b, d, a);
    const stats = tf.tidy(() => {
      const nextObs = tf.tensor2d(batch.nextObs, [b, d]);
      const nextA = tf.clipByValue(tf.add(this.mu(nextObs, true), tf.tensor2d(smoothing, [b, a])), -1, 1);
      const [q1t, q2t] = this.critic.values(tf.concat([nextObs, nextA], 1) as tf.Tensor2D, true);
      const notDone = tf.sub(1, tf.tensor1d(batch.terminated));
      const target = tf.add(tf.tensor1d(batch.rewards), tf.mul(o.gamma, tf.mul(notDone, tf.minimum(q1t, q2t))));
      const input = tf.tensor2d(obsAct, [b, d + a]);
      const out: tf.Tensor[] = [criticStep(this.critic, this.criticOptimizer, input, target)];
      if (actorDue) {
        const obs = tf.tensor2d(batch.obs, [b, d]);
        const piStep = tf.variableGrads(() => {
          const [q1] = this.critic.values(tf.concat([obs, this.mu(obs)], 1) as tf.Tensor2D);
          return tf.neg(tf.mean(q1)) as tf.Scalar;
        }, this.actor.variables);
        this.actorOptimizer.applyGradients(piStep.grads as GradientMap);
        out.push(piStep.value);
        polyakUpdate(this.actor, this.actorTarget, o.tau);
        this.critic.polyak(o.tau);
      }
      return withLosses ? out.map((t) => tf.keep(t)) : [];
    });
    if (!withLosses) return undefined;
    const [qLoss, policyLoss] = stats.map((t) => t.dataSync()[0]);
    tf.dispose(stats);
    return policyLoss === undefined ? { q_loss: qLoss } : { q_loss: qLoss, policy_loss: policyLoss };
  }

  train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    return trainOffPolicy(this, env, untilSteps, hooks);
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

  /** The optimizers by checkpoint name. */
  optimizers(): Record<string, TrainedOptimizer> {
    return { actor: { optimizer: this.actorOptimizer, variables: this.actor.variables }, critic: { optimizer: this.criticOptimizer, variables: this.critic.variables } };
  }

  save(dir: string): Promise<void> {
    return saveOffPolicy(this, dir);
  }

  dispose(): void {
    this.actor.dispose();
    this.actorTarget.dispose();
    this.critic.dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }

  static load(dir: string): Promise<TD3Learner> {
    return loadOffPolicy(dir, 'td3', buildTD3);
  }
}

const buildTD3: BuildOffPolicy<TD3Learner> = (observationSpace, actionSpace, options, seed) => new TD3Learner(observationSpace, actionSpace, resolveTD3Options(options), seed);

export const td3Learner: LearnerPlugin<typeof TD3_OPTIONS> = continuousLearnerPlugin({
  name: 'td3',
  description: 'TD3: twin Q, delayed deterministic policy updates, target policy smoothing (Box actions)',
  options: TD3_OPTIONS,
  build: buildTD3,
  load: (dir) => TD3Learner.load(dir),
});
