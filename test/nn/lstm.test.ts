import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetarenaError } from '../../src/core/index.ts';
import { LSTM, initBackend } from '../../src/nn/index.ts';
import { type Weights, expectCheckpointRoundTrip, expectGradientsMatch, expectLearnsRecall, expectMaskRestarts, expectMatchesReference, sigmoid } from './recurrent-helpers.ts';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-lstm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
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
    const g = new LSTM({ inputs: 3, units: 4, seed: 3, name: 'g' });
    expectMatchesReference(g, referenceLstm);
    g.dispose();
  });

  it('a mask of 0 restarts the state: the rest of the sequence equals a fresh unroll from there', () => {
    const g = new LSTM({ inputs: 2, units: 3, seed: 7, name: 'g' });
    expectMaskRestarts(g, () => ({ h: tf.randomNormal([2, 3], 0, 1, 'float32', 1) as tf.Tensor2D, c: tf.randomNormal([2, 3], 0, 1, 'float32', 2) as tf.Tensor2D }));
    g.dispose();
  });

  it('backpropagation through time matches finite differences of the float64 equations', () => {
    const g = new LSTM({ inputs: 2, units: 3, seed: 11, name: 'g' });
    expectGradientsMatch(g, referenceLstm);
    g.dispose();
  });

  it('learns to recall the first input bit after 5 more steps (Adam, backprop through time)', () => {
    const g = new LSTM({ inputs: 2, units: 8, seed: 17, name: 'g' });
    expectLearnsRecall(g, (xs) => g.unroll(xs).state.h);
    g.dispose();
  });

  it('saves and loads through a checkpoint and gives the same outputs', async () => {
    const a = new LSTM({ inputs: 3, units: 4, seed: 29, name: 'rnn' });
    const b = new LSTM({ inputs: 3, units: 4, seed: 31, name: 'rnn' });
    await expectCheckpointRoundTrip(a, b, dir, 'lstm');
    a.dispose();
    b.dispose();
  });
});
