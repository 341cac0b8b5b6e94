/**
 * An optimizer's state (Adam's step count and moment estimates) as checkpoint tensors, so that
 * training resumed from a checkpoint takes the same steps as training that never stopped.
 *
 * tfjs optimizers match their slots to gradients by position (the order of the variables in
 * `applyGradients`), not by name, and name the slots after the process's generated variable
 * names. The tensors are therefore saved by position under `${prefix}/iter` and
 * `${prefix}/slot/${i}`, and restored in the same order: pass the same variables, in the same
 * order, as the gradients are applied in.
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
  });
  return out;
}

/**
 * Restores weights saved by `optimizerTensors` into `optimizer`, whose slots belong to
 * `variables` (in gradient order). A checkpoint saved before the first update holds no slots.
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, tensors: tf.NamedTensorMap, variables: readonly tf.Variable[], prefix: string): Promise<void> {
  const iter = tensors[`${prefix}/iter`];
  if (!iter) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: optimizer state ${show(`${prefix}/iter`)} is missing`, { field: 'checkpoint' });
  const slots: tf.Tensor[] = [];
  for (let i = 0; tensors[`${prefix}/slot/${i}`]; i++) slots.push(tensors[`${prefix}/slot/${i}`]);
  if (slots.length !== 0 && slots.length % variables.length !== 0) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: optimizer ${prefix} has ${slots.length} slots, which does not fit ${variables.length} variables`, { field: 'checkpoint' });
  }
  const names = ['m', 'v', 's', 'u'];
  const named: { name: string; tensor: tf.Tensor }[] = slots.map((tensor, i) => {
    const v = variables[i % variables.length];
    if (tensor.shape.join('x') !== v.shape.join('x')) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: optimizer slot ${i} has shape [${tensor.shape}], variable ${i % variables.length} has [${v.shape}]`, { field: 'checkpoint' });
    }
    return { name: `${v.name}/${names[Math.floor(i / variables.length)] ?? 'slot'}`, tensor };
  });
  // the optimizer's new variables share the tensors' data, so the caller may dispose them
  await optimizer.setWeights([{ name: 'iter', tensor: iter }, ...named]);
}
