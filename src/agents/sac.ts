/**
 * Soft Actor-Critic (Haarnoja et al., 2018, "Soft Actor-Critic Algorithms and Applications") in
 * the style of CleanRL's `sac_continuous_action.py`:
 *
 * - twin Q networks `Q(obs, a)` with Polyak-averaged targets (τ), trained on
 *   `r + γ (1 − terminated) (min Q_target(s', a') − α log π(a'|s'))` with a' ~ π(·|s');
 * - a tanh-squashed Gaussian actor: the network gives a mean and a log-std (squashed by tanh
 *   into [−5, 2]); a = tanh(mean + std · ε) with the change-of-variables correction
 *   log π(a) = log N(u) − Σ log(1 − tanh(u)²), computed stably as 2 (log 2 − u − softplus(−2u));
 * - the actor minimises `α log π(a|s) − min Q(s, a)`, `policyFrequency` updates every
 *   `policyFrequency` steps (CleanRL's delayed-but-compensated schedule);
 * - automatic entropy tuning: log α minimises `−α (log π + H̄)` with target entropy H̄ = −|A|;
 * - uniform random actions for the first `learningStarts` steps, a uniform replay buffer.
 *
 * Actions live in [-1, 1] inside the learner (replay, critics, entropy target, as in
 * Stable-Baselines3) and are mapped affinely to the Box bounds of the env (or to
 * [-actionBound, actionBound] ∩ the bounds when that option is set, for envs whose action space
 * is wider than the range that has an effect).
 *
 * One update is one tf.tidy: critic step, then (when due) actor and α steps, then the target
 * update; dense layers use `src/nn/dense.ts`'s transpose-free gradient, which keeps the update
 * fast on the wasm backend. The greedy policy is tanh(mean).
 *
 * Checkpoints (`save`/`sacLearner.load`) hold the actor, both critics and both targets, log α,
 * the three Adam states, step/update counters, the Rng state, and (unless `saveReplay` is false)
 * the filled part of the replay buffer; without it a resumed run refills the buffer from
 * scratch (learning continues, but the first updates see only new data).
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, type Box, Rng, deriveSeed } from '../core/index.ts';
import { type GradientMap, Mlp, adam } from '../nn/index.ts';
import type { Agent } from './agent.ts';
import { actingAgent } from './box-actions.ts';
import type { TrainedOptimizer } from './learner-checkpoint.ts';
import type { LearnerPlugin } from './learner.ts';
import { OFF_POLICY_OPTIONS, OffPolicyLearner, continuousLearnerPlugin } from './off-policy.ts';
import { type TwinCritic, criticStep, normals, obsActionRows, stopGradient } from './twin-critic.ts';
import type { OptionsOf } from './plugin-registry.ts';

export const SAC_OPTIONS = {
  ...OFF_POLICY_OPTIONS,
  tau: { type: 'number', default: 0.005, min: 0, max: 1, description: 'Polyak step of the target critics' },
  learningStarts: { type: 'integer', default: 5000, min: 0, description: 'env steps of uniform random actions before learning starts' },
  policyLr: { type: 'number', default: 3e-4, min: 0, exclusiveMin: true, description: 'Adam step size of the actor' },
  qLr: { type: 'number', default: 1e-3, min: 0, exclusiveMin: true, description: 'Adam step size of the critics and of log α' },
  policyFrequency: { type: 'integer', default: 2, min: 1, description: 'actor (and α) updated every this many updates, this many times' },
  targetNetworkFrequency: { type: 'integer', default: 1, min: 1, description: 'target critics updated every this many updates' },
  alpha: { type: 'number', default: 0.2, min: 0, description: 'entropy weight α (the start value when autotune is on)' },
  autotune: { type: 'boolean', default: true, description: 'tune α towards the target entropy −|A|' },
} as const satisfies ArgSpecs;

export type SACOptions = OptionsOf<typeof SAC_OPTIONS>;

const LOG_STD_MIN = -5;
const LOG_STD_MAX = 2;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_2 = Math.log(2);

export class SACLearner extends OffPolicyLearner<SACOptions> {
  readonly actor: Mlp;
  readonly logAlpha: tf.Variable<tf.Rank.R0>;
  readonly actorOptimizer: tf.AdamOptimizer;
  readonly criticOptimizer: tf.AdamOptimizer;
  readonly alphaOptimizer: tf.AdamOptimizer;
  readonly targetEntropy: number;

  constructor(observationSpace: Box, actionSpace: Box, options: SACOptions, seed: number) {
    super('sac', observationSpace, actionSpace, options, seed);
    const a = this.map.size;
    this.actor = new Mlp({ inputs: this.obsSize, hidden: options.hidden, outputs: 2 * a, activation: 'relu', outputGain: 0.01, seed: deriveSeed(seed, 'actor'), name: 'actor' });
    this.logAlpha = tf.variable(tf.scalar(Math.log(Math.max(options.alpha, 1e-12))), true);
    this.actorOptimizer = adam(options.policyLr);
    this.criticOptimizer = adam(options.qLr);
    this.alphaOptimizer = adam(options.qLr);
    this.targetEntropy = -a;
  }

  /** Current entropy weight α. */
  get alpha(): number {
    return Math.exp(this.logAlpha.dataSync()[0]);
  }

  /** The squashed-Gaussian actions of this actor (see `squashedGaussian`). */
  sample(obs: tf.Tensor2D, eps?: tf.Tensor2D): { a: tf.Tensor2D; logp?: tf.Tensor1D } {
    return squashedGaussian(this.actor, obs, eps);
  }

  /** Actions in [-1, 1] for `n` observation rows: greedy, or sampled with `rng`. */
  act(obs: Float32Array, n: number, rng?: Rng): Float32Array {
    return tf.tidy(() => {
      const x = tf.tensor2d(obs, [n, this.obsSize]);
      const eps = rng ? tf.tensor2d(normals(rng, n * this.map.size), [n, this.map.size]) : undefined;
      return this.sample(x, eps).a.dataSync() as Float32Array;
    });
  }

  explore(obs: Float32Array, n: number): Float32Array {
    return this.act(obs, n, this.rng);
  }

  /** One SAC update on a replay minibatch (see the file's doc); losses when asked. */
  update(withLosses: boolean): Record<string, number> | undefined {
    const o = this.options;
    const { batch, b, a, d } = this.minibatch();
    const nextEps = normals(this.rng, b * a);
    this.updates++;
    const actorDue = this.updates % o.policyFrequency === 0;
    const actorEps = actorDue ? Array.from({ length: o.policyFrequency }, () => normals(this.rng, b * a)) : [];
    const obsAct = obsActionRows(batch.obs, batch.actions, b, d, a);
    const stats = tf.tidy(() => {
      const obs = tf.tensor2d(batch.obs, [b, d]);
      const nextObs = tf.tensor2d(batch.nextObs, [b, d]);
      const alpha = tf.exp(this.logAlpha);
      // soft Bellman target (no gradient: computed outside variableGrads)
      const next = this.sample(nextObs, tf.tensor2d(nextEps, [b, a]));
      const [q1t, q2t] = this.critic.values(tf.concat([nextObs, next.a], 1), true);
      const softNext = tf.sub(tf.minimum(q1t, q2t), tf.mul(alpha, next.logp!));
      const notDone = tf.sub(1, tf.tensor1d(batch.terminated));
      const target = tf.add(tf.tensor1d(batch.rewards), tf.mul(o.gamma, tf.mul(notDone, softNext)));
      const input = tf.tensor2d(obsAct, [b, d + a]);
      const out: tf.Tensor[] = [criticStep(this.critic, this.criticOptimizer, input, target)];
      for (const eps of actorEps) out.push(...softActorStep(this, obs, tf.tensor2d(eps, [b, a]), o.autotune));
      if (this.updates % o.targetNetworkFrequency === 0) this.critic.polyak(o.tau);
      return withLosses ? out.map((t) => tf.keep(t)) : [];
    });
    if (!withLosses) return undefined;
    const [qLoss, policyLoss, alphaLoss] = stats.map((t) => t.dataSync()[0]);
    tf.dispose(stats);
    const losses: Record<string, number> = { q_loss: qLoss, alpha: this.alpha };
    if (policyLoss !== undefined) losses.policy_loss = policyLoss;
    if (alphaLoss !== undefined) losses.alpha_loss = alphaLoss;
    return losses;
  }

  policy({ deterministic = true, seed = 0, name = 'sac' }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = deterministic ? undefined : new Rng(seed);
    return actingAgent(name, this.obsSize, this.map, (obs, n) => this.act(obs, n, rng));
  }

  /** Every network variable by checkpoint key (actor, critics, targets, log α). */
  namedVariables(): Record<string, tf.Variable> {
    return { ...this.actor.namedVariables(), ...this.critic.namedVariables(), log_alpha: this.logAlpha };
  }

  /** The optimizers by checkpoint name. */
  optimizers(): Record<string, TrainedOptimizer> {
    return {
      actor: { optimizer: this.actorOptimizer, variables: this.actor.variables },
      critic: { optimizer: this.criticOptimizer, variables: this.critic.variables },
      alpha: { optimizer: this.alphaOptimizer, variables: [this.logAlpha] },
    };
  }

  protected disposeOwn(): void {
    this.logAlpha.dispose();
  }
}

/**
 * Squashed-Gaussian actions of `actor` (outputs: means, then raw log-stds) for inputs `obs`
 * [B, inputs] with standard-normal noise `eps` [B, A]: `a` in (−1, 1) and `logp` [B]. Without
 * `eps`, the greedy tanh(mean) (logp undefined).
 */
export function squashedGaussian(actor: Mlp, obs: tf.Tensor2D, eps?: tf.Tensor2D): { a: tf.Tensor2D; logp?: tf.Tensor1D } {
  const out = actor.apply(obs);
  const [mu, rawLogStd] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  if (!eps) return { a: tf.tanh(mu) };
  const logStd = tf.add(LOG_STD_MIN, tf.mul(0.5 * (LOG_STD_MAX - LOG_STD_MIN), tf.add(tf.tanh(rawLogStd), 1)));
  const u = tf.add(mu, tf.mul(tf.exp(logStd), eps));
  // log N(u; mu, std) = −ε²/2 − log std − log √(2π); log(1 − tanh(u)²) = 2 (log 2 − u − softplus(−2u))
  const logNormal = tf.sub(tf.sub(tf.mul(-0.5, tf.square(eps)), logStd), HALF_LOG_2PI);
  const logJacobian = tf.mul(2, tf.sub(tf.sub(LOG_2, u), tf.softplus(tf.mul(-2, u))));
  return { a: tf.tanh(u) as tf.Tensor2D, logp: tf.sum(tf.sub(logNormal, logJacobian), 1) as tf.Tensor1D };
}

/** What an actor step of SAC reads and steps: the actor, the twin critics, log α and their optimizers. */
export interface SoftActorCritic {
  readonly actor: Mlp;
  readonly critic: TwinCritic;
  readonly logAlpha: tf.Variable<tf.Rank.R0>;
  readonly actorOptimizer: tf.Optimizer;
  readonly alphaOptimizer: tf.Optimizer;
  readonly targetEntropy: number;
}

/**
 * One actor step on inputs `input` [B, actor inputs] with noise `eps` [B, A] — minimising
 * `α log π(a|s) − min Q(s, a)` — then, with `autotune`, one α step towards the target
 * entropy. Returns the actor's loss and (with autotune) α's loss; call inside a tidy.
 */
export function softActorStep(p: SoftActorCritic, input: tf.Tensor2D, eps: tf.Tensor2D, autotune: boolean): tf.Scalar[] {
  const alphaNow = tf.exp(p.logAlpha);
  let logp: tf.Tensor1D | undefined;
  const piStep = tf.variableGrads(() => {
    const s = squashedGaussian(p.actor, input, eps);
    logp = tf.keep(s.logp!);
    const [q1, q2] = p.critic.values(tf.concat([input, s.a], 1));
    return tf.mean(tf.sub(tf.mul(alphaNow, s.logp!), tf.minimum(q1, q2))) as tf.Scalar;
  }, p.actor.variables);
  p.actorOptimizer.applyGradients(piStep.grads as GradientMap);
  const out = [piStep.value];
  if (autotune) {
    const fixedLogp = stopGradient(logp!);
    const alphaStep = tf.variableGrads(() => tf.mean(tf.mul(tf.neg(tf.exp(p.logAlpha)), tf.add(fixedLogp, p.targetEntropy))) as tf.Scalar, [p.logAlpha]);
    p.alphaOptimizer.applyGradients(alphaStep.grads as GradientMap);
    out.push(alphaStep.value);
  }
  tf.dispose(logp!);
  return out;
}

export const sacLearner: LearnerPlugin<typeof SAC_OPTIONS> = continuousLearnerPlugin({ name: 'sac', description: 'Soft Actor-Critic: twin Q, tanh-squashed Gaussian actor, automatic entropy tuning (Box actions)', options: SAC_OPTIONS, learner: SACLearner });
