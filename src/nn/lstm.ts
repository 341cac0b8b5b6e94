/**
 * A long short-term memory cell (Hochreiter & Schmidhuber, 1997, with a forget gate) in
 * PyTorch's `torch.nn.LSTM` convention, for recurrent agents (RL²): for input x and state (h, c),
 *
 *   i = σ(x W_ii + b_ii + h W_hi + b_hi)      f = σ(x W_if + b_if + h W_hf + b_hf)
 *   g = tanh(x W_ig + b_ig + h W_hg + b_hg)   o = σ(x W_io + b_io + h W_ho + b_ho)
 *   c' = f ⊙ c + i ⊙ g                        h' = o ⊙ tanh(c')
 *
 * The gate weights are fused: `inputKernel` [I, 4H] holds W_ii | W_if | W_ig | W_io (the
 * transpose of PyTorch's `weight_ih_l0`, gate order i, f, g, o), `recurrentKernel` [H, 4H]
 * likewise (`weight_hh_l0`ᵀ), with the biases `inputBias`, `recurrentBias` [4H] (`bias_ih_l0`,
 * `bias_hh_l0`). Initialisation is PyTorch's: every weight and bias ~ U(−1/√H, 1/√H).
 *
 * `unroll` projects all T inputs with one matMul, then each step does one [B, H]·[H, 4H] matMul,
 * all through `denseOp` (explicit-transpose gradient, fast on wasm; no gather). A mask of 0 at
 * step t resets h and c to zero before that step. Backpropagation through time is plain
 * autodiff inside `tf.variableGrads` / `optimizer.minimize`.
 *
 * Checkpoint keys: `${name}/input_kernel`, `${name}/recurrent_kernel`, `${name}/input_bias`,
 * `${name}/recurrent_bias`.
 */
import * as tf from '@tensorflow/tfjs';
import { denseOp } from './dense.ts';
import { type RecurrentOptions, checkSequence, recurrentVariables } from './gru.ts';

export interface LSTMState {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
}

export class LSTM {
  readonly inputs: number;
  readonly units: number;
  readonly name: string;
  /** [I, 4H]: W_ii | W_if | W_ig | W_io. */
  readonly inputKernel: tf.Variable<tf.Rank.R2>;
  /** [H, 4H]: W_hi | W_hf | W_hg | W_ho. */
  readonly recurrentKernel: tf.Variable<tf.Rank.R2>;
  readonly inputBias: tf.Variable<tf.Rank.R1>;
  readonly recurrentBias: tf.Variable<tf.Rank.R1>;

  constructor(options: RecurrentOptions) {
    [this.inputKernel, this.recurrentKernel, this.inputBias, this.recurrentBias] = recurrentVariables(options, 4, 'lstm') as [tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R1>];
    this.inputs = options.inputs;
    this.units = options.units;
    this.name = options.name;
  }

  /** The zero state for a batch of `batch`. */
  initialState(batch: number): LSTMState {
    return { h: tf.zeros([batch, this.units]), c: tf.zeros([batch, this.units]) };
  }

  /** Input projections x·W_i + b_i [B, 4H] for inputs x [B, I]. */
  project(x: tf.Tensor2D): tf.Tensor2D {
    return denseOp(x, this.inputKernel, this.inputBias);
  }

  /** One step from a projected input gx [B, 4H] (see `project`) and state (h, c). */
  stepProjected(gx: tf.Tensor2D, { h, c }: LSTMState): LSTMState {
    const H = this.units;
    const gates = tf.add(gx, denseOp(h, this.recurrentKernel, this.recurrentBias));
    const [ifGates, gGate, oGate] = tf.split(gates, [2 * H, H, H], 1);
    const [i, f] = tf.split(tf.sigmoid(ifGates), 2, 1);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(gGate))) as tf.Tensor2D;
    const hNext = tf.mul(tf.sigmoid(oGate), tf.tanh(cNext)) as tf.Tensor2D;
    return { h: hNext, c: cNext };
  }

  /** One step: x [B, I], state (h, c) [B, H] each → (h', c'). */
  step(x: tf.Tensor2D, state: LSTMState): LSTMState {
    return this.stepProjected(this.project(x), state);
  }

  /**
   * Runs T steps over xs [T, B, I] from `state0` (default zeros). masks [T, B]: 0 resets h and c
   * to zero before that step. Returns every step's h [T, B, H] and the last state.
   */
  unroll(xs: tf.Tensor3D, state0?: LSTMState, masks?: tf.Tensor2D): { outputs: tf.Tensor3D; state: LSTMState } {
    checkSequence(xs, this.inputs, masks, `lstm ${this.name}`);
    const [T, B] = xs.shape;
    const gxs = tf.unstack(tf.reshape(this.project(tf.reshape(xs, [T * B, this.inputs])), [T, B, 4 * this.units])) as tf.Tensor2D[];
    const ms = masks ? (tf.unstack(tf.reshape(masks, [T, B, 1])) as tf.Tensor2D[]) : undefined;
    let state = state0 ?? this.initialState(B);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      if (ms) state = { h: tf.mul(state.h, ms[t]), c: tf.mul(state.c, ms[t]) };
      state = this.stepProjected(gxs[t], state);
      outputs.push(state.h);
    }
    return { outputs: tf.stack(outputs) as tf.Tensor3D, state };
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
