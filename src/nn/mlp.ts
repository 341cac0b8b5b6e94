/**
 * A multi-layer perceptron of `Dense` layers: hidden layers with tanh or relu (inside the dense
 * kernel), a linear output.
 * Checkpoint keys are `${name}/${layer}/kernel|bias`.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, deriveSeed, show } from '../core/index.ts';
import { Dense } from './dense.ts';
import { ModuleGroup } from './module-group.ts';

export type Activation = 'tanh' | 'relu';
export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu'];

export interface MlpOptions {
  inputs: number;
  /** Hidden layer widths, e.g. [64, 64]; empty for a linear map. */
  hidden: readonly number[];
  outputs: number;
  activation?: Activation;
  /** Orthogonal-init gain of the hidden layers (default √2) and of the output layer (default 1). */
  hiddenGain?: number;
  outputGain?: number;
  seed: number;
  name: string;
}

export class Mlp extends ModuleGroup {
  readonly layers: Dense[];
  readonly activation: Activation;

  constructor({ inputs, hidden, outputs, activation = 'tanh', hiddenGain = Math.SQRT2, outputGain = 1, seed, name }: MlpOptions) {
    super();
    if (!ACTIVATIONS.includes(activation)) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `activation must be one of ${ACTIVATIONS.join(', ')}, got ${show(activation)}`, { field: 'activation', allowed: ACTIVATIONS.join(', ') });
    }
    this.activation = activation;
    const sizes = [inputs, ...hidden, outputs];
    this.layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const last = i + 2 === sizes.length;
      this.layers.push(new Dense({ inputs: sizes[i], units: sizes[i + 1], gain: last ? outputGain : hiddenGain, seed: deriveSeed(seed, name, i), name: `${name}/${i}` }));
    }
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    this.layers.forEach((layer, i) => {
      const hidden = i + 1 < this.layers.length;
      h = layer.apply(h, hidden ? this.activation : 'linear');
    });
    return h;
  }

  protected get modules(): Dense[] {
    return this.layers;
  }
}
