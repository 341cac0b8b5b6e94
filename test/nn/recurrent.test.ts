import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, stackSteps, unstackSteps } from '../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

describe('unstackSteps / stackSteps', () => {
  it('split [T, B, C] into its steps and back as tf.unstack and tf.stack do, each as one kernel', async () => {
    const x = tf.randomNormal([5, 3, 4], 0, 1, 'float32', 1);
    const steps = unstackSteps<tf.Tensor2D>(x);
    const reference = tf.unstack(x);
    expect(steps).toHaveLength(5);
    steps.forEach((s, t) => {
      expect(s.shape).toEqual([3, 4]);
      expect([...s.dataSync()]).toEqual([...reference[t].dataSync()]);
    });
    expect([...stackSteps(steps).dataSync()]).toEqual([...x.dataSync()]);
    const profile = await tf.profile(() => stackSteps(unstackSteps(x)));
    expect(profile.kernels.map((k) => k.name)).toEqual(['MetarenaUnstackSteps', 'MetarenaStackSteps']);
    // a single step works too
    expect(unstackSteps(tf.ones([1, 2]))).toHaveLength(1);
    tf.dispose([x, ...steps, ...reference]);
  });

  it('pass gradients through: d/dx Σ w_t ⊙ f(x_t) equals that of tf.unstack / tf.stack', () => {
    const x = tf.randomNormal([4, 2, 3], 0, 1, 'float32', 2);
    const w = tf.randomNormal([4, 2, 3], 0, 1, 'float32', 3);
    const viaSteps = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(w, stackSteps(unstackSteps(xi).map((s, t) => tf.mul(s, t + 1))))))(x);
    const viaTf = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(w, tf.stack(tf.unstack(xi).map((s, t) => tf.mul(s, t + 1))))))(x);
    expect([...viaSteps.dataSync()]).toEqual([...viaTf.dataSync()]);
    // steps left unused get a zero gradient
    const partial = tf.grad((xi: tf.Tensor) => tf.sum(unstackSteps(xi)[1]))(x).dataSync();
    expect([...partial]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, ...new Array(12).fill(0)]);
    tf.dispose([x, w, viaSteps, viaTf]);
  });
});
