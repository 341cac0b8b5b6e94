/**
 * Checks the GRU and LSTM tests share: each compares a cell with a float64 reference of its
 * equations (`Reference`), so one body serves both cells.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { Rng } from '../../src/core/index.ts';
import { Dense, type RecurrentCell, assignVariables, loadCheckpoint, saveCheckpoint } from '../../src/nn/index.ts';

export const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** A cell's four variables in float64. */
export interface Weights {
  wi: Float64Array;
  wh: Float64Array;
  bi: Float64Array;
  bh: Float64Array;
}

export const weightsOf = <S>(g: RecurrentCell<S>): Weights => ({
  wi: Float64Array.from(g.inputKernel.dataSync()),
  wh: Float64Array.from(g.recurrentKernel.dataSync()),
  bi: Float64Array.from(g.inputBias.dataSync()),
  bh: Float64Array.from(g.recurrentBias.dataSync()),
});

export const randomSeq = (rng: Rng, T: number, B: number, I: number) => Array.from({ length: T }, () => Array.from({ length: B }, () => Array.from({ length: I }, () => rng.normal())));

/** Every step's output of the cell's equations in float64; masks[t][b] = 0 zeroes the state first. */
export type Reference = (w: Weights, I: number, H: number, xs: number[][][], masks?: number[][]) => number[][][];

/** A cell with its public unroll (GRU or LSTM). */
export type Cell<S> = RecurrentCell<S> & { unroll(xs: tf.Tensor3D, state0?: S, masks?: tf.Tensor2D): { outputs: tf.Tensor3D } };

/** The masked unroll of `g` ({inputs: 3, units: 4}) equals `reference`, and the state moves. */
export function expectMatchesReference<S>(g: Cell<S>, reference: Reference): void {
  const I = 3;
  const H = 4;
  const rng = new Rng(5);
  const xs = randomSeq(rng, 6, 3, I);
  const masks = [[1, 1, 1], [1, 1, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1], [1, 1, 1]];
  const want = reference(weightsOf(g), I, H, xs, masks);
  const got = tf.tidy(() => g.unroll(tf.tensor3d(xs), undefined, tf.tensor2d(masks)).outputs.arraySync());
  for (let t = 0; t < 6; t++) for (let b = 0; b < 3; b++) for (let j = 0; j < H; j++) expect(got[t][b][j]).toBeCloseTo(want[t][b][j], 5);
  // the state moves: not all outputs near zero
  expect(Math.max(...want.flat(2).map(Math.abs))).toBeGreaterThan(0.1);
}

/**
 * For `g` ({inputs: 2, units: 3}) and a start state `state0()` of batch 2: after a mask of 0 at
 * step 5 in row 1, the rest equals a fresh unroll; row 0 equals the unmasked unroll.
 */
export function expectMaskRestarts<S>(g: Cell<S>, state0: () => S): void {
  const xs = randomSeq(new Rng(9), 8, 2, 2);
  const masks = Array.from({ length: 8 }, (_, t) => [1, t === 5 ? 0 : 1]);
  tf.tidy(() => {
    const h0 = state0();
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
}

/** Gradients of `g` ({inputs: 2, units: 3}) through a masked unroll equal finite differences of `reference`. */
export function expectGradientsMatch<S>(g: Cell<S>, reference: Reference): void {
  const I = 2;
  const H = 3;
  const rng = new Rng(13);
  const xs = randomSeq(rng, 4, 2, I);
  const masks = [[1, 1], [1, 1], [0, 1], [1, 1]];
  const coef = randomSeq(rng, 4, 2, H);
  const loss = (w: Weights) => {
    const out = reference(w, I, H, xs, masks);
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
}

/**
 * `g` ({inputs: 2, units: 8}) with a dense head learns to recall the first input bit after 5
 * more steps; `lastHidden` unrolls `g` over inputs [T, B, 2] and gives the final hidden state [B, 8].
 */
export function expectLearnsRecall<S>(g: RecurrentCell<S>, lastHidden: (xs: tf.Tensor3D) => tf.Tensor2D): void {
  const T = 6;
  const B = 64;
  const head = new Dense({ inputs: 8, units: 1, init: 'glorot-uniform', seed: 19, name: 'head' });
  const rng = new Rng(23);
  // channel 0: the bit (±1) at t = 0, else 0; channel 1: a ±1 distractor at every step
  const batch = () => {
    const bits = Array.from({ length: B }, () => (rng.random() < 0.5 ? -1 : 1));
    const xs = Array.from({ length: T }, (_, t) => bits.map((bit) => [t === 0 ? bit : 0, rng.random() < 0.5 ? -1 : 1]));
    return { bits, xs };
  };
  const logitsOf = (xs: number[][][]) => tf.reshape(head.apply(lastHidden(tf.tensor3d(xs))), [B]);
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
  head.dispose();
}

/** Two cells ({inputs: 3}) from different seeds: after a checkpoint round trip b gives a's outputs. */
export async function expectCheckpointRoundTrip<S>(a: Cell<S>, b: Cell<S>, dir: string, kind: string): Promise<void> {
  await saveCheckpoint(join(dir, kind), { meta: { kind }, tensors: a.namedVariables() });
  const { tensors } = await loadCheckpoint(join(dir, kind));
  assignVariables(b.namedVariables(), tensors);
  tf.dispose(Object.values(tensors));
  const xs = randomSeq(new Rng(37), 5, 2, 3);
  tf.tidy(() => {
    expect([...b.unroll(tf.tensor3d(xs)).outputs.dataSync()]).toEqual([...a.unroll(tf.tensor3d(xs)).outputs.dataSync()]);
  });
}
