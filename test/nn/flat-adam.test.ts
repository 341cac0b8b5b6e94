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
    expect(params[0]).toBeCloseTo(1 - 0.1, 5);
    expect(params[1]).toBeCloseTo(-2 + 0.1, 5);
    expect(params[2]).toBe(0.5);
    expect(adam.steps).toBe(1);
  });

  it('gives the bits of tfjs Adam over several steps, and moves each parameter by about lr at first', () => {
    const lr = 0.01;
    const [b1, b2, eps] = [0.9, 0.95, 1e-7];
    const start = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const grads = Array.from({ length: 6 }, (_, t) => Float32Array.from({ length: 50 }, (_, i) => Math.cos(3 * i + t) * (t + 1)));
    const params = start.slice();
    const adam = new FlatAdam(50, { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps });
    const x = tf.variable(tf.tensor1d(start));
    const opt = tf.train.adam(lr, b1, b2, eps);
    grads.forEach((g, t) => {
      adam.step(params, g);
      opt.applyGradients([{ name: x.name, tensor: tf.tensor1d(g) }]);
      expect(Array.from(params)).toEqual(Array.from(x.dataSync()));
      if (t === 0) for (let i = 0; i < 50; i++) expect(Math.abs(params[i] - start[i])).toBeCloseTo(lr, 4);
    });
    expect(adam.steps).toBe(6);
    x.dispose();
    opt.dispose();
  });

  it('refuses a bad learning rate and mismatched lengths', () => {
    expect(thrown(() => new FlatAdam(2, { learningRate: 0 })).details.field).toBe('learningRate');
    expect(thrown(() => new FlatAdam(2, { learningRate: 1 }).step(new Float32Array(3), [1, 2, 3])).details.field).toBe('params');
  });
});
