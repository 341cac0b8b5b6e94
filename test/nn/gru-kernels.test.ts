import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRU, type NativeBlas, initBackend, kernelTanh } from '../../src/nn/index.ts';
import { BODIES, type Case, bitDifferences, blas, expectClose, gradientsOf, on, sequenceCase, unrollBy } from './gru-helpers.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

/** The step as separate tfjs ops (split, sigmoid, tanh, …), which autodiff differentiates. */
const opByOpStep = (g: GRU, gx: tf.Tensor2D, h: tf.Tensor2D) => {
  const H = g.units;
  const gh = tf.add(tf.matMul(h, g.recurrentKernel), g.recurrentBias);
  const [gxRz, gxN] = tf.split(gx, [2 * H, H], 1);
  const [ghRz, ghN] = tf.split(gh, [2 * H, H], 1);
  const [r, z] = tf.split(tf.sigmoid(tf.add(gxRz, ghRz)), 2, 1);
  const n = kernelTanh(tf.add(gxN, tf.mul(r, ghN)));
  return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
};

describe.each(BODIES)('GRU kernels, %s body', (body) => {
  it('the step equals the op-by-op step to float32 rounding (bit for bit on backend ops), its gradients too, in two engine ops', async () => {
    const g = new GRU({ inputs: 3, units: 6, seed: 4, name: 'cell' });
    const gx = tf.randomNormal([5, 18], 0, 2, 'float32', 1) as tf.Tensor2D;
    const h0 = tf.randomNormal([5, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
    const upstream = tf.randomNormal([5, 6], 0, 1, 'float32', 3);
    const results = on(body, () =>
      tf.tidy(() => {
        const lossOf = (step: (gx: tf.Tensor2D, h: tf.Tensor2D) => tf.Tensor2D) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(upstream, step(a as tf.Tensor2D, b as tf.Tensor2D)));
        const fused = (a: tf.Tensor2D, b: tf.Tensor2D) => g.stepProjected(a, b);
        const reference = (a: tf.Tensor2D, b: tf.Tensor2D) => opByOpStep(g, a, b);
        const all = [fused, reference].map((step) => {
          const [dgx, dh] = tf.grads(lossOf(step))([gx, h0]);
          const dw = tf.variableGrads(() => lossOf(step)(gx, h0) as tf.Scalar, [g.recurrentKernel, g.recurrentBias]).grads;
          return [step(gx, h0), dgx, dh, dw[g.recurrentKernel.name], dw[g.recurrentBias.name]].map((t) => t.dataSync() as Float32Array);
        });
        return all;
      }),
    );
    const [got, want] = results;
    if (body === 'backend ops') expect(bitDifferences(got[0], want[0])).toEqual([]);
    got.forEach((values, i) => expectClose(values, want[i]));
    expect(Math.max(...got[3].map(Math.abs))).toBeGreaterThan(0.01);
    const profile = await on(body, () => tf.profile(() => g.stepProjected(gx, h0)));
    expect(profile.kernels.map((k) => k.name)).toEqual(['MetarenaDense', 'MetarenaGruCell']);
    tf.dispose([gx, h0, upstream]);
    g.dispose();
  });

  it('a whole step is one engine op with the bits of projecting and then stepping, its gradients those of tfjs ops to float32 rounding', async () => {
    const g = new GRU({ inputs: 3, units: 6, seed: 9, name: 'whole' });
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
    const h0 = tf.randomNormal([5, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
    const upstream = tf.randomNormal([5, 6], 0, 1, 'float32', 3);
    const run = (step: (x: tf.Tensor2D, h: tf.Tensor2D) => tf.Tensor2D) =>
      tf.tidy(() => {
        const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(upstream, step(a as tf.Tensor2D, b as tf.Tensor2D)));
        const { grads } = tf.variableGrads(() => loss(x, h0) as tf.Scalar, g.variables);
        return [step(x, h0), ...tf.grads(loss)([x, h0]), ...g.variables.map((v) => grads[v.name])].map((t) => t.dataSync() as Float32Array);
      });
    const [whole, projected, reference] = on(body, () => [
      run((a, b) => g.step(a, b)),
      run((a, b) => g.stepProjected(g.project(a), b)),
      run((a, b) => opByOpStep(g, tf.add(tf.matMul(a, g.inputKernel), g.inputBias) as tf.Tensor2D, b)),
    ]);
    expect(bitDifferences(whole[0], projected[0])).toEqual([]);
    expect(whole).toHaveLength(3 + 4);
    whole.forEach((values, i) => expectClose(values, projected[i]));
    whole.forEach((values, i) => expectClose(values, reference[i]));
    for (const values of whole.slice(1)) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1e-3);
    const profile = await on(body, () => tf.profile(() => g.step(x, h0)));
    expect(profile.kernels.map((k) => k.name)).toEqual(['MetarenaGruStep']);
    tf.dispose([x, h0, upstream]);
    g.dispose();
  });

  it.each<[string, Case]>([
    ['small', { T: 6, B: 4, I: 3, H: 5, seed: 8 }],
    ['odd sizes', { T: 9, B: 13, I: 7, H: 17, seed: 21 }],
  ])('the unroll (%s) gives the step-by-step states bit for bit; states and gradients equal autodiff of tfjs ops to float32 rounding', (_, shape) => {
    const g = new GRU({ inputs: shape.I, units: shape.H, seed: shape.seed, name: 'seq' });
    const c = sequenceCase(shape);
    const [fused, stepwise, reference] = on(body, () => [
      gradientsOf(g, c, (xs, h0, masks) => g.unroll(xs, h0, masks)),
      gradientsOf(g, c, unrollBy(g, (gx, h) => g.stepProjected(gx, h))),
      gradientsOf(g, c, unrollBy(g, (gx, h) => opByOpStep(g, gx, h))),
    ]);
    // outputs and the last state: the same bits as acting step by step
    for (const i of [0, 1]) expect(bitDifferences(fused[i], stepwise[i])).toEqual([]);
    fused.forEach((values, i) => expectClose(values, stepwise[i]));
    fused.forEach((values, i) => expectClose(values, reference[i]));
    // every gradient is informative: h0's included (not every row is reset at t = 0)
    for (const values of fused.slice(2)) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(1e-3);
    c.dispose();
    g.dispose();
  });

  it('a mask of 0 at the first step cuts the gradient to that row of h0; no masks means no resets', () => {
    const g = new GRU({ inputs: 2, units: 3, seed: 5, name: 'cut' });
    const xs = tf.randomNormal([4, 3, 2], 0, 1, 'float32', 1) as tf.Tensor3D;
    const h0 = tf.randomNormal([3, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const masks = tf.tensor2d([1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [4, 3]);
    const [dh0, unmasked, allOnes] = on(body, () =>
      tf.tidy(() => [
        tf.grads((h: tf.Tensor) => tf.sum(g.unroll(xs, h as tf.Tensor2D, masks).outputs))([h0])[0].arraySync() as number[][],
        g.unroll(xs, h0).outputs.dataSync(),
        g.unroll(xs, h0, tf.ones([4, 3])).outputs.dataSync(),
      ]),
    );
    expect(dh0[1]).toEqual([0, 0, 0]);
    for (const row of [dh0[0], dh0[2]]) expect(Math.max(...row.map(Math.abs))).toBeGreaterThan(1e-3);
    expect(bitDifferences(unmasked as Float32Array, allOnes as Float32Array)).toEqual([]);
    tf.dispose([xs, h0, masks]);
    g.dispose();
  });

  it('leaves no tensors behind', () => {
    const g = new GRU({ inputs: 3, units: 5, seed: 8, name: 'leak' });
    const c = sequenceCase({ T: 5, B: 3, I: 3, H: 5, seed: 2 });
    on(body, () => {
      const run = () => tf.tidy(() => void tf.variableGrads(() => tf.sum(tf.mul(c.upstream, g.unroll(c.xs, c.h0, c.masks).outputs)) as tf.Scalar, g.variables));
      run();
      const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
      for (let i = 0; i < 2; i++) run();
      tf.tidy(() => void tf.grads((x: tf.Tensor) => tf.sum(g.step(x as tf.Tensor2D, c.h0)))([tf.ones([3, 3])]));
      expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    });
    c.dispose();
    g.dispose();
  });
});

describe.runIf(blas)('GRU kernels, native body (the addon is built)', () => {
  const addon = blas as NativeBlas;

  it('runs the addon loops, one call per kernel, and the backend-ops body none', () => {
    const calls: string[] = [];
    const counted = { ...addon };
    for (const name of ['gruCell', 'gruCellGrad', 'gruSequence', 'gruSequenceGrad', 'sgemm'] as const) {
      const own = addon[name] as (...args: unknown[]) => void;
      (counted as Record<string, unknown>)[name] = (...args: unknown[]) => (calls.push(name), own(...args));
    }
    const g = new GRU({ inputs: 3, units: 4, seed: 3, name: 'calls' });
    const c = sequenceCase({ T: 7, B: 2, I: 3, H: 4, seed: 6 });
    const work = () =>
      tf.tidy(() => {
        tf.variableGrads(() => tf.sum(tf.mul(c.upstream, g.unroll(c.xs, c.h0, c.masks).outputs)) as tf.Scalar, g.variables);
        tf.variableGrads(() => tf.sum(g.step(tf.ones([2, 3]), c.h0)) as tf.Scalar, g.variables);
      });
    on('native', work, counted as NativeBlas);
    const gru = calls.filter((name) => name !== 'sgemm');
    expect(gru).toEqual(['gruSequence', 'gruSequenceGrad', 'gruCell', 'gruCellGrad']);
    calls.length = 0;
    // the unroll's 7 steps run their products in C: only the projections and their gradients are sgemm calls from JavaScript
    on('backend ops', work, counted as NativeBlas);
    expect(calls).toEqual([]);
    c.dispose();
    g.dispose();
  });

  it('agrees with the backend-ops body to float32 rounding on a training-sized unroll', () => {
    const shape = { T: 16, B: 30, I: 8, H: 64, seed: 12 };
    const g = new GRU({ inputs: shape.I, units: shape.H, seed: shape.seed, name: 'big' });
    const c = sequenceCase(shape);
    const [native, ops] = (['native', 'backend ops'] as const).map((body) => on(body, () => gradientsOf(g, c, (xs, h0, masks) => g.unroll(xs, h0, masks))));
    native.forEach((values, i) => expectClose(values, ops[i], 2e-5));
    c.dispose();
    g.dispose();
  });

  it('saturates without NaN: σ and tanh of large pre-activations', () => {
    const g = new GRU({ inputs: 1, units: 2, seed: 1, name: 'big' });
    const gx = tf.tensor2d([[200, -200, 300, -300, 90, -90]]);
    const h = tf.tensor2d([[0.5, -0.5]]);
    const out = on('native', () => tf.tidy(() => g.stepProjected(gx, h).dataSync()));
    expect([...out].every(Number.isFinite)).toBe(true);
    tf.dispose([gx, h]);
    g.dispose();
  });

  it('the loops reject wrong sizes and arrays: nothing is read or written out of bounds', () => {
    const f = (n: number) => new Float32Array(n);
    // B = 2, H = 3: [B, 3H] = 18, [B, H] = 6
    expect(() => addon.gruCell!(2, 3, f(18), f(18), f(6), f(6), f(6), f(6), f(5))).toThrow(/gruCell: n has 5 elements, the matrix needs 6/);
    expect(() => addon.gruCell!(0, 3, f(18), f(18), f(6), f(6), f(6), f(6), f(6))).toThrow(/positive integers/);
    expect(() => addon.gruCellGrad!(2, 3, f(6), f(17), f(6), f(6), f(6), f(6), f(18), f(18), f(6))).toThrow(/gh has 17 elements/);
    expect(() => addon.gruCellGrad!(2, 3, f(6), f(18), new Float64Array(6) as never, f(6), f(6), f(6), f(18), f(18), f(6))).toThrow(/h must be a Float32Array/);
    // T = 4: [T·B, H] = 24, [T·B, 3H] = 72, wh [H, 3H] = 27, masks [T·B] = 8
    expect(() => addon.gruSequence!(4, 2, 3, f(72), f(6), f(27), f(9), f(7), f(24), f(6), f(24), f(24), f(24), f(24), f(24))).toThrow(/masks has 7 elements, the matrix needs 8/);
    expect(() => addon.gruSequenceGrad!(4, 2, 3, f(24), f(6), f(27), f(8), f(24), f(24), f(24), f(24), f(24), f(72), f(6), f(26), f(9), f(72))).toThrow(/dwh has 26 elements, the matrix needs 27/);
    expect(() => (addon.gruSequence as (...a: unknown[]) => void)(4, 2, 3)).toThrow(/gruSequence: expected/);
  });
});
