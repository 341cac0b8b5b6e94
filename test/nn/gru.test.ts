import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetarenaError, Rng } from '../../src/core/index.ts';
import { GRU, LAYER_NORM_EPSILON, initBackend } from '../../src/nn/index.ts';
import { type Weights, expectCheckpointRoundTrip, expectGradientsMatch, expectLearnsRecall, expectMaskRestarts, expectMatchesReference, randomSeq, sigmoid } from './recurrent-helpers.ts';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-gru-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A float64 cell run over xs[t][b] from zero states: `step(x, hp)` is the next state for input
 * row x and previous state hp; masks[t][b] = 0 zeroes the state first.
 */
function unrollReference(H: number, xs: number[][][], masks: number[][] | undefined, step: (x: number[], hp: number[]) => number[]): number[][][] {
  let h = xs[0].map(() => new Array<number>(H).fill(0));
  return xs.map((row, t) => (h = row.map((x, b) => step(x, h[b].map((v) => v * (masks ? masks[t][b] : 1))))));
}

/**
 * PyTorch's GRU equations in float64, gate by gate: r, z, n from column blocks 0..H, H..2H,
 * 2H..3H of W_i [I, 3H] and W_h [H, 3H]. xs[t][b] is an input row; masks[t][b] = 0 zeroes h first.
 */
function referenceGru(w: Weights, I: number, H: number, xs: number[][][], masks?: number[][]): number[][][] {
  return unrollReference(H, xs, masks, (x, hp) => {
    const pre = (col: number, which: 'x' | 'h') => {
      if (which === 'x') {
        let s = w.bi[col];
        for (let i = 0; i < I; i++) s += x[i] * w.wi[i * 3 * H + col];
        return s;
      }
      let s = w.bh[col];
      for (let k = 0; k < H; k++) s += hp[k] * w.wh[k * 3 * H + col];
      return s;
    };
    return hp.map((hj, j) => {
      const r = sigmoid(pre(j, 'x') + pre(j, 'h'));
      const z = sigmoid(pre(H + j, 'x') + pre(H + j, 'h'));
      const n = Math.tanh(pre(2 * H + j, 'x') + r * pre(2 * H + j, 'h'));
      return (1 - z) * n + z * hj;
    });
  });
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

describe("GRU with layerNorm (pytorch_rl2's variant)", () => {
  const NORMS = ['inputGates', 'inputCandidate', 'recurrentGates', 'recurrentCandidate'] as const;
  type Norms = Record<(typeof NORMS)[number], { g: Float64Array; b: Float64Array }>;
  const normsOf = (g: GRU): Norms => Object.fromEntries(NORMS.map((k) => [k, { g: Float64Array.from(g.norms![k].gain.dataSync()), b: Float64Array.from(g.norms![k].bias.dataSync()) }])) as Norms;
  const ln = (v: number[], { g, b }: { g: Float64Array; b: Float64Array }) => {
    const mu = v.reduce((s, a) => s + a, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, a) => s + (a - mu) ** 2, 0) / v.length + LAYER_NORM_EPSILON);
    return v.map((a, j) => g[j] * ((a - mu) / sd) + b[j]);
  };

  /** pytorch_rl2's equations in float64 (no biases; column blocks r, z, n); masks[t][b] = 0 zeroes h first. */
  function referenceLnGru(wi: Float64Array, wh: Float64Array, norms: Norms, I: number, H: number, xs: number[][][], masks?: number[][]): number[][][] {
    return unrollReference(H, xs, masks, (x, hp) => {
      const gx = Array.from({ length: 3 * H }, (_, c) => x.reduce((s, v, i) => s + v * wi[i * 3 * H + c], 0));
      const gh = Array.from({ length: 3 * H }, (_, c) => hp.reduce((s, v, k) => s + v * wh[k * 3 * H + c], 0));
      const recurrentGates = ln(gh.slice(0, 2 * H), norms.recurrentGates);
      const gates = ln(gx.slice(0, 2 * H), norms.inputGates).map((v, j) => v + recurrentGates[j]);
      const candidateX = ln(gx.slice(2 * H), norms.inputCandidate);
      const candidateH = ln(gh.slice(2 * H), norms.recurrentCandidate);
      return hp.map((hj, j) => {
        const r = sigmoid(gates[j]);
        const z = sigmoid(gates[H + j] - 1);
        const n = Math.max(0, candidateX[j] + r * candidateH[j]);
        return (1 - z) * hj + z * n;
      });
    });
  }

  /** A variant cell whose norms have random gains and biases (not the 1 and 0 they start from). */
  const randomised = (inputs: number, units: number, seed: number, name = 'ln') => {
    const g = new GRU({ inputs, units, seed, name, layerNorm: true });
    const rng = new Rng(seed);
    for (const k of NORMS) {
      const { gain, bias } = g.norms![k];
      gain.assign(tf.tensor1d(Array.from({ length: gain.size }, () => rng.uniform(0.5, 1.5))));
      bias.assign(tf.tensor1d(Array.from({ length: bias.size }, () => rng.uniform(-0.5, 0.5))));
    }
    return g;
  };

  it('has no biases: kernels and the four norms are its variables and checkpoint keys', () => {
    const g = new GRU({ inputs: 3, units: 5, seed: 1, name: 'g', layerNorm: true });
    expect(g.variables).toHaveLength(2 + 8);
    expect(Object.keys(g.namedVariables()).sort()).toEqual(['g/input_kernel', 'g/recurrent_kernel', ...NORMS.flatMap((k) => [`g/ln_${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}/bias`, `g/ln_${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}/gain`])].sort());
    expect([...g.inputBias.dataSync(), ...g.recurrentBias.dataSync()].every((v) => v === 0)).toBe(true);
    expect(g.norms!.inputGates.gain.shape).toEqual([10]);
    expect(g.norms!.recurrentCandidate.gain.shape).toEqual([5]);
    g.dispose();
  });

  it('equals a float64 computation of the equations, with masks, by unroll and step by step', () => {
    const g = randomised(3, 4, 3);
    expectMatchesReference(g, (w, I, H, xs, masks) => referenceLnGru(w.wi, w.wh, normsOf(g), I, H, xs, masks));
    const xs = tf.randomNormal([5, 2, 3], 0, 1, 'float32', 6) as tf.Tensor3D;
    tf.tidy(() => {
      let h = g.initialState(2);
      const stepped = tf.unstack(xs).map((x) => (h = g.step(x as tf.Tensor2D, h)));
      const unrolled = g.unroll(xs).outputs.arraySync();
      stepped.forEach((s, t) => s.arraySync().forEach((row, b) => row.forEach((v, j) => expect(v).toBeCloseTo(unrolled[t][b][j], 6))));
    });
    xs.dispose();
    g.dispose();
  });

  it('backpropagation through time matches finite differences of the float64 equations (kernels and norms)', () => {
    const I = 2;
    const H = 3;
    const g = randomised(I, H, 11);
    const rng = new Rng(13);
    const xs = randomSeq(rng, 4, 2, I);
    const masks = [[1, 1], [1, 1], [0, 1], [1, 1]];
    const coef = randomSeq(rng, 4, 2, H);
    const base = { wi: Float64Array.from(g.inputKernel.dataSync()), wh: Float64Array.from(g.recurrentKernel.dataSync()), norms: normsOf(g) };
    const loss = (w: typeof base) => {
      const out = referenceLnGru(w.wi, w.wh, w.norms, I, H, xs, masks);
      let s = 0;
      for (let t = 0; t < 4; t++) for (let b = 0; b < 2; b++) for (let j = 0; j < H; j++) s += coef[t][b][j] * out[t][b][j];
      return s;
    };
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.tensor3d(coef), g.unroll(tf.tensor3d(xs), undefined, tf.tensor2d(masks)).outputs)) as tf.Scalar, g.variables);
    const eps = 1e-6;
    const nudged = (path: (w: typeof base) => Float64Array, k: number, by: number) => {
      const w = { wi: base.wi.slice(), wh: base.wh.slice(), norms: Object.fromEntries(NORMS.map((n) => [n, { g: base.norms[n].g.slice(), b: base.norms[n].b.slice() }])) as Norms };
      path(w)[k] += by;
      return w;
    };
    const checks: [tf.Variable, (w: typeof base) => Float64Array][] = [
      [g.inputKernel, (w) => w.wi],
      [g.recurrentKernel, (w) => w.wh],
      ...NORMS.flatMap((n) => [
        [g.norms![n].gain, (w: typeof base) => w.norms[n].g],
        [g.norms![n].bias, (w: typeof base) => w.norms[n].b],
      ] as [tf.Variable, (w: typeof base) => Float64Array][]),
    ];
    for (const [v, path] of checks) {
      const got = grads[v.name].dataSync();
      for (let k = 0; k < got.length; k++) {
        const fd = (loss(nudged(path, k, eps)) - loss(nudged(path, k, -eps))) / (2 * eps);
        expect(Math.abs(got[k] - fd)).toBeLessThan(1e-4 + 1e-3 * Math.abs(fd));
      }
    }
    tf.dispose(grads);
    g.dispose();
  });

  it('a mask of 0 restarts the state; it learns to recall a bit; it round-trips a checkpoint', async () => {
    const g = new GRU({ inputs: 2, units: 3, seed: 7, name: 'g', layerNorm: true });
    expectMaskRestarts(g, () => tf.randomNormal([2, 3], 0, 1, 'float32', 1) as tf.Tensor2D);
    g.dispose();
    const learner = new GRU({ inputs: 2, units: 8, seed: 17, name: 'g', layerNorm: true });
    expectLearnsRecall(learner, (xs) => learner.unroll(xs).h);
    learner.dispose();
    const a = randomised(3, 4, 29, 'rnn');
    const b = new GRU({ inputs: 3, units: 4, seed: 31, name: 'rnn', layerNorm: true });
    await expectCheckpointRoundTrip(a, b, dir, 'gru-ln');
    a.dispose();
    b.dispose();
  });
});
