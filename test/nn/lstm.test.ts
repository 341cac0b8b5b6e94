import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetarenaError, Rng } from '../../src/core/index.ts';
import { Dense, LSTM, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../../src/nn/index.ts';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-lstm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

interface Weights {
  wi: Float64Array;
  wh: Float64Array;
  bi: Float64Array;
  bh: Float64Array;
}
const weightsOf = (g: LSTM): Weights => ({
  wi: Float64Array.from(g.inputKernel.dataSync()),
  wh: Float64Array.from(g.recurrentKernel.dataSync()),
  bi: Float64Array.from(g.inputBias.dataSync()),
  bh: Float64Array.from(g.recurrentBias.dataSync()),
});

/**
 * PyTorch's LSTM equations in float64, gate by gate: i, f, g, o from column blocks of 4 of
 * W_i [I, 4H] and W_h [H, 4H]. Returns every step's h and the last c; masks[t][b] = 0 zeroes
 * h and c first.
 */
function referenceLstm(w: Weights, I: number, H: number, xs: number[][][], masks?: number[][]): number[][][] {
  const B = xs[0].length;
  let h = Array.from({ length: B }, () => new Array<number>(H).fill(0));
  let c = Array.from({ length: B }, () => new Array<number>(H).fill(0));
  const out: number[][][] = [];
  for (let t = 0; t < xs.length; t++) {
    const nextH: number[][] = [];
    const nextC: number[][] = [];
    for (let b = 0; b < B; b++) {
      const m = masks ? masks[t][b] : 1;
      const hp = h[b].map((v) => v * m);
      const cp = c[b].map((v) => v * m);
      const pre = (col: number) => {
        let s = w.bi[col] + w.bh[col];
        for (let i = 0; i < I; i++) s += xs[t][b][i] * w.wi[i * 4 * H + col];
        for (let k = 0; k < H; k++) s += hp[k] * w.wh[k * 4 * H + col];
        return s;
      };
      const hRow: number[] = [];
      const cRow: number[] = [];
      for (let j = 0; j < H; j++) {
        const i = sigmoid(pre(j));
        const f = sigmoid(pre(H + j));
        const g = Math.tanh(pre(2 * H + j));
        const o = sigmoid(pre(3 * H + j));
        const cj = f * cp[j] + i * g;
        cRow.push(cj);
        hRow.push(o * Math.tanh(cj));
      }
      nextH.push(hRow);
      nextC.push(cRow);
    }
    h = nextH;
    c = nextC;
    out.push(nextH);
  }
  return out;
}

const randomSeq = (rng: Rng, T: number, B: number, I: number) => Array.from({ length: T }, () => Array.from({ length: B }, () => Array.from({ length: I }, () => rng.normal())));

describe('LSTM', () => {
  it('has the documented shapes and rejects a misshaped input', () => {
    const g = new LSTM({ inputs: 3, units: 5, seed: 1, name: 'g' });
    expect(g.inputKernel.shape).toEqual([3, 20]);
    expect(g.recurrentKernel.shape).toEqual([5, 20]);
    tf.tidy(() => {
      const next = g.step(tf.zeros([4, 3]), g.initialState(4));
      expect(next.h.shape).toEqual([4, 5]);
      expect(next.c.shape).toEqual([4, 5]);
      const { outputs, state } = g.unroll(tf.zeros([7, 4, 3]));
      expect(outputs.shape).toEqual([7, 4, 5]);
      expect(state.h.shape).toEqual([4, 5]);
      expect(state.c.shape).toEqual([4, 5]);
      expect(() => g.unroll(tf.zeros([7, 4, 2]))).toThrow(MetarenaError);
      expect(() => g.unroll(tf.zeros([7, 4, 3]), undefined, tf.ones([6, 4]))).toThrow(/masks must be \[7, 4\]/);
    });
    g.dispose();
  });

  it('equals a float64 computation of the PyTorch LSTM equations, with masks', () => {
    const I = 3;
    const H = 4;
    const g = new LSTM({ inputs: I, units: H, seed: 3, name: 'g' });
    const rng = new Rng(5);
    const xs = randomSeq(rng, 6, 3, I);
    const masks = [[1, 1, 1], [1, 1, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1], [1, 1, 1]];
    const want = referenceLstm(weightsOf(g), I, H, xs, masks);
    const got = tf.tidy(() => g.unroll(tf.tensor3d(xs), undefined, tf.tensor2d(masks)).outputs.arraySync());
    for (let t = 0; t < 6; t++) for (let b = 0; b < 3; b++) for (let j = 0; j < H; j++) expect(got[t][b][j]).toBeCloseTo(want[t][b][j], 5);
    // the state moves: not all outputs near zero
    expect(Math.max(...want.flat(2).map(Math.abs))).toBeGreaterThan(0.1);
    g.dispose();
  });

  it('a mask of 0 restarts the state: the rest of the sequence equals a fresh unroll from there', () => {
    const g = new LSTM({ inputs: 2, units: 3, seed: 7, name: 'g' });
    const xs = randomSeq(new Rng(9), 8, 2, 2);
    const masks = Array.from({ length: 8 }, (_, t) => [1, t === 5 ? 0 : 1]);
    tf.tidy(() => {
      const h0 = { h: tf.randomNormal([2, 3], 0, 1, 'float32', 1) as tf.Tensor2D, c: tf.randomNormal([2, 3], 0, 1, 'float32', 2) as tf.Tensor2D };
      const full = g.unroll(tf.tensor3d(xs), h0, tf.tensor2d(masks)).outputs.arraySync();
      const fresh = g.unroll(tf.tensor3d(xs.slice(5))).outputs.arraySync();
      const unmasked = g.unroll(tf.tensor3d(xs), h0).outputs.arraySync();
      for (let t = 5; t < 8; t++) {
        for (let j = 0; j < 3; j++) expect(full[t][1][j]).toBeCloseTo(fresh[t - 5][1][j], 6);
        // row 0 (never masked) is the unmasked unroll
        for (let j = 0; j < 3; j++) expect(full[t][0][j]).toBeCloseTo(unmasked[t][0][j], 6);
      }
      // without the mask, row 1 differs after step 5
      expect(Math.abs(unmasked[5][1][0] - full[5][1][0])).toBeGreaterThan(1e-4);
    });
    g.dispose();
  });

  it('backpropagation through time matches finite differences of the float64 equations', () => {
    const I = 2;
    const H = 3;
    const g = new LSTM({ inputs: I, units: H, seed: 11, name: 'g' });
    const rng = new Rng(13);
    const xs = randomSeq(rng, 4, 2, I);
    const masks = [[1, 1], [1, 1], [0, 1], [1, 1]];
    const coef = randomSeq(rng, 4, 2, H);
    const loss = (w: Weights) => {
      const out = referenceLstm(w, I, H, xs, masks);
      let s = 0;
      for (let t = 0; t < 4; t++) for (let b = 0; b < 2; b++) for (let j = 0; j < H; j++) s += coef[t][b][j] * out[t][b][j];
      return s;
    };
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.tensor3d(coef), g.unroll(tf.tensor3d(xs), undefined, tf.tensor2d(masks)).outputs)) as tf.Scalar, g.variables);
    const base = weightsOf(g);
    const eps = 1e-6;
    for (const [key, v] of [['wi', g.inputKernel], ['wh', g.recurrentKernel], ['bi', g.inputBias], ['bh', g.recurrentBias]] as const) {
      const got = grads[v.name].dataSync();
      for (let k = 0; k < got.length; k++) {
        const plus = { ...base, [key]: Float64Array.from(base[key]) };
        const minus = { ...base, [key]: Float64Array.from(base[key]) };
        plus[key][k] += eps;
        minus[key][k] -= eps;
        const fd = (loss(plus) - loss(minus)) / (2 * eps);
        expect(Math.abs(got[k] - fd)).toBeLessThan(1e-4 + 1e-3 * Math.abs(fd));
      }
    }
    tf.dispose(grads);
    g.dispose();
  });

  it('learns to recall the first input bit after 5 more steps (Adam, backprop through time)', () => {
    const T = 6;
    const B = 64;
    const g = new LSTM({ inputs: 2, units: 8, seed: 17, name: 'g' });
    const head = new Dense({ inputs: 8, units: 1, init: 'glorot-uniform', seed: 19, name: 'head' });
    const rng = new Rng(23);
    // channel 0: the bit (±1) at t = 0, else 0; channel 1: a ±1 distractor at every step
    const batch = () => {
      const bits = Array.from({ length: B }, () => (rng.random() < 0.5 ? -1 : 1));
      const xs = Array.from({ length: T }, (_, t) => bits.map((bit) => [t === 0 ? bit : 0, rng.random() < 0.5 ? -1 : 1]));
      return { bits, xs };
    };
    const logitsOf = (xs: number[][][]) => tf.reshape(head.apply(g.unroll(tf.tensor3d(xs)).state.h), [B]);
    const optimizer = tf.train.adam(0.02);
    const vars = [...g.variables, ...head.variables];
    let lossValue = Number.NaN;
    for (let step = 0; step < 250; step++) {
      const { bits, xs } = batch();
      const loss = optimizer.minimize(() => tf.mean(tf.softplus(tf.neg(tf.mul(tf.tensor1d(bits), logitsOf(xs))))) as tf.Scalar, true, vars);
      lossValue = loss!.dataSync()[0];
      loss!.dispose();
    }
    const { bits, xs } = batch();
    const logits = tf.tidy(() => logitsOf(xs).dataSync());
    const accuracy = bits.filter((bit, i) => Math.sign(logits[i]) === bit).length / B;
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(lossValue).toBeLessThan(0.2);
    optimizer.dispose();
    g.dispose();
    head.dispose();
  });

  it('saves and loads through a checkpoint and gives the same outputs', async () => {
    const a = new LSTM({ inputs: 3, units: 4, seed: 29, name: 'rnn' });
    const b = new LSTM({ inputs: 3, units: 4, seed: 31, name: 'rnn' });
    await saveCheckpoint(join(dir, 'lstm'), { meta: { kind: 'lstm' }, tensors: a.namedVariables() });
    const { tensors } = await loadCheckpoint(join(dir, 'lstm'));
    assignVariables(b.namedVariables(), tensors);
    tf.dispose(Object.values(tensors));
    const xs = randomSeq(new Rng(37), 5, 2, 3);
    tf.tidy(() => {
      expect([...b.unroll(tf.tensor3d(xs)).outputs.dataSync()]).toEqual([...a.unroll(tf.tensor3d(xs)).outputs.dataSync()]);
    });
    a.dispose();
    b.dispose();
  });
});
