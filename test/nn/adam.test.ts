import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdam, type GradientMap, adam, initBackend } from '../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

const bits = (t: tf.Tensor) => [...t.dataSync()];

describe('FusedAdam', () => {
  it('updates variables and moments bit-for-bit as tf.train.adam, in map and list form', async () => {
    // small variables take the JavaScript path, the [40, 30] one the backend's kernels
    const shapes = [[5, 7], [7], [], [40, 30]];
    const make = () => shapes.map((s, i) => tf.variable(tf.randomNormal(s, 0, 1, 'float32', 10 + i)));
    const ours = make();
    const theirs = make();
    const fused = adam(3e-3, 0.8, 0.95);
    const reference = tf.train.adam(3e-3, 0.8, 0.95);
    for (let step = 0; step < 6; step++) {
      const grads = shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 100 * step + i));
      if (step % 2 === 0) {
        fused.applyGradients(Object.fromEntries(ours.map((v, i) => [v.name, grads[i]])) as GradientMap);
        reference.applyGradients(Object.fromEntries(theirs.map((v, i) => [v.name, grads[i]])) as GradientMap);
      } else {
        fused.applyGradients(ours.map((v, i) => ({ name: v.name, tensor: grads[i] })));
        reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: grads[i] })));
      }
      tf.dispose(grads);
      ours.forEach((v, i) => expect(bits(v)).toEqual(bits(theirs[i])));
    }
    // the variables moved, so the comparison is not of untouched values
    expect(bits(ours[0])).not.toEqual(bits(tf.randomNormal(shapes[0], 0, 1, 'float32', 10)));
    const [a, b] = [await fused.getWeights(), await reference.getWeights()];
    expect(a.map((w) => w.name.replace(/^.*\//, ''))).toEqual(b.map((w) => w.name.replace(/^.*\//, '')));
    a.forEach((w, i) => expect(bits(w.tensor)).toEqual(bits(b[i].tensor)));
    expect(fused).toBeInstanceOf(tf.AdamOptimizer);
    fused.dispose();
    reference.dispose();
    tf.dispose([...ours, ...theirs]);
  });

  it('resumes from the state of a tf.train.adam (setWeights) and continues the same', async () => {
    const v1 = tf.variable(tf.randomNormal([4, 3], 0, 1, 'float32', 1));
    const v2 = tf.variable(v1.clone());
    const reference = tf.train.adam(1e-2);
    const g = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
    reference.applyGradients({ [v2.name]: g } as GradientMap);
    v1.assign(v2);
    const resumed = new FusedAdam(1e-2, 0.9, 0.999);
    await resumed.setWeights(await reference.getWeights());
    reference.applyGradients({ [v2.name]: g } as GradientMap);
    resumed.applyGradients({ [v1.name]: g } as GradientMap);
    expect(bits(v1)).toEqual(bits(v2));
    tf.dispose([v1, v2, g]);
  });

  it('runs one kernel for all variables', async () => {
    const vars = [tf.variable(tf.zeros([64, 64])), tf.variable(tf.zeros([64]))];
    const grads = vars.map((v) => tf.onesLike(v));
    const fused = adam(1e-3);
    fused.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, grads[i]])) as GradientMap);
    const profile = await tf.profile(() => fused.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, grads[i]])) as GradientMap));
    expect(profile.kernels.filter((k) => k.name === 'MetarenaAdam')).toHaveLength(1);
    expect(profile.kernels.length).toBeLessThan(6);
    // no tensor and no backend buffer is left behind by a step
    const before = [tf.memory().numTensors, tf.engine().backend.numDataIds()];
    for (let i = 0; i < 3; i++) fused.applyGradients(Object.fromEntries(vars.map((v, j) => [v.name, grads[j]])) as GradientMap);
    expect([tf.memory().numTensors, tf.engine().backend.numDataIds()]).toEqual(before);
    tf.dispose([...vars, ...grads]);
    fused.dispose();
  });
});
