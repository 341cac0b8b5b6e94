/**
 * What the GRU kernel tests share: the two bodies of the kernels (the addon's C loops, or the
 * backend's own kernels / tfjs ops) switched in-process, closeness and bit checks, and a masked
 * sequence case with its gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { type GRU, type NativeBlas, loadNativeBlas, nativeBlasInUse, restoreWasmMatMul, useNativeMatMul } from '../../src/nn/index.ts';

const loaded = loadNativeBlas();
/** The addon when it is built with the GRU loops (OpenBLAS present); the backend-ops body is tested either way. */
export const blas = typeof loaded === 'string' || !loaded.gruSequence || !loaded.gruLnSequence ? undefined : loaded;

export type Body = 'native' | 'backend ops';
export const BODIES: Body[] = blas ? ['native', 'backend ops'] : ['backend ops'];

/**
 * Runs `fn` with the GRU kernels on `body`: the addon's loops (OpenBLAS in the wasm backend's
 * matrix products), or the backend's own kernels (the wasm matrix products); then puts back
 * what was in use.
 */
export function on<T>(body: Body, fn: () => T, addon: NativeBlas | undefined = blas): T {
  const was = nativeBlasInUse();
  restoreWasmMatMul();
  if (body === 'native') useNativeMatMul(addon!);
  try {
    return fn();
  } finally {
    restoreWasmMatMul();
    if (was) useNativeMatMul(was);
  }
}

/** Element-wise |a − b| ≤ tol (1 + |b|), same lengths. */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  const bad = Array.from({ length: a.length }, (_, i) => i).filter((i) => !(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i]))));
  expect(bad.map((i) => [i, a[i], b[i]])).toEqual([]);
}

/** The indices where a and b differ in bits. */
export const bitDifferences = (a: Float32Array, b: Float32Array) => [...a.keys()].filter((i) => !Object.is(a[i], b[i]));

/** An unroll through `step(gx, h)` from projected inputs, masks [T, B] applied before each step. */
export const unrollBy = (g: GRU, step: (gx: tf.Tensor2D, h: tf.Tensor2D) => tf.Tensor2D) => (xs: tf.Tensor3D, h0: tf.Tensor2D, masks: tf.Tensor2D) => {
  let h = h0;
  const ms = tf.unstack(masks);
  const outs = tf.unstack(xs).map((x, t) => (h = step(g.project(x as tf.Tensor2D), tf.mul(h, tf.reshape(ms[t], [-1, 1])) as tf.Tensor2D)));
  return { outputs: tf.stack(outs) as tf.Tensor3D, h };
};

export interface Case {
  T: number;
  B: number;
  I: number;
  H: number;
  seed: number;
}

/** Inputs, start state, masks (resets at several steps and rows) and upstream gradients of a case. */
export function sequenceCase({ T, B, I, H, seed }: Case) {
  const xs = tf.randomNormal([T, B, I], 0, 1, 'float32', seed) as tf.Tensor3D;
  const h0 = tf.randomNormal([B, H], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
  const masks = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([T, B], 0, 1, 'float32', seed + 2), 0.2), 'float32')) as tf.Tensor2D;
  const upstream = tf.randomNormal([T, B, H], 0, 1, 'float32', seed + 3);
  const lastWeight = tf.randomNormal([B, H], 0, 1, 'float32', seed + 4);
  return { xs, h0, masks, upstream, lastWeight, dispose: () => tf.dispose([xs, h0, masks, upstream, lastWeight]) };
}

/**
 * The outputs, last state and gradients (xs, h0 and the four variables) of a loss on every state
 * and on the last one — as a value head and a bootstrap use them — for an unroll `run`.
 */
export function gradientsOf(g: GRU, c: ReturnType<typeof sequenceCase>, run: (xs: tf.Tensor3D, h0: tf.Tensor2D, masks: tf.Tensor2D) => { outputs: tf.Tensor3D; h: tf.Tensor2D }) {
  return tf.tidy(() => {
    const r = run(c.xs, c.h0, c.masks);
    const loss = (x: tf.Tensor, h: tf.Tensor) => {
      const out = run(x as tf.Tensor3D, h as tf.Tensor2D, c.masks);
      return tf.add(tf.sum(tf.mul(c.upstream, out.outputs)), tf.sum(tf.mul(c.lastWeight, out.h)));
    };
    const [dxs, dh0] = tf.grads(loss)([c.xs, c.h0]);
    const { grads } = tf.variableGrads(() => loss(c.xs, c.h0) as tf.Scalar, g.variables);
    return [r.outputs, r.h, dxs, dh0, ...g.variables.map((v) => grads[v.name])].map((t) => t.dataSync() as Float32Array);
  });
}
