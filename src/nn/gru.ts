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
 * `unroll` projects the inputs of all T steps with one matMul (`denseOp`), then runs the masked
 * recurrence as one kernel (`gru-kernels.ts`, `MetarenaGruSequence`) whose gradient is
 * backpropagation through time written out; the recurrent weight gradient is one matMul over
 * all steps. `step` (acting one step at a time) is one kernel too (`MetarenaGruStep`: both
 * projections as `denseOp` forms them, then the gates); `stepProjected` takes gx and runs
 * `denseOp` for gh = h·W_h + b_h and the gate kernel (`MetarenaGruCell`). What runs where:
 *
 * - with the OpenBLAS addon in the wasm backend's matrix products (`native-blas.ts`, the
 *   default where it is built): the gates of every kernel and their gradients are C loops
 *   (native/gru.c) over the wasm heap, each unroll step's h·W_h an sgemm call from C, σ and
 *   tanh computed in C;
 * - otherwise (no addon, `METARENA_NATIVE_BLAS=0`, or another backend): the backend's own
 *   kernels per step, σ the backend's Sigmoid and tanh `kernelTanh`'s.
 *
 * Either way the unroll and the step run the same arithmetic, so for the same projected inputs
 * and batch the unroll's states are the bits of the same steps taken one at a time; the
 * gradients agree to float rounding (they are summed in another order), and the two ways agree
 * with each other and with the step written as tfjs ops to float32 rounding. (A product's rows
 * are the same bits whatever the batch on the wasm kernels; OpenBLAS's sgemm may round a row
 * differently in a product of another number of rows, so with the addon an acting batch and a
 * training minibatch can differ in the last bit.)
 * Nothing uses gather (it has no gradient on wasm). A mask of 0 at step t resets the state to
 * zero before step t (an episode or trial starts there), so one batch can hold several episodes
 * back to back. Call `unroll` inside `tf.variableGrads` or `optimizer.minimize` for BPTT.
 *
 * `layerNorm: true` gives pytorch_rl2's variant (its `architectures/gru.py` with `use_ln`,
 * `reset_after` and forget bias 1): no biases, a layer norm (`layer-norm.ts`) on each
 * pre-activation — of the input's r, z block, of the input's candidate, of the state's r, z block
 * and of the state's candidate — an update gate shifted by −1 that weights the new candidate,
 * and a ReLU candidate:
 *
 *   [a_r, a_z] = LN(x W_i,rz) + LN(h W_h,rz)      r = σ(a_r)      z = σ(a_z − 1)
 *   n  = relu(LN(x W_in) + r ⊙ LN(h W_hn))
 *   h' = (1 − z) ⊙ h + z ⊙ n
 *
 * with the same fused kernels [I, 3H], [H, 3H] (column blocks r, z, n; initialised as above: the
 * norms make the outputs independent of the kernels' scale). With the OpenBLAS addon in the wasm
 * backend's matrix products its step and unroll are C loops too (`gru-ln-kernels.ts`: all four
 * norms inside, gradients of gains and biases included; step and unroll the same bits, as
 * above); otherwise the variant runs as plain tfjs ops (`normalisedStep`, autodiff through
 * time), which agree with the C loops to float32 rounding.
 *
 * Checkpoint keys: `${name}/input_kernel`, `${name}/recurrent_kernel`, `${name}/input_bias`,
 * `${name}/recurrent_bias`; the variant has no biases and adds `${name}/ln_input_gates/gain`,
 * `…/bias` and likewise `ln_input_candidate`, `ln_recurrent_gates`, `ln_recurrent_candidate`.
 */
import * as tf from '@tensorflow/tfjs';
import { denseOp } from './dense.ts';
import { gruCellOp, gruSequenceOp, gruStepOp } from './gru-kernels.ts';
import { gruLnCellOp, gruLnKernelsAvailable, gruLnSequenceOp, gruLnStepOp } from './gru-ln-kernels.ts';
import { LayerNorm } from './layer-norm.ts';
import { type RecurrentOptions, RecurrentCell, checkSequence, stackSteps, unstackSteps } from './recurrent.ts';

/** A GRU's options: `layerNorm` makes it pytorch_rl2's layer-normalised variant (see the file's doc). */
export interface GRUOptions extends RecurrentOptions {
  layerNorm?: boolean;
}

/** The layer norms of the variant: of the input's and of the state's gate (r, z) and candidate pre-activations. */
interface GateNorms {
  inputGates: LayerNorm;
  inputCandidate: LayerNorm;
  recurrentGates: LayerNorm;
  recurrentCandidate: LayerNorm;
}

export class GRU extends RecurrentCell<tf.Tensor2D> {
  /** The layer-normalised variant's norms (undefined for PyTorch's GRU). */
  readonly norms: GateNorms | undefined;

  constructor(options: GRUOptions) {
    super(options, 3, 'gru', !options.layerNorm);
    const H = options.units;
    const { name } = options;
    this.norms = options.layerNorm
      ? { inputGates: new LayerNorm(2 * H, `${name}/ln_input_gates`), inputCandidate: new LayerNorm(H, `${name}/ln_input_candidate`), recurrentGates: new LayerNorm(2 * H, `${name}/ln_recurrent_gates`), recurrentCandidate: new LayerNorm(H, `${name}/ln_recurrent_candidate`) }
      : undefined;
  }

  /** The variant's normalised input pre-activations [B, 3H] of projected inputs gx = x·W_i. */
  private normaliseInputs(gx: tf.Tensor2D, norms: GateNorms): tf.Tensor2D {
    const H = this.units;
    const [gates, candidate] = tf.split(gx, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
    return tf.concat([norms.inputGates.apply(gates), norms.inputCandidate.apply(candidate)], 1) as tf.Tensor2D;
  }

  /** One step of the variant from normalised input pre-activations [B, 3H] and state h [B, H]. */
  private normalisedStep(gxn: tf.Tensor2D, h: tf.Tensor2D, norms: GateNorms): tf.Tensor2D {
    const H = this.units;
    const [ghGates, ghCandidate] = tf.split(denseOp(h, this.recurrentKernel, this.recurrentBias), [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
    const [gxGates, gxCandidate] = tf.split(gxn, [2 * H, H], 1) as [tf.Tensor2D, tf.Tensor2D];
    const [r, zPre] = tf.split(tf.add(gxGates, norms.recurrentGates.apply(ghGates)), 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const z = tf.sigmoid(tf.sub(zPre, 1));
    const n = tf.relu(tf.add(gxCandidate, tf.mul(tf.sigmoid(r), norms.recurrentCandidate.apply(ghCandidate))));
    // (1 − z) h + z n
    return tf.add(h, tf.mul(z, tf.sub(n, h))) as tf.Tensor2D;
  }

  /** The zero state for a batch of `batch`. */
  initialState(batch: number): tf.Tensor2D {
    return tf.zeros([batch, this.units]);
  }

  /** One step: x [B, I] and h [B, H] → h′, as one kernel (the projections inside; see `project`, `stepProjected`). */
  override step(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    const norms = this.norms;
    if (!norms) return gruStepOp(x, this.inputKernel, this.inputBias, h, this.recurrentKernel, this.recurrentBias);
    if (gruLnKernelsAvailable()) return gruLnStepOp(x, this.inputKernel, this.inputBias, h, this.recurrentKernel, this.recurrentBias, norms);
    return super.step(x, h);
  }

  /** One step from a projected input gx [B, 3H] (see `project`; W_ir | W_iz | W_in) and state h [B, H]. */
  stepProjected(gx: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    const norms = this.norms;
    if (norms && gruLnKernelsAvailable()) return gruLnCellOp(gx, denseOp(h, this.recurrentKernel, this.recurrentBias), h, norms);
    if (norms) return tf.tidy(() => this.normalisedStep(this.normaliseInputs(gx, norms), h, norms));
    return gruCellOp(gx, denseOp(h, this.recurrentKernel, this.recurrentBias), h);
  }

  override get variables(): tf.Variable[] {
    return [...super.variables, ...(this.norms ? Object.values(this.norms).flatMap((n: LayerNorm) => n.variables) : [])];
  }

  override namedVariables(): Record<string, tf.Variable> {
    return Object.assign(super.namedVariables(), ...(this.norms ? Object.values(this.norms).map((n: LayerNorm) => n.namedVariables()) : []));
  }

  override dispose(): void {
    super.dispose();
    if (this.norms) for (const n of Object.values(this.norms) as LayerNorm[]) n.dispose();
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
    checkSequence(xs, this.inputs, masks, `gru ${this.name}`);
    const [T, B] = xs.shape;
    const H = this.units;
    const norms = this.norms;
    if (!norms || (T > 0 && gruLnKernelsAvailable())) {
      // the inputs' projections for all steps at once, then the recurrence as one kernel (the variant's norms included)
      return tf.tidy(() => {
        const gx = this.project(tf.reshape(xs, [T * B, this.inputs]));
        const m = (masks ? tf.reshape(masks, [T * B, 1]) : tf.ones([T * B, 1])) as tf.Tensor2D;
        const start = h0 ?? this.initialState(B);
        const { states, last } = norms ? gruLnSequenceOp(gx, start, this.recurrentKernel, this.recurrentBias, m, norms, T) : gruSequenceOp(gx, start, this.recurrentKernel, this.recurrentBias, m, T);
        return { outputs: tf.reshape(states, [T, B, H]) as tf.Tensor3D, h: last };
      });
    }
    // the variant as tfjs ops: the inputs' projections and norms for all steps at once, then step by step (autodiff)
    return tf.tidy(() => {
      const gxn = unstackSteps<tf.Tensor2D>(tf.reshape(this.normaliseInputs(this.project(tf.reshape(xs, [T * B, this.inputs])), norms), [T, B, 3 * H]));
      const ms = masks ? unstackSteps<tf.Tensor2D>(tf.reshape(masks, [T, B, 1])) : undefined;
      let h = h0 ?? this.initialState(B);
      const outputs: tf.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        h = this.normalisedStep(gxn[t], ms ? (tf.mul(h, ms[t]) as tf.Tensor2D) : h, norms);
        outputs.push(h);
      }
      return { outputs: stackSteps<tf.Tensor3D>(outputs), h };
    });
  }
}
