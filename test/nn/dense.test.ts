import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.ts';
import { Dense, initBackend, orthogonal } from '../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const close = (a: tf.Tensor, b: tf.Tensor, tol = 1e-5) => {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(tol * (1 + Math.abs(y[i])));
};

describe('Dense', () => {
  it('matches tf.layers.dense forward and backward (input, kernel and bias gradients)', () => {
    const dense = new Dense({ inputs: 3, units: 4, seed: 7, name: 'probe' });
    dense.bias.assign(tf.tensor1d([0.1, -0.2, 0.3, 0.05]));
    const layer = tf.layers.dense({ units: 4, inputShape: [3] });
    layer.build([null, 3]);
    layer.setWeights([dense.kernel, dense.bias]);
    const x = tf.tensor2d([0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0], [3, 3]);
    const weights = tf.tensor2d(Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)), [3, 4]);

    close(dense.apply(x), layer.apply(x) as tf.Tensor);

    // gradients of Σ weights ⊙ y with respect to x, kernel and bias
    const [kernelVar, biasVar] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const ref = tf.variableGrads(() => tf.sum(tf.mul(weights, layer.apply(x) as tf.Tensor)) as tf.Scalar, [kernelVar, biasVar]);
    const got = tf.variableGrads(() => tf.sum(tf.mul(weights, dense.apply(x))) as tf.Scalar, [dense.kernel, dense.bias]);
    close(got.grads[dense.kernel.name], ref.grads[kernelVar.name]);
    close(got.grads[dense.bias.name], ref.grads[biasVar.name]);

    const dxRef = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(weights, layer.apply(xi) as tf.Tensor)))(x);
    const dxGot = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(weights, dense.apply(xi as tf.Tensor2D))))(x);
    close(dxGot, dxRef);
    // the input gradient is not trivially zero or equal to the weights
    expect(Math.max(...dxGot.abs().dataSync())).toBeGreaterThan(0.01);
    dense.dispose();
  });

  it('builds the same weights from the same seed', () => {
    const a = new Dense({ inputs: 5, units: 3, seed: 11, name: 'a' });
    const b = new Dense({ inputs: 5, units: 3, seed: 11, name: 'b' });
    const c = new Dense({ inputs: 5, units: 3, seed: 12, name: 'c' });
    expect([...a.kernel.dataSync()]).toEqual([...b.kernel.dataSync()]);
    expect([...a.kernel.dataSync()]).not.toEqual([...c.kernel.dataSync()]);
    for (const d of [a, b, c]) d.dispose();
  });
});

describe('orthogonal', () => {
  it.each([
    [6, 3],
    [3, 6],
    [4, 4],
  ])('gives orthonormal columns or rows for %i×%i, scaled by the gain', (rows, cols) => {
    const gain = 2;
    const w = orthogonal(rows, cols, gain, new Rng(3));
    const small = Math.min(rows, cols);
    // Gram matrix of the shorter side's vectors
    for (let p = 0; p < small; p++) {
      for (let q = 0; q < small; q++) {
        let dot = 0;
        for (let k = 0; k < Math.max(rows, cols); k++) dot += rows >= cols ? w[k * cols + p] * w[k * cols + q] : w[p * cols + k] * w[q * cols + k];
        expect(dot).toBeCloseTo(p === q ? gain * gain : 0, 4);
      }
    }
  });
});
