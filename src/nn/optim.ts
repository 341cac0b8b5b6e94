/**
 * Training steps shared by every learner: global gradient-norm clipping (torch's
 * `clip_grad_norm_`) and the Polyak update of a target network.
 */
import * as tf from '@tensorflow/tfjs';

/** The gradient map `tf.variableGrads` returns, typed as `Optimizer.applyGradients` takes it. */
export type GradientMap = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/**
 * `grads` scaled so that their global L2 norm is at most `maxNorm`: every gradient times
 * min(1, maxNorm / (norm + 1e-6)), as torch's `clip_grad_norm_`. New tensors; `grads` stay.
 */
export function clipByGlobalNorm<G extends tf.NamedTensorMap>(grads: G, maxNorm: number): G {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const norm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k])))));
    const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    return Object.fromEntries(names.map((k) => [k, tf.mul(grads[k], scale)])) as G;
  });
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
