/**
 * The one checkpoint codec of an optimizer's state (Adam's step count and moment estimates), so
 * that training resumed from a checkpoint takes the same steps as training that never stopped.
 *
 * tfjs optimizers match their slots to gradients by position: the order of the keys of the
 * gradient map given to the first `applyGradients`, which is the order of the variables given
 * to `tf.variableGrads` except that integer-like variable names (the default names tfjs gives)
 * come first, as JavaScript orders object keys. The slots are saved by position under
 * `${prefix}/iter` and `${prefix}/slot/${i}` (copies: the caller disposes them) and restored
 * against the variables in that same order, each slot's shape checked against its variable's.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, show } from '../core/index.ts';

/** The optimizer's weights (`getWeights()`) as named tensors; the caller disposes them. */
export async function optimizerTensors(optimizer: tf.Optimizer, prefix: string): Promise<tf.NamedTensorMap> {
  const weights = await optimizer.getWeights();
  const out: tf.NamedTensorMap = {};
  weights.forEach((w, i) => {
    // slot 0 is `iter`; getWeights returns the optimizer's own variables, so copy them
    out[i === 0 ? `${prefix}/iter` : `${prefix}/slot/${i - 1}`] = w.tensor.clone();
    if (i === 0) w.tensor.dispose();
  });
  return out;
}

/** `variables` in the order an optimizer's slots follow when their gradients come from `tf.variableGrads`. */
export function gradientOrder(variables: readonly tf.Variable[]): tf.Variable[] {
  const byName = new Map(variables.map((v) => [v.name, v]));
  return Object.keys(Object.fromEntries(variables.map((v) => [v.name, 0]))).map((name) => byName.get(name)!);
}

/**
 * Restores weights saved by `optimizerTensors` into `optimizer`, whose slots belong to
 * `variables` (in the order given to `tf.variableGrads`). A checkpoint saved before the first
 * update holds no slots.
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, tensors: tf.NamedTensorMap, variables: readonly tf.Variable[], prefix: string): Promise<void> {
  const iter = tensors[`${prefix}/iter`];
  if (!iter) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: optimizer state ${show(`${prefix}/iter`)} is missing`, { field: 'checkpoint' });
  const slots: tf.Tensor[] = [];
  for (let i = 0; tensors[`${prefix}/slot/${i}`]; i++) slots.push(tensors[`${prefix}/slot/${i}`]);
  const ordered = gradientOrder(variables);
  if (slots.length !== 0 && slots.length % ordered.length !== 0) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: optimizer ${prefix} has ${slots.length} slots, which does not fit ${ordered.length} variables`, { field: 'checkpoint' });
  }
  const names = ['m', 'v', 's', 'u'];
  const named: { name: string; tensor: tf.Tensor }[] = slots.map((tensor, i) => {
    const v = ordered[i % ordered.length];
    if (tensor.shape.join('x') !== v.shape.join('x')) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: optimizer ${prefix} slot ${i} has shape [${tensor.shape}], its variable ${show(v.name)} has [${v.shape}]`, { field: 'checkpoint' });
    }
    return { name: `${v.name}/${names[Math.floor(i / ordered.length)] ?? 'slot'}`, tensor };
  });
  // the optimizer's new variables share the tensors' data, so the caller may dispose them
  await optimizer.setWeights([{ name: 'iter', tensor: iter }, ...named]);
}
