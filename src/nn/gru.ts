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
 * one [B, H]·[H, 3H] matMul and one gate kernel (`MetarenaGruCell`: the gate arithmetic run as
 * one engine op, with a hand-written gradient, so that the engine records two ops per step
 * instead of about fifteen). All matMuls go through `denseOp` (explicit-transpose gradient, fast
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
import { type BackendKernelArgs, backendOps, registerBackendKernel } from './kernels.ts';
import { type RecurrentOptions, RecurrentCell } from './recurrent.ts';

const CELL = 'MetarenaGruCell';
const CELL_GRAD = 'MetarenaGruCellGrad';

type Info = tf.TensorInfo;

/**
 * The gate arithmetic of one GRU step as one kernel: from gx = x·W_i + b_i and gh = h·W_h + b_h
 * [B, 3H] and h [B, H], the outputs h′, r, z, n (r, z, n are kept for the gradient). The
 * backend's Add, Sigmoid, Multiply, Tanh and Sub kernels run in the order the step's ops did
 * before, on the same column blocks, so h′ has the same bits.
 */
function cellForward(backendName: string, { inputs, backend }: BackendKernelArgs): Info[] {
  const { gx, gh, h } = inputs as Record<'gx' | 'gh' | 'h', Info>;
  const H = h.shape[1];
  const k = backendOps(backendName, backend);
  const rz = k.unary('Sigmoid', k.add(k.columns(gx, 0, 2 * H), k.columns(gh, 0, 2 * H)));
  const r = k.keep(k.columns(rz, 0, H));
  const z = k.keep(k.columns(rz, H, H));
  const n = k.keep(k.unary('Tanh', k.add(k.columns(gx, 2 * H, H), k.mul(r, k.columns(gh, 2 * H, H)))));
  // (1 − z) n + z h = n + z (h − n)
  const next = k.keep(k.add(n, k.mul(z, k.sub(h, n))));
  k.free();
  return [next, r, z, n];
}

/**
 * The gradient of `cellForward` for dh′: dgx = [da_r, da_z, da_n], dgh = [da_r, da_z, da_n ⊙ r],
 * dh = dh′ ⊙ z, with da_n = dh′ (1 − z)(1 − n²), da_r = da_n ⊙ gh_n ⊙ r (1 − r) and
 * da_z = dh′ ⊙ (h − n) ⊙ z (1 − z).
 */
function cellBackward(backendName: string, { inputs, backend }: BackendKernelArgs): Info[] {
  const { dy, gh, h, r, z, n } = inputs as Record<'dy' | 'gh' | 'h' | 'r' | 'z' | 'n', Info>;
  const H = h.shape[1];
  const k = backendOps(backendName, backend);
  const one = k.scalar(1);
  const dn = k.sub(dy, k.mul(dy, z));
  const daN = k.mul(dn, k.sub(one, k.unary('Square', n)));
  const daR = k.mul(k.mul(daN, k.columns(gh, 2 * H, H)), k.mul(r, k.sub(one, r)));
  const daZ = k.mul(k.mul(dy, k.sub(h, n)), k.mul(z, k.sub(one, z)));
  const dgx = k.keep(k.concatColumns([daR, daZ, daN]));
  const dgh = k.keep(k.concatColumns([daR, daZ, k.mul(daN, r)]));
  const dh = k.keep(k.mul(dy, z));
  k.free();
  return [dgx, dgh, dh];
}

registerBackendKernel(CELL, cellForward);
registerBackendKernel(CELL_GRAD, cellBackward);

if (!tf.getGradient(CELL)) {
  tf.registerGradient({
    kernelName: CELL,
    inputsToSave: ['gh', 'h'],
    outputsToSave: [false, true, true, true],
    gradFunc: (dys, saved) => {
      // only h′ is used downstream; r, z, n are outputs for the gradient's sake
      const dy = (dys as tf.Tensor[])[0];
      const [gh, h, r, z, n] = saved;
      const [dgx, dgh, dh] = tf.engine().runKernel(CELL_GRAD, { dy, gh, h, r, z, n }) as tf.Tensor[];
      return { gx: () => dgx, gh: () => dgh, h: () => dh };
    },
  });
}

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
    const gh = denseOp(h, this.recurrentKernel, this.recurrentBias);
    return (tf.engine().runKernel(CELL, { gx, gh, h }) as tf.Tensor[])[0] as tf.Tensor2D;
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
