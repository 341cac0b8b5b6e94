/**
 * A dense layer `y = x·W + b` whose gradient is written out with explicit transposes
 * (`dx = dy·transpose(W)`, `dW = transpose(x)·dy`, `db = Σ dy`). tfjs's own matMul gradient uses
 * the transpose flags of matMul, which the wasm backend runs ≈10× slower than a plain matMul
 * after a transpose; this layer keeps training fast on wasm and is exact on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, Rng, show } from '../core/index.ts';
import { glorotUniform, orthogonal } from './init.ts';

/** `x·W + b` with the transpose-free gradient; x is [batch, in], W [in, out], b [out]. */
export const denseOp = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
  save([x, w]);
  const value = tf.add(tf.matMul(x, w), b);
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
    const dy2 = dy as tf.Tensor2D;
    return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy2), tf.sum(dy2, 0)];
  };
  return { value, gradFunc };
}) as unknown as (...args: (tf.Tensor | tf.GradSaveFunc)[]) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] }) as (
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
) => tf.Tensor2D;

export type Initializer = 'orthogonal' | 'glorot-uniform';

export interface DenseOptions {
  inputs: number;
  units: number;
  /** Kernel init (default orthogonal); the bias starts at zero. */
  init?: Initializer;
  /** Scale of the orthogonal init (default √2). */
  gain?: number;
  /** Seed of the init. */
  seed: number;
  /**
   * Checkpoint key prefix, e.g. `actor/0` (keys `actor/0/kernel`, `actor/0/bias`). The tfjs
   * variables themselves get unique generated names, so that several networks with the same
   * keys (a policy and its reloaded copy) can live in one process.
   */
  name: string;
}

export class Dense {
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
  readonly name: string;

  constructor({ inputs, units, init = 'orthogonal', gain = Math.SQRT2, seed, name }: DenseOptions) {
    for (const [field, v] of [['inputs', inputs], ['units', units]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `dense ${field} must be a positive integer, got ${show(v)}`, { field });
    }
    this.name = name;
    const rng = new Rng(seed);
    const values = init === 'orthogonal' ? orthogonal(inputs, units, gain, rng) : glorotUniform(inputs, units, rng);
    this.kernel = tf.variable(tf.tensor2d(values, [inputs, units]), true);
    this.bias = tf.variable(tf.zeros([units]), true);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return denseOp(x, this.kernel, this.bias);
  }

  get variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }

  /** The variables by checkpoint key. */
  namedVariables(): Record<string, tf.Variable> {
    return { [`${this.name}/kernel`]: this.kernel, [`${this.name}/bias`]: this.bias };
  }

  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
  }
}
