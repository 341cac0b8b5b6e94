/**
 * PPO's update on a rollout: `updateEpochs` passes of `numMinibatches` minibatches, each one
 * Adam step on the loss of `gae.ts` with the gradients clipped to a global norm, stopping early
 * once the approximate KL passes `targetKl`. A feed-forward policy learns from minibatches of
 * shuffled valid steps; a recurrent one from minibatches of shuffled stored sequences (each env's
 * rollout cut into pieces of `seqLen` steps), unrolled from the memory state stored before their
 * first step with the stored resets — truncated backpropagation through time.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../core/index.ts';
import { type GradientMap, clipByGlobalNorm } from '../../nn/index.ts';
import { type LossBatch, ppoLoss } from './loss.ts';
import type { PPOPolicy } from './policy.ts';
import type { Rollout } from './rollout.ts';

/** policy loss, value loss, entropy, approx KL, clip fraction of the last minibatch. */
export type UpdateStats = [number, number, number, number, number];

/** Runs the epochs of one update; the last minibatch's statistics. */
export function updatePolicy(policy: PPOPolicy, optimizer: tf.Optimizer, r: Rollout, advantages: Float32Array, returns: Float32Array, rng: Rng, clipCoef = policy.options.clipCoef): UpdateStats {
  const opts = clipCoef === policy.options.clipCoef ? policy.options : { ...policy.options, clipCoef };
  // the units shuffled into minibatches: valid steps, or sequences of `seqLen` steps of one env
  const units: number[] = [];
  if (policy.memory) {
    for (let i = 0; i < r.n; i++) for (let t0 = 0; t0 < r.T; t0 += opts.seqLen) units.push(t0 * r.n + i);
  } else {
    for (let k = 0; k < r.T * r.n; k++) if (r.valid[k]) units.push(k);
  }
  const m = units.length;
  const mbSize = Math.ceil(m / opts.numMinibatches);
  const variables = policy.variables;
  let stats: tf.Tensor[] | undefined;
  let stop = false;
  for (let epoch = 0; epoch < opts.updateEpochs && !stop; epoch++) {
    shuffle(units, rng);
    for (let start = 0; start < m; start += mbSize) {
      const mb = units.slice(start, start + mbSize);
      const last = start + mbSize >= m;
      const rows = policy.memory ? sequenceRows(r, mb, opts.seqLen) : { steps: mb, weights: undefined };
      tf.tidy(() => {
        const batch = lossBatch(policy, r, rows.steps, rows.weights, advantages, returns);
        const { grads } = tf.variableGrads(() => {
          const { out, values } = policy.memory ? unrollSequences(policy, r, mb, rows.steps, opts.seqLen) : feedForward(policy, r, rows.steps);
          const { loss, stats: diagnostics } = ppoLoss(out, values, policy.logStd, batch, opts);
          if (last || opts.targetKl > 0) {
            tf.dispose(stats);
            stats = diagnostics().map((s) => tf.keep(s.clone()));
          }
          return loss;
        }, variables);
        optimizer.applyGradients(clipByGlobalNorm(grads, opts.maxGradNorm) as GradientMap);
      });
      if (opts.targetKl > 0 && stats && stats[3].dataSync()[0] > opts.targetKl) {
        stop = true;
        break;
      }
    }
  }
  const out = (stats ? stats.map((s) => s.dataSync()[0]) : [NaN, NaN, NaN, NaN, NaN]) as UpdateStats;
  tf.dispose(stats);
  return out;
}

/** The minibatch's loss inputs for rollout rows `steps` (advantages normalised over the weighted rows). */
function lossBatch(policy: PPOPolicy, r: Rollout, steps: number[], weights: Float32Array | undefined, advantages: Float32Array, returns: Float32Array): LossBatch {
  const b = steps.length;
  const discrete = policy.actKind.kind === 'discrete';
  const aSize = discrete ? 1 : policy.numActions;
  const mbAct = new Float32Array(b * policy.numActions);
  const mbLogp = new Float32Array(b);
  const mbAdv = new Float32Array(b);
  const mbRet = new Float32Array(b);
  const mbVal = new Float32Array(b);
  const w = (j: number) => (weights ? weights[j] : 1);
  let count = 0;
  let advMean = 0;
  for (let j = 0; j < b; j++) {
    advMean += w(j) * advantages[steps[j]];
    count += w(j);
  }
  advMean /= count;
  let advVar = 0;
  for (let j = 0; j < b; j++) advVar += w(j) * (advantages[steps[j]] - advMean) ** 2;
  const advStd = Math.sqrt(advVar / Math.max(1, count - 1));
  for (let j = 0; j < b; j++) {
    const k = steps[j];
    // one-hot actions: the log-prob is Σ onehot × log-softmax (no gather gradient on wasm)
    if (discrete) mbAct[j * policy.numActions + r.actions[k]] = 1;
    else mbAct.set(r.actions.subarray(k * aSize, (k + 1) * aSize), j * aSize);
    mbLogp[j] = r.logp[k];
    mbAdv[j] = policy.options.normAdvantages ? (advantages[k] - advMean) / (advStd + 1e-8) : advantages[k];
    mbRet[j] = returns[k];
    mbVal[j] = r.values[k];
  }
  return { actions: mbAct, oldLogp: mbLogp, advantages: mbAdv, returns: mbRet, oldValues: mbVal, weights };
}

/** Policy outputs and values of rollout rows `steps` (feed-forward). */
function feedForward(policy: PPOPolicy, r: Rollout, steps: number[]): { out: tf.Tensor2D; values: tf.Tensor1D } {
  const b = steps.length;
  const x = new Float32Array(b * r.width);
  steps.forEach((k, j) => x.set(r.obs.subarray(k * r.width, (k + 1) * r.width), j * r.width));
  const xs = tf.tensor2d(x, [b, r.width]);
  return { out: policy.actor.apply(xs), values: tf.reshape(policy.critic.apply(xs), [b]) as tf.Tensor1D };
}

/**
 * The rollout rows of sequences starting at rows `starts` (time-major: step s of every sequence,
 * then step s + 1), padded to `seqLen` with weight 0 past the rollout's end or on invalid steps.
 */
function sequenceRows(r: Rollout, starts: number[], seqLen: number): { steps: number[]; weights: Float32Array } {
  const B = starts.length;
  const steps = new Array<number>(seqLen * B);
  const weights = new Float32Array(seqLen * B);
  for (let s = 0; s < seqLen; s++) {
    for (let j = 0; j < B; j++) {
      const t = Math.floor(starts[j] / r.n) + s;
      const k = t < r.T ? starts[j] + s * r.n : starts[j];
      steps[s * B + j] = k;
      weights[s * B + j] = t < r.T && r.valid[k] ? 1 : 0;
    }
  }
  return { steps, weights };
}

/** Policy outputs and values of the sequences starting at rows `starts` (rows `steps`, see `sequenceRows`), unrolled through the memory. */
function unrollSequences(policy: PPOPolicy, r: Rollout, starts: number[], steps: number[], seqLen: number): { out: tf.Tensor2D; values: tf.Tensor1D } {
  const memory = policy.memory!;
  const B = starts.length;
  const S = memory.stateSize;
  const x = new Float32Array(seqLen * B * r.width);
  const keep = new Float32Array(seqLen * B);
  steps.forEach((k, j) => {
    x.set(r.obs.subarray(k * r.width, (k + 1) * r.width), j * r.width);
    keep[j] = r.keep![k];
  });
  const state0 = new Float32Array(B * S);
  starts.forEach((k, j) => state0.set(r.states!.subarray(k * S, (k + 1) * S), j * S));
  const hs = memory.unroll(tf.tensor3d(x, [seqLen, B, r.width]), tf.tensor2d(state0, [B, S]), tf.tensor2d(keep, [seqLen, B]));
  const rows = (h: tf.Tensor3D) => tf.reshape(h, [seqLen * B, memory.units]) as tf.Tensor2D;
  return { out: policy.actor.apply(rows(hs.actor)), values: tf.reshape(policy.critic.apply(rows(hs.critic)), [seqLen * B]) as tf.Tensor1D };
}

function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}
