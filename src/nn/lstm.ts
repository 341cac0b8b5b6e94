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
import { type RecurrentOptions, RecurrentCell } from './recurrent.ts';

export interface LSTMState {
  h: tf.Tensor2D;
  c: tf.Tensor2D;
}

export class LSTM extends RecurrentCell<LSTMState> {
  constructor(options: RecurrentOptions) {
    super(options, 4, 'lstm');
  }

  /** The zero state for a batch of `batch`. */
  initialState(batch: number): LSTMState {
    return { h: tf.zeros([batch, this.units]), c: tf.zeros([batch, this.units]) };
  }

  /** One step from a projected input gx [B, 4H] (see `project`; W_ii | W_if | W_ig | W_io) and state (h, c). */
  stepProjected(gx: tf.Tensor2D, { h, c }: LSTMState): LSTMState {
    const H = this.units;
    const gates = tf.add(gx, denseOp(h, this.recurrentKernel, this.recurrentBias));
    const [ifGates, gGate, oGate] = tf.split(gates, [2 * H, H, H], 1);
    const [i, f] = tf.split(tf.sigmoid(ifGates), 2, 1);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(gGate))) as tf.Tensor2D;
    const hNext = tf.mul(tf.sigmoid(oGate), tf.tanh(cNext)) as tf.Tensor2D;
    return { h: hNext, c: cNext };
  }

  protected masked(state: LSTMState, mask: tf.Tensor2D): LSTMState {
    return { h: tf.mul(state.h, mask), c: tf.mul(state.c, mask) };
  }

  protected output(state: LSTMState): tf.Tensor2D {
    return state.h;
  }

  /**
   * Runs T steps over xs [T, B, I] from `state0` (default zeros). masks [T, B]: 0 resets h and c
   * to zero before that step. Returns every step's h [T, B, H] and the last state.
   */
  unroll(xs: tf.Tensor3D, state0?: LSTMState, masks?: tf.Tensor2D): { outputs: tf.Tensor3D; state: LSTMState } {
    return this.unrollStates(xs, state0, masks);
  }
}
