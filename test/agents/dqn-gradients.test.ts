import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dqnGradients, qForward } from '../../src/agents/dqn-gradients.ts';
import { dqnTdLoss } from '../../src/agents/dqn-loss.ts';
import { QNetwork } from '../../src/agents/q-network.ts';
import { Rng } from '../../src/core/index.ts';
import { Mlp, initBackend } from '../../src/nn/index.ts';
import { thrown } from '../thrown.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const GAMMA = 0.99;

function batchOf(B: number, d: number, A: number, rng: Rng) {
  return {
    obs: Float32Array.from({ length: B * d }, () => rng.normal()),
    nextObs: Float32Array.from({ length: B * d }, () => rng.normal()),
    actions: Float32Array.from({ length: B }, () => rng.integer(A)),
    rewards: Float32Array.from({ length: B }, () => rng.uniform(-1, 1)),
    terminated: Float32Array.from({ length: B }, () => (rng.random() < 0.1 ? 1 : 0)),
  };
}

/** The same gradients through the tape: the dense layers' registered gradients and the TD loss kernel. */
function tapeGradients(online: QNetwork, target: QNetwork, batch: ReturnType<typeof batchOf>, o: { loss: 'mse' | 'huber'; double: boolean }) {
  const B = batch.actions.length;
  const d = batch.obs.length / B;
  const nxs = tf.tensor2d(batch.nextObs, [B, d]);
  const nextTarget = target.apply(nxs);
  const nextOnline = o.double ? online.apply(nxs) : undefined;
  const xs = tf.tensor2d(batch.obs, [B, d]);
  let stats: tf.Tensor | undefined;
  const { grads } = tf.variableGrads(() => {
    const td = dqnTdLoss(online.apply(xs), nextTarget, nextOnline, batch, { gamma: GAMMA, loss: o.loss });
    stats = tf.keep(td.stats);
    return td.loss;
  }, online.variables);
  return { grads, stats: stats! };
}

/** Two networks of the same sizes with different weights (and non-zero biases), as an online and a target network. */
function networks(d: number, A: number, hidden: number[], seed: number) {
  const online = new QNetwork(d, A, hidden, false, seed, 'q');
  const target = new QNetwork(d, A, hidden, false, seed + 1, 'q_target');
  const rng = new Rng(seed);
  for (const v of [...online.variables, ...target.variables]) if (v.shape.length === 1) v.assign(tf.tensor1d(Float32Array.from({ length: v.shape[0] }, () => rng.normal(0, 0.1))));
  return { online, target };
}

describe('dqnGradients', () => {
  const cases = [
    { name: 'the CartPole SE preset net ([57], batch 199, mse, Double DQN)', d: 4, A: 2, hidden: [57], B: 199, loss: 'mse', double: true },
    { name: 'two wide hidden layers (large outputs on the backend kernels, Huber, DQN)', d: 6, A: 3, hidden: [48, 40], B: 64, loss: 'huber', double: false },
    { name: 'no hidden layer (a linear Q function)', d: 5, A: 4, hidden: [], B: 17, loss: 'huber', double: true },
  ] as const;
  for (const c of cases) {
    it(`${c.name}: the bits of tf.variableGrads through the dense kernels and the TD loss kernel`, () => {
      const { online, target } = networks(c.d, c.A, [...c.hidden], 3);
      const batch = batchOf(c.B, c.d, c.A, new Rng(c.B));
      tf.tidy(() => {
        const o = { loss: c.loss, double: c.double };
        const tape = tapeGradients(online, target, batch, o);
        const fused = dqnGradients(online.plainMlp!, target.plainMlp!, batch, { gamma: GAMMA, ...o });
        expect(Object.keys(fused.grads).sort()).toEqual(online.variables.map((v) => v.name).sort());
        for (const v of online.variables) {
          const [ours, theirs] = [fused.grads[v.name], tape.grads[v.name]];
          expect(ours.shape).toEqual(v.shape);
          const [g, h] = [ours.dataSync(), theirs.dataSync()];
          for (let i = 0; i < g.length; i++) expect(Math.abs(g[i] - h[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(h[i])));
          expect(Array.from(g)).toEqual(Array.from(h));
        }
        expect(Array.from(fused.stats.dataSync())).toEqual(Array.from(tape.stats.dataSync()));
        expect(Math.max(...Object.values(fused.grads).map((g) => tf.max(tf.abs(g)).dataSync()[0]))).toBeGreaterThan(0);
      });
      online.dispose();
      target.dispose();
    });
  }

  it('leaks no backend memory and keeps the networks as they were', () => {
    const { online, target } = networks(4, 2, [16], 5);
    const batch = batchOf(32, 4, 2, new Rng(1));
    const before = online.variables.map((v) => Array.from(v.dataSync()));
    const grads = () => tf.tidy(() => void dqnGradients(online.plainMlp!, target.plainMlp!, batch, { gamma: GAMMA, loss: 'mse', double: true }));
    grads();
    const [tensors, bytes] = [tf.memory().numTensors, tf.memory().numBytes];
    for (let i = 0; i < 5; i++) grads();
    expect([tf.memory().numTensors, tf.memory().numBytes]).toEqual([tensors, bytes]);
    expect(online.variables.map((v) => Array.from(v.dataSync()))).toEqual(before);
    online.dispose();
    target.dispose();
  });

  it('refuses other activations, networks of other sizes and batches of the wrong size', () => {
    const { online, target } = networks(4, 2, [8], 6);
    const batch = batchOf(10, 4, 2, new Rng(2));
    const o = { gamma: GAMMA, loss: 'mse' as const, double: false };
    const tanh = new Mlp({ inputs: 4, hidden: [8], outputs: 2, activation: 'tanh', seed: 1, name: 'tanh' });
    expect(thrown(() => dqnGradients(tanh, target.plainMlp!, batch, o)).details).toMatchObject({ field: 'network' });
    const wider = new QNetwork(4, 2, [9], false, 1, 'wider');
    expect(thrown(() => dqnGradients(online.plainMlp!, wider.plainMlp!, batch, o)).details).toMatchObject({ field: 'network' });
    expect(thrown(() => dqnGradients(online.plainMlp!, target.plainMlp!, { ...batch, obs: batch.obs.subarray(4) }, o)).details).toMatchObject({ field: 'batch' });
    expect(new QNetwork(4, 2, [8], true, 1, 'dueling').plainMlp).toBeUndefined();
    for (const m of [online, target, tanh, wider]) m.dispose();
  });
});

describe('qForward', () => {
  it('gives the values of QNetwork.apply (the dense kernels), for one observation and for a batch', () => {
    const { online, target } = networks(4, 3, [57, 20], 7);
    const rng = new Rng(3);
    for (const n of [1, 50]) {
      const obs = Float32Array.from({ length: n * 4 }, () => rng.normal());
      const q = qForward(online.plainMlp!, obs);
      expect(q.shape).toEqual([n, 3]);
      const ref = tf.tidy(() => online.apply(tf.tensor2d(obs, [n, 4])));
      expect(Array.from(q.dataSync())).toEqual(Array.from(ref.dataSync()));
      tf.dispose([q, ref]);
    }
    expect(thrown(() => qForward(online.plainMlp!, new Float32Array(5))).details).toMatchObject({ field: 'obs' });
    online.dispose();
    target.dispose();
  });
});
