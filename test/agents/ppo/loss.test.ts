import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOG_2PI } from '../../../src/agents/ppo/kinds.ts';
import { type LossBatch, ppoLoss } from '../../../src/agents/ppo/loss.ts';
import { Rng } from '../../../src/core/index.ts';
import { initBackend } from '../../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

interface Case {
  box: boolean;
  weighted: boolean;
  clipVloss: boolean;
}

const options = (clipVloss: boolean) => ({ clipCoef: 0.2, clipVloss, entCoef: 0.05, vfCoef: 0.5 });

/** PPO's loss written as tfjs ops, term by term (CleanRL's ppo.py), for reference. */
function referenceLoss(out: tf.Tensor2D, values: tf.Tensor1D, logStd: tf.Tensor1D | undefined, b: LossBatch, o: ReturnType<typeof options>) {
  const w = b.weights ? tf.tensor1d(b.weights) : undefined;
  const mean = (x: tf.Tensor) => (w ? tf.div(tf.sum(tf.mul(x, w)), tf.maximum(tf.sum(w), 1)) : tf.mean(x)) as tf.Scalar;
  const [B, A] = out.shape;
  const actions = tf.tensor2d(b.actions, [B, A]);
  let logp: tf.Tensor;
  let entropy: tf.Tensor;
  if (!logStd) {
    const logProbs = tf.logSoftmax(out);
    logp = tf.sum(tf.mul(logProbs, actions), 1);
    entropy = tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1));
  } else {
    const z = tf.div(tf.sub(actions, out), tf.exp(logStd));
    logp = tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * LOG_2PI)), 1);
    entropy = tf.add(tf.zeros([B]), tf.sum(tf.add(logStd, 0.5 + 0.5 * LOG_2PI)));
  }
  const logRatio = tf.sub(logp, tf.tensor1d(b.oldLogp));
  const ratio = tf.exp(logRatio);
  const adv = tf.neg(tf.tensor1d(b.advantages));
  const pg = mean(tf.maximum(tf.mul(adv, ratio), tf.mul(adv, tf.clipByValue(ratio, 1 - o.clipCoef, 1 + o.clipCoef))));
  const returns = tf.tensor1d(b.returns);
  let vl: tf.Scalar;
  if (o.clipVloss) {
    const old = tf.tensor1d(b.oldValues);
    const clippedValue = tf.add(old, tf.clipByValue(tf.sub(values, old), -o.clipCoef, o.clipCoef));
    vl = tf.mul(0.5, mean(tf.maximum(tf.square(tf.sub(values, returns)), tf.square(tf.sub(clippedValue, returns)))));
  } else {
    vl = tf.mul(0.5, mean(tf.square(tf.sub(values, returns))));
  }
  const ent = mean(entropy);
  const loss = tf.add(tf.sub(pg, tf.mul(o.entCoef, ent)), tf.mul(o.vfCoef, vl)) as tf.Scalar;
  const kl = mean(tf.sub(tf.sub(ratio, 1), logRatio));
  const clipFrac = mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), o.clipCoef), 'float32'));
  return { loss, stats: [pg, vl, ent, kl, clipFrac] };
}

/** A minibatch whose ratios fall on both sides of the clip range, with random advantages and signs. */
function minibatch({ box, weighted }: Case, B: number, A: number, rng: Rng) {
  const out = Float32Array.from({ length: B * A }, () => rng.normal());
  const values = Float32Array.from({ length: B }, () => rng.normal());
  const logStdValues = Float32Array.from({ length: A }, () => 0.3 * rng.normal());
  const actions = new Float32Array(B * A);
  for (let j = 0; j < B; j++) {
    if (box) for (let k = 0; k < A; k++) actions[j * A + k] = out[j * A + k] + rng.normal();
    else actions[j * A + rng.integer(A)] = 1;
  }
  // old log-probs: the current ones, shifted by up to ±0.5 so that some ratios leave [0.8, 1.2]
  const current = referenceLogp(out, actions, box ? logStdValues : undefined, B, A);
  const batch: LossBatch = {
    actions,
    oldLogp: Float32Array.from(current, (v) => v + (rng.random() - 0.5)),
    advantages: Float32Array.from({ length: B }, () => rng.normal()),
    returns: Float32Array.from({ length: B }, () => rng.normal()),
    oldValues: Float32Array.from(values, (v) => v + 0.6 * (rng.random() - 0.5)),
    weights: weighted ? Float32Array.from({ length: B }, () => (rng.random() < 0.3 ? 0 : 1)) : undefined,
  };
  return { out, values, logStdValues, batch };
}

function referenceLogp(out: Float32Array, actions: Float32Array, logStd: Float32Array | undefined, B: number, A: number): Float64Array {
  const logp = new Float64Array(B);
  for (let j = 0; j < B; j++) {
    if (logStd) {
      for (let k = 0; k < A; k++) {
        const z = (actions[j * A + k] - out[j * A + k]) / Math.exp(logStd[k]);
        logp[j] += -0.5 * z * z - logStd[k] - 0.5 * LOG_2PI;
      }
    } else {
      const row = Array.from(out.subarray(j * A, (j + 1) * A));
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
      for (let k = 0; k < A; k++) logp[j] += actions[j * A + k] * (row[k] - lse);
    }
  }
  return logp;
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol: number) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i]), `index ${i}: ${got[i]} vs ${want[i]}`).toBeLessThan(tol * (1 + Math.abs(want[i])));
};

describe('ppoLoss', () => {
  const cases: Case[] = [
    { box: false, weighted: false, clipVloss: false },
    { box: false, weighted: true, clipVloss: true },
    { box: true, weighted: false, clipVloss: true },
    { box: true, weighted: true, clipVloss: false },
  ];
  it.each(cases)('box $box, weighted $weighted, clipVloss $clipVloss: loss, diagnostics and gradients equal those of the loss as tfjs ops', (c) => {
    const B = 64;
    const A = 3;
    const { out, values, logStdValues, batch } = minibatch(c, B, A, new Rng(7));
    const o = options(c.clipVloss);
    tf.tidy(() => {
      const outT = tf.tensor2d(out, [B, A]);
      const valuesT = tf.tensor1d(values);
      const logStd = c.box ? tf.tensor1d(logStdValues) : undefined;
      const fused = ppoLoss(outT, valuesT, logStd, batch, o);
      const reference = referenceLoss(outT, valuesT, logStd, batch, o);
      close(fused.loss.dataSync(), reference.loss.dataSync(), 1e-5);
      close(
        fused.stats().map((s) => s.dataSync()[0]),
        reference.stats.map((s) => s.dataSync()[0]),
        1e-5,
      );
      // some ratios are clipped, so both branches of the surrogate's max are exercised
      const clipFraction = reference.stats[4].dataSync()[0];
      expect(clipFraction).toBeGreaterThan(0.05);
      expect(clipFraction).toBeLessThan(0.95);

      const inputs = logStd ? [outT, valuesT, logStd] : [outT, valuesT];
      const grads = (f: (...xs: tf.Tensor[]) => tf.Scalar) => tf.grads(f)(inputs).map((g) => g.dataSync());
      const got = grads((x, v, s) => ppoLoss(x as tf.Tensor2D, v as tf.Tensor1D, s as tf.Tensor1D | undefined, batch, o).loss);
      const want = grads((x, v, s) => referenceLoss(x as tf.Tensor2D, v as tf.Tensor1D, s as tf.Tensor1D | undefined, batch, o).loss);
      got.forEach((g, i) => close(g, want[i], 1e-5));
      // the gradients are not trivially zero
      for (const g of got) expect(Math.max(...Array.from(g, Math.abs))).toBeGreaterThan(1e-4);
    });
  });

  it('scales its gradients by the upstream gradient', () => {
    const B = 8;
    const A = 2;
    const { out, values, batch } = minibatch({ box: false, weighted: false, clipVloss: false }, B, A, new Rng(3));
    tf.tidy(() => {
      const x = tf.tensor2d(out, [B, A]);
      const v = tf.tensor1d(values);
      const once = tf.grad((xi: tf.Tensor) => ppoLoss(xi as tf.Tensor2D, v, undefined, batch, options(false)).loss)(x).dataSync();
      const thrice = tf.grad((xi: tf.Tensor) => tf.mul(3, ppoLoss(xi as tf.Tensor2D, v, undefined, batch, options(false)).loss) as tf.Scalar)(x).dataSync();
      close(thrice, Array.from(once, (g) => 3 * g), 1e-6);
    });
  });
});
