/**
 * The TD loss of the DQN family on a minibatch, as one tfjs kernel with its gradient computed
 * alongside (the same approach as PPO's loss, `ppo/loss.ts`):
 *
 *   y_j = r_j + γ·(1 − terminated_j)·Q_target(s'_j, a'_j),   a'_j = argmax_a Q_target(s'_j, a)
 *                                                             (Double DQN: argmax_a Q(s'_j, a))
 *   L   = mean_j ℓ(Q(s_j, a_j) − y_j),   ℓ(e) = e² (`mse`) or Huber with δ = 1 (`huber`, SB3's
 *         smooth L1: ½e² for |e| ≤ 1, |e| − ½ beyond)
 *
 * with the mean of Q(s_j, a_j) beside it for the logs. Only Q(s, ·) of the online network is
 * differentiated; the networks' outputs on s' enter as constants (computed outside the gradient
 * tape). Written as tfjs ops this is about twenty engine ops forward (argmax, one-hot, gather,
 * target, error, loss) and as many backward, each with its own tensor and tape node — on the wasm
 * backend more time than the small networks' matrix products. Here one kernel reads the three
 * [B, A] outputs, computes the targets, the loss and its gradient with respect to Q(s, ·) (by hand:
 * ℓ′(e_j)/B at the taken action, 0 elsewhere; mse ℓ′ = 2e, Huber ℓ′ = clip(e, −1, 1)), and the
 * registered gradient scales the stored gradient by the upstream one.
 *
 * Every step is the float32 operation tfjs's ops perform, in their order (targets
 * `r + (γ·(1 − t))·v`, the error, the loss terms, and the chain rule as tfjs's gradients apply it:
 * mean → 1/B, square → dy·2x, Huber's |e| − min(|e|, 1) + ½min(|e|, 1)² term by term, Abs's
 * gradient sign −1 at 0), so the targets, errors and gradients are the same bits as that
 * formulation, and the loss and mean Q those of sequential float32 sums.
 * `test/agents/dqn-loss.test.ts` checks values and gradients against the loss written as tfjs ops.
 */
import * as tf from '@tensorflow/tfjs';
import { kernelArrays, registerBackendKernel } from '../nn/index.ts';

/** The minibatch fields the TD loss reads; row j is one transition. */
export interface TdBatch {
  /** Action indices (0-based) [B]. */
  actions: ArrayLike<number>;
  rewards: ArrayLike<number>;
  /** 1 where the episode terminated at the transition (no bootstrap), else 0. */
  terminated: ArrayLike<number>;
}

export type TdLossKind = 'mse' | 'huber';

export interface TdLossOptions {
  gamma: number;
  loss: TdLossKind;
}

export interface TdLoss {
  loss: tf.Scalar;
  /** [loss, mean Q(s, a)] — the same numbers, not differentiated, to read for the logs. */
  stats: tf.Tensor1D;
}

const KERNEL = 'MetarenaDqnTdLoss';
const f = Math.fround;

interface KernelAttrs extends TdLossOptions {
  batch: TdBatch;
}

/**
 * The TD targets y [B] from the target network's Q(s', ·) and, for Double DQN, the online
 * network's Q(s', ·) (row-major [B, A]); float32 as tfjs computes `r + (γ·(1 − t))·v`.
 */
export function tdTargets(nextTarget: ArrayLike<number>, nextOnline: ArrayLike<number> | undefined, batch: TdBatch, B: number, A: number, gamma: number): Float32Array {
  const y = new Float32Array(B);
  const g = f(gamma);
  const pick = nextOnline ?? nextTarget;
  for (let j = 0; j < B; j++) {
    const row = j * A;
    // the first maximum, as tfjs's ArgMax and Max
    let best = 0;
    for (let k = 1; k < A; k++) if (pick[row + k] > pick[row + best]) best = k;
    const v = nextTarget[row + best];
    y[j] = f(batch.rewards[j] + f(f(g * f(1 - batch.terminated[j])) * v));
  }
  return y;
}

/** The loss and mean Q(s, a) for online Q(s, ·) `q` and targets `y`; dL/dQ(s, ·) [B, A] goes to `dq`. */
export function tdLossAndGradient(q: ArrayLike<number>, y: ArrayLike<number>, actions: ArrayLike<number>, B: number, A: number, kind: TdLossKind, dq: Float32Array): { loss: number; meanQ: number } {
  // tfjs's mean gradient: dy · ones / B
  const g0 = f(1 / B);
  let lossSum = 0;
  let qSum = 0;
  for (let j = 0; j < B; j++) {
    const row = j * A;
    const a = actions[j];
    const qa = q[row + a];
    const e = f(qa - y[j]);
    qSum = f(qSum + qa);
    let ge: number;
    if (kind === 'mse') {
      lossSum = f(lossSum + f(e * e));
      ge = f(g0 * f(2 * e));
    } else {
      const abs = Math.abs(e);
      const quad = Math.min(abs, 1);
      lossSum = f(lossSum + f(f(0.5 * f(quad * quad)) + f(abs - quad)));
      // d/dquad: ½·2·quad from ½quad², −1 from |e| − quad; d/d|e|: 1, plus the quad part where |e| ≤ 1
      const gQuad = f(f(f(g0 * 0.5) * f(quad * 2)) + -g0);
      const gAbs = f(g0 + gQuad * (abs <= 1 ? 1 : 0));
      ge = f(gAbs * (e > 0 ? 1 : -1));
    }
    // the gather's gradient: ge at the taken action, ge · 0 elsewhere (as the one-hot product)
    for (let k = 0; k < A; k++) dq[row + k] = ge * (k === a ? 1 : 0);
  }
  return { loss: f(lossSum / B), meanQ: f(qSum / B) };
}

registerBackendKernel(KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { q, nextTarget, nextOnline } = inputs as Record<'q' | 'nextTarget' | 'nextOnline', tf.TensorInfo>;
  const [B, A] = q.shape;
  const { batch, gamma, loss: kind } = attrs as unknown as KernelAttrs;
  const arrays = kernelArrays(backendName, backend);
  return arrays.outputs([[], [2], [B, A]], ([loss, stats, dq], read) => {
    const y = tdTargets(read(nextTarget), nextOnline ? read(nextOnline) : undefined, batch, B, A, gamma);
    const r = tdLossAndGradient(read(q), y, batch.actions, B, A, kind, dq);
    loss[0] = r.loss;
    stats[0] = r.loss;
    stats[1] = r.meanQ;
  });
});

if (!tf.getGradient(KERNEL)) {
  tf.registerGradient({
    kernelName: KERNEL,
    outputsToSave: [false, false, true],
    gradFunc: (dy, saved) => {
      const [dq] = saved;
      const upstream = (Array.isArray(dy) ? dy[0] : dy) as tf.Tensor;
      return { q: () => tf.mul(upstream, dq) };
    },
  });
}

/**
 * The TD loss of online `q` = Q(s, ·) [B, A] (differentiated) against targets from `nextTarget`
 * = Q_target(s', ·) [B, A] and, for Double DQN, `nextOnline` = Q(s', ·) [B, A] (both constants:
 * compute them outside the gradient tape).
 */
export function dqnTdLoss(q: tf.Tensor2D, nextTarget: tf.Tensor2D, nextOnline: tf.Tensor2D | undefined, batch: TdBatch, o: TdLossOptions): TdLoss {
  const attrs: KernelAttrs = { batch, gamma: o.gamma, loss: o.loss };
  const inputs = nextOnline ? { q, nextTarget, nextOnline } : { q, nextTarget };
  const [loss, stats] = tf.engine().runKernel(KERNEL, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { loss: loss as tf.Scalar, stats: stats as tf.Tensor1D };
}
