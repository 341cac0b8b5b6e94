/**
 * A dense layer `y = act(x·W + b)` (act: linear, relu or tanh) as one tfjs kernel, `Dense`, with
 * a gradient written for the wasm backend:
 *
 * - the forward pass runs the backend's own BatchMatMul, Add and Relu kernels back to back inside
 *   one kernel call, so the values are bit-for-bit those of `relu(add(matMul(x, W), b))`, but the
 *   engine records one op (one tape node, one output tensor) instead of three; tanh is the
 *   backend's Tanh, or on wasm 2σ(2z) − 1 (`kernels.ts`: ≈10× faster there, equal to rounding);
 * - the activation's derivative (relu: step(y); tanh: 1 − y²) is one kernel too;
 * - the gradient uses explicit transposes (`dx = dy·transpose(W)`, `dW = transpose(x)·dy`): tfjs's
 *   own matMul gradient uses matMul's transpose flags, which the wasm backend runs ≈10× slower;
 *   for a narrow layer `dW = transpose(transpose(dy)·x)`, whose transposes are of rows or columns
 *   (reshapes), instead of transposing the batch of inputs;
 * - the bias gradient is `ones[1, B]·dy` rather than `sum(dy, 0)`: the wasm Sum kernel transposes
 *   first when the axis is not the last one (≈8× slower); on wasm both give the same bits;
 * - each input's gradient is computed only when backpropagation needs it (the engine prunes the
 *   others): the critic in an actor update gets no weight gradients, a first layer fed with data
 *   gets no input gradient.
 *
 * The kernel (see `kernels.ts`) delegates to the backend's own kernels, so it is exact on each
 * backend. When OpenBLAS runs the wasm backend's matrix products (`native-blas.ts`), transpose
 * flags cost nothing there, so the gradient passes flags instead of transposing.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, Rng, show } from '../core/index.ts';
import { glorotUniform, orthogonal } from './init.ts';
import { backendOps, registerBackendKernel } from './kernels.ts';
import { nativeMatMulInUse } from './native-blas.ts';

/** The activations a dense kernel applies itself (others are applied after it). */
export type DenseActivation = 'linear' | 'relu' | 'tanh';

const KERNEL = 'MetarenaDense';
/** dy ⊙ act′ from the activation's output y: relu step(y), tanh 1 − y² (tfjs's own gradient ops). */
const ACTIVATION_GRAD = 'MetarenaActivationGrad';

registerBackendKernel(KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { x, w, b } = inputs as Record<'x' | 'w' | 'b', tf.TensorInfo>;
  const k = backendOps(backendName, backend);
  const biased = k.add(k.matMul(x, w), b);
  const activation = attrs?.activation as DenseActivation;
  const out = k.keep(activation === 'relu' ? k.unary('Relu', biased) : activation === 'tanh' ? k.tanh(biased) : biased);
  k.free();
  return out;
});

registerBackendKernel(ACTIVATION_GRAD, (backendName, { inputs, backend, attrs }) => {
  const { dy, y } = inputs as Record<'dy' | 'y', tf.TensorInfo>;
  const k = backendOps(backendName, backend);
  const derivative = attrs?.activation === 'relu' ? k.unary('Step', y) : k.sub(k.scalar(1), k.unary('Square', y));
  const out = k.keep(k.mul(dy, derivative));
  k.free();
  return out;
});

/** `mᵀ`; a reshape when m is a row or a column (the wasm Transpose kernel copies element by element). */
function transpose2d(m: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = m.shape;
  return rows === 1 || cols === 1 ? tf.reshape(m, [cols, rows]) : tf.transpose(m);
}

/**
 * `xᵀ·dz` for x [B, in], dz [B, out]: as `(dzᵀ·x)ᵀ` when that moves fewer numbers through
 * transposes (a narrow layer, e.g. a value head: dzᵀ and the result are then rows or columns).
 * Both forms sum over the batch in the same order, so the bits are the same (checked on wasm).
 */
function kernelGradient(x: tf.Tensor2D, dz: tf.Tensor2D): tf.Tensor2D {
  const [batch, inputs] = x.shape;
  const units = dz.shape[1];
  const moved = (m: [number, number]) => (m[0] === 1 || m[1] === 1 ? 0 : m[0] * m[1]);
  if (moved([batch, units]) + moved([units, inputs]) < moved([batch, inputs])) return transpose2d(tf.matMul(transpose2d(dz), x));
  return tf.matMul(transpose2d(x), dz);
}

if (!tf.getGradient(KERNEL)) {
  tf.registerGradient({
    kernelName: KERNEL,
    inputsToSave: ['x', 'w'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, w, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      // relu′ at the pre-activation is step(y) (y > 0 exactly where the pre-activation is); tanh′ is 1 − y²
      const activation = (attrs as { activation?: DenseActivation }).activation ?? 'linear';
      const dz = (activation === 'linear' ? dy : tf.engine().runKernel(ACTIVATION_GRAD, { dy, y } as unknown as tf.NamedTensorMap, { activation })) as tf.Tensor2D;
      const [batch, units] = dz.shape;
      const flags = nativeMatMulInUse();
      return {
        x: () => (flags ? tf.matMul(dz, w, false, true) : tf.matMul(dz, transpose2d(w))),
        w: () => (flags ? tf.matMul(x, dz, true, false) : kernelGradient(x, dz)),
        b: () => tf.reshape(tf.matMul(tf.ones([1, batch]), dz), [units]),
      };
    },
  });
}

/** `act(x·W + b)` for x [batch, in], W [in, out], b [out] (see the file's doc). */
export function denseOp(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: DenseActivation = 'linear'): tf.Tensor2D {
  if (!(x instanceof tf.Tensor && w instanceof tf.Tensor && b instanceof tf.Tensor) || x.rank !== 2 || w.rank !== 2 || b.rank !== 1 || x.shape[1] !== w.shape[0] || b.shape[0] !== w.shape[1]) {
    const shape = (t: unknown) => (t instanceof tf.Tensor ? `[${t.shape}]` : show(t));
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `dense: inputs must be x [B, in], W [in, out], b [out]; got x ${shape(x)}, W ${shape(w)}, b ${shape(b)}`, { field: 'x' });
  }
  return tf.engine().runKernel(KERNEL, { x, w, b } as unknown as tf.NamedTensorMap, { activation }) as tf.Tensor2D;
}

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

  /** `act(x·W + b)` (linear by default). */
  apply(x: tf.Tensor2D, activation: DenseActivation = 'linear'): tf.Tensor2D {
    return denseOp(x, this.kernel, this.bias, activation);
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
