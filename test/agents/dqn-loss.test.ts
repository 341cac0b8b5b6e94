import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TdBatch, type TdLossKind, dqnTdLoss, tdTargets } from '../../src/agents/dqn-loss.ts';
import { Rng } from '../../src/core/index.ts';
import { initBackend } from '../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const GAMMA = 0.988;

/** The TD loss written as tfjs ops, as the DQN learners computed it before the kernel (and SB3/CleanRL do). */
function referenceLoss(q: tf.Tensor2D, nextTarget: tf.Tensor2D, nextOnline: tf.Tensor2D | undefined, b: TdBatch, kind: TdLossKind) {
  const [B, A] = q.shape;
  const acts = tf.oneHot(tf.tensor1d(Array.from(b.actions), 'int32'), A);
  const nextValue = nextOnline ? tf.sum(tf.mul(nextTarget, tf.oneHot(tf.argMax(nextOnline, 1), A)), 1) : tf.max(nextTarget, 1);
  const y = tf.add(tf.tensor1d(Float32Array.from(b.rewards)), tf.mul(tf.mul(GAMMA, tf.sub(1, tf.tensor1d(Float32Array.from(b.terminated)))), nextValue));
  const qa = tf.sum(tf.mul(q, acts), 1);
  const err = tf.sub(qa, y);
  let loss: tf.Scalar;
  if (kind === 'mse') loss = tf.mean(tf.square(err));
  else {
    const abs = tf.abs(err);
    const quad = tf.minimum(abs, 1);
    loss = tf.mean(tf.add(tf.mul(0.5, tf.square(quad)), tf.sub(abs, quad)));
  }
  expect(qa.shape).toEqual([B]);
  return { loss, y, meanQ: tf.mean(qa) };
}

/**
 * A minibatch with random Q values and, on the first rows, the edge cases: errors of exactly 0
 * and ±1 (Huber's kink; terminated rows, so y = r), ties in the next-action argmax.
 */
function minibatch(B: number, A: number, rng: Rng) {
  const q = Float32Array.from({ length: B * A }, () => rng.normal(0, 3));
  const nextTarget = Float32Array.from({ length: B * A }, () => rng.normal(0, 3));
  const nextOnline = Float32Array.from({ length: B * A }, () => rng.normal(0, 3));
  const batch = {
    actions: Float32Array.from({ length: B }, () => rng.integer(A)),
    rewards: Float32Array.from({ length: B }, () => rng.uniform(-1, 1)),
    terminated: Float32Array.from({ length: B }, () => (rng.random() < 0.2 ? 1 : 0)),
  };
  [0, 1, -1].forEach((e, j) => {
    batch.terminated[j] = 1;
    batch.rewards[j] = 0.5;
    q[j * A + batch.actions[j]] = 0.5 + e;
  });
  for (let k = 0; k < A; k++) [nextOnline[3 * A + k], nextTarget[4 * A + k]] = [1.25, 1.25];
  batch.terminated[3] = batch.terminated[4] = 0;
  return { q, nextTarget, nextOnline, batch };
}

describe('dqnTdLoss', () => {
  for (const kind of ['mse', 'huber'] as const) {
    for (const double of [false, true]) {
      it(`${kind}${double ? ', Double DQN' : ''}: loss, mean Q and dL/dQ(s, ·) are those of the tfjs ops (gradients bit for bit)`, () => {
        const [B, A] = [67, 3];
        const m = minibatch(B, A, new Rng(double ? 2 : 1));
        tf.tidy(() => {
          const q = tf.tensor2d(m.q, [B, A]);
          const nextTarget = tf.tensor2d(m.nextTarget, [B, A]);
          const nextOnline = double ? tf.tensor2d(m.nextOnline, [B, A]) : undefined;
          const ref = referenceLoss(q, nextTarget, nextOnline, m.batch, kind);
          const td = dqnTdLoss(q, nextTarget, nextOnline, m.batch, { gamma: GAMMA, loss: kind });
          const refLoss = ref.loss.dataSync()[0];
          expect(td.loss.dataSync()[0]).toBeCloseTo(refLoss, 5);
          expect(Math.abs(td.loss.dataSync()[0] - refLoss)).toBeLessThanOrEqual(1e-5 * Math.abs(refLoss));
          const [statLoss, statQ] = td.stats.dataSync();
          expect(statLoss).toBe(td.loss.dataSync()[0]);
          expect(Math.abs(statQ - ref.meanQ.dataSync()[0])).toBeLessThanOrEqual(1e-5);
          // the targets in float32, as the ops compute them
          expect(tdTargets(m.nextTarget, double ? m.nextOnline : undefined, m.batch, B, A, GAMMA)).toEqual(ref.y.dataSync());

          const ours = tf.grad((x: tf.Tensor) => dqnTdLoss(x as tf.Tensor2D, nextTarget, nextOnline, m.batch, { gamma: GAMMA, loss: kind }).loss)(q);
          const theirs = tf.grad((x: tf.Tensor) => referenceLoss(x as tf.Tensor2D, nextTarget, nextOnline, m.batch, kind).loss)(q);
          const [g, h] = [ours.dataSync(), theirs.dataSync()];
          for (let i = 0; i < g.length; i++) expect(Math.abs(g[i] - h[i])).toBeLessThanOrEqual(1e-5);
          expect(Array.from(g)).toEqual(Array.from(h));
          // only the taken actions get a gradient; Huber's is at most 1/B
          for (let j = 0; j < B; j++) for (let k = 0; k < A; k++) if (k !== m.batch.actions[j]) expect(Math.abs(g[j * A + k])).toBe(0);
          if (kind === 'huber') expect(Math.max(...Array.from(g, Math.abs))).toBeLessThanOrEqual(Math.fround(1 / B));
          // the edge rows: error 0 has no gradient, errors ±1 give ±1/B under Huber, ±2/B under mse
          const at = (j: number) => g[j * A + m.batch.actions[j]];
          expect(Math.abs(at(0))).toBe(0);
          expect(at(1)).toBeCloseTo((kind === 'mse' ? 2 : 1) / B, 7);
          expect(at(2)).toBeCloseTo((kind === 'mse' ? -2 : -1) / B, 7);
        });
      });
    }
  }

  it('scales its gradient by the upstream one and is differentiated only through Q(s, ·)', () => {
    const [B, A] = [9, 2];
    const m = minibatch(B, A, new Rng(5));
    tf.tidy(() => {
      const [q, nextTarget, nextOnline] = [tf.tensor2d(m.q, [B, A]), tf.tensor2d(m.nextTarget, [B, A]), tf.tensor2d(m.nextOnline, [B, A])];
      const o = { gamma: GAMMA, loss: 'huber' as const };
      const once = tf.grad((x: tf.Tensor) => dqnTdLoss(x as tf.Tensor2D, nextTarget, nextOnline, m.batch, o).loss)(q).dataSync();
      const thrice = tf.grad((x: tf.Tensor) => tf.mul(3, dqnTdLoss(x as tf.Tensor2D, nextTarget, nextOnline, m.batch, o).loss))(q).dataSync();
      expect(Array.from(thrice)).toEqual(Array.from(once, (v) => Math.fround(3 * v)));
      // the next-state values are constants of the loss: the tape finds no path to them
      expect(() => tf.grad((x: tf.Tensor) => dqnTdLoss(q, x as tf.Tensor2D, nextOnline, m.batch, o).loss)(nextTarget)).toThrow();
    });
  });
});
