/**
 * Optional OpenBLAS matrix products for the wasm backend. The wasm build's single-threaded
 * matMul (XNNPACK) takes ≈3× OpenBLAS's time on the 256-wide layers of the off-policy learners
 * (256³: ≈0.87 ms against ≈0.29 ms on one core), and matrix products are most of their kernel
 * time. When the addon
 * `native/build/blas.node` (native/blas.c, built by `npm install` where libopenblas-dev is
 * installed) loads, `useNativeMatMul` replaces the wasm backend's `BatchMatMul` kernel with one
 * that runs OpenBLAS's sgemm directly on the wasm heap: Float32Array views onto the operands'
 * memory (no copies), the output allocated through the backend like any wasm kernel output.
 * Every matrix product then goes through it: `tf.matMul` and its gradients, the fused dense
 * kernels (which run the backend's `BatchMatMul`), transpose flags included (free in BLAS). The
 * GRU kernels (`gru-kernels.ts`) then run the addon's GRU loops, whose per-step products are
 * sgemm calls from C (`nativeBlasInUse`).
 *
 * The products agree with the wasm ones to float32 rounding, not bit for bit (the two sum in
 * different orders), so seeded runs differ from runs without the addon. Without the addon, or
 * with `METARENA_NATIVE_BLAS=0`, nothing is replaced and every result is the wasm backend's own.
 * OpenBLAS runs one thread unless `METARENA_BLAS_THREADS` asks for more.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, show } from '../core/index.ts';

/** The addon's functions (see native/blas.c). */
export interface NativeBlas {
  /** `c = alpha·op(a)·op(b) + beta·c`, row-major, op(a) [m, k], op(b) [k, n], c [m, n]. */
  sgemm(transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number, a: Float32Array, b: Float32Array, beta: number, c: Float32Array): void;
  setThreads(count: number): void;
  threads(): number;
  /**
   * The GRU loops (native/gru.h), outputs written in place; absent from an addon built before
   * they were added. Sizes B rows, H units, T steps; see `gru-kernels.ts` for the arrays.
   */
  gruCell?(B: number, H: number, gx: Float32Array, gh: Float32Array, h: Float32Array, next: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array): void;
  gruCellGrad?(B: number, H: number, dy: Float32Array, gh: Float32Array, h: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, dgx: Float32Array, dgh: Float32Array, dh: Float32Array): void;
  gruSequence?(T: number, B: number, H: number, gx: Float32Array, h0: Float32Array, wh: Float32Array, bh: Float32Array, masks: Float32Array, states: Float32Array, last: Float32Array, previous: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, ghN: Float32Array): void;
  gruSequenceGrad?(T: number, B: number, H: number, dStates: Float32Array, dLast: Float32Array, wh: Float32Array, masks: Float32Array, previous: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, ghN: Float32Array, dgx: Float32Array, dh0: Float32Array, dwh: Float32Array, dbh: Float32Array, dgh: Float32Array): void;
  /** The layer-normalised variant's loops (see `gru-ln-kernels.ts`); norms: the 8 gains and biases of its four norms. */
  gruLnCell?(B: number, H: number, eps: number, gx: Float32Array, gh: Float32Array, h: Float32Array, norms: Float32Array[], next: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, xhat: Float32Array, inv: Float32Array): void;
  gruLnCellGrad?(B: number, H: number, dy: Float32Array, h: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, xhat: Float32Array, inv: Float32Array, norms: Float32Array[], dgx: Float32Array, dgh: Float32Array, dh: Float32Array, dNorms: Float32Array[]): void;
  gruLnSequence?(T: number, B: number, H: number, eps: number, gx: Float32Array, h0: Float32Array, wh: Float32Array, bh: Float32Array, masks: Float32Array, norms: Float32Array[], states: Float32Array, last: Float32Array, previous: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, xhat: Float32Array, inv: Float32Array): void;
  gruLnSequenceGrad?(T: number, B: number, H: number, dStates: Float32Array, dLast: Float32Array, wh: Float32Array, masks: Float32Array, previous: Float32Array, r: Float32Array, z: Float32Array, n: Float32Array, xhat: Float32Array, inv: Float32Array, norms: Float32Array[], dgx: Float32Array, dh0: Float32Array, dwh: Float32Array, dbh: Float32Array, dNorms: Float32Array[], dgh: Float32Array): void;
}

/** Where the build script puts the addon. */
export const NATIVE_BLAS_PATH = fileURLToPath(new URL('../../native/build/blas.node', import.meta.url));

export interface NativeBlasSettings {
  /** False when `METARENA_NATIVE_BLAS=0`. */
  enabled: boolean;
  /** OpenBLAS threads (`METARENA_BLAS_THREADS`, default 1). */
  threads: number;
}

/** The settings from the environment; a clear error for a value that is not allowed. */
export function nativeBlasSettings(env: NodeJS.ProcessEnv = process.env): NativeBlasSettings {
  const flag = env.METARENA_NATIVE_BLAS;
  if (flag !== undefined && flag !== '' && flag !== '0' && flag !== '1') {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `METARENA_NATIVE_BLAS must be 0 (off) or 1 (on when built), got ${show(flag)}`, { field: 'METARENA_NATIVE_BLAS' });
  }
  const threads = env.METARENA_BLAS_THREADS;
  if (threads !== undefined && threads !== '' && !/^[1-9][0-9]{0,2}$/.test(threads)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `METARENA_BLAS_THREADS must be a positive integer, got ${show(threads)}`, { field: 'METARENA_BLAS_THREADS' });
  }
  return { enabled: flag !== '0', threads: threads ? Number(threads) : 1 };
}

/** The addon at `path`, or why it is not there (one short phrase). */
export function loadNativeBlas(path: string = NATIVE_BLAS_PATH): NativeBlas | string {
  if (!existsSync(path)) return 'OpenBLAS addon not built';
  try {
    return createRequire(import.meta.url)(path) as NativeBlas;
  } catch (e) {
    return `OpenBLAS addon did not load: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  }
}

/** What the kernel needs of the wasm backend (tfjs types kernels' backends as `{}`). */
interface WasmHeapBackend {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

interface BatchMatMulArgs {
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
  backend: WasmHeapBackend;
  attrs: { transposeA: boolean; transposeB: boolean };
}

/**
 * `BatchMatMul` by sgemm for float32 operands whose batch dimensions are equal or one of them a
 * single matrix (every product in this project); other broadcasts, and empty matrices, go to the
 * wasm kernel `fallback`.
 */
function nativeBatchMatMul(blas: NativeBlas, fallback: tf.KernelFunc, args: BatchMatMulArgs): tf.TensorInfo {
  const { inputs: { a, b }, backend, attrs: { transposeA, transposeB } } = args;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || ra < 2 || rb < 2) return fallback(args as never) as tf.TensorInfo;
  const [m, k] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [kb, n] = transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  if (k !== kb || m * n * k === 0 || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return fallback(args as never) as tf.TensorInfo;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  // e.g. [1, 3] against [3, 1] broadcasts to 9 products: not a pairing of the operands' matrices
  if (tf.util.sizeFromShape(outer) !== batch) return fallback(args as never) as tf.TensorInfo;
  const out = backend.makeOutput([...outer, m, n], 'float32');
  // views after the output's allocation, which may have grown (and replaced) the heap's buffer
  const heap = backend.wasm.HEAPU8.buffer;
  const offset = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
  const [atA, atB, atC] = [offset(a), offset(b), offset(out)];
  for (let i = 0; i < batch; i++) {
    const viewA = new Float32Array(heap, atA + (batchA > 1 ? i : 0) * m * k * 4, m * k);
    const viewB = new Float32Array(heap, atB + (batchB > 1 ? i : 0) * k * n * 4, k * n);
    blas.sgemm(transposeA, transposeB, m, n, k, 1, viewA, viewB, 0, new Float32Array(heap, atC + i * m * n * 4, m * n));
  }
  return out;
}

/** The wasm backend's own `BatchMatMul` kernel while `useNativeMatMul` has replaced it. */
let wasmKernel: tf.KernelConfig | undefined;
/** The addon `useNativeMatMul` put in. */
let active: NativeBlas | undefined;

/**
 * Replaces the wasm backend's `BatchMatMul` kernel with `nativeBatchMatMul` (call after the wasm
 * backend is active; again is a no-op). The wasm kernel's setup stays registered with it, so
 * the fallback works if the backend is set up again.
 */
export function useNativeMatMul(blas: NativeBlas, threads = 1): void {
  if (wasmKernel) return;
  const own = tf.getKernel('BatchMatMul', 'wasm');
  if (!own) throw new MetarenaError('METARENA_NOT_SUPPORTED', 'the wasm backend has no BatchMatMul kernel to replace', { field: 'backend' });
  blas.setThreads(threads);
  wasmKernel = own;
  active = blas;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...own, kernelFunc: (args) => nativeBatchMatMul(blas, own.kernelFunc, args as unknown as BatchMatMulArgs) });
}

/** Puts the wasm backend's own `BatchMatMul` kernel back (after `useNativeMatMul`). */
export function restoreWasmMatMul(): void {
  if (!wasmKernel) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(wasmKernel);
  wasmKernel = undefined;
  active = undefined;
}

/** Whether the wasm backend's matrix products are OpenBLAS's (`useNativeMatMul` in effect). */
export function nativeMatMulInUse(): boolean {
  return wasmKernel !== undefined;
}

/** The addon running the wasm backend's matrix products (`useNativeMatMul` in effect), else undefined. */
export function nativeBlasInUse(): NativeBlas | undefined {
  return active;
}
