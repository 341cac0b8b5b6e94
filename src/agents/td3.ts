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
import { type ArgSpecs, type Box, Rng, deriveSeed } from '../core/index.ts';
import { type GradientMap, Mlp, adam, polyakUpdate } from '../nn/index.ts';
import type { Agent } from './agent.ts';
import { actingAgent } from './box-actions.ts';
import type { TrainedOptimizer } from './learner-checkpoint.ts';
import type { LearnerPlugin } from './learner.ts';
import { OFF_POLICY_OPTIONS, OffPolicyLearner, continuousLearnerPlugin } from './off-policy.ts';
import { criticStep, normals, obsActionRows } from './twin-critic.ts';
import type { OptionsOf } from './plugin-registry.ts';

export const TD3_OPTIONS = {
  ...OFF_POLICY_OPTIONS,
  tau: { type: 'number', default: 0.005, min: 0, max: 1, description: 'Polyak step of the target networks' },
  learningStarts: { type: 'integer', default: 25_000, min: 0, description: 'env steps of uniform random actions before learning starts' },
  learningRate: { type: 'number', default: 3e-4, min: 0, exclusiveMin: true, description: 'Adam step size of actor and critics' },
  policyFrequency: { type: 'integer', default: 2, min: 1, description: 'actor and targets updated every this many critic updates' },
  explorationNoise: { type: 'number', default: 0.1, min: 0, description: 'std of the Gaussian exploration noise (fraction of the action half-range)' },
  policyNoise: { type: 'number', default: 0.2, min: 0, description: 'std of the target policy smoothing noise (fraction of the half-range)' },
  noiseClip: { type: 'number', default: 0.5, min: 0, description: 'bound of the target policy smoothing noise (fraction of the half-range)' },
} as const satisfies ArgSpecs;

export type TD3Options = OptionsOf<typeof TD3_OPTIONS>;

export class TD3Learner extends OffPolicyLearner<TD3Options> {
  readonly actor: Mlp;
  readonly actorTarget: Mlp;
  readonly actorOptimizer: tf.AdamOptimizer;
  readonly criticOptimizer: tf.AdamOptimizer;

  constructor(observationSpace: Box, actionSpace: Box, options: TD3Options, seed: number) {
    super('td3', observationSpace, actionSpace, options, seed);
    const actor = (name: string) => new Mlp({ inputs: this.obsSize, hidden: options.hidden, outputs: this.map.size, activation: 'relu', outputGain: 0.01, seed: deriveSeed(seed, name), name });
    this.actor = actor('actor');
    this.actorTarget = actor('actor_target');
    polyakUpdate(this.actor, this.actorTarget, 1);
    this.actorOptimizer = adam(options.learningRate);
    this.criticOptimizer = adam(options.learningRate);
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
    const { batch, b, a, d } = this.minibatch();
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

  protected disposeOwn(): void {
    this.actorTarget.dispose();
  }
}

export const td3Learner: LearnerPlugin<typeof TD3_OPTIONS> = continuousLearnerPlugin({ name: 'td3', description: 'TD3: twin Q, delayed deterministic policy updates, target policy smoothing (Box actions)', options: TD3_OPTIONS, learner: TD3Learner });
