import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MetarenaError } from '../../src/core/index.ts';
import { type BackendChoice, type NativeBlas, denseOp, initBackend, loadNativeBlas, nativeBlasSettings, nativeMatMulInUse, restoreWasmMatMul, useNativeMatMul } from '../../src/nn/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const loaded = loadNativeBlas();
/** The addon, when `npm install` built it (OpenBLAS present); the wasm-only behaviour is tested either way. */
const blas = typeof loaded === 'string' ? undefined : loaded;

let choice: BackendChoice;
beforeAll(async () => {
  choice = await initBackend({ log: () => {} });
});

/** Runs `fn` with the wasm backend's own matrix products, then puts OpenBLAS back if it was in use. */
function onWasm<T>(fn: () => T): T {
  const wasNative = nativeMatMulInUse();
  restoreWasmMatMul();
  try {
    return fn();
  } finally {
    if (wasNative && blas) useNativeMatMul(blas);
  }
}

/** The largest |a - b| relative to the largest |b| (float32 sums in another order). */
function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let gap = 0;
  let scale = 1e-30;
  for (let i = 0; i < a.length; i++) {
    gap = Math.max(gap, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return gap / scale;
}

describe('nativeBlasSettings', () => {
  it('is on with one OpenBLAS thread by default, off with METARENA_NATIVE_BLAS=0, and names a bad variable', () => {
    expect(nativeBlasSettings({})).toEqual({ enabled: true, threads: 1 });
    expect(nativeBlasSettings({ METARENA_NATIVE_BLAS: '0' })).toEqual({ enabled: false, threads: 1 });
    expect(nativeBlasSettings({ METARENA_NATIVE_BLAS: '1', METARENA_BLAS_THREADS: '2' })).toEqual({ enabled: true, threads: 2 });
    for (const [field, value] of [['METARENA_NATIVE_BLAS', 'yes'], ['METARENA_BLAS_THREADS', '0'], ['METARENA_BLAS_THREADS', 'two']]) {
      let error: unknown;
      try {
        nativeBlasSettings({ [field]: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MetarenaError);
      expect((error as MetarenaError).message).toContain(field);
      expect((error as MetarenaError).message).toContain(value);
    }
  });
});

describe('loadNativeBlas', () => {
  it('says why when the addon is missing or is not an addon', () => {
    const dir = mkdtempSync(join(tmpdir(), 'blas-'));
    expect(loadNativeBlas(join(dir, 'absent.node'))).toBe('OpenBLAS addon not built');
    writeFileSync(join(dir, 'broken.node'), 'not a shared object');
    expect(loadNativeBlas(join(dir, 'broken.node'))).toMatch(/^OpenBLAS addon did not load: .+/);
  });
});

describe('the wasm backend without the addon', () => {
  it('keeps its own matrix-product kernel and says so when METARENA_NATIVE_BLAS=0', () => {
    const script = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { initBackend, nativeMatMulInUse } from './src/nn/index.ts';",
      'const c = await initBackend({ log: () => {} });',
      "const a = tf.randomNormal([37, 19], 0, 1, 'float32', 5), b = tf.randomNormal([23, 19], 0, 1, 'float32', 6);",
      'const bits = [...new Uint32Array(tf.matMul(a, b, false, true).dataSync().buffer)];',
      'console.log(JSON.stringify({ c, inUse: nativeMatMulInUse(), bits }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, METARENA_NATIVE_BLAS: '0' }, encoding: 'utf8' });
    const child = JSON.parse(out.trim().split('\n').pop() as string) as { c: BackendChoice; inUse: boolean; bits: number[] };
    expect(child.c.name).toBe('wasm');
    expect(child.c.nativeBlas).toBe(false);
    expect(child.c.skipped).toContain('OpenBLAS off: METARENA_NATIVE_BLAS=0');
    expect(child.inUse).toBe(false);
    // the same bits as the wasm backend's own kernel in this process
    const here = onWasm(() => tf.tidy(() => tf.matMul(tf.randomNormal([37, 19], 0, 1, 'float32', 5), tf.randomNormal([23, 19], 0, 1, 'float32', 6), false, true).dataSync()));
    expect(child.bits).toEqual([...new Uint32Array(here.buffer)]);
  }, 60_000);

  it('is what runs unless the addon is built and allowed', () => {
    expect(choice.name).toBe('wasm');
    expect(choice.nativeBlas).toBe(blas !== undefined && nativeBlasSettings().enabled);
    expect(nativeMatMulInUse()).toBe(choice.nativeBlas);
  });
});

describe.runIf(blas)('OpenBLAS matrix products (the addon is built)', () => {
  const addon = blas as NativeBlas;

  it('runs OpenBLAS on the threads asked for (one by default)', () => {
    // with METARENA_NATIVE_BLAS=0 the backend left the wasm kernel; these tests put OpenBLAS in
    if (!choice.nativeBlas) useNativeMatMul(addon, nativeBlasSettings().threads);
    expect(nativeMatMulInUse()).toBe(true);
    expect(addon.threads()).toBe(nativeBlasSettings().threads);
  });

  it('sgemm computes alpha·op(a)·op(b) + beta·c for every transpose combination and rejects bad arrays', () => {
    const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // [2, 3], or [3, 2] transposed
    const b = Float32Array.from([1, 0, -1, 2, 0.5, 1]); // [3, 2], or [2, 3] transposed
    const reference = (ta: boolean, tb: boolean, m: number, n: number, k: number) => {
      const out: number[] = [];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
          out.push(s);
        }
      }
      return out;
    };
    // the float64 reference itself, by hand: [[1, 2, 3], [4, 5, 6]]·[[1, 0], [-1, 2], [0.5, 1]]
    expect(reference(false, false, 2, 2, 3)).toEqual([0.5, 7, 2, 16]);
    for (const [ta, tb, m, n, k] of [[false, false, 2, 2, 3], [true, false, 2, 2, 3], [false, true, 2, 2, 3], [true, true, 2, 2, 3], [false, false, 3, 3, 2], [true, true, 3, 3, 2]] as const) {
      const c = new Float32Array(m * n).fill(1);
      addon.sgemm(ta, tb, m, n, k, 2, a, b, 0.5, c);
      expect([...c]).toEqual(reference(ta, tb, m, n, k).map((v) => 2 * v + 0.5));
    }
    expect(() => addon.sgemm(false, false, 2, 2, 4, 1, a, b, 0, new Float32Array(4))).toThrow(/a has 6 elements, the matrix needs 8/);
    expect(() => addon.sgemm(false, false, 2, 2, 3, 1, a, b, 0, new Float32Array(3))).toThrow(RangeError);
    expect(() => addon.sgemm(false, false, 2, 2, 3, 1, a, new Float64Array(6) as never, 0, new Float32Array(4))).toThrow(/b must be a Float32Array/);
    expect(() => addon.sgemm(false, false, 0, 2, 3, 1, a, b, 0, new Float32Array(4))).toThrow(/positive integers/);
  });

  it.each([
    ['batch 1', [1, 19], [19, 23]],
    ['odd shapes', [37, 19], [19, 23]],
    ['a column', [13, 1], [1, 9]],
    ['a row result', [1, 64], [64, 1]],
    ['256 wide', [256, 256], [256, 256]],
    ['batched', [3, 5, 7], [3, 7, 4]],
    ['one matrix times a batch', [5, 7], [2, 7, 4]],
    ['an empty batch (the wasm kernel runs it)', [0, 7], [7, 4]],
  ] as const)('tf.matMul, %s, every transpose combination: the wasm values to float32 rounding', (_, aShape, bShape) => {
    tf.tidy(() => {
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const flip = (shape: readonly number[], t: boolean) => (t ? [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]] : [...shape]);
        const a = tf.randomNormal(flip(aShape, ta), 0, 1, 'float32', 7);
        const b = tf.randomNormal(flip(bShape, tb), 0, 1, 'float32', 8);
        const native = tf.matMul(a, b, ta, tb);
        const wasm = onWasm(() => tf.matMul(a, b, ta, tb));
        expect(native.shape).toEqual(wasm.shape);
        expect(relativeGap(native.dataSync(), wasm.dataSync())).toBeLessThan(1e-5);
      }
    });
  });

  it('runs every product of a dense layer and its gradients through sgemm, equal to the wasm ones to rounding', () => {
    let calls = 0;
    restoreWasmMatMul();
    useNativeMatMul({ ...addon, sgemm: (...args) => (calls++, addon.sgemm(...args)) });
    try {
      tf.tidy(() => {
        const x = tf.randomNormal([37, 19], 0, 1, 'float32', 1) as tf.Tensor2D;
        const w = tf.randomNormal([19, 23], 0, 1, 'float32', 2) as tf.Tensor2D;
        const b = tf.randomNormal([23], 0, 1, 'float32', 3) as tf.Tensor1D;
        const upstream = tf.randomNormal([37, 23], 0, 1, 'float32', 4);
        const gradients = () => tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(upstream, denseOp(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D, 'relu'))))([x, w, b]);
        const native = gradients();
        // forward, dx, dW and the bias gradient's ones·dz
        expect(calls).toBe(4);
        const wasm = onWasm(gradients);
        native.forEach((g, i) => expect(relativeGap(g.dataSync(), wasm[i].dataSync())).toBeLessThan(1e-5));
      });
    } finally {
      restoreWasmMatMul();
      useNativeMatMul(addon);
    }
  });
});
