/**
 * What the recurrent cells (`GRU`, `LSTM`) share: PyTorch-style initialisation of the fused gate
 * weights, the checks of an unroll's inputs and masks, the split of a sequence into steps and
 * back (`unstackSteps`, `stackSteps`), and `RecurrentCell`, the base that holds
 * the four variables (`inputKernel` [I, G·H], `recurrentKernel` [H, G·H], `inputBias`,
 * `recurrentBias` [G·H] for G gates) and runs a masked unroll over any state shape.
 *
 * Checkpoint keys: `${name}/input_kernel`, `${name}/recurrent_kernel`, `${name}/input_bias`,
 * `${name}/recurrent_bias` (a cell without biases has only the kernels).
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, Rng, show } from '../core/index.ts';
import { denseOp } from './dense.ts';
import { type BackendKernelArgs, registerBackendKernel, runBackendKernel } from './kernels.ts';

const UNSTACK = 'MetarenaUnstackSteps';
const STACK = 'MetarenaStackSteps';
/**
 * The T steps x[0], …, x[T−1] of a [T, …] tensor, reading it once. tfjs's own unstack (and
 * split, and slice) read the whole input for every piece on the wasm backend, which made
 * splitting a GRU minibatch's projected inputs [32, 60, 192] into steps cost ≈20 ms.
 */
function unstackForward(_backendName: string, { inputs, backend }: BackendKernelArgs): tf.TensorInfo[] {
  const { x } = inputs as { x: tf.TensorInfo };
  const [steps, ...shape] = x.shape;
  const size = shape.reduce((a, b) => a * b, 1);
  const values = backend.readSync(x.dataId) as Float32Array;
  return Array.from({ length: steps }, (_, t) => ({ dataId: backend.write(values.slice(t * size, (t + 1) * size), shape, x.dtype), shape, dtype: x.dtype }));
}

registerBackendKernel(UNSTACK, unstackForward);
registerBackendKernel(STACK, (backendName, { inputs, backend }) => runBackendKernel(backendName, 'Pack', { inputs, backend, attrs: { axis: 0 } }));

/** x [T, …] as its T steps (one read of x; the gradient is one stack). */
export function unstackSteps<T extends tf.Tensor>(x: tf.Tensor): T[] {
  const out = tf.engine().runKernel(UNSTACK, { x }) as tf.Tensor | tf.Tensor[];
  return (Array.isArray(out) ? out : [out]) as T[];
}

/** T tensors of one shape stacked into [T, …] (the gradient is one `unstackSteps`). */
export function stackSteps<T extends tf.Tensor>(parts: readonly tf.Tensor[]): T {
  return tf.engine().runKernel(STACK, parts as unknown as tf.NamedTensorMap) as T;
}

if (!tf.getGradient(UNSTACK)) {
  tf.registerGradient({ kernelName: UNSTACK, gradFunc: (dys) => ({ x: () => tf.stack(Array.isArray(dys) ? dys : [dys]) }) });
}
if (!tf.getGradient(STACK)) {
  tf.registerGradient({ kernelName: STACK, gradFunc: (dy) => Object.fromEntries(unstackSteps(dy as tf.Tensor).map((d, t) => [String(t), () => d])) });
}

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

/** A recurrent cell with `gates` fused gates and state `S`. */
export abstract class RecurrentCell<S> {
  readonly inputs: number;
  readonly units: number;
  readonly name: string;
  /** [I, G·H]: the input weights of the gates side by side. */
  readonly inputKernel: tf.Variable<tf.Rank.R2>;
  /** [H, G·H]: the recurrent weights of the gates side by side. */
  readonly recurrentKernel: tf.Variable<tf.Rank.R2>;
  readonly inputBias: tf.Variable<tf.Rank.R1>;
  readonly recurrentBias: tf.Variable<tf.Rank.R1>;

  /**
   * Without `biases` the cell has none: `inputBias` and `recurrentBias` are fixed zeros, neither
   * trained nor in the checkpoint.
   */
  constructor(
    options: RecurrentOptions,
    readonly gates: number,
    readonly kind: string,
    readonly biases = true,
  ) {
    [this.inputKernel, this.recurrentKernel, this.inputBias, this.recurrentBias] = recurrentVariables(options, gates, kind) as [tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R1>];
    if (!biases) {
      for (const b of [this.inputBias, this.recurrentBias]) {
        b.assign(tf.zeros(b.shape));
        b.trainable = false;
      }
    }
    this.inputs = options.inputs;
    this.units = options.units;
    this.name = options.name;
  }

  /** The zero state for a batch of `batch`. */
  abstract initialState(batch: number): S;

  /** One step from a projected input gx [B, G·H] (see `project`) and a state. */
  abstract stepProjected(gx: tf.Tensor2D, state: S): S;

  /** The state times a [B, 1] mask (0 resets a row to zero). */
  protected abstract masked(state: S, mask: tf.Tensor2D): S;

  /** The output [B, H] of a state. */
  protected abstract output(state: S): tf.Tensor2D;

  /** Input projections x·W_i + b_i [B, G·H] for inputs x [B, I]. */
  project(x: tf.Tensor2D): tf.Tensor2D {
    return denseOp(x, this.inputKernel, this.inputBias);
  }

  /** One step: x [B, I] and a state → the next state. */
  step(x: tf.Tensor2D, state: S): S {
    return this.stepProjected(this.project(x), state);
  }

  /**
   * Runs T steps over xs [T, B, I] from `state0` (default zeros); masks [T, B]: 0 resets the
   * state to zero before that step. Every step's output [T, B, H] and the last state.
   */
  protected unrollStates(xs: tf.Tensor3D, state0?: S, masks?: tf.Tensor2D): { outputs: tf.Tensor3D; state: S } {
    checkSequence(xs, this.inputs, masks, `${this.kind} ${this.name}`);
    const [T, B] = xs.shape;
    const gxs = unstackSteps<tf.Tensor2D>(tf.reshape(this.project(tf.reshape(xs, [T * B, this.inputs])), [T, B, this.gates * this.units]));
    const ms = masks ? unstackSteps<tf.Tensor2D>(tf.reshape(masks, [T, B, 1])) : undefined;
    let state = state0 ?? this.initialState(B);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      if (ms) state = this.masked(state, ms[t]);
      state = this.stepProjected(gxs[t], state);
      outputs.push(this.output(state));
    }
    return { outputs: stackSteps<tf.Tensor3D>(outputs), state };
  }

  /** The trained variables. */
  get variables(): tf.Variable[] {
    return this.biases ? [this.inputKernel, this.recurrentKernel, this.inputBias, this.recurrentBias] : [this.inputKernel, this.recurrentKernel];
  }

  /** The trained variables by checkpoint key. */
  namedVariables(): Record<string, tf.Variable> {
    return {
      [`${this.name}/input_kernel`]: this.inputKernel,
      [`${this.name}/recurrent_kernel`]: this.recurrentKernel,
      ...(this.biases ? { [`${this.name}/input_bias`]: this.inputBias, [`${this.name}/recurrent_bias`]: this.recurrentBias } : {}),
    };
  }

  dispose(): void {
    for (const v of [this.inputKernel, this.recurrentKernel, this.inputBias, this.recurrentBias]) v.dispose();
  }
}
