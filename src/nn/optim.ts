/**
 * Training steps shared by every learner: global gradient-norm clipping (torch's
 * `clip_grad_norm_`) and the Polyak update of a target network, each one kernel for all variables.
 */
import * as tf from '@tensorflow/tfjs';
import { backendOps, kernelArrays, registerBackendKernel } from './kernels.ts';

const CLIP_KERNEL = 'MetarenaClipByGlobalNorm';
const f = Math.fround;

// float32 throughout, in the order of the tfjs ops `sqrt(addN(sum(square(g))))`, `minimum(1,
// maxNorm / (norm + 1e-6))`, `g · scale` (sequential sums, as the backends' Sum and AddN run):
// the same bits as those ops
registerBackendKernel(CLIP_KERNEL, (backendName, { inputs, backend, attrs }) => {
  const grads = Object.keys(inputs)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((key) => (inputs as Record<string, tf.TensorInfo>)[key]);
  const arrays = kernelArrays(backendName, backend);
  let squares = 0;
  for (const g of grads) {
    const v = arrays.read(g);
    let sum = 0;
    for (let k = 0; k < v.length; k++) sum = f(sum + f(v[k] * v[k]));
    squares = f(squares + sum);
  }
  const norm = f(Math.sqrt(squares));
  const scale = Math.min(1, f(f((attrs as { maxNorm: number }).maxNorm) / f(norm + f(1e-6))));
  return arrays.outputs(
    grads.map((g) => g.shape),
    (outs, read) =>
      grads.forEach((g, i) => {
        const v = read(g);
        const out = outs[i];
        for (let k = 0; k < v.length; k++) out[k] = f(v[k] * scale);
      }),
  );
});

/** The gradient map `tf.variableGrads` returns, typed as `Optimizer.applyGradients` takes it. */
export type GradientMap = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/**
 * `grads` scaled so that their global L2 norm is at most `maxNorm`: every gradient times
 * min(1, maxNorm / (norm + 1e-6)), as torch's `clip_grad_norm_`. New tensors; `grads` stay.
 * One kernel for all gradients, the same bits as those tfjs ops.
 */
export function clipByGlobalNorm<G extends tf.NamedTensorMap>(grads: G, maxNorm: number): G {
  const names = Object.keys(grads);
  if (names.length === 0) return {} as G;
  const inputs = Object.fromEntries(names.map((k, i) => [`g${i}`, grads[k]]));
  const out = tf.engine().runKernel(CLIP_KERNEL, inputs, { maxNorm });
  const clipped = Array.isArray(out) ? out : [out];
  return Object.fromEntries(names.map((k, i) => [k, clipped[i]])) as G;
}

const POLYAK_KERNEL = 'MetarenaPolyak';
/** Variables up to this many numbers are averaged in JavaScript; larger ones by the backend's vectorised kernels. */
const POLYAK_SMALL = 1024;

// per variable `add(mul(online, τ), mul(target, 1 − τ))` in float32 (τ and 1 − τ rounded to
// float32 as tfjs's scalar operands are): the backend's Multiply and Add kernels on a large
// variable, the same float32 operations in JavaScript on a small one; the same bits as those ops
registerBackendKernel(POLYAK_KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { tau, count } = attrs as { tau: number; count: number };
  const named = inputs as Record<string, tf.TensorInfo>;
  const arrays = kernelArrays(backendName, backend);
  let k: ReturnType<typeof backendOps> | undefined;
  const [a, b] = [f(tau), f(1 - tau)];
  const outputs: tf.TensorInfo[] = [];
  for (let i = 0; i < count; i++) {
    const [online, target] = [named[`online${i}`], named[`target${i}`]];
    if (tf.util.sizeFromShape(online.shape) > POLYAK_SMALL) {
      k ??= backendOps(backendName, backend);
      outputs.push(k.keep(k.add(k.mul(online, k.scalar(tau)), k.mul(target, k.scalar(1 - tau)))));
      continue;
    }
    const [out] = arrays.outputs([online.shape], ([out], read) => {
      const [s, t] = [read(online), read(target)];
      for (let j = 0; j < out.length; j++) out[j] = f(s[j] * a) + f(t[j] * b);
    });
    outputs.push(out);
  }
  k?.free();
  return outputs;
});

/**
 * target ← τ · online + (1 − τ) · target, variable by variable (the same architecture, the same
 * variable order); τ = 1 copies the online weights. One kernel for all variables, the same bits
 * as those tfjs ops per variable.
 */
export function polyakUpdate(online: { readonly variables: readonly tf.Variable[] }, target: { readonly variables: readonly tf.Variable[] }, tau: number): void {
  const src = online.variables;
  const dst = target.variables;
  if (tau === 1) {
    for (let i = 0; i < src.length; i++) dst[i].assign(src[i]);
    return;
  }
  if (src.length === 0) return;
  const inputs: tf.NamedTensorMap = {};
  for (let i = 0; i < src.length; i++) Object.assign(inputs, { [`online${i}`]: src[i], [`target${i}`]: dst[i] });
  const out = tf.engine().runKernel(POLYAK_KERNEL, inputs, { tau, count: src.length });
  const averaged = Array.isArray(out) ? out : [out];
  for (let i = 0; i < src.length; i++) {
    dst[i].assign(averaged[i]);
    averaged[i].dispose();
  }
}
