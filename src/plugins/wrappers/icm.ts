/**
 * # ICM
 *
 * Curiosity as a reward bonus: the Intrinsic Curiosity Module of Pathak et al., "Curiosity-driven
 * Exploration by Self-supervised Prediction" (ICML 2017), the baseline the reward networks of
 * Ferreira et al. (ICLR 2022) are compared with (automl/learning_environments
 * `models/icm_baseline.py`). Three networks are trained online on the env's own transitions:
 *
 * - features φ: s → φ(s) (`feature_dim` values; hidden layers LeakyReLU),
 * - inverse model: [φ(s), φ(s′)] → â, the action taken (hidden layers ReLU),
 * - forward model: [φ(s), a] → f̂, a prediction of φ(s′) (hidden layers LeakyReLU),
 *
 * with loss (1 − β)·L_inverse + β·L_forward, L_forward = mean_k (f̂_k − φ(s′)_k)² and L_inverse
 * the cross-entropy of softmax(â) for a Discrete action (one-hot a), the mean squared error for
 * a Box action. At every step the networks take one Adam step on the transition (s, a, s′), then
 * the agent sees
 *
 *   r + η · mean_k (φ(s′)_k − f̂_k)²
 *
 * (the reference code's intrinsic reward, computed after its update as there). Observations are
 * flattened (Box) or one-hot (Discrete). Each network has the `hidden` layers (default one of
 * 128 units; the reference code has two, and four residual blocks in the forward model after
 * large-scale-curiosity — the simpler networks here are Pathak et al.'s form), PyTorch's default
 * `nn.Linear` init from `init_seed`. For two actions the reference code uses one logit with a
 * binary cross-entropy; here every Discrete action space gets the softmax cross-entropy.
 *
 * - Observation and action spaces, termination and truncation are the env's; the step info gets
 *   `env_reward` (the env's reward) and `intrinsic_reward` (the bonus).
 * - The networks belong to one wrapped env and keep learning across resets, so the rewards
 *   depend on everything the env has seen since it was made, not only on the seed.
 *
 * ## Options
 * `eta` (0.5), `beta` (0.2), `learning_rate` (1e-4), `feature_dim` (32), `hidden` ([128]),
 * `init_seed` (0); the defaults are the reference code's `icm` settings.
 *
 * ## Errors
 * METARENA_INVALID_OPTION naming `id`: an observation or action space that is neither Box nor
 * Discrete.
 *
 * ## Version history
 * - first version: Pathak et al.'s three networks, trained one transition at a time.
 */
import { type Env, MetarenaError, Rng, type StepResult, defineWrapper, deriveSeed } from '../../core/index.ts';
import { FlatAdam } from '../../nn/flat-adam.ts';
import { FlatMlp, type FlatMlpTrace } from '../../nn/flat-mlp.ts';
import { type ObservationEncoding, TransitionRewardWrapper, encodeObservation, encodingWidth, observationEncoding } from './transition-reward.ts';

export interface IcmOptions {
  eta: number;
  beta: number;
  learningRate: number;
  featureDim: number;
  hidden: readonly number[];
  seed: number;
}

/** The three networks, their one parameter vector, the optimizer and the per-step arithmetic. */
export class IcmModel {
  readonly features: FlatMlp;
  readonly inverse: FlatMlp;
  readonly forward: FlatMlp;
  /** Parameters of features, inverse and forward, in that order. */
  readonly params: Float32Array;
  private readonly grads: Float64Array;
  private readonly views: { features: Float64Array; inverse: Float64Array; forward: Float64Array };
  private readonly adam: FlatAdam;
  private readonly traces: { s: FlatMlpTrace; next: FlatMlpTrace; inverse: FlatMlpTrace; forward: FlatMlpTrace };
  private readonly phiS: Float64Array;
  private readonly phiNext: Float64Array;
  private readonly invIn: Float64Array;
  private readonly fwdIn: Float64Array;
  private readonly aHat: Float64Array;
  private readonly fHat: Float64Array;

  constructor(
    readonly observation: ObservationEncoding,
    readonly action: ObservationEncoding,
    readonly options: Readonly<IcmOptions>,
  ) {
    const { featureDim: f, hidden } = options;
    const obsWidth = encodingWidth(observation);
    const actWidth = encodingWidth(action);
    const shapes = [
      { inputs: obsWidth, hidden, outputs: f, activation: 'leakyrelu', name: 'features' },
      { inputs: 2 * f, hidden, outputs: actWidth, activation: 'relu', name: 'inverse' },
      { inputs: f + actWidth, hidden, outputs: f, activation: 'leakyrelu', name: 'forward' },
    ] as const;
    const counts = shapes.map((s) => FlatMlp.parameterCount(s.inputs, s.hidden, s.outputs));
    this.params = new Float32Array(counts[0] + counts[1] + counts[2]);
    this.grads = new Float64Array(this.params.length);
    let at = 0;
    const [features, inverse, forward] = shapes.map((s, i) => {
      const net = new FlatMlp(s, this.params.subarray(at, at + counts[i]));
      at += counts[i];
      return net;
    });
    this.features = features;
    this.inverse = inverse;
    this.forward = forward;
    this.views = { features: this.grads.subarray(0, counts[0]), inverse: this.grads.subarray(counts[0], counts[0] + counts[1]), forward: this.grads.subarray(counts[0] + counts[1]) };
    for (const net of [features, inverse, forward]) net.initUniform(new Rng(deriveSeed(options.seed, 'icm', net.name)));
    this.adam = new FlatAdam(this.params.length, { learningRate: options.learningRate });
    this.traces = { s: features.newTrace(), next: features.newTrace(), inverse: inverse.newTrace(), forward: forward.newTrace() };
    this.phiS = new Float64Array(f);
    this.phiNext = new Float64Array(f);
    this.invIn = new Float64Array(2 * f);
    this.fwdIn = new Float64Array(f + actWidth);
    this.aHat = new Float64Array(actWidth);
    this.fHat = new Float64Array(f);
  }

  /** φ(s), φ(s′), â and f̂ for encoded s, a, s′ (recorded in the traces). */
  private evaluate(s: Float64Array, a: Float64Array, next: Float64Array): void {
    const f = this.options.featureDim;
    this.features.forward(s, this.phiS, this.traces.s);
    this.features.forward(next, this.phiNext, this.traces.next);
    this.invIn.set(this.phiS);
    this.invIn.set(this.phiNext, f);
    this.inverse.forward(this.invIn, this.aHat, this.traces.inverse);
    this.fwdIn.set(this.phiS);
    this.fwdIn.set(a, f);
    this.forward.forward(this.fwdIn, this.fHat, this.traces.forward);
  }

  /** The ICM loss of the transition (for checks), with the current networks. */
  loss(s: Float64Array, a: Float64Array, next: Float64Array): { inverse: number; forward: number; total: number } {
    this.evaluate(s, a, next);
    const f = this.options.featureDim;
    let forward = 0;
    for (let k = 0; k < f; k++) forward += (this.fHat[k] - this.phiNext[k]) ** 2;
    forward /= f;
    let inverse = 0;
    if (this.action.kind === 'discrete') {
      const max = Math.max(...this.aHat);
      let z = 0;
      for (const v of this.aHat) z += Math.exp(v - max);
      const taken = a.indexOf(1);
      inverse = -(this.aHat[taken] - max - Math.log(z));
    } else {
      for (let k = 0; k < a.length; k++) inverse += (this.aHat[k] - a[k]) ** 2;
      inverse /= a.length;
    }
    const { beta } = this.options;
    return { inverse, forward, total: (1 - beta) * inverse + beta * forward };
  }

  /** One Adam step on the loss of the transition (s, a, s′) (all encoded). */
  train(s: Float64Array, a: Float64Array, next: Float64Array): void {
    this.adam.step(this.params, this.gradient(s, a, next));
  }

  /** ∂loss/∂params for the transition (s, a, s′), laid out as `params` (a view, overwritten by the next call). */
  gradient(s: Float64Array, a: Float64Array, next: Float64Array): Float64Array {
    this.evaluate(s, a, next);
    const { beta, featureDim: f } = this.options;
    const g = this.grads;
    g.fill(0);
    // inverse loss gradient with respect to â
    const dA = new Float64Array(this.aHat.length);
    if (this.action.kind === 'discrete') {
      const max = Math.max(...this.aHat);
      let z = 0;
      for (const v of this.aHat) z += Math.exp(v - max);
      for (let k = 0; k < dA.length; k++) dA[k] = (1 - beta) * (Math.exp(this.aHat[k] - max) / z - a[k]);
    } else {
      for (let k = 0; k < dA.length; k++) dA[k] = ((1 - beta) * 2 * (this.aHat[k] - a[k])) / dA.length;
    }
    // forward loss gradient with respect to f̂ (and, with the opposite sign, φ(s′))
    const dF = new Float64Array(f);
    for (let k = 0; k < f; k++) dF[k] = (beta * 2 * (this.fHat[k] - this.phiNext[k])) / f;
    const dInv = this.inverse.backward(this.traces.inverse, dA, this.views.inverse);
    const dFwd = this.forward.backward(this.traces.forward, dF, this.views.forward);
    const dPhiS = new Float64Array(f);
    const dPhiNext = new Float64Array(f);
    for (let k = 0; k < f; k++) {
      dPhiS[k] = dInv[k] + dFwd[k];
      dPhiNext[k] = dInv[f + k] - dF[k];
    }
    this.features.backward(this.traces.s, dPhiS, this.views.features);
    this.features.backward(this.traces.next, dPhiNext, this.views.features);
    return g;
  }

  /** η · mean_k (φ(s′)_k − f̂_k)² with the current networks. */
  intrinsicReward(s: Float64Array, a: Float64Array, next: Float64Array): number {
    this.evaluate(s, a, next);
    const f = this.options.featureDim;
    let e = 0;
    for (let k = 0; k < f; k++) e += (this.phiNext[k] - this.fHat[k]) ** 2;
    return (this.options.eta * e) / f;
  }
}

/** The encodings of an env's observation and action spaces; an error naming `id` when either has none. */
function icmEncodings(env: Env): { observation: ObservationEncoding; action: ObservationEncoding } {
  const observation = observationEncoding(env.observationSpace);
  const action = observationEncoding(env.actionSpace);
  if (!observation || !action) {
    const [what, space] = !observation ? ['observation', env.observationSpace] : ['action', env.actionSpace];
    throw new MetarenaError('METARENA_INVALID_OPTION', `ICM needs Box or Discrete observation and action spaces, ${env.id} has the ${what} space ${space}`, { field: 'id', allowed: 'Box or Discrete spaces', plugin: 'ICM' });
  }
  return { observation, action };
}

export class Icm<O = unknown, A = unknown> extends TransitionRewardWrapper<O, A> {
  readonly model: IcmModel;
  private readonly a: Float64Array;

  constructor(env: Env<O, A>, options: IcmOptions) {
    const { observation, action } = icmEncodings(env);
    super(env, observation);
    this.model = new IcmModel(observation, action, options);
    this.a = new Float64Array(encodingWidth(action));
  }

  protected transitionReward(s: Float64Array, action: A, next: Float64Array, r: StepResult<O>): { reward: number; info: { intrinsic_reward: number } } {
    encodeObservation(this.model.action, this.model.action.kind === 'box' && typeof action === 'number' ? [action] : action, this.a);
    this.model.train(s, this.a, next);
    const bonus = this.model.intrinsicReward(s, this.a, next);
    return { reward: r.reward + bonus, info: { intrinsic_reward: bonus } };
  }
}

export default defineWrapper({
  id: 'ICM',
  description: 'Curiosity bonus (Pathak et al. 2017): η times the forward-model error of an online-trained ICM, added to the reward.',
  args: {
    eta: { type: 'number', default: 0.5, min: 0, description: 'Scale η of the intrinsic reward.' },
    beta: { type: 'number', default: 0.2, min: 0, max: 1, description: 'Weight β of the forward loss against the inverse loss (1 − β).' },
    learning_rate: { type: 'number', default: 1e-4, min: 0, exclusiveMin: true, description: 'Adam learning rate of the three networks.' },
    feature_dim: { type: 'integer', default: 32, min: 1, max: 4096, description: 'Width of the features φ(s).' },
    hidden: { type: 'integers', default: [128], min: 1, max: 4096, description: 'Hidden layer widths of each network.' },
    init_seed: { type: 'integer', default: 0, min: 0, max: Number.MAX_SAFE_INTEGER, description: 'Seed of the networks’ init.' },
  },
  apply: (env, args) => new Icm(env, { eta: args.eta, beta: args.beta, learningRate: args.learning_rate, featureDim: args.feature_dim, hidden: args.hidden, seed: args.init_seed }),
});
