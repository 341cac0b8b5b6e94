/**
 * PPO's loss on a minibatch, as one tfjs kernel with its gradient computed alongside: the clipped
 * surrogate objective, the (optionally clipped) value loss and the entropy bonus, with the
 * diagnostics CleanRL logs (approximate KL by Schulman's k3 estimator, clip fraction).
 *
 *   ratio = exp(log π(a|s) − log π_old(a|s))
 *   L = mean(max(−A·ratio, −A·clip(ratio, 1 − c, 1 + c))) − entCoef · mean(H) + vfCoef · ½ mean((V − R)²)
 *
 * with log π a log-softmax of logits (Discrete) or a diagonal Gaussian with a state-independent
 * log-std (Box); means are weighted by the rows' weights (0 for padding) when given. Written as
 * tfjs ops this is about sixty engine ops forward and as many backward, each with its own tensor
 * and tape node — more time than the networks' matrix products for a batch of 256 on the wasm
 * backend. Here one kernel reads the policy outputs and values, computes the loss, the
 * diagnostics and the loss's gradients with respect to them in float64 rows (derived by hand:
 * d log softmax = onehot − p, dH/dlogits = −p (log p + H), d log N/dμ = z/σ, d log N/d log σ =
 * z² − 1), and the registered gradient scales the stored gradients by the upstream one. Where an
 * element-wise max or clip has a tie, the gradient follows tfjs's choice (max: the first argument;
 * clip: passes at the bounds). `test/agents/ppo/loss.test.ts` checks values and gradients against
 * the same loss written as tfjs ops.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelArrays, registerBackendKernel } from '../../nn/index.ts';
import { LOG_2PI } from './kinds.ts';
import type { PPOOptions } from './options.ts';

/** One minibatch: actions one-hot [B × A] for Discrete, [B × A] values for Box; per-row arrays [B]. */
export interface LossBatch {
  actions: Float32Array;
  oldLogp: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  oldValues: Float32Array;
  /** Per-row weights (1 for rows to learn from, 0 for padding); plain means without. */
  weights?: Float32Array;
}

export interface LossParts {
  loss: tf.Scalar;
  /** policy loss, value loss, entropy, approx KL, clip fraction. */
  stats: () => tf.Scalar[];
}

const KERNEL = 'MetarenaPpoLoss';

interface LossAttrs {
  batch: LossBatch;
  clipCoef: number;
  clipVloss: boolean;
  entCoef: number;
  vfCoef: number;
}

/** Loss, the five diagnostics and the gradients of the loss w.r.t. out [B, A], values [B] and (Box) logStd [A]. */
function lossAndGradients(out: Float32Array, values: Float32Array, logStd: Float32Array | undefined, B: number, A: number, o: LossAttrs) {
  const { batch: b, clipCoef: c } = o;
  const w = (j: number) => (b.weights ? b.weights[j] : 1);
  let total = 0;
  for (let j = 0; j < B; j++) total += w(j);
  // the weighted mean's denominator: max(Σw, 1) with weights, B without
  const denom = b.weights ? Math.max(total, 1) : B;
  const dOut = new Float32Array(B * A);
  const dValues = new Float32Array(B);
  const dLogStd = new Float64Array(logStd ? A : 0);
  const probs = new Float64Array(A);
  const logProbs = new Float64Array(A);
  let pg = 0;
  let vl = 0;
  let ent = 0;
  let kl = 0;
  let clipped = 0;
  // Box: the entropy of a diagonal Gaussian is the same on every row
  let boxEntropy = 0;
  if (logStd) for (let k = 0; k < A; k++) boxEntropy += logStd[k] + 0.5 + 0.5 * LOG_2PI;
  for (let j = 0; j < B; j++) {
    const wj = w(j) / denom;
    const row = j * A;
    let logp = 0;
    let entropy = 0;
    if (!logStd) {
      let max = -Infinity;
      for (let k = 0; k < A; k++) max = Math.max(max, out[row + k]);
      let sum = 0;
      for (let k = 0; k < A; k++) sum += Math.exp(out[row + k] - max);
      const lse = max + Math.log(sum);
      for (let k = 0; k < A; k++) {
        logProbs[k] = out[row + k] - lse;
        probs[k] = Math.exp(logProbs[k]);
        logp += b.actions[row + k] * logProbs[k];
        entropy -= probs[k] * logProbs[k];
      }
    } else {
      for (let k = 0; k < A; k++) {
        const z = (b.actions[row + k] - out[row + k]) / Math.exp(logStd[k]);
        logp += -0.5 * z * z - logStd[k] - 0.5 * LOG_2PI;
      }
      entropy = boxEntropy;
    }
    const logRatio = logp - b.oldLogp[j];
    const ratio = Math.exp(logRatio);
    const adv = b.advantages[j];
    const pg1 = -adv * ratio;
    const clippedRatio = Math.min(Math.max(ratio, 1 - c), 1 + c);
    const pg2 = -adv * clippedRatio;
    pg += wj * Math.max(pg1, pg2);
    // d max(pg1, pg2) / d ratio: pg2 wins only where the ratio is clipped, and is constant there
    const dRatio = pg1 >= pg2 ? -adv : 0;
    const dLogp = wj * dRatio * ratio;
    ent += wj * entropy;
    kl += wj * (ratio - 1 - logRatio);
    if (Math.abs(ratio - 1) > c) clipped += wj;

    const v = values[j];
    const ret = b.returns[j];
    let dv: number;
    if (o.clipVloss) {
      const delta = v - b.oldValues[j];
      const clippedV = b.oldValues[j] + Math.min(Math.max(delta, -c), c);
      const unclippedLoss = (v - ret) ** 2;
      const clippedLoss = (clippedV - ret) ** 2;
      vl += 0.5 * wj * Math.max(unclippedLoss, clippedLoss);
      dv = unclippedLoss >= clippedLoss ? 2 * (v - ret) : delta >= -c && delta <= c ? 2 * (clippedV - ret) : 0;
    } else {
      vl += 0.5 * wj * (v - ret) ** 2;
      dv = 2 * (v - ret);
    }
    dValues[j] = o.vfCoef * 0.5 * wj * dv;

    if (!logStd) {
      for (let k = 0; k < A; k++) {
        const dEntropy = -probs[k] * (logProbs[k] + entropy);
        dOut[row + k] = dLogp * (b.actions[row + k] - probs[k]) - o.entCoef * wj * dEntropy;
      }
    } else {
      for (let k = 0; k < A; k++) {
        const std = Math.exp(logStd[k]);
        const z = (b.actions[row + k] - out[row + k]) / std;
        dOut[row + k] = dLogp * (z / std);
        dLogStd[k] += dLogp * (z * z - 1) - o.entCoef * wj;
      }
    }
  }
  const loss = pg - o.entCoef * ent + o.vfCoef * vl;
  return { loss, stats: [pg, vl, ent, kl, clipped], dOut, dValues, dLogStd: Float32Array.from(dLogStd) };
}

registerBackendKernel(KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { out, values, logStd } = inputs as Record<'out' | 'values' | 'logStd', tf.TensorInfo>;
  const [B, A] = out.shape;
  const arrays = kernelArrays(backendName, backend);
  const r = lossAndGradients(arrays.read(out), arrays.read(values), logStd ? arrays.read(logStd) : undefined, B, A, attrs as unknown as LossAttrs);
  const results = [[r.loss], r.stats, r.dOut, r.dValues, r.dLogStd];
  return arrays.outputs([[], [5], [B, A], [B], [r.dLogStd.length]], (outs) => outs.forEach((o, i) => o.set(results[i])));
});

if (!tf.getGradient(KERNEL)) {
  tf.registerGradient({
    kernelName: KERNEL,
    outputsToSave: [false, false, true, true, true],
    gradFunc: (dy, saved) => {
      const [dOut, dValues, dLogStd] = saved;
      const upstream = (Array.isArray(dy) ? dy[0] : dy) as tf.Tensor;
      return { out: () => tf.mul(upstream, dOut), values: () => tf.mul(upstream, dValues), logStd: () => tf.mul(upstream, dLogStd) };
    },
  });
}

/**
 * PPO's loss for policy outputs `out` (logits or Gaussian means) [B, A] and values `newValue`
 * [B] of a minibatch; `logStd` for Box actions. `stats` gives the logged diagnostics.
 */
export function ppoLoss(out: tf.Tensor2D, newValue: tf.Tensor1D, logStd: tf.Tensor1D | undefined, batch: LossBatch, o: Pick<PPOOptions, 'clipCoef' | 'clipVloss' | 'entCoef' | 'vfCoef'>): LossParts {
  const attrs: LossAttrs = { batch, clipCoef: o.clipCoef, clipVloss: o.clipVloss, entCoef: o.entCoef, vfCoef: o.vfCoef };
  const inputs = logStd ? { out, values: newValue, logStd } : { out, values: newValue };
  const [loss, stats] = tf.engine().runKernel(KERNEL, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { loss: loss as tf.Scalar, stats: () => tf.unstack(stats) as tf.Scalar[] };
}
