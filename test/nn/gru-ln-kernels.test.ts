import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.ts';
import { GRU, type NativeBlas, initBackend } from '../../src/nn/index.ts';
import { gruLnKernelsAvailable, gruLnSequenceOp } from '../../src/nn/gru-ln-kernels.ts';
import { type Case, bitDifferences, blas, expectClose, gradientsOf, on, sequenceCase, unrollBy } from './gru-helpers.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const NORMS = ['inputGates', 'inputCandidate', 'recurrentGates', 'recurrentCandidate'] as const;

/** A variant cell whose norms have random gains and biases (not the 1 and 0 they start from). */
function randomised({ I, H, seed }: Case, name = 'ln') {
  const g = new GRU({ inputs: I, units: H, seed, name, layerNorm: true });
  const rng = new Rng(seed);
  for (const k of NORMS) {
    const { gain, bias } = g.norms![k];
    gain.assign(tf.tensor1d(Array.from({ length: gain.size }, () => rng.uniform(0.5, 1.5))));
    bias.assign(tf.tensor1d(Array.from({ length: bias.size }, () => rng.uniform(-0.5, 0.5))));
  }
  return g;
}

describe.runIf(blas)("the layer-normalised GRU's fused kernels (the addon is built)", () => {
  const addon = blas as NativeBlas;

  it('run only with the addon in the wasm matrix products; the variant is tfjs ops otherwise', () => {
    expect(on('native', gruLnKernelsAvailable)).toBe(true);
    expect(on('backend ops', gruLnKernelsAvailable)).toBe(false);
    const names = (body: 'native' | 'backend ops') =>
      on(body, () => {
        const g = new GRU({ inputs: 2, units: 3, seed: 1, name: 'k', layerNorm: true });
        const kernels = tf.tidy(() => {
          const out: string[] = [];
          const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
          const own = engine.runKernel;
          engine.runKernel = function (name: string, ...rest: unknown[]) {
            out.push(name);
            return own.call(this, name, ...rest);
          };
          try {
            g.unroll(tf.ones([4, 2, 2]) as tf.Tensor3D);
            g.step(tf.ones([2, 2]) as tf.Tensor2D, g.initialState(2));
          } finally {
            engine.runKernel = own;
          }
          return out;
        });
        g.dispose();
        return kernels;
      });
    expect(names('native').filter((n) => n.startsWith('MetarenaGruLn'))).toEqual(['MetarenaGruLnSequence', 'MetarenaGruLnStep']);
    expect(names('backend ops').filter((n) => n.startsWith('MetarenaGruLn'))).toEqual([]);
    const norm = (width: number) => ({ gain: tf.ones([width]) as tf.Tensor1D, bias: tf.zeros([width]) as tf.Tensor1D });
    const attempt = () =>
      tf.tidy(() => gruLnSequenceOp(tf.zeros([2, 9]), tf.zeros([1, 3]), tf.zeros([3, 9]), tf.zeros([9]), tf.ones([2, 1]), { inputGates: norm(6), inputCandidate: norm(3), recurrentGates: norm(6), recurrentCandidate: norm(3) }, 2));
    expect(() => on('backend ops', attempt)).toThrow(/only on the wasm backend with the OpenBLAS addon/);
    expect(on('native', () => attempt().states.shape)).toEqual([2, 3]);
  });

  it.each<[string, Case]>([
    ['small', { T: 6, B: 4, I: 3, H: 5, seed: 8 }],
    ['odd sizes', { T: 9, B: 11, I: 7, H: 13, seed: 21 }],
  ])('the fused unroll (%s) equals the tfjs-op implementation, states and every gradient (kernels, norms, inputs, h0), to float32 rounding; stepping gives its bits', (_, shape) => {
    const g = randomised(shape);
    const c = sequenceCase(shape);
    const unroll = (xs: tf.Tensor3D, h0: tf.Tensor2D, masks: tf.Tensor2D) => g.unroll(xs, h0, masks);
    const fused = on('native', () => gradientsOf(g, c, unroll));
    const stepwise = on('native', () => gradientsOf(g, c, unrollBy(g, (gx, h) => g.stepProjected(gx, h))));
    const reference = on('backend ops', () => gradientsOf(g, c, unroll));
    // outputs, last state, dxs, dh0, then the kernels and the four norms' gains and biases
    expect(fused).toHaveLength(4 + 2 + 8);
    for (const i of [0, 1]) expect(bitDifferences(fused[i], stepwise[i])).toEqual([]);
    fused.forEach((values, i) => expectClose(values, stepwise[i]));
    fused.forEach((values, i) => expectClose(values, reference[i]));
    for (const values of fused.slice(2)) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1e-3);
    c.dispose();
    g.dispose();
  });

  it('the fused step and its gradients equal the tfjs-op step to float32 rounding', () => {
    const g = randomised({ T: 1, B: 5, I: 3, H: 6, seed: 4 });
    const gx = tf.randomNormal([5, 18], 0, 2, 'float32', 1) as tf.Tensor2D;
    const h0 = tf.randomNormal([5, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
    const upstream = tf.randomNormal([5, 6], 0, 1, 'float32', 3);
    const run = () =>
      tf.tidy(() => {
        const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(upstream, g.stepProjected(a as tf.Tensor2D, b as tf.Tensor2D)));
        // every variable but the input kernel (gx is already projected)
        const used = g.variables.filter((v) => v !== g.inputKernel);
        const { grads } = tf.variableGrads(() => loss(gx, h0) as tf.Scalar, used);
        return [g.stepProjected(gx, h0), ...tf.grads(loss)([gx, h0]), ...used.map((v) => grads[v.name])].map((t) => t.dataSync() as Float32Array);
      });
    const fused = on('native', run);
    const reference = on('backend ops', run);
    expect(fused).toHaveLength(3 + 9);
    fused.forEach((values, i) => expectClose(values, reference[i]));
    for (const values of fused.slice(1)) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([gx, h0, upstream]);
    g.dispose();
  });

  it('a whole step has the bits of projecting and then stepping, and the tfjs-op step\'s gradients to float32 rounding', () => {
    const g = randomised({ T: 1, B: 5, I: 3, H: 6, seed: 6 });
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
    const h0 = tf.randomNormal([5, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
    const upstream = tf.randomNormal([5, 6], 0, 1, 'float32', 3);
    const run = (step: (x: tf.Tensor2D, h: tf.Tensor2D) => tf.Tensor2D) =>
      tf.tidy(() => {
        const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(upstream, step(a as tf.Tensor2D, b as tf.Tensor2D)));
        const { grads } = tf.variableGrads(() => loss(x, h0) as tf.Scalar, g.variables);
        return [step(x, h0), ...tf.grads(loss)([x, h0]), ...g.variables.map((v) => grads[v.name])].map((t) => t.dataSync() as Float32Array);
      });
    const whole = on('native', () => run((a, b) => g.step(a, b)));
    const projected = on('native', () => run((a, b) => g.stepProjected(g.project(a), b)));
    const reference = on('backend ops', () => run((a, b) => g.step(a, b)));
    expect(bitDifferences(whole[0], projected[0])).toEqual([]);
    expect(whole).toHaveLength(3 + 10);
    whole.forEach((values, i) => expectClose(values, projected[i]));
    whole.forEach((values, i) => expectClose(values, reference[i]));
    for (const values of whole.slice(1)) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1e-3);
    tf.dispose([x, h0, upstream]);
    g.dispose();
  });

  it('a mask of 0 at the first step cuts the gradient to that row of h0, and leaves no tensors behind', () => {
    const g = randomised({ T: 4, B: 3, I: 2, H: 3, seed: 5 });
    const xs = tf.randomNormal([4, 3, 2], 0, 1, 'float32', 1) as tf.Tensor3D;
    const h0 = tf.randomNormal([3, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const masks = tf.tensor2d([1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [4, 3]);
    on('native', () => {
      const dh0 = tf.tidy(() => tf.grads((h: tf.Tensor) => tf.sum(g.unroll(xs, h as tf.Tensor2D, masks).outputs))([h0])[0].arraySync() as number[][]);
      expect(dh0[1].map(Math.abs)).toEqual([0, 0, 0]);
      for (const row of [dh0[0], dh0[2]]) expect(Math.max(...row.map(Math.abs))).toBeGreaterThan(1e-3);
      const work = () => tf.tidy(() => void tf.variableGrads(() => tf.add(tf.sum(g.unroll(xs, h0, masks).outputs), tf.sum(g.step(tf.ones([3, 2]), h0))) as tf.Scalar, g.variables));
      work();
      const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
      work();
      expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    });
    tf.dispose([xs, h0, masks]);
    g.dispose();
  });

  it('the loops reject wrong sizes, arrays and eps', () => {
    const f = (n: number) => new Float32Array(n);
    // B = 2, H = 3: [B, 3H] = 18, [B, H] = 6, xhat [B, 6H] = 36, inv [B, 4] = 8; norms 6, 3, 6, 3 (gain and bias each)
    const norms = () => [6, 6, 3, 3, 6, 6, 3, 3].map(f);
    const cell = (eps: number, inv: Float32Array, ns = norms()) => addon.gruLnCell!(2, 3, eps, f(18), f(18), f(6), ns, f(6), f(6), f(6), f(6), f(36), inv);
    expect(() => cell(1e-5, f(8))).not.toThrow();
    expect(() => cell(1e-5, f(7))).toThrow(/gruLnCell: inv has 7 elements, the matrix needs 8/);
    expect(() => cell(0, f(8))).toThrow(/eps must be a positive number/);
    expect(() => cell(1e-5, f(8), norms().slice(1))).toThrow(/norms must be an array of 8 Float32Arrays/);
    expect(() => cell(1e-5, f(8), [f(6), f(6), f(2), f(3), f(6), f(6), f(3), f(3)])).toThrow(/norms\[2\] has 2 elements, the matrix needs 3/);
    expect(() => addon.gruLnCellGrad!(2, 3, f(6), f(6), f(6), f(6), f(6), f(36), f(8), norms(), f(18), f(18), f(6), [...norms().slice(0, 7), new Float64Array(3) as never])).toThrow(/dNorms\[7\] must be a Float32Array/);
    // T = 4: [T·B, H] = 24, [T·B, 3H] = 72, wh 27, masks 8, xhat 144, inv 32
    expect(() => addon.gruLnSequence!(4, 2, 3, 1e-5, f(72), f(6), f(27), f(9), f(8), norms(), f(24), f(6), f(24), f(24), f(24), f(24), f(144), f(31))).toThrow(/inv has 31 elements, the matrix needs 32/);
    expect(() => addon.gruLnSequenceGrad!(4, 2, 3, f(24), f(6), f(27), f(8), f(24), f(24), f(24), f(24), f(143), f(32), norms(), f(72), f(6), f(27), f(9), norms(), f(72))).toThrow(/xhat has 143 elements, the matrix needs 144/);
    expect(() => addon.gruLnSequenceGrad!(4, 2, 3, f(24), f(6), f(27), f(8), f(24), f(24), f(24), f(24), f(144), f(32), norms(), f(72), f(6), f(27), f(9), norms(), f(71))).toThrow(/dgh has 71 elements, the matrix needs 72/);
  });
});
