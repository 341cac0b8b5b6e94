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
import { denseOp } from './dense.ts';
import { type RecurrentOptions, RecurrentCell } from './recurrent.ts';

export class GRU extends RecurrentCell<tf.Tensor2D> {
  constructor(options: RecurrentOptions) {
    super(options, 3, 'gru');
  }

  /** The zero state for a batch of `batch`. */
  initialState(batch: number): tf.Tensor2D {
    return tf.zeros([batch, this.units]);
  }

  /** One step from a projected input gx [B, 3H] (see `project`; W_ir | W_iz | W_in) and state h [B, H]. */
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

  protected masked(h: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
    return tf.mul(h, mask);
  }

  protected output(h: tf.Tensor2D): tf.Tensor2D {
    return h;
  }

  /**
   * Runs T steps over xs [T, B, I] from h0 [B, H] (default zeros). masks [T, B]: 0 resets the
   * state to zero before that step. Returns every step's state [T, B, H] and the last one.
   */
  unroll(xs: tf.Tensor3D, h0?: tf.Tensor2D, masks?: tf.Tensor2D): { outputs: tf.Tensor3D; h: tf.Tensor2D } {
    const { outputs, state } = this.unrollStates(xs, h0, masks);
    return { outputs, h: state };
  }
}
