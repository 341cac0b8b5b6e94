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
 * Advantages and returns of every rollout row. The return of a step runs on until the policy's
 * memory starts afresh: for a feed-forward policy or a memory reset every episode that is the
 * episode's end; for a memory kept over a trial (`memoryReset` trial, RL²) it is the trial's end,
 * so an episode that ends inside a trial bootstraps from the value of the next episode's first
 * step and its advantages continue into that episode (the trial is one long episode, as in
 * pytorch_rl2's `assign_credit`). Where the return ends, a terminated step does not bootstrap,
 * nor does a trial's last step (a trial is a fixed number of episodes: its return is theirs, the
 * objective `metarena eval` scores), while an episode truncated by a time limit bootstraps from
 * its final observation's value (`finalValue` when the env restarted within the step, else the
 * next row's, whose input is that observation).
 * `next_step` reset rows (not valid) get advantage 0 and are passed over: the step before one
 * continues with the row after it.
 */
export function advantages(r: Rollout, { gamma, gaeLambda, memoryReset }: Pick<PPOOptions, 'gamma' | 'gaeLambda' | 'memoryReset'>, restartsWithinStep: boolean): { advantages: Float32Array; returns: Float32Array } {
  const { T, n } = r;
  const adv = new Float32Array(T * n);
  const returns = new Float32Array(T * n);
  // per env, looking back from the rollout's end: the value and advantage of the next valid row,
  // and whether the memory starts afresh before it (the smallest keep mask up to it)
  const nextValue = Float64Array.from(r.lastValues);
  const nextAdv = new Float64Array(n);
  const nextKeep = r.lastKeep ? Float64Array.from(r.lastKeep) : new Float64Array(n);
  for (let t = T - 1; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      const k = t * n + i;
      const keep = r.keep ? r.keep[k] : 0;
      if (!r.valid[k]) {
        returns[k] = r.values[k];
        nextKeep[i] = Math.min(nextKeep[i], keep);
        continue;
      }
      const ends = r.done[k] === 1 && (!r.keep || nextKeep[i] === 0);
      let bootstrap = nextValue[i];
      if (ends) bootstrap = r.terminated[k] || memoryReset === 'trial' ? 0 : restartsWithinStep ? r.finalValue[k] : t + 1 < T ? r.values[k + n] : r.lastValues[i];
      const delta = r.rewards[k] + gamma * bootstrap - r.values[k];
      const a = delta + (ends ? 0 : gamma * gaeLambda * nextAdv[i]); // carried on in float64
      adv[k] = a;
      returns[k] = a + r.values[k];
      nextValue[i] = r.values[k];
      nextAdv[i] = a;
      nextKeep[i] = keep;
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
