import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, initBackend, polyakUpdate } from '../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const norm = (m: tf.NamedTensorMap) => Math.sqrt(Object.values(m).reduce((s, t) => s + [...t.dataSync()].reduce((a, v) => a + v * v, 0), 0));

describe('clipByGlobalNorm', () => {
  it('scales gradients whose global norm is above the bound down to it, keeping their directions', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0, 4]]) };
    const clipped = clipByGlobalNorm(grads, 1);
    expect(norm(clipped)).toBeCloseTo(1, 5);
    expect([...clipped.a.dataSync()][0] / [...clipped.b.dataSync()][1]).toBeCloseTo(3 / 4, 5);
    tf.dispose([...Object.values(grads), ...Object.values(clipped)]);
  });

  it('gives the bits of the same clip written as tfjs ops (sum of squares, addN, sqrt, minimum, mul)', () => {
    tf.tidy(() => {
      const grads = { a: tf.randomNormal([64, 64], 0, 1, 'float32', 1), b: tf.randomNormal([64], 0, 1, 'float32', 2), c: tf.randomNormal([64, 2], 0, 1, 'float32', 3) };
      const names = Object.keys(grads) as (keyof typeof grads)[];
      const scale = tf.minimum(1, tf.div(5, tf.add(tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k]))))), 1e-6)));
      expect(scale.dataSync()[0]).toBeLessThan(0.2);
      const clipped = clipByGlobalNorm(grads, 5);
      for (const k of names) expect([...clipped[k].dataSync()]).toEqual([...tf.mul(grads[k], scale).dataSync()]);
    });
  });

  it('leaves gradients within the bound unchanged', () => {
    const grads = { a: tf.tensor1d([0.3, -0.4]) };
    const clipped = clipByGlobalNorm(grads, 1);
    expect([...clipped.a.dataSync()]).toEqual([...grads.a.dataSync()]);
    tf.dispose([grads.a, clipped.a]);
  });
});

describe('polyakUpdate', () => {
  it('moves every target variable to tau·online + (1 − tau)·target; tau 1 copies', () => {
    const online: { variables: tf.Variable[] } = { variables: [tf.variable(tf.tensor1d([1, 2])), tf.variable(tf.scalar(10))] };
    const target: { variables: tf.Variable[] } = { variables: [tf.variable(tf.tensor1d([0, 0])), tf.variable(tf.scalar(0))] };
    polyakUpdate(online, target, 0.25);
    expect([...target.variables[0].dataSync()]).toEqual([0.25, 0.5]);
    expect(target.variables[1].dataSync()[0]).toBe(2.5);
    polyakUpdate(online, target, 1);
    expect([...target.variables[0].dataSync()]).toEqual([1, 2]);
    // a copy, not an alias: changing the online variable leaves the target
    online.variables[0].assign(tf.tensor1d([5, 5]));
    expect([...target.variables[0].dataSync()]).toEqual([1, 2]);
    tf.dispose([...online.variables, ...target.variables]);
  });

  it('gives the bits of add(mul(online, tau), mul(target, 1 − tau)) per variable, small (JavaScript) and large (backend kernels) alike', () => {
    const shapes = [[4, 57], [57], [300, 300], [2]];
    const online = { variables: shapes.map((s, i) => tf.variable(tf.randomNormal(s, 0, 1, 'float32', i))) };
    const target = { variables: shapes.map((s, i) => tf.variable(tf.randomNormal(s, 0, 1, 'float32', 10 + i))) };
    expect(online.variables[2].size).toBeGreaterThan(1024);
    for (const tau of [0.00848, 0.3]) {
      const expected = tf.tidy(() => online.variables.map((v, i) => tf.add(tf.mul(v, tau), tf.mul(target.variables[i], 1 - tau)).dataSync()));
      const tensors = tf.memory().numTensors;
      polyakUpdate(online, target, tau);
      expect(tf.memory().numTensors).toBe(tensors);
      target.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(expected[i])));
    }
    tf.dispose([...online.variables, ...target.variables]);
  });
});
