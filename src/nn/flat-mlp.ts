/**
 * A small MLP in plain typed-array math, for networks evaluated one sample at a time inside env
 * and wrapper plugins (synthetic envs, reward networks, curiosity modules), where a tfjs call per
 * step would cost more than the arithmetic and the plugin layer does not load tfjs.
 *
 * - Layers `h ← act(h·W + b)`, W `[in, out]` row-major as in `Dense`; the output layer is linear.
 * - Hidden activations: `tanh`, `relu`, `leakyrelu` (slope 0.01, PyTorch's default) and `prelu`
 *   (one learnable slope per hidden layer, initialised to 0.25 as PyTorch's `nn.PReLU()`).
 * - The linear layers' kernels and biases live in one Float32Array, `params` (layer by layer,
 *   kernel then bias), which may be a view into a longer vector shared by several networks: an
 *   evolution strategy perturbs that vector directly. PReLU slopes are kept apart (`slopes`):
 *   as in automl/learning_environments (GTN_master/GTN_worker perturb `nn.Linear` modules only),
 *   they are not part of the evolved vector.
 * - `initUniform` is PyTorch's default `nn.Linear` init, U(±1/√fan_in) for kernel and bias, the
 *   init of the networks in Ferreira et al. (ICLR 2022), drawn from the project's Rng.
 * - Arithmetic is float64 on the float32 weights. `forward` can record a `FlatMlpTrace`, which
 *   `backward` turns into the gradients of the linear parameters (for online training with
 *   `FlatAdam`); slopes get no gradient.
 * - Checkpoint keys are `${name}/${layer}/kernel|bias|prelu`, the `Mlp` key scheme.
 */
import { MetarenaError, type Rng, show } from '../core/index.ts';
import type { CheckpointArray } from './checkpoint-format.ts';

export type FlatActivation = 'tanh' | 'relu' | 'leakyrelu' | 'prelu';
export const FLAT_ACTIVATIONS: readonly FlatActivation[] = ['tanh', 'relu', 'leakyrelu', 'prelu'];
/** PyTorch's `nn.LeakyReLU()` negative slope. */
export const LEAKY_RELU_SLOPE = 0.01;
/** PyTorch's `nn.PReLU()` initial slope. */
export const PRELU_INIT = 0.25;

export interface FlatMlpOptions {
  inputs: number;
  /** Hidden layer widths; empty for a linear map. */
  hidden: readonly number[];
  outputs: number;
  activation: FlatActivation;
  /** Checkpoint key prefix. */
  name: string;
}

/** What `forward` keeps for `backward`: each layer's input and (hidden layers) pre-activation. */
export interface FlatMlpTrace {
  inputs: Float64Array[];
  pre: Float64Array[];
}

export class FlatMlp {
  readonly sizes: readonly number[];
  readonly activation: FlatActivation;
  readonly name: string;
  /** Kernels and biases, layer by layer (kernel `[in, out]` then bias `[out]`). */
  readonly params: Float32Array;
  /** PReLU slope of each hidden layer (empty for other activations). */
  readonly slopes: Float32Array;
  private readonly kernels: Float32Array[] = [];
  private readonly biases: Float32Array[] = [];
  /** Per-layer offsets of kernel and bias inside `params`. */
  private readonly offsets: { kernel: number; bias: number }[] = [];
  private readonly scratch: Float64Array[];

  /** Number of linear parameters (kernels and biases) of an MLP with these sizes. */
  static parameterCount(inputs: number, hidden: readonly number[], outputs: number): number {
    const sizes = [inputs, ...hidden, outputs];
    let n = 0;
    for (let i = 0; i + 1 < sizes.length; i++) n += sizes[i] * sizes[i + 1] + sizes[i + 1];
    return n;
  }

  /**
   * `params`, if given, is where the linear parameters live (exactly `parameterCount` floats,
   * e.g. a subarray of a shared vector); otherwise the network owns a zero-filled array.
   */
  constructor({ inputs, hidden, outputs, activation, name }: FlatMlpOptions, params?: Float32Array) {
    for (const [field, v] of [['inputs', inputs], ['outputs', outputs], ...hidden.map((h, i) => [`hidden[${i}]`, h] as const)] as const) {
      if (!Number.isInteger(v) || v < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${name}: ${field} must be a positive integer, got ${show(v)}`, { field });
    }
    if (!FLAT_ACTIVATIONS.includes(activation)) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `${name}: activation must be one of ${FLAT_ACTIVATIONS.join(', ')}, got ${show(activation)}`, { field: 'activation', allowed: FLAT_ACTIVATIONS.join(', ') });
    }
    this.sizes = Object.freeze([inputs, ...hidden, outputs]);
    this.activation = activation;
    this.name = name;
    const count = FlatMlp.parameterCount(inputs, hidden, outputs);
    if (params !== undefined && params.length !== count) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${name}: params holds ${params.length} floats, the network has ${count}`, { field: 'params' });
    }
    this.params = params ?? new Float32Array(count);
    let at = 0;
    for (let i = 0; i + 1 < this.sizes.length; i++) {
      const [n, m] = [this.sizes[i], this.sizes[i + 1]];
      this.offsets.push({ kernel: at, bias: at + n * m });
      this.kernels.push(this.params.subarray(at, at + n * m));
      this.biases.push(this.params.subarray(at + n * m, at + n * m + m));
      at += n * m + m;
    }
    this.slopes = new Float32Array(activation === 'prelu' ? hidden.length : 0).fill(PRELU_INIT);
    this.scratch = this.sizes.slice(1).map((m) => new Float64Array(m));
  }

  get inputs(): number {
    return this.sizes[0];
  }

  get outputs(): number {
    return this.sizes[this.sizes.length - 1];
  }

  get layerCount(): number {
    return this.sizes.length - 1;
  }

  /** PyTorch's default `nn.Linear` init: kernel and bias U(±1/√fan_in); PReLU slopes 0.25. */
  initUniform(rng: Rng): this {
    for (let l = 0; l < this.layerCount; l++) {
      const bound = 1 / Math.sqrt(this.sizes[l]);
      const k = this.kernels[l];
      for (let i = 0; i < k.length; i++) k[i] = rng.uniform(-bound, bound);
      const b = this.biases[l];
      for (let i = 0; i < b.length; i++) b[i] = rng.uniform(-bound, bound);
    }
    this.slopes.fill(PRELU_INIT);
    return this;
  }

  private act(z: number, layer: number): number {
    switch (this.activation) {
      case 'tanh':
        return Math.tanh(z);
      case 'relu':
        return z > 0 ? z : 0;
      case 'leakyrelu':
        return z >= 0 ? z : LEAKY_RELU_SLOPE * z;
      case 'prelu':
        return z >= 0 ? z : this.slopes[layer] * z;
    }
  }

  /** act′(z) of hidden layer `layer`. */
  private actGrad(z: number, layer: number): number {
    switch (this.activation) {
      case 'tanh': {
        const t = Math.tanh(z);
        return 1 - t * t;
      }
      case 'relu':
        return z > 0 ? 1 : 0;
      case 'leakyrelu':
        return z >= 0 ? 1 : LEAKY_RELU_SLOPE;
      case 'prelu':
        return z >= 0 ? 1 : this.slopes[layer];
    }
  }

  /** A trace with room for one sample, to pass to `forward` and then `backward`. */
  newTrace(): FlatMlpTrace {
    return { inputs: this.sizes.slice(0, -1).map((n) => new Float64Array(n)), pre: this.sizes.slice(1, -1).map((m) => new Float64Array(m)) };
  }

  /**
   * The output for one input `x` (length `inputs`), written into `out` (a new array if not
   * given). With `trace`, the values `backward` needs are recorded there.
   */
  forward(x: ArrayLike<number>, out: Float64Array = new Float64Array(this.outputs), trace?: FlatMlpTrace): Float64Array {
    if (x.length !== this.inputs) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: input has ${x.length} values, the network takes ${this.inputs}`, { field: 'input' });
    let h: ArrayLike<number> = x;
    const last = this.layerCount - 1;
    for (let l = 0; l <= last; l++) {
      const n = this.sizes[l];
      const m = this.sizes[l + 1];
      const k = this.kernels[l];
      const b = this.biases[l];
      const z = l === last ? out : this.scratch[l];
      if (trace) trace.inputs[l].set(h);
      for (let j = 0; j < m; j++) z[j] = b[j];
      for (let i = 0; i < n; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const row = i * m;
        for (let j = 0; j < m; j++) z[j] += hi * k[row + j];
      }
      if (l < last) {
        if (trace) trace.pre[l].set(z);
        for (let j = 0; j < m; j++) z[j] = this.act(z[j], l);
      }
      h = z;
    }
    return out;
  }

  /**
   * Backpropagates `dOut` (∂loss/∂output) through the sample recorded in `trace`: adds the
   * gradients of the linear parameters into `grads` (laid out as `params`) and returns
   * ∂loss/∂input (into `dInput` if given).
   */
  backward(trace: FlatMlpTrace, dOut: ArrayLike<number>, grads: Float32Array | Float64Array, dInput: Float64Array = new Float64Array(this.inputs)): Float64Array {
    if (grads.length !== this.params.length) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: grads holds ${grads.length} values, the network has ${this.params.length}`, { field: 'grads' });
    let dz: Float64Array = Float64Array.from(dOut);
    for (let l = this.layerCount - 1; l >= 0; l--) {
      const n = this.sizes[l];
      const m = this.sizes[l + 1];
      const x = trace.inputs[l];
      const k = this.kernels[l];
      const { kernel, bias } = this.offsets[l];
      for (let j = 0; j < m; j++) grads[bias + j] += dz[j];
      const dx = l === 0 ? dInput : new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const row = i * m;
        let s = 0;
        const xi = x[i];
        for (let j = 0; j < m; j++) {
          grads[kernel + row + j] += xi * dz[j];
          s += k[row + j] * dz[j];
        }
        dx[i] = s;
      }
      if (l > 0) {
        const pre = trace.pre[l - 1];
        for (let i = 0; i < n; i++) dx[i] *= this.actGrad(pre[i], l - 1);
        dz = dx;
      }
    }
    return dInput;
  }

  /** The tensors of a checkpoint, as views of this network's arrays. */
  namedArrays(): Record<string, CheckpointArray> {
    const out: Record<string, CheckpointArray> = {};
    for (let l = 0; l < this.layerCount; l++) {
      out[`${this.name}/${l}/kernel`] = { values: this.kernels[l], shape: [this.sizes[l], this.sizes[l + 1]] };
      out[`${this.name}/${l}/bias`] = { values: this.biases[l], shape: [this.sizes[l + 1]] };
      if (this.activation === 'prelu' && l + 1 < this.layerCount) out[`${this.name}/${l}/prelu`] = { values: this.slopes.subarray(l, l + 1), shape: [1] };
    }
    return out;
  }

  /**
   * Copies checkpoint tensors into this network; every key of `namedArrays` must be there with
   * its shape and finite values. `field` names the source in errors.
   */
  assign(arrays: Readonly<Record<string, CheckpointArray>>, field = 'checkpoint'): void {
    const own = this.namedArrays();
    for (const [key, want] of Object.entries(own)) {
      const got = arrays[key];
      if (!got) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(key)} is missing`, { field });
      if (got.shape.join('x') !== want.shape.join('x')) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(key)} has shape [${got.shape}], the network needs [${want.shape}]`, { field });
      }
      if (!got.values.every(Number.isFinite)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(key)} holds values that are not finite`, { field });
    }
    for (const [key, want] of Object.entries(own)) want.values.set(arrays[key].values);
  }
}
