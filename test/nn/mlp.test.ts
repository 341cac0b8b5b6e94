import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Mlp, initBackend, kernelTanh } from '../../src/nn/index.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

describe('Mlp', () => {
  it.each(['relu', 'tanh'] as const)('%s: the output is bit-for-bit the layer-by-layer matMul, add and activation', (activation) => {
    tf.tidy(() => {
      const mlp = new Mlp({ inputs: 5, hidden: [16, 8], outputs: 3, activation, seed: 3, name: 'probe' });
      for (const layer of mlp.layers) layer.bias.assign(tf.randomNormal(layer.bias.shape, 0, 0.5, 'float32', 9));
      const x = tf.randomNormal([11, 5], 0, 1, 'float32', 4) as tf.Tensor2D;
      let h: tf.Tensor2D = x;
      mlp.layers.forEach((layer, i) => {
        h = tf.add(tf.matMul(h, layer.kernel), layer.bias);
        if (i + 1 < mlp.layers.length) h = activation === 'relu' ? tf.relu(h) : kernelTanh(h);
      });
      const got = mlp.apply(x).dataSync();
      const want = h.dataSync();
      expect(got.length).toBe(33);
      expect([...got.keys()].filter((i) => !Object.is(got[i], want[i]))).toEqual([]);
      mlp.dispose();
    });
  });

  it('refuses an unknown activation, naming the allowed ones', () => {
    expect(() => new Mlp({ inputs: 2, hidden: [4], outputs: 1, activation: 'gelu' as never, seed: 1, name: 'bad' })).toThrow(/activation must be one of tanh, relu, got "gelu"/);
  });
});
