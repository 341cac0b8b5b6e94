/**
 * Training steps shared by every learner: global gradient-norm clipping (torch's
 * `clip_grad_norm_`) and the Polyak update of a target network.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelArrays, registerBackendKernel } from './kernels.ts';

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

/**
 * target ← τ · online + (1 − τ) · target, variable by variable (the same architecture, the same
 * variable order); τ = 1 copies the online weights.
 */
export function polyakUpdate(online: { readonly variables: readonly tf.Variable[] }, target: { readonly variables: readonly tf.Variable[] }, tau: number): void {
  const src = online.variables;
  const dst = target.variables;
  tf.tidy(() => {
    for (let i = 0; i < src.length; i++) dst[i].assign(tau === 1 ? src[i] : tf.add(tf.mul(src[i], tau), tf.mul(dst[i], 1 - tau)));
  });
}
