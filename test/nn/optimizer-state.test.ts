import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/nn/index.ts';
import { optimizerTensors, restoreOptimizer } from '../../src/nn/optimizer-state.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

/** Two variables: one with a path name, one with tfjs's default (integer-like) name, in that order. */
function model(): tf.Variable[] {
  return [tf.variable(tf.tensor2d([[1, 2], [3, 4]]), true, `net/kernel_${Math.random()}`), tf.variable(tf.tensor1d([0.5]), true)];
}

function step(optimizer: tf.Optimizer, vars: tf.Variable[]): void {
  const { grads } = tf.variableGrads(() => tf.add(tf.sum(tf.square(vars[0])), tf.sum(tf.mul(vars[1], 3))) as tf.Scalar, vars);
  optimizer.applyGradients(grads);
  tf.dispose(Object.values(grads));
}

describe('optimizer state codec', () => {
  it('restores Adam so that the next steps match a run that never stopped, whatever the variable names', async () => {
    const a = model();
    const optA = tf.train.adam(0.1);
    for (let k = 0; k < 3; k++) step(optA, a);
    const saved = await optimizerTensors(optA, 'optim/adam');
    expect(Object.keys(saved).sort()).toEqual(['optim/adam/iter', 'optim/adam/slot/0', 'optim/adam/slot/1', 'optim/adam/slot/2', 'optim/adam/slot/3']);
    const b = model();
    b.forEach((v, i) => v.assign(a[i]));
    const optB = tf.train.adam(0.1);
    await restoreOptimizer(optB, saved, b, 'optim/adam');
    tf.dispose(Object.values(saved));
    for (let k = 0; k < 2; k++) {
      step(optA, a);
      step(optB, b);
    }
    a.forEach((v, i) => [...v.dataSync()].forEach((x, j) => expect(b[i].dataSync()[j]).toBeCloseTo(x, 5)));
    tf.dispose([...a, ...b]);
  });

  it('refuses a state that does not fit the variables, naming the checkpoint', async () => {
    const a = model();
    const opt = tf.train.adam(0.1);
    step(opt, a);
    const saved = await optimizerTensors(opt, 'adam');
    const other = [tf.variable(tf.zeros([3, 3]), true, `other_${Math.random()}`), tf.variable(tf.zeros([1]), true)];
    await expect(restoreOptimizer(tf.train.adam(0.1), saved, other, 'adam')).rejects.toMatchObject({ code: 'METARENA_INVALID_ARGUMENT', details: { field: 'checkpoint' } });
    await expect(restoreOptimizer(tf.train.adam(0.1), {}, a, 'adam')).rejects.toThrow(/"adam\/iter" is missing/);
    tf.dispose([...a, ...other, ...Object.values(saved)]);
  });
});
