import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetarenaError } from '../../src/core/index.ts';
import { GRU, initBackend } from '../../src/nn/index.ts';
import { type Weights, expectCheckpointRoundTrip, expectGradientsMatch, expectLearnsRecall, expectMaskRestarts, expectMatchesReference, sigmoid } from './recurrent-helpers.ts';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-gru-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * PyTorch's GRU equations in float64, gate by gate: r, z, n from column blocks 0..H, H..2H,
 * 2H..3H of W_i [I, 3H] and W_h [H, 3H]. xs[t][b] is an input row; masks[t][b] = 0 zeroes h first.
 */
function referenceGru(w: Weights, I: number, H: number, xs: number[][][], masks?: number[][]): number[][][] {
  const B = xs[0].length;
  let h = Array.from({ length: B }, () => new Array<number>(H).fill(0));
  const out: number[][][] = [];
  for (let t = 0; t < xs.length; t++) {
    const next: number[][] = [];
    for (let b = 0; b < B; b++) {
      const hp = h[b].map((v) => v * (masks ? masks[t][b] : 1));
      const pre = (col: number, which: 'x' | 'h') => {
        if (which === 'x') {
          let s = w.bi[col];
          for (let i = 0; i < I; i++) s += xs[t][b][i] * w.wi[i * 3 * H + col];
          return s;
        }
        let s = w.bh[col];
        for (let k = 0; k < H; k++) s += hp[k] * w.wh[k * 3 * H + col];
        return s;
      };
      const row: number[] = [];
      for (let j = 0; j < H; j++) {
        const r = sigmoid(pre(j, 'x') + pre(j, 'h'));
        const z = sigmoid(pre(H + j, 'x') + pre(H + j, 'h'));
        const n = Math.tanh(pre(2 * H + j, 'x') + r * pre(2 * H + j, 'h'));
        row.push((1 - z) * n + z * hp[j]);
      }
      next.push(row);
    }
    h = next;
    out.push(next);
  }
  return out;
}


describe('GRU', () => {
  it('has the documented shapes and rejects a misshaped input', () => {
    const g = new GRU({ inputs: 3, units: 5, seed: 1, name: 'g' });
    expect(g.inputKernel.shape).toEqual([3, 15]);
    expect(g.recurrentKernel.shape).toEqual([5, 15]);
    tf.tidy(() => {
      expect(g.step(tf.zeros([4, 3]), g.initialState(4)).shape).toEqual([4, 5]);
      const { outputs, h } = g.unroll(tf.zeros([7, 4, 3]));
      expect(outputs.shape).toEqual([7, 4, 5]);
      expect(h.shape).toEqual([4, 5]);
      expect(() => g.unroll(tf.zeros([7, 4, 2]))).toThrow(MetarenaError);
      expect(() => g.unroll(tf.zeros([7, 4, 3]), undefined, tf.ones([6, 4]))).toThrow(/masks must be \[7, 4\]/);
    });
    g.dispose();
  });

  it('equals a float64 computation of the PyTorch GRU equations, with masks', () => {
    const g = new GRU({ inputs: 3, units: 4, seed: 3, name: 'g' });
    expectMatchesReference(g, referenceGru);
    g.dispose();
  });

  it('a mask of 0 restarts the state: the rest of the sequence equals a fresh unroll from there', () => {
    const g = new GRU({ inputs: 2, units: 3, seed: 7, name: 'g' });
    expectMaskRestarts(g, () => tf.randomNormal([2, 3], 0, 1, 'float32', 1) as tf.Tensor2D);
    g.dispose();
  });

  it('backpropagation through time matches finite differences of the float64 equations', () => {
    const g = new GRU({ inputs: 2, units: 3, seed: 11, name: 'g' });
    expectGradientsMatch(g, referenceGru);
    g.dispose();
  });

  it('learns to recall the first input bit after 5 more steps (Adam, backprop through time)', () => {
    const g = new GRU({ inputs: 2, units: 8, seed: 17, name: 'g' });
    expectLearnsRecall(g, (xs) => g.unroll(xs).h);
    g.dispose();
  });

  it('saves and loads through a checkpoint and gives the same outputs', async () => {
    const a = new GRU({ inputs: 3, units: 4, seed: 29, name: 'rnn' });
    const b = new GRU({ inputs: 3, units: 4, seed: 31, name: 'rnn' });
    await expectCheckpointRoundTrip(a, b, dir, 'gru');
    a.dispose();
    b.dispose();
  });
});

describe('GRU gate kernel', () => {
  /** The step as separate tfjs ops (split, sigmoid, tanh, …), which autodiff differentiates. */
  const opByOpStep = (g: GRU, gx: tf.Tensor2D, h: tf.Tensor2D) => {
    const H = g.units;
    const gh = tf.add(tf.matMul(h, g.recurrentKernel), g.recurrentBias);
    const [gxRz, gxN] = tf.split(gx, [2 * H, H], 1);
    const [ghRz, ghN] = tf.split(gh, [2 * H, H], 1);
    const [r, z] = tf.split(tf.sigmoid(tf.add(gxRz, ghRz)), 2, 1);
    const n = tf.tanh(tf.add(gxN, tf.mul(r, ghN)));
    return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
  };

  it('gives the op-by-op step bit for bit, and its gradients to float rounding, with two engine ops per step', async () => {
    const g = new GRU({ inputs: 3, units: 6, seed: 4, name: 'cell' });
    const gx = tf.randomNormal([5, 18], 0, 1, 'float32', 1) as tf.Tensor2D;
    const h0 = tf.randomNormal([5, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
    const upstream = tf.randomNormal([5, 6], 0, 1, 'float32', 3);
    const fused = g.stepProjected(gx, h0);
    const reference = opByOpStep(g, gx, h0);
    const got = fused.dataSync();
    const want = reference.dataSync();
    expect([...got.keys()].filter((i) => !Object.is(got[i], want[i]))).toEqual([]);

    const lossOf = (step: (gx: tf.Tensor2D, h: tf.Tensor2D) => tf.Tensor2D) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(upstream, step(a as tf.Tensor2D, b as tf.Tensor2D)));
    const [dgx, dh] = tf.grads(lossOf((a, b) => g.stepProjected(a, b)))([gx, h0]);
    const [dgxRef, dhRef] = tf.grads(lossOf((a, b) => opByOpStep(g, a, b)))([gx, h0]);
    for (const [a, b] of [[dgx, dgxRef], [dh, dhRef]]) {
      const x = a.dataSync();
      const y = b.dataSync();
      expect(x.length).toBe(y.length);
      for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-6 * (1 + Math.abs(y[i])));
    }
    const wGot = tf.variableGrads(() => tf.sum(tf.mul(upstream, g.stepProjected(gx, h0))) as tf.Scalar, [g.recurrentKernel]).grads[g.recurrentKernel.name].dataSync();
    const wWant = tf.variableGrads(() => tf.sum(tf.mul(upstream, opByOpStep(g, gx, h0))) as tf.Scalar, [g.recurrentKernel]).grads[g.recurrentKernel.name].dataSync();
    for (let i = 0; i < wWant.length; i++) expect(Math.abs(wGot[i] - wWant[i])).toBeLessThan(1e-6 * (1 + Math.abs(wWant[i])));
    expect(Math.max(...wGot.map(Math.abs))).toBeGreaterThan(0.01);

    const profile = await tf.profile(() => g.stepProjected(gx, h0));
    expect(profile.kernels.map((k) => k.name)).toEqual(['MetarenaDense', 'MetarenaGruCell']);
    tf.dispose([gx, h0, upstream, fused, reference]);
    g.dispose();
  });
});

describe('GRU sequence kernel', () => {
  /** The unroll step by step through the gate kernel (the path an acting policy takes). */
  const stepwise = (g: GRU, xs: tf.Tensor3D, h0: tf.Tensor2D, masks: tf.Tensor2D) => {
    let h = h0;
    const outs: tf.Tensor2D[] = [];
    tf.unstack(xs).forEach((x, t) => {
      h = g.step(x as tf.Tensor2D, tf.mul(h, tf.reshape(tf.unstack(masks)[t], [-1, 1])) as tf.Tensor2D);
      outs.push(h);
    });
    return { outputs: tf.stack(outs) as tf.Tensor3D, h };
  };

  it('gives the step-by-step states bit for bit, and the gradients of inputs, h0 and weights to float rounding, leaving nothing behind', () => {
    const g = new GRU({ inputs: 3, units: 5, seed: 8, name: 'seq' });
    const xs = tf.randomNormal([6, 4, 3], 0, 1, 'float32', 1) as tf.Tensor3D;
    const h0 = tf.randomNormal([4, 5], 0, 1, 'float32', 2) as tf.Tensor2D;
    const masks = tf.tensor2d([1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1], [6, 4]);
    const upstream = tf.randomNormal([6, 4, 5], 0, 1, 'float32', 3);
    const lastWeight = tf.randomNormal([4, 5], 0, 1, 'float32', 4);
    const fused = g.unroll(xs, h0, masks);
    const reference = stepwise(g, xs, h0, masks);
    for (const [a, b] of [[fused.outputs, reference.outputs], [fused.h, reference.h]] as const) {
      const x = a.dataSync();
      const y = b.dataSync();
      expect([...x.keys()].filter((i) => !Object.is(x[i], y[i]))).toEqual([]);
    }
    // a loss on every state and on the last one, as a value head and a bootstrap would use them
    const loss = (run: (x: tf.Tensor3D, h: tf.Tensor2D) => { outputs: tf.Tensor3D; h: tf.Tensor2D }) => (x: tf.Tensor, h: tf.Tensor) => {
      const r = run(x as tf.Tensor3D, h as tf.Tensor2D);
      return tf.add(tf.sum(tf.mul(upstream, r.outputs)), tf.sum(tf.mul(lastWeight, r.h)));
    };
    const got = tf.grads(loss((x, h) => g.unroll(x, h, masks)))([xs, h0]);
    const want = tf.grads(loss((x, h) => stepwise(g, x, h, masks)))([xs, h0]);
    const wGot = tf.variableGrads(() => loss((x, h) => g.unroll(x, h, masks))(xs, h0) as tf.Scalar, g.variables).grads;
    const wWant = tf.variableGrads(() => loss((x, h) => stepwise(g, x, h, masks))(xs, h0) as tf.Scalar, g.variables).grads;
    const pairs = [...got.map((t, i) => [t, want[i]]), ...g.variables.map((v) => [wGot[v.name], wWant[v.name]])];
    for (const [a, b] of pairs) {
      const x = a.dataSync();
      const y = b.dataSync();
      expect(x.length).toBe(y.length);
      for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-5 * (1 + Math.abs(y[i])));
    }
    // the reset steps cut the gradient to h0 in the rows they reset at t = 0 (none here), not elsewhere
    expect(Math.max(...got[1].dataSync().map(Math.abs))).toBeGreaterThan(1e-3);

    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    for (let i = 0; i < 2; i++) tf.tidy(() => void tf.variableGrads(() => loss((x, h) => g.unroll(x, h, masks))(xs, h0) as tf.Scalar, g.variables));
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    tf.dispose([xs, h0, masks, upstream, lastWeight, fused.outputs, fused.h, ...got, ...want, ...Object.values(wGot), ...Object.values(wWant)]);
    g.dispose();
  });
});
