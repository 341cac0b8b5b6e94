/**
 * Custom tfjs kernels built from the active backend's own kernels. A layer whose forward pass is
 * a dozen small ops costs a dozen engine ops (tensor objects, tape nodes, scope tracking, scalar
 * uploads) — on the wasm backend that bookkeeping, not the arithmetic, is most of the time of a
 * small RL network. A kernel registered here runs those backend kernels back to back inside
 * one engine op; running the same kernels on the same inputs keeps the bits the same.
 *
 * `registerBackendKernel` registers one for the wasm, cpu and tensorflow (tfjs-node) backends;
 * `backendOps` is the toolbox its body uses (temporaries freed by `free`).
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError } from '../core/index.ts';

/**
 * tanh as this project's kernels compute it (dense layers, GRU cells), as differentiable tfjs ops:
 * 2σ(2x) − 1 on wasm (see `backendOps().tanh`), the backend's tanh elsewhere.
 */
export function kernelTanh<T extends tf.Tensor>(x: T): T {
  return (tf.getBackend() === 'wasm' ? tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1) : tf.tanh(x)) as T;
}

/** What a kernel function is called with (tfjs types the backend as `{}`). */
export interface BackendKernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}

const BACKENDS = ['wasm', 'cpu', 'tensorflow'] as const;

/** Registers kernel `name` (once per process) on every backend the project can pick. */
export function registerBackendKernel(name: string, body: (backendName: string, args: BackendKernelArgs) => tf.TensorInfo | tf.TensorInfo[]): void {
  for (const backendName of BACKENDS) {
    if (!tf.getKernel(name, backendName)) tf.registerKernel({ kernelName: name, backendName, kernelFunc: (args) => body(backendName, args as unknown as BackendKernelArgs) });
  }
}

/** Runs kernel `name` of backend `backendName` directly (no engine bookkeeping, no tape). */
export function runBackendKernel(backendName: string, name: string, { inputs, backend, attrs = {} }: BackendKernelArgs): tf.TensorInfo {
  const kernel = tf.getKernel(name, backendName);
  if (!kernel) throw new MetarenaError('METARENA_NOT_SUPPORTED', `the ${backendName} backend has no ${name} kernel`, { field: 'backend' });
  return kernel.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

type Info = tf.TensorInfo;

/** What `kernelArrays` uses of the wasm backend (tfjs types kernels' backends as `{}`). */
interface WasmArrays {
  makeOutput(shape: number[], dtype: 'float32'): Info;
  typedArrayFromHeap(t: Info): Float32Array;
}

/**
 * Float32 inputs and outputs of a kernel computed in JavaScript. On wasm they are views on the
 * module's heap (no copies; a view is valid until the next allocation, so `outputs` allocates
 * first and then hands out fresh views); elsewhere copies read and written through the backend.
 */
export function kernelArrays(backendName: string, backend: tf.KernelBackend) {
  const wasm = backendName === 'wasm' ? (backend as unknown as WasmArrays) : undefined;
  const read = (t: Info): Float32Array => (wasm ? wasm.typedArrayFromHeap(t) : (backend.readSync(t.dataId) as Float32Array));
  return {
    read,
    /** New float32 tensors of `shapes`, filled by `fill` (read inputs inside it). */
    outputs(shapes: number[][], fill: (outs: Float32Array[], read: (t: Info) => Float32Array) => void): Info[] {
      if (wasm) {
        const infos = shapes.map((shape) => wasm.makeOutput(shape, 'float32'));
        fill(infos.map((t) => wasm.typedArrayFromHeap(t)), read);
        return infos;
      }
      const outs = shapes.map((shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
      fill(outs, read);
      return outs.map((values, i) => ({ dataId: backend.write(values, shapes[i], 'float32'), shape: shapes[i], dtype: 'float32' }));
    },
  };
}

/**
 * Element-wise ops and column copies on backend tensors inside a kernel. Every result is a
 * temporary, freed by `free()`, unless passed through `keep` (the kernel's outputs).
 */
export function backendOps(backendName: string, backend: tf.KernelBackend) {
  const temporaries: Info[] = [];
  const reads = new Map<object, Float32Array>();
  const read = (t: Info) => {
    let values = reads.get(t.dataId);
    if (!values) reads.set(t.dataId, (values = backend.readSync(t.dataId) as Float32Array));
    return values;
  };
  const written = (values: Float32Array, shape: number[]) => {
    const t: Info = { dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' };
    temporaries.push(t);
    return t;
  };
  const op = (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}) => {
    const out = runBackendKernel(backendName, name, { inputs, backend, attrs });
    temporaries.push(out);
    return out;
  };
  return {
    keep: (t: Info) => {
      const at = temporaries.indexOf(t);
      if (at >= 0) temporaries.splice(at, 1);
      return t;
    },
    add: (a: Info, b: Info) => op('Add', { a, b }),
    sub: (a: Info, b: Info) => op('Sub', { a, b }),
    mul: (a: Info, b: Info) => op('Multiply', { a, b }),
    div: (a: Info, b: Info) => op('RealDiv', { a, b }),
    unary: (name: 'Sigmoid' | 'Tanh' | 'Square' | 'Sqrt' | 'Relu' | 'Step', x: Info) => op(name, { x }, name === 'Step' ? { alpha: 0 } : {}),
    /**
     * tanh(x). On wasm as 2σ(2x) − 1: its Sigmoid kernel is vectorised and its Tanh kernel is
     * not (≈10× slower on a [256, 64] batch); the two agree to float32 rounding (≈1e-7 absolute).
     */
    tanh: (x: Info) => {
      if (backendName !== 'wasm') return op('Tanh', { x });
      const two = written(new Float32Array([2]), []);
      return op('Sub', { a: op('Multiply', { a: op('Sigmoid', { x: op('Multiply', { a: x, b: two }) }), b: two }), b: written(new Float32Array([1]), []) });
    },
    matMul: (a: Info, b: Info) => op('BatchMatMul', { a, b }, { transposeA: false, transposeB: false }),
    /** A float32 scalar. */
    scalar: (x: number) => written(new Float32Array([x]), []),
    /** Columns [from, from + width) of a [B, C] tensor (copied here: wasm's Slice reads all of x per slice). */
    columns: (x: Info, from: number, width: number) => {
      const [rows, cols] = x.shape;
      const values = read(x);
      const out = new Float32Array(rows * width);
      for (let i = 0; i < rows; i++) out.set(values.subarray(i * cols + from, i * cols + from + width), i * width);
      return written(out, [rows, width]);
    },
    /** Rows [from, from + count) of a [N, C] tensor. */
    rows: (x: Info, from: number, count: number) => {
      const cols = x.shape[1];
      return written(read(x).slice(from * cols, (from + count) * cols), [count, cols]);
    },
    /** The values of a tensor (read once per kernel call). */
    values: (x: Info) => read(x),
    /** A new tensor of `values`. */
    tensor: (values: Float32Array, shape: number[]) => written(values, shape),
    transpose: (x: Info) => op('Transpose', { x }, { perm: [1, 0] }),
    reshape: (x: Info, shape: number[]) => op('Reshape', { x }, { shape }),
    /** [B, C1], [B, C2], … side by side. */
    concatColumns: (parts: Info[]) => {
      const rows = parts[0].shape[0];
      const cols = parts.reduce((a, p) => a + p.shape[1], 0);
      const out = new Float32Array(rows * cols);
      let at = 0;
      for (const p of parts) {
        const values = read(p);
        const width = p.shape[1];
        for (let i = 0; i < rows; i++) out.set(values.subarray(i * width, (i + 1) * width), i * cols + at);
        at += width;
      }
      return written(out, [rows, cols]);
    },
    free: () => {
      for (const t of temporaries) backend.disposeData(t.dataId);
    },
  };
}
