/**
 * Layer normalisation (Ba et al., 2016) over the last axis of [B, N] rows, with a learned gain
 * and bias per unit: y = g ⊙ (x − μ) / √(σ² + ε) + b, μ and σ² the row's mean and (biased)
 * variance, ε = 1e-5. Gains start at 1, biases at 0 (as pytorch_rl2's `LayerNorm`, whose ε is
 * 1e-8; the larger ε keeps float32 gradients bounded on near-constant rows). Plain tfjs ops:
 * autodiff differentiates it.
 *
 * Checkpoint keys: `${name}/gain`, `${name}/bias`.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, show } from '../core/index.ts';

export const LAYER_NORM_EPSILON = 1e-5;

export class LayerNorm {
  readonly gain: tf.Variable<tf.Rank.R1>;
  readonly bias: tf.Variable<tf.Rank.R1>;

  constructor(
    readonly units: number,
    readonly name: string,
  ) {
    if (!Number.isInteger(units) || units < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `layer norm ${name}: units must be a positive integer, got ${show(units)}`, { field: 'units' });
    this.gain = tf.variable(tf.ones([units]), true);
    this.bias = tf.variable(tf.zeros([units]), true);
  }

  /** The normalised rows of x [B, units]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, 1, true);
      const standardised = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON)));
      return tf.add(tf.mul(standardised, this.gain), this.bias) as tf.Tensor2D;
    });
  }

  get variables(): tf.Variable[] {
    return [this.gain, this.bias];
  }

  namedVariables(): Record<string, tf.Variable> {
    return { [`${this.name}/gain`]: this.gain, [`${this.name}/bias`]: this.bias };
  }

  dispose(): void {
    this.gain.dispose();
    this.bias.dispose();
  }
}
