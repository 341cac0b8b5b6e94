/**
 * Generalised advantage estimation (Schulman et al., 2016) over a stored rollout, and PPO's loss:
 * the clipped surrogate objective, the (optionally clipped) value loss and the entropy bonus,
 * with the diagnostics CleanRL logs (approximate KL by Schulman's k3 estimator, clip fraction).
 */
import * as tf from '@tensorflow/tfjs';
import { LOG_2PI } from './kinds.ts';
import type { PPOOptions } from './options.ts';
import type { Rollout } from './rollout.ts';

/**
 * Advantages and returns of every rollout row. A done step's next value is the final
 * observation's (`finalValue`) when the env restarted within the step, else the next row's; a
 * terminated step does not bootstrap; `next_step` reset rows (not valid) get advantage 0.
 */
export function advantages(r: Rollout, { gamma, gaeLambda }: Pick<PPOOptions, 'gamma' | 'gaeLambda'>, restartsWithinStep: boolean): { advantages: Float32Array; returns: Float32Array } {
  const { T, n } = r;
  const adv = new Float32Array(T * n);
  const returns = new Float32Array(T * n);
  const lastAdv = new Float64Array(n);
  for (let t = T - 1; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      const k = t * n + i;
      const nextIsReset = r.done[k] === 1 && restartsWithinStep;
      const nextValue = nextIsReset ? r.finalValue[k] : t + 1 < T ? r.values[k + n] : r.lastValues[i];
      const delta = r.rewards[k] + gamma * (r.terminated[k] ? 0 : nextValue) - r.values[k];
      lastAdv[i] = delta + gamma * gaeLambda * (r.done[k] ? 0 : lastAdv[i]);
      if (!r.valid[k]) lastAdv[i] = 0;
      adv[k] = lastAdv[i];
      returns[k] = lastAdv[i] + r.values[k];
    }
  }
  return { advantages: adv, returns };
}

/** One minibatch as tensors: actions one-hot for Discrete (no gather gradient on wasm). */
export interface LossBatch {
  actions: tf.Tensor2D;
  oldLogp: tf.Tensor1D;
  advantages: tf.Tensor1D;
  returns: tf.Tensor1D;
  oldValues: tf.Tensor1D;
  /** Per-row weights (1 for rows to learn from, 0 for padding); plain means without. */
  weights?: tf.Tensor1D;
}

export interface LossParts {
  loss: tf.Scalar;
  /** policy loss, value loss, entropy, approx KL, clip fraction. */
  stats: () => tf.Scalar[];
}

/** The mean of `x` [B], weighted by `w` when given. */
function mean(x: tf.Tensor, w: tf.Tensor1D | undefined): tf.Scalar {
  return w ? (tf.div(tf.sum(tf.mul(x, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar) : tf.mean(x);
}

/**
 * PPO's loss for policy outputs `out` (logits or Gaussian means) and values `newValue` [B] of a
 * minibatch; `logStd` for Box actions. `stats` gives the logged diagnostics (call it inside the
 * same gradient scope).
 */
export function ppoLoss(out: tf.Tensor2D, newValue: tf.Tensor1D, logStd: tf.Tensor1D | undefined, b: LossBatch, o: PPOOptions): LossParts {
  const w = b.weights;
  let newLogp: tf.Tensor;
  let entropy: tf.Tensor;
  if (!logStd) {
    const logProbs = tf.logSoftmax(out);
    newLogp = tf.sum(tf.mul(logProbs, b.actions), 1);
    entropy = tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1));
  } else {
    const z = tf.div(tf.sub(b.actions, out), tf.exp(logStd));
    newLogp = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * LOG_2PI)), 1);
    entropy = tf.add(tf.zeros([out.shape[0]]), tf.sum(tf.add(logStd, 0.5 + 0.5 * LOG_2PI)));
  }
  const logRatio = tf.sub(newLogp, b.oldLogp);
  const ratio = tf.exp(logRatio);
  const pg1 = tf.mul(tf.neg(b.advantages), ratio);
  const pg2 = tf.mul(tf.neg(b.advantages), tf.clipByValue(ratio, 1 - o.clipCoef, 1 + o.clipCoef));
  const pgLoss = mean(tf.maximum(pg1, pg2), w);
  let vLoss: tf.Scalar;
  if (o.clipVloss) {
    const unclipped = tf.square(tf.sub(newValue, b.returns));
    const clippedValue = tf.add(b.oldValues, tf.clipByValue(tf.sub(newValue, b.oldValues), -o.clipCoef, o.clipCoef));
    const clipped = tf.square(tf.sub(clippedValue, b.returns));
    vLoss = tf.mul(0.5, mean(tf.maximum(unclipped, clipped), w));
  } else {
    vLoss = tf.mul(0.5, mean(tf.square(tf.sub(newValue, b.returns)), w));
  }
  const entropyMean = mean(entropy, w);
  const loss = tf.add(tf.sub(pgLoss, tf.mul(o.entCoef, entropyMean)), tf.mul(o.vfCoef, vLoss)) as tf.Scalar;
  // approx KL (Schulman's k3 estimator) and the clipped fraction, as CleanRL logs them
  const stats = () => [pgLoss, vLoss, entropyMean, mean(tf.sub(tf.sub(ratio, 1), logRatio), w), mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), o.clipCoef), 'float32'), w)];
  return { loss, stats };
}
