import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlatAdam, initBackend } from '../../src/nn/index.ts';
import { thrown } from '../thrown.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

describe('FlatAdam', () => {
  it('takes the bias-corrected Adam step: the first step moves each parameter by lr against its gradient sign', () => {
    const params = Float32Array.of(1, -2, 0.5);
    const adam = new FlatAdam(3, { learningRate: 0.1 });
    adam.step(params, [0.3, -4, 0]);
    // t = 1: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε)
    expect(params[0]).toBeCloseTo(1 - 0.1, 6);
    expect(params[1]).toBeCloseTo(-2 + 0.1, 6);
    expect(params[2]).toBe(0.5);
    expect(adam.steps).toBe(1);
  });

  it('follows the update equations over several steps (against a hand loop and tfjs Adam)', () => {
    const grads = [
      [0.5, -1],
      [0.25, 2],
      [-0.75, 0.1],
    ];
    const lr = 0.01;
    const [b1, b2, eps] = [0.9, 0.999, 1e-8];
    const params = Float32Array.of(0.2, -0.3);
    const adam = new FlatAdam(2, { learningRate: lr });
    const want = [Math.fround(0.2), Math.fround(-0.3)];
    const m = [0, 0];
    const v = [0, 0];
    grads.forEach((g, t) => {
      adam.step(params, g);
      for (let i = 0; i < 2; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2;
        want[i] -= (lr * (m[i] / (1 - b1 ** (t + 1)))) / (Math.sqrt(v[i] / (1 - b2 ** (t + 1))) + eps);
        want[i] = Math.fround(want[i]);
      }
    });
    expect(Array.from(params)).toEqual(want);
    // tfjs's Adam (float32 arithmetic) agrees to float32 rounding
    const x = tf.variable(tf.tensor1d([0.2, -0.3]));
    const opt = tf.train.adam(lr, b1, b2, eps);
    for (const g of grads) opt.applyGradients([{ name: x.name, tensor: tf.tensor1d(g) }]);
    const ref = x.dataSync();
    for (let i = 0; i < 2; i++) expect(params[i]).toBeCloseTo(ref[i], 6);
  });

  it('refuses a bad learning rate and mismatched lengths', () => {
    expect(thrown(() => new FlatAdam(2, { learningRate: 0 })).details.field).toBe('learningRate');
    expect(thrown(() => new FlatAdam(2, { learningRate: 1 }).step(new Float32Array(3), [1, 2, 3])).details.field).toBe('params');
  });
});
