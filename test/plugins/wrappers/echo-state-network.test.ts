import { describe, expect, it } from 'vitest';
import { csrToDense, resolveArgs, spectralRadius } from '../../../src/core/index.ts';
import { EchoStateNetwork, RESERVOIR_ARGS, type ReservoirSpec } from '../../../src/plugins/wrappers/echo-state-network.ts';
import { thrown } from '../../thrown.ts';

const spec = (given: Partial<ReservoirSpec> = {}): ReservoirSpec => resolveArgs(RESERVOIR_ARGS, given, 'reservoir');

describe('EchoStateNetwork', () => {
  it('x <- (1 - lr) x + lr tanh(W_in u + W x + b) on a hand case', () => {
    const lr = 0.3;
    const net = EchoStateNetwork.fromWeights({ units: 2, inputs: 1, W: [0, 0.5, -0.5, 0], Win: [1, 2], bias: [0.1, -0.1], leakRate: lr });
    net.update([1]);
    const x1 = [lr * Math.tanh(1 + 0.1), lr * Math.tanh(2 - 0.1)];
    expect(Array.from(net.state)).toEqual(x1);
    net.update([-0.5]);
    const x2 = [(1 - lr) * x1[0] + lr * Math.tanh(0.5 * x1[1] - 0.5 + 0.1), (1 - lr) * x1[1] + lr * Math.tanh(-0.5 * x1[0] - 1 - 0.1)];
    expect(net.state[0]).toBeCloseTo(x2[0], 15);
    expect(net.state[1]).toBeCloseTo(x2[1], 15);
    net.clear();
    expect(Array.from(net.state)).toEqual([0, 0]);
  });

  it('random: W is scaled to the spectral radius asked for and depends only on (seed, units, connectivity)', () => {
    const a = EchoStateNetwork.random(spec({ units: 30, spectralRadius: 0.5 }), 3, 11);
    const b = EchoStateNetwork.random(spec({ units: 30, spectralRadius: 2, leakRate: 0.2 }), 7, 11);
    expect(spectralRadius(csrToDense(a.W), 30)).toBeCloseTo(0.5, 10);
    expect(spectralRadius(csrToDense(b.W), 30)).toBeCloseTo(2, 10);
    expect(Array.from(b.W.colIndex)).toEqual(Array.from(a.W.colIndex));
    a.W.values.forEach((v, e) => expect(b.W.values[e] / v).toBeCloseTo(4, 12));
    expect([a.inputs, b.inputs, b.leakRate]).toEqual([3, 7, 0.2]);
    const other = EchoStateNetwork.random(spec({ units: 30, spectralRadius: 0.5 }), 3, 12);
    expect(Array.from(other.W.values)).not.toEqual(Array.from(a.W.values));
  });

  it('errors: a W with spectral radius 0 names the reservoir connectivity; weights of mismatched sizes', () => {
    const zero = thrown(() => EchoStateNetwork.random(spec({ units: 2 }), 1, 0, 'reservoirs[4]'));
    expect(zero.code).toBe('METARENA_INVALID_OPTION');
    expect(zero.details).toMatchObject({ field: 'reservoirs[4].connectivity', plugin: 'Reservoir' });
    expect(zero.message).toContain('spectral radius 0');
    const sizes = thrown(() => EchoStateNetwork.fromWeights({ units: 2, inputs: 1, W: [0, 1, 1, 0], Win: [1, 1], bias: [0, 0, 0], leakRate: 1 }));
    expect([sizes.code, sizes.details.field]).toEqual(['METARENA_INVALID_ARGUMENT', 'weights']);
  });
});
