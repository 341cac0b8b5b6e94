/**
 * Adam (Kingma & Ba 2015) over one flat Float32Array of parameters, for the plain-array networks
 * of `flat-mlp.ts` that plugins train online (e.g. the ICM wrapper's models): `adamStep`, the
 * update `adam.ts` runs on tfjs variables, with the same float32 bits as `tf.train.adam`.
 */
import { MetarenaError, show } from '../core/index.ts';
import { AdamPowers, adamStep } from './adam-step.ts';

export interface FlatAdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class FlatAdam {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly powers: AdamPowers;
  private t = 0;

  constructor(size: number, { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: FlatAdamOptions) {
    if (!(learningRate > 0)) throw new MetarenaError('METARENA_INVALID_OPTION', `Adam learning rate must be > 0, got ${show(learningRate)}`, { field: 'learningRate' });
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    this.powers = new AdamPowers(beta1, beta2);
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /** One update of `params` with gradients `grads` (same length). */
  step(params: Float32Array, grads: ArrayLike<number>): void {
    if (params.length !== this.m.length || grads.length !== this.m.length) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `Adam over ${this.m.length} parameters got ${params.length} parameters and ${grads.length} gradients`, { field: 'params' });
    }
    this.t += 1;
    const { beta1, beta2, epsilon, learningRate, m, v } = this;
    adamStep(params, m, v, grads, params, m, v, { beta1, beta2, epsilon, learningRate, ...this.powers.next() });
  }
}
