import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.ts';
import { Dense, denseOp, initBackend, kernelTanh, orthogonal } from '../../src/nn/index.ts';
import { nativeMatMulInUse } from '../../src/nn/native-blas.ts';

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

  /** Indices where two tensors' values are not the same float32 bits. */
  const differing = (a: tf.Tensor, b: tf.Tensor) => {
    expect(a.shape).toEqual(b.shape);
    const x = a.dataSync();
    const y = b.dataSync();
    return [...x.keys()].filter((i) => !Object.is(x[i], y[i]));
  };

  it.each([
    ['linear', 23],
    ['relu', 23],
    ['tanh', 23],
    ['linear', 1],
    ['relu', 2],
    ['tanh', 1],
  ] as const)('%s, %i units: values and gradients are bit-for-bit those of matMul, add and the activation with transpose-free gradients', (activation, units) => {
    tf.tidy(() => {
      const x = tf.randomNormal([37, 19], 0, 1, 'float32', 1) as tf.Tensor2D;
      const w = tf.variable(tf.randomNormal([19, units], 0, 1, 'float32', 2)) as tf.Variable<tf.Rank.R2>;
      const b = tf.variable(tf.randomNormal([units], 0, 1, 'float32', 3)) as tf.Variable<tf.Rank.R1>;
      const upstream = tf.randomNormal([37, units], 0, 1, 'float32', 4);
      const pre = tf.add(tf.matMul(x, w), b);
      // tanh as the kernels compute it (2σ(2z) − 1 on wasm), within float32 rounding of tf.tanh
      const reference = activation === 'relu' ? tf.relu(pre) : activation === 'tanh' ? kernelTanh(pre) : pre;
      expect(differing(denseOp(x, w, b, activation), reference)).toEqual([]);
      if (activation === 'tanh') {
        const exact = tf.tanh(pre).dataSync();
        reference.dataSync().forEach((y, i) => expect(Math.abs(y - exact[i])).toBeLessThan(3e-7));
      }
      // some rows are cut by relu, so its gradient mask matters
      if (activation === 'relu') expect(reference.dataSync().some((v) => v === 0)).toBe(true);

      const dz = activation === 'relu' ? tf.mul(upstream, tf.step(pre)) : activation === 'tanh' ? tf.mul(upstream, tf.sub(1, tf.square(reference))) : upstream;
      const loss = (xi: tf.Tensor2D) => tf.sum(tf.mul(upstream, denseOp(xi, w, b, activation))) as tf.Scalar;
      const { grads } = tf.variableGrads(() => loss(x), [w, b]);
      // tfjs's own matMul gradients pass transpose flags; OpenBLAS may sum a transposed operand in
      // another order than its transposed copy (it does on AVX-512), so the flags are the reference
      expect(differing(grads[w.name], tf.matMul(x, dz, true, false))).toEqual([]);
      // the bias gradient is ones·dz: the same bits as Sum on wasm, float32 rounding apart with OpenBLAS
      if (nativeMatMulInUse()) close(grads[b.name], tf.sum(dz, 0));
      else expect(differing(grads[b.name], tf.sum(dz, 0))).toEqual([]);
      const dx = tf.grad((xi: tf.Tensor) => loss(xi as tf.Tensor2D))(x);
      expect(differing(dx, tf.matMul(dz, w, false, true))).toEqual([]);
      w.dispose();
      b.dispose();
    });
  });

  it('is one kernel forward and computes only the gradients backpropagation needs', async () => {
    const dense = new Dense({ inputs: 8, units: 16, seed: 5, name: 'lazy' });
    const x = tf.randomNormal([32, 8], 0, 1, 'float32', 6) as tf.Tensor2D;
    const matMuls = async (f: () => tf.TensorContainer) => {
      const profile = await tf.profile(() => tf.tidy(f));
      return { kernels: profile.kernels.map((k) => k.name), matMuls: profile.kernels.filter((k) => k.name === 'BatchMatMul').length };
    };
    const forward = await matMuls(() => dense.apply(x, 'relu'));
    expect(forward.kernels).toEqual(['MetarenaDense']);
    // the input gradient only: one matMul (dy·Wᵀ), no weight or bias gradient
    expect((await matMuls(() => tf.grad((xi: tf.Tensor) => tf.sum(dense.apply(xi as tf.Tensor2D, 'relu')))(x))).matMuls).toBe(1);
    // the kernel only: one matMul (xᵀ·dy); the bias gradient alone: one more (1ᵀ·dy)
    expect((await matMuls(() => tf.variableGrads(() => tf.sum(dense.apply(x)) as tf.Scalar, [dense.kernel]).grads)).matMuls).toBe(1);
    expect((await matMuls(() => tf.variableGrads(() => tf.sum(dense.apply(x)) as tf.Scalar, [dense.kernel, dense.bias]).grads)).matMuls).toBe(2);
    // a training step leaves no tensor and no backend buffer behind
    const step = () => tf.tidy(() => tf.variableGrads(() => tf.sum(dense.apply(dense.apply(x, 'relu').slice([0, 0], [32, 8]), 'relu')) as tf.Scalar).value);
    tf.dispose(step());
    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    for (let i = 0; i < 3; i++) tf.dispose(step());
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    x.dispose();
    dense.dispose();
  });

  it('refuses inputs of the wrong shape, naming what it expects', () => {
    const dense = new Dense({ inputs: 3, units: 2, seed: 1, name: 'shape' });
    const x = tf.zeros([4, 5]) as tf.Tensor2D;
    expect(() => dense.apply(x)).toThrow(/x \[B, in\], W \[in, out\], b \[out\]; got x \[4,5\], W \[3,2\]/);
    expect(() => denseOp(undefined as unknown as tf.Tensor2D, dense.kernel, dense.bias)).toThrow(/got x undefined, W \[3,2\], b \[2\]/);
    x.dispose();
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
