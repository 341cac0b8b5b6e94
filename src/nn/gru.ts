/**
 * A gated recurrent unit (Cho et al., 2014) in PyTorch's `torch.nn.GRU` convention, for
 * recurrent agents (RL²): for input x and previous state h,
 *
 *   r  = σ(x W_ir + b_ir + h W_hr + b_hr)
 *   z  = σ(x W_iz + b_iz + h W_hz + b_hz)
 *   n  = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 *
 * The gate weights are fused: `inputKernel` [I, 3H] holds W_ir | W_iz | W_in side by side (the
 * transpose of PyTorch's `weight_ih_l0`, gate order r, z, n), `recurrentKernel` [H, 3H] likewise
 * (`weight_hh_l0`ᵀ), with the two biases `inputBias`, `recurrentBias` [3H] (`bias_ih_l0`,
 * `bias_hh_l0`). Initialisation is PyTorch's: every weight and bias ~ U(−1/√H, 1/√H).
 *
 * `unroll` runs T steps: the input projection of all T steps is one matMul, then each step does
 * one [B, H]·[H, 3H] matMul. All matMuls go through `denseOp` (explicit-transpose gradient, fast
 * on wasm); nothing uses gather. A mask of 0 at step t resets the state to zero before step t
 * (an episode or trial starts there), so one batch can hold several episodes back to back.
 * Backpropagation through time is plain autodiff: call `unroll` inside `tf.variableGrads` or
 * `optimizer.minimize`.
 *
 * Checkpoint keys: `${name}/input_kernel`, `${name}/recurrent_kernel`, `${name}/input_bias`,
 * `${name}/recurrent_bias`.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, Rng, show } from '../core/index.ts';
import { denseOp } from './dense.ts';

export interface RecurrentOptions {
  inputs: number;
  /** Hidden state size H. */
  units: number;
  seed: number;
  /** Checkpoint key prefix. */
  name: string;
}

/** Checks sizes; returns U(−1/√H, 1/√H) variables of the given shapes (PyTorch's init). */
export function recurrentVariables({ inputs, units, seed, name }: RecurrentOptions, gates: number, kind: string): tf.Variable[] {
  for (const [field, v] of [['inputs', inputs], ['units', units]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${kind} ${name}: ${field} must be a positive integer, got ${show(v)}`, { field });
  }
  const rng = new Rng(seed);
  const bound = 1 / Math.sqrt(units);
  const uniform = (shape: number[]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.variable(tf.tensor(Float32Array.from({ length: size }, () => rng.uniform(-bound, bound)), shape), true);
  };
  return [uniform([inputs, gates * units]), uniform([units, gates * units]), uniform([gates * units]), uniform([gates * units])];
}

/** Checks the [T, B, I] input and [T, B] masks of an unroll. */
export function checkSequence(xs: tf.Tensor, inputs: number, masks: tf.Tensor | undefined, kind: string): void {
  if (xs.rank !== 3 || xs.shape[2] !== inputs) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${kind}: inputs must be [T, B, ${inputs}], got [${xs.shape}]`, { field: 'xs' });
  if (masks && (masks.rank !== 2 || masks.shape[0] !== xs.shape[0] || masks.shape[1] !== xs.shape[1])) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${kind}: masks must be [${xs.shape[0]}, ${xs.shape[1]}] (steps × batch), got [${masks.shape}]`, { field: 'masks' });
  }
}

export class GRU {
  readonly inputs: number;
  readonly units: number;
  readonly name: string;
  /** [I, 3H]: W_ir | W_iz | W_in. */
  readonly inputKernel: tf.Variable<tf.Rank.R2>;
  /** [H, 3H]: W_hr | W_hz | W_hn. */
  readonly recurrentKernel: tf.Variable<tf.Rank.R2>;
  readonly inputBias: tf.Variable<tf.Rank.R1>;
  readonly recurrentBias: tf.Variable<tf.Rank.R1>;

  constructor(options: RecurrentOptions) {
    [this.inputKernel, this.recurrentKernel, this.inputBias, this.recurrentBias] = recurrentVariables(options, 3, 'gru') as [tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R1>];
    this.inputs = options.inputs;
    this.units = options.units;
    this.name = options.name;
  }

  /** The zero state for a batch of `batch`. */
  initialState(batch: number): tf.Tensor2D {
    return tf.zeros([batch, this.units]);
  }

  /** Input projections x·W_i + b_i [B, 3H] for inputs x [B, I]. */
  project(x: tf.Tensor2D): tf.Tensor2D {
    return denseOp(x, this.inputKernel, this.inputBias);
  }

  /** One step from a projected input gx [B, 3H] (see `project`) and state h [B, H]. */
  stepProjected(gx: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    const H = this.units;
    const gh = denseOp(h, this.recurrentKernel, this.recurrentBias);
    const [gxRz, gxN] = tf.split(gx, [2 * H, H], 1);
    const [ghRz, ghN] = tf.split(gh, [2 * H, H], 1);
    const [r, z] = tf.split(tf.sigmoid(tf.add(gxRz, ghRz)), 2, 1);
    const n = tf.tanh(tf.add(gxN, tf.mul(r, ghN)));
    // (1 − z) n + z h = n + z (h − n)
    return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
  }

  /** One step: x [B, I], h [B, H] → h' [B, H]. */
  step(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    return this.stepProjected(this.project(x), h);
  }

  /**
   * Runs T steps over xs [T, B, I] from h0 [B, H] (default zeros). masks [T, B]: 0 resets the
   * state to zero before that step. Returns every step's state [T, B, H] and the last one.
   */
  unroll(xs: tf.Tensor3D, h0?: tf.Tensor2D, masks?: tf.Tensor2D): { outputs: tf.Tensor3D; h: tf.Tensor2D } {
    checkSequence(xs, this.inputs, masks, `gru ${this.name}`);
    const [T, B] = xs.shape;
    const gxs = tf.unstack(tf.reshape(this.project(tf.reshape(xs, [T * B, this.inputs])), [T, B, 3 * this.units])) as tf.Tensor2D[];
    const ms = masks ? (tf.unstack(tf.reshape(masks, [T, B, 1])) as tf.Tensor2D[]) : undefined;
    let h = h0 ?? this.initialState(B);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      if (ms) h = tf.mul(h, ms[t]);
      h = this.stepProjected(gxs[t], h);
      outputs.push(h);
    }
    return { outputs: tf.stack(outputs) as tf.Tensor3D, h };
  }

  get variables(): tf.Variable[] {
    return [this.inputKernel, this.recurrentKernel, this.inputBias, this.recurrentBias];
  }

  /** The variables by checkpoint key. */
  namedVariables(): Record<string, tf.Variable> {
    return {
      [`${this.name}/input_kernel`]: this.inputKernel,
      [`${this.name}/recurrent_kernel`]: this.recurrentKernel,
      [`${this.name}/input_bias`]: this.inputBias,
      [`${this.name}/recurrent_bias`]: this.recurrentBias,
    };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
