import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.ts';
import { FLAT_ACTIVATIONS, FlatMlp, LEAKY_RELU_SLOPE, Mlp, PRELU_INIT, initBackend } from '../../src/nn/index.ts';
import { thrown } from '../thrown.ts';

beforeAll(async () => {
  await initBackend({ log: () => {} });
});

/** A 2-2-1 network with hand-set weights. */
function tiny(activation: (typeof FLAT_ACTIVATIONS)[number]): FlatMlp {
  const net = new FlatMlp({ inputs: 2, hidden: [2], outputs: 1, activation, name: 'net' });
  // layer 0: kernel [[1, -2], [0.5, 1]] (rows = inputs), bias [0, -1]; layer 1: kernel [[2], [3]], bias [0.25]
  net.params.set([1, -2, 0.5, 1, 0, -1, 2, 3, 0.25]);
  return net;
}

describe('FlatMlp', () => {
  it('computes act(x·W + b) layer by layer, with a linear output, for each activation', () => {
    const x = [1, 2];
    // pre-activations: z0 = 1·1 + 2·0.5 + 0 = 2, z1 = 1·(−2) + 2·1 − 1 = −1
    const act = {
      tanh: [Math.tanh(2), Math.tanh(-1)],
      relu: [2, 0],
      leakyrelu: [2, -LEAKY_RELU_SLOPE],
      prelu: [2, -PRELU_INIT],
    };
    for (const a of FLAT_ACTIVATIONS) {
      const [h0, h1] = act[a];
      expect(tiny(a).forward(x)[0], a).toBeCloseTo(2 * h0 + 3 * h1 + 0.25, 12);
    }
  });

  it('matches the tfjs Mlp given the same weights (relu and tanh)', () => {
    for (const activation of ['relu', 'tanh'] as const) {
      const ref = new Mlp({ inputs: 5, hidden: [7, 3], outputs: 2, activation, seed: 4, name: 'ref' });
      const flat = new FlatMlp({ inputs: 5, hidden: [7, 3], outputs: 2, activation, name: 'ref' });
      const arrays: Record<string, { values: Float32Array; shape: number[] }> = {};
      for (const [key, v] of Object.entries(ref.namedVariables())) arrays[key] = { values: v.dataSync() as Float32Array, shape: v.shape };
      // the tfjs biases start at zero: give them values so that they are checked too
      for (const key of Object.keys(arrays).filter((k) => k.endsWith('/bias'))) arrays[key].values = arrays[key].values.map((_, i) => 0.1 * (i + 1) - 0.2);
      for (const [key, v] of Object.entries(ref.namedVariables())) v.assign(tf.tensor(arrays[key].values, v.shape));
      flat.assign(arrays);
      const x = [0.3, -1.2, 2, 0, 0.7];
      const want = ref.apply(tf.tensor2d([x])).dataSync();
      const got = flat.forward(x);
      for (let i = 0; i < 2; i++) expect(got[i]).toBeCloseTo(want[i], 5);
      ref.dispose();
    }
  });

  it('backward gives the gradient of a loss (finite differences, every activation)', () => {
    for (const activation of FLAT_ACTIVATIONS) {
      const net = new FlatMlp({ inputs: 3, hidden: [4, 3], outputs: 2, activation, name: 'g' }).initUniform(new Rng(7));
      const x = [0.4, -0.9, 1.3];
      const target = [0.5, -1];
      // loss = ½‖y − target‖², so ∂loss/∂y = y − target
      const loss = () => {
        const y = net.forward(x);
        return 0.5 * ((y[0] - target[0]) ** 2 + (y[1] - target[1]) ** 2);
      };
      const trace = net.newTrace();
      const y = net.forward(x, undefined, trace);
      const grads = new Float64Array(net.params.length);
      const dx = net.backward(trace, [y[0] - target[0], y[1] - target[1]], grads);
      const h = 1e-2;
      for (let k = 0; k < net.params.length; k++) {
        const keep = net.params[k];
        net.params[k] = keep + h;
        const up = loss();
        net.params[k] = keep - h;
        const down = loss();
        net.params[k] = keep;
        // float32 parameters: the perturbed values are rounded, so compare with their actual spacing
        const spacing = Math.fround(keep + h) - Math.fround(keep - h);
        expect(grads[k], `${activation} param ${k}`).toBeCloseTo((up - down) / spacing, 3);
      }
      const xs = [...x];
      for (let i = 0; i < 3; i++) {
        const at = (v: number) => {
          const z = [...xs];
          z[i] = v;
          const out = net.forward(z);
          return 0.5 * ((out[0] - target[0]) ** 2 + (out[1] - target[1]) ** 2);
        };
        expect(dx[i], `${activation} input ${i}`).toBeCloseTo((at(xs[i] + 1e-5) - at(xs[i] - 1e-5)) / 2e-5, 5);
      }
    }
  });

  it("inits as PyTorch's nn.Linear (U(±1/√fan_in)), reproducibly from the seed", () => {
    const a = new FlatMlp({ inputs: 16, hidden: [9], outputs: 3, activation: 'prelu', name: 'a' }).initUniform(new Rng(1));
    const b = new FlatMlp({ inputs: 16, hidden: [9], outputs: 3, activation: 'prelu', name: 'a' }).initUniform(new Rng(1));
    const c = new FlatMlp({ inputs: 16, hidden: [9], outputs: 3, activation: 'prelu', name: 'a' }).initUniform(new Rng(2));
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(Array.from(a.params)).not.toEqual(Array.from(c.params));
    const arrays = a.namedArrays();
    const layer0 = [...arrays['a/0/kernel'].values, ...arrays['a/0/bias'].values];
    const layer1 = [...arrays['a/1/kernel'].values, ...arrays['a/1/bias'].values];
    expect(Math.max(...layer0.map(Math.abs))).toBeLessThanOrEqual(1 / 4);
    expect(Math.max(...layer0.map(Math.abs))).toBeGreaterThan(0.2);
    expect(Math.max(...layer1.map(Math.abs))).toBeLessThanOrEqual(1 / 3);
    expect(Array.from(arrays['a/0/prelu'].values)).toEqual([PRELU_INIT]);
    expect(arrays['a/0/kernel'].shape).toEqual([16, 9]);
  });

  it('lives in a view of a shared vector when given one', () => {
    const shared = new Float32Array(FlatMlp.parameterCount(2, [2], 1) + 3);
    const net = new FlatMlp({ inputs: 2, hidden: [2], outputs: 1, activation: 'relu', name: 'v' }, shared.subarray(3));
    expect(FlatMlp.parameterCount(2, [2], 1)).toBe(2 * 2 + 2 + 2 * 1 + 1);
    shared.set([1, -2, 0.5, 1, 0, -1, 2, 3, 0.25], 3);
    expect(net.forward([1, 2])[0]).toBe(2 * 2 + 0.25);
    expect(thrown(() => new FlatMlp({ inputs: 2, hidden: [2], outputs: 1, activation: 'relu', name: 'v' }, new Float32Array(4))).details.field).toBe('params');
  });

  it('assign copies checked tensors; missing keys, wrong shapes, non-finite values and bad options are errors', () => {
    const src = tiny('prelu');
    src.slopes[0] = 0.1;
    const dst = new FlatMlp({ inputs: 2, hidden: [2], outputs: 1, activation: 'prelu', name: 'net' });
    dst.assign(src.namedArrays());
    expect(dst.forward([1, 2])[0]).toBe(src.forward([1, 2])[0]);
    expect(Array.from(dst.slopes)).toEqual([Math.fround(0.1)]);
    const { 'net/1/bias': _drop, ...missing } = src.namedArrays();
    expect(thrown(() => dst.assign(missing)).message).toMatch(/net\/1\/bias.*missing/);
    expect(thrown(() => dst.assign({ ...src.namedArrays(), 'net/0/bias': { values: new Float32Array(3), shape: [3] } })).message).toMatch(/shape \[3\].*needs \[2\]/);
    expect(thrown(() => dst.assign({ ...src.namedArrays(), 'net/0/bias': { values: Float32Array.of(0, Number.NaN), shape: [2] } })).message).toMatch(/not finite/);
    expect(thrown(() => new FlatMlp({ inputs: 2, hidden: [2], outputs: 1, activation: 'gelu' as 'relu', name: 'x' })).details.field).toBe('activation');
    expect(thrown(() => new FlatMlp({ inputs: 0, hidden: [], outputs: 1, activation: 'relu', name: 'x' })).details.field).toBe('inputs');
    expect(thrown(() => tiny('relu').forward([1])).details.field).toBe('input');
  });
});
