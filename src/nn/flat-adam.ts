/**
 * Adam (Kingma & Ba 2015) over one flat Float32Array of parameters, for the plain-array networks
 * of `flat-mlp.ts` that plugins train online (e.g. the ICM wrapper's models). The update is the
 * one `adam.ts` runs on tfjs variables, in float64 arithmetic:
 *
 *   m ← β1·m + (1−β1)·g     v ← β2·v + (1−β2)·g²
 *   θ ← θ − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 */
import { MetarenaError, show } from '../core/index.ts';

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
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(size: number, { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: FlatAdamOptions) {
    if (!(learningRate > 0)) throw new MetarenaError('METARENA_INVALID_OPTION', `Adam learning rate must be > 0, got ${show(learningRate)}`, { field: 'learningRate' });
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
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
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      params[i] -= (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
    }
  }
}
