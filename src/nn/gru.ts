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
 * recurrence as one kernel (`MetarenaGruSequence`) whose gradient is backpropagation through
 * time written out: the engine records a handful of ops per sequence instead of about fifteen
 * per step, and the recurrent weight gradient is one matMul over all steps. `step` (acting one
 * step at a time) runs the same gate arithmetic as one kernel per step. The states are the same
 * bits either way; the gradients agree to float rounding (they are summed in another order).
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
 * norms make the outputs independent of the kernels' scale). The variant runs as plain tfjs ops
 * (autodiff through time), not the fused kernels.
 *
 * Checkpoint keys: `${name}/input_kernel`, `${name}/recurrent_kernel`, `${name}/input_bias`,
 * `${name}/recurrent_bias`; the variant has no biases and adds `${name}/ln_input_gates/gain`,
 * `…/bias` and likewise `ln_input_candidate`, `ln_recurrent_gates`, `ln_recurrent_candidate`.
 */
import * as tf from '@tensorflow/tfjs';
import { denseOp } from './dense.ts';
import { backendOps, registerBackendKernel } from './kernels.ts';
import { LayerNorm } from './layer-norm.ts';
import { type RecurrentOptions, RecurrentCell, checkSequence, stackSteps, unstackSteps } from './recurrent.ts';

const CELL = 'MetarenaGruCell';
const CELL_GRAD = 'MetarenaGruCellGrad';
const SEQUENCE = 'MetarenaGruSequence';
const SEQUENCE_GRAD = 'MetarenaGruSequenceGrad';

type Info = tf.TensorInfo;
type Ops = ReturnType<typeof backendOps>;

/**
 * The gate arithmetic of one step from gx = x·W_i + b_i and gh = h·W_h + b_h [B, 3H] and h
 * [B, H]: h′ and the r, z, n, gh_n the gradient needs. The backend's Add, Sigmoid, Multiply,
 * tanh (`kernelTanh`) and Sub kernels run in the order of the step written as separate ops, on
 * the same column blocks, so h′ has the same bits as those ops.
 */
function gates(k: Ops, gx: Info, gh: Info, h: Info) {
  const H = h.shape[1];
  const rz = k.unary('Sigmoid', k.add(k.columns(gx, 0, 2 * H), k.columns(gh, 0, 2 * H)));
  const r = k.columns(rz, 0, H);
  const z = k.columns(rz, H, H);
  const ghN = k.columns(gh, 2 * H, H);
  const n = k.tanh(k.add(k.columns(gx, 2 * H, H), k.mul(r, ghN)));
  // (1 − z) n + z h = n + z (h − n)
  return { next: k.add(n, k.mul(z, k.sub(h, n))), r, z, n, ghN };
}

/**
 * The gradient of `gates` for dh′: dgx = [da_r, da_z, da_n], dgh = [da_r, da_z, da_n ⊙ r],
 * dh = dh′ ⊙ z, with da_n = dh′ (1 − z)(1 − n²), da_r = da_n ⊙ gh_n ⊙ r (1 − r) and
 * da_z = dh′ ⊙ (h − n) ⊙ z (1 − z).
 */
function gateGradients(k: Ops, dy: Info, { ghN, h, r, z, n }: Record<'ghN' | 'h' | 'r' | 'z' | 'n', Info>) {
  const one = k.scalar(1);
  const daN = k.mul(k.sub(dy, k.mul(dy, z)), k.sub(one, k.unary('Square', n)));
  const daR = k.mul(k.mul(daN, ghN), k.mul(r, k.sub(one, r)));
  const daZ = k.mul(k.mul(dy, k.sub(h, n)), k.mul(z, k.sub(one, z)));
  return { dgx: k.concatColumns([daR, daZ, daN]), dgh: k.concatColumns([daR, daZ, k.mul(daN, r)]), dh: k.mul(dy, z) };
}

/** One step as one kernel (the acting path): outputs h′, r, z, n. */
registerBackendKernel(CELL, (backendName, { inputs, backend }) => {
  const { gx, gh, h } = inputs as Record<'gx' | 'gh' | 'h', Info>;
  const k = backendOps(backendName, backend);
  const g = gates(k, gx, gh, h);
  const out = [g.next, g.r, g.z, g.n].map(k.keep);
  k.free();
  return out;
});

registerBackendKernel(CELL_GRAD, (backendName, { inputs, backend }) => {
  const { dy, gh, h, r, z, n } = inputs as Record<'dy' | 'gh' | 'h' | 'r' | 'z' | 'n', Info>;
  const k = backendOps(backendName, backend);
  const g = gateGradients(k, dy, { ghN: k.columns(gh, 2 * h.shape[1], h.shape[1]), h, r, z, n });
  const out = [g.dgx, g.dgh, g.dh].map(k.keep);
  k.free();
  return out;
});

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

/** Row blocks of T steps, filled step by step, as one [T·B, C] tensor at the end. */
class StepRows {
  readonly values: Float32Array;
  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.values = new Float32Array(rows * cols);
  }
  set(k: Ops, t: number, part: Info): void {
    this.values.set(k.values(part), t * part.shape[0] * this.cols);
  }
}

/**
 * A whole masked unroll as one kernel: inputs gx [T·B, 3H] (the projected inputs of every
 * step), h0 [B, H], wh, bh, masks [T·B, 1]; outputs every state [T·B, H], the last state, and
 * what the gradient needs (each step's masked previous state, r, z, n, gh_n, all [T·B, H]). Each
 * step runs the kernels the step-by-step unroll ran, so the states have the same bits.
 */
registerBackendKernel(SEQUENCE, (backendName, { inputs, backend, attrs }) => {
  const { gx, h0, wh, bh, masks } = inputs as Record<'gx' | 'h0' | 'wh' | 'bh' | 'masks', Info>;
  const T = (attrs as { steps: number }).steps;
  const [B, H] = h0.shape;
  const outer = backendOps(backendName, backend);
  const saved = Array.from({ length: 6 }, () => new StepRows(T * B, H));
  const [states, previous, rs, zs, ns, ghNs] = saved;
  let h = h0;
  for (let t = 0; t < T; t++) {
    const k = backendOps(backendName, backend);
    const hp = k.mul(h, outer.rows(masks, t * B, B));
    const g = gates(k, outer.rows(gx, t * B, B), k.add(k.matMul(hp, wh), bh), hp);
    [g.next, hp, g.r, g.z, g.n, g.ghN].forEach((part, i) => saved[i].set(k, t, part));
    k.keep(g.next);
    k.free();
    if (h !== h0) backend.disposeData(h.dataId);
    h = g.next;
  }
  const out = [states, previous, rs, zs, ns, ghNs].map((rows) => outer.keep(outer.tensor(rows.values, [T * B, H])));
  outer.free();
  const last = h === h0 ? { dataId: backend.write(outer.values(h0).slice(), [B, H], 'float32'), shape: [B, H], dtype: 'float32' as const } : h;
  return [out[0], last, ...out.slice(1)];
});

/**
 * Backpropagation through the unroll: steps from the last to the first, carrying dh; the
 * recurrent weight gradient is one matMul over all steps (previous statesᵀ · dgh) instead of one
 * per step. Outputs dgx [T·B, 3H], dh0, dwh, dbh.
 */
registerBackendKernel(SEQUENCE_GRAD, (backendName, { inputs, backend, attrs }) => {
  const { dStates, dLast, wh, masks, previous, r, z, n, ghN } = inputs as Record<'dStates' | 'dLast' | 'wh' | 'masks' | 'previous' | 'r' | 'z' | 'n' | 'ghN', Info>;
  const T = (attrs as { steps: number }).steps;
  const [B, H] = dLast.shape;
  const outer = backendOps(backendName, backend);
  const whT = outer.transpose(wh);
  const dgxRows = new StepRows(T * B, 3 * H);
  const dghRows = new StepRows(T * B, 3 * H);
  let dh = dLast;
  for (let t = T - 1; t >= 0; t--) {
    const k = backendOps(backendName, backend);
    const step = (x: Info) => outer.rows(x, t * B, B);
    const g = gateGradients(k, k.add(step(dStates), dh), { ghN: step(ghN), h: step(previous), r: step(r), z: step(z), n: step(n) });
    dgxRows.set(k, t, g.dgx);
    dghRows.set(k, t, g.dgh);
    const dPrevious = k.keep(k.mul(k.add(g.dh, k.matMul(g.dgh, whT)), step(masks)));
    k.free();
    if (dh !== dLast) backend.disposeData(dh.dataId);
    dh = dPrevious;
  }
  const dgh = outer.tensor(dghRows.values, [T * B, 3 * H]);
  const dwh = outer.keep(outer.matMul(outer.transpose(previous), dgh));
  const dbh = outer.keep(outer.reshape(outer.matMul(outer.tensor(new Float32Array(T * B).fill(1), [1, T * B]), dgh), [3 * H]));
  const dgx = outer.keep(outer.tensor(dgxRows.values, [T * B, 3 * H]));
  outer.free();
  const dh0 = dh === dLast ? { dataId: backend.write(outer.values(dLast).slice(), [B, H], 'float32'), shape: [B, H], dtype: 'float32' as const } : dh;
  return [dgx, dh0, dwh, dbh];
});

if (!tf.getGradient(SEQUENCE)) {
  tf.registerGradient({
    kernelName: SEQUENCE,
    inputsToSave: ['wh', 'masks'],
    outputsToSave: [false, false, true, true, true, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dStates, dLast] = dys as tf.Tensor[];
      const [wh, masks, previous, r, z, n, ghN] = saved;
      const [dgx, dh0, dwh, dbh] = tf.engine().runKernel(SEQUENCE_GRAD, { dStates, dLast, wh, masks, previous, r, z, n, ghN }, attrs as tf.NamedAttrMap) as tf.Tensor[];
      return { gx: () => dgx, h0: () => dh0, wh: () => dwh, bh: () => dbh, masks: () => tf.zerosLike(masks) };
    },
  });
}

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

  /** One step from a projected input gx [B, 3H] (see `project`; W_ir | W_iz | W_in) and state h [B, H]. */
  stepProjected(gx: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    if (this.norms) return tf.tidy(() => this.normalisedStep(this.normaliseInputs(gx, this.norms!), h, this.norms!));
    const gh = denseOp(h, this.recurrentKernel, this.recurrentBias);
    return (tf.engine().runKernel(CELL, { gx, gh, h }) as tf.Tensor[])[0] as tf.Tensor2D;
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
    if (norms) {
      // the variant: the inputs' projections and norms for all steps at once, then step by step (autodiff)
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
    return tf.tidy(() => {
      const gx = this.project(tf.reshape(xs, [T * B, this.inputs]));
      const m = masks ? tf.reshape(masks, [T * B, 1]) : tf.ones([T * B, 1]);
      const inputs = { gx, h0: h0 ?? this.initialState(B), wh: this.recurrentKernel, bh: this.recurrentBias, masks: m };
      const [states, last] = tf.engine().runKernel(SEQUENCE, inputs, { steps: T }) as tf.Tensor[];
      return { outputs: tf.reshape(states, [T, B, H]) as tf.Tensor3D, h: last as tf.Tensor2D };
    });
  }
}
