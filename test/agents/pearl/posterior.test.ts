import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { klToStandardNormal, productOfGaussians, samplePosterior } from '../../../src/agents/pearl/posterior.ts';
import { initBackend } from '../../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

/** The encoder's raw variance output whose softplus is `v`. */
const rawOf = (v: number) => Math.log(Math.expm1(v));

describe('PEARL posterior (product of Gaussians)', () => {
  it('multiplies the factors of each task by hand: precisions add, means weigh by precision; padding and empty tasks are ignored', () => {
    // latent 1; task 0: N(1, 1) and N(3, 0.5) (+ one padded row); task 1: no context; task 2: N(-2, 4) alone
    const rows = 3;
    const params = tf.tensor2d([
      [1, rawOf(1)], [3, rawOf(0.5)], [100, rawOf(9)],
      [7, rawOf(2)], [8, rawOf(3)], [9, rawOf(4)],
      [-2, rawOf(4)], [50, rawOf(1)], [60, rawOf(1)],
    ]);
    const mask = tf.tensor2d([[1, 1, 0], [0, 0, 0], [1, 0, 0]]);
    const post = productOfGaussians(params, mask, 3, rows);
    const mean = post.mean.dataSync();
    const variance = post.variance.dataSync();
    // task 0: precision 1 + 2 = 3, variance 1/3, mean (1·1 + 3·2)/3 = 7/3
    expect(variance[0]).toBeCloseTo(1 / 3, 5);
    expect(mean[0]).toBeCloseTo(7 / 3, 5);
    // task 1: the prior N(0, 1)
    expect(variance[1]).toBeCloseTo(1, 6);
    expect(mean[1]).toBeCloseTo(0, 6);
    // task 2: the single factor
    expect(variance[2]).toBeCloseTo(4, 4);
    expect(mean[2]).toBeCloseTo(-2, 5);
    tf.dispose([params, mask, post.mean, post.variance]);
  });

  it('is permutation invariant and tightens with more context', () => {
    const a = tf.tensor2d([[0.5, 0.1, rawOf(0.3), rawOf(2)], [-1, 2, rawOf(1.5), rawOf(0.2)], [0.2, 0.3, rawOf(0.7), rawOf(0.9)]]);
    const b = tf.tensor2d([[-1, 2, rawOf(1.5), rawOf(0.2)], [0.2, 0.3, rawOf(0.7), rawOf(0.9)], [0.5, 0.1, rawOf(0.3), rawOf(2)]]);
    const all = tf.ones([1, 3]) as tf.Tensor2D;
    const [pa, pb] = [productOfGaussians(a, all, 1, 3), productOfGaussians(b, all, 1, 3)];
    expect([...pa.mean.dataSync()].map((x, i) => x - pb.mean.dataSync()[i]).every((x) => Math.abs(x) < 1e-6)).toBe(true);
    const two = productOfGaussians(a, tf.tensor2d([[1, 1, 0]]), 1, 3);
    for (let j = 0; j < 2; j++) expect(pa.variance.dataSync()[j]).toBeLessThan(two.variance.dataSync()[j]);
    tf.dispose([a, b, all, pa.mean, pa.variance, pb.mean, pb.variance, two.mean, two.variance]);
  });

  it("KL to N(0, I) matches the closed form and is 0 at the prior; samples are μ + σε and carry the encoder's gradient", () => {
    const post = { mean: tf.tensor2d([[0, 0], [1, -2]]), variance: tf.tensor2d([[1, 1], [0.25, 4]]) };
    const kl = klToStandardNormal(post).dataSync();
    expect(kl[0]).toBeCloseTo(0, 6);
    const hand = 0.5 * (0.25 + 1 - 1 - Math.log(0.25)) + 0.5 * (4 + 4 - 1 - Math.log(4));
    expect(kl[1]).toBeCloseTo(hand, 5);
    const z = samplePosterior(post, tf.tensor2d([[1, -1], [2, 0.5]])).dataSync();
    expect([...z].map((x) => Math.round(x * 1e5) / 1e5)).toEqual([1, -1, 2, -1]);
    // d z / d μ_n flows: with one factor, z = μ + σ ε, so ∂z/∂μ = 1
    const g = tf.grad((p: tf.Tensor) => tf.sum(samplePosterior(productOfGaussians(p as tf.Tensor2D, tf.ones([1, 1]) as tf.Tensor2D, 1, 1), tf.tensor2d([[0.3]]))))(tf.tensor2d([[0.4, rawOf(0.5)]]));
    expect(g.dataSync()[0]).toBeCloseTo(1, 5);
    expect(Math.abs(g.dataSync()[1])).toBeGreaterThan(0.01);
    tf.dispose([post.mean, post.variance, g]);
  });
});
