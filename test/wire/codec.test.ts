import { describe, expect, it } from 'vitest';
import { Box, ContextSpace, Dict, Discrete, MetarenaError, MultiBinary, MultiDiscrete, Tuple, createBatch, writeItem } from '../../src/core/index.ts';
import {
  decodeBatch,
  decodeContextSpace,
  decodeError,
  decodeInfo,
  decodeMake,
  decodeReset,
  decodeSpace,
  decodeTensor,
  encodeBatch,
  encodeContextFeature,
  encodeError,
  encodeInfo,
  encodeMake,
  encodeReset,
  encodeSpace,
  fromWireJson,
  pb,
  toWireJson,
} from '../../src/wire/index.ts';

const roundTrip = <T>(codec: { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): unknown }, m: T) => codec.decode(codec.encode(m).finish());

describe('tensors', () => {
  it('decode to typed arrays, copying only unaligned data', () => {
    const a = Float32Array.of(1.5, -2, Infinity, NaN);
    const msg = roundTrip(pb.Tensor, { dtype: pb.DType.DTYPE_FLOAT32, shape: [2, 2], data: new Uint8Array(a.buffer) }) as InstanceType<typeof pb.Tensor>;
    // an unaligned copy of the same bytes
    const shifted = new Uint8Array(17);
    shifted.set(new Uint8Array(a.buffer), 1);
    const unaligned = decodeTensor({ dtype: pb.DType.DTYPE_FLOAT32, shape: [4], data: shifted.subarray(1) }, 'x');
    expect(decodeTensor(msg, 'x')).toEqual(a);
    expect(unaligned).toEqual(a);
    expect(unaligned.byteOffset % 4).toBe(0);
  });

  it('reject a shape that does not match the data, naming the field', () => {
    expect(() => decodeTensor({ dtype: pb.DType.DTYPE_FLOAT64, shape: [3], data: new Uint8Array(16) }, 'actions')).toThrow(/actions.data has 16 bytes/);
    expect(() => decodeTensor({ dtype: 99 as never, shape: [1], data: new Uint8Array(1) }, 'actions')).toThrow(/actions.dtype/);
    expect(() => decodeTensor({ dtype: pb.DType.DTYPE_INT32, shape: [-1], data: new Uint8Array(0) }, 'a')).toThrow(MetarenaError);
  });

  it('read INT64 as numbers', () => {
    const data = new BigInt64Array([3n, -7n]);
    expect(decodeTensor({ dtype: pb.DType.DTYPE_INT64, shape: [2], data: new Uint8Array(data.buffer) }, 'a')).toEqual(Float64Array.of(3, -7));
  });
});

describe('spaces and batches', () => {
  const space = new Dict({
    pos: new Box({ low: [-Infinity, 0], high: [Infinity, 1], dtype: 'float64' }),
    rest: new Tuple([new Discrete(3, -1), new MultiDiscrete([2, 5]), new MultiBinary([2, 2])]),
  });

  it('round-trip specs with infinite limits and nested order', () => {
    const back = decodeSpace(roundTrip(pb.Space, encodeSpace(space)) as InstanceType<typeof pb.Space>);
    expect(back.toJSON()).toEqual(space.toJSON());
    expect(Object.keys((back as Dict).spaces)).toEqual(['pos', 'rest']);
    expect((((back as Dict).spaces.pos) as Box).low[0]).toBe(-Infinity);
  });

  it('round-trip a batch of a nested space', () => {
    const batch = createBatch(space, 3);
    for (let i = 0; i < 3; i++) writeItem(space, batch, i, { pos: Float64Array.of(i, 0.5), rest: [i - 1, Int32Array.of(1, i), Int8Array.of(1, 0, 0, i % 2)] });
    const value = roundTrip(pb.Value, encodeBatch(space, batch, 3)) as InstanceType<typeof pb.Value>;
    expect(decodeBatch(space, value, 'obs')).toEqual(batch);
    expect(() => decodeBatch(space, { tensor: { dtype: 1, shape: [0], data: new Uint8Array(0) } }, 'obs')).toThrow(/obs must be a dict value/);
  });

  it('round-trip context features, infinite bounds kept', () => {
    const ctx = new ContextSpace([{ name: 'g', default: 9.8, lower: 0.1, upper: Infinity, unit: 'm/s^2', description: 'gravity' }, { name: 'k', default: 2, lower: 1, upper: 5, description: 'count', integer: true }]);
    const msgs = ctx.features.map((f) => roundTrip(pb.ContextFeature, encodeContextFeature(f)) as InstanceType<typeof pb.ContextFeature>);
    expect(decodeContextSpace(msgs).features).toEqual(ctx.features);
  });
});

describe('info', () => {
  it('keeps the core layout: nested columns, masks, final_obs and extra keys', () => {
    const obsSpace = new Box({ low: -1, high: 1, shape: [2] });
    const info = {
      context: { g: Float64Array.of(1, 2), _g: Uint8Array.of(1, 1) },
      _context: Uint8Array.of(1, 1),
      trial: Float64Array.of(0, 3),
      _trial: Uint8Array.of(1, 1),
      final_obs: [null, Float32Array.of(0.5, -0.5)],
      _final_obs: Uint8Array.of(0, 1),
      final_info: { episode: { return: Float64Array.of(0, 7), _return: Uint8Array.of(0, 1), length: Float64Array.of(0, 7), _length: Uint8Array.of(0, 1) }, _episode: Uint8Array.of(0, 1) },
      _final_info: Uint8Array.of(0, 1),
      flag: Uint8Array.of(1, 0),
      _flag: Uint8Array.of(1, 1),
      label: ['a', { x: NaN, y: Int32Array.of(4) }],
      _label: Uint8Array.of(1, 1),
    };
    const msg = roundTrip(pb.Info, encodeInfo(info, obsSpace, 2)) as InstanceType<typeof pb.Info>;
    expect(msg.final_obs?.batch).toBeTruthy();
    expect(msg.extra.map((c) => c.key)).toEqual(['flag', 'label']);
    expect(decodeInfo(msg, obsSpace, 2)).toEqual(info);
  });

  it('sends a key few envs reported as their indices and entries, and restores the dense layout', () => {
    const n = 64;
    const obsSpace = new Box({ low: -1, high: 1, shape: [2] });
    const reported = [3, 17, 40];
    const mask = new Uint8Array(n);
    const g = new Float64Array(n);
    const flag = new Uint8Array(n);
    const label: unknown[] = new Array(n).fill(null);
    const finalObs: unknown[] = new Array(n).fill(null);
    for (const i of reported) {
      mask[i] = 1;
      g[i] = 9.8 + i;
      flag[i] = i % 2;
      label[i] = `env ${i}`;
      finalObs[i] = Float32Array.of(i / 100, -i / 100);
    }
    const info = {
      context: { g, _g: mask },
      _context: mask,
      flag,
      _flag: mask,
      label,
      _label: mask,
      final_obs: finalObs,
      _final_obs: mask,
    };
    const msg = roundTrip(pb.Info, encodeInfo(info, obsSpace, n)) as InstanceType<typeof pb.Info>;
    const g64 = msg.context!.info!.extra![0];
    expect(g64.mask).toBeNull();
    expect(Array.from(decodeTensor(g64.indices!, 'indices'))).toEqual(reported);
    expect(g64.tensor!.shape).toEqual([reported.length]);
    expect(msg.final_obs!.batch!.tensor!.shape).toEqual([reported.length, 2]);
    expect(decodeInfo(msg, obsSpace, n)).toEqual(info);
    // a dense column (every env reported) keeps its mask
    const all = new Uint8Array(n).fill(1);
    const dense = roundTrip(pb.Info, encodeInfo({ trial: new Float64Array(n), _trial: all }, obsSpace, n)) as InstanceType<typeof pb.Info>;
    expect(dense.trial!.indices).toBeNull();
    expect(dense.trial!.tensor!.shape).toEqual([n]);
  });

  it('refuses sparse indices that are out of range, unordered, or do not match their entries', () => {
    const obsSpace = new Discrete(2);
    const col = (indices: number[], values: number[]) => ({
      trial: {
        indices: { dtype: pb.DType.DTYPE_INT32, shape: [indices.length], data: new Uint8Array(Int32Array.from(indices).buffer) },
        tensor: { dtype: pb.DType.DTYPE_FLOAT64, shape: [values.length], data: new Uint8Array(Float64Array.from(values).buffer) },
      },
    });
    expect(() => decodeInfo(col([0, 4], [1, 2]), obsSpace, 4)).toThrow(/info.trial.indices must be ascending env indices in \[0, 4\)/);
    expect(() => decodeInfo(col([2, 1], [1, 2]), obsSpace, 4)).toThrow(/ascending/);
    expect(() => decodeInfo(col([1, 2], [1]), obsSpace, 4)).toThrow(/info.trial has 1 entries for 2 indices/);
    expect(decodeInfo(col([1, 2], [5, 6]), obsSpace, 4)).toEqual({ trial: Float64Array.of(0, 5, 6, 0), _trial: Uint8Array.of(0, 1, 1, 0) });
  });

  it('wire JSON keeps non-finite numbers and typed arrays', () => {
    const v = { a: [Infinity, -Infinity, NaN, 1], b: Float32Array.of(0.1, 2) };
    expect(fromWireJson(toWireJson(v), 'x')).toEqual(v);
    expect(() => fromWireJson('{', 'args_json')).toThrow(/args_json is not valid JSON/);
  });
});

describe('requests and errors', () => {
  it('round-trip make options', () => {
    const options = {
      args: { arms: 5 },
      context: { length: 0.7 },
      contextSampler: { kind: 'uniform_scale' as const, low: 0.5, high: 1.5 },
      split: 'test' as const,
      splitSizes: { train: 10 },
      splitSeed: 4,
      taskOrder: 'cycle' as const,
      episodesPerTrial: 3,
      maxEpisodeSteps: 0,
      wrappers: [{ id: 'TimeLimit', max_episode_steps: 9 }],
      autoresetMode: 'same_step' as const,
    };
    const msg = roundTrip(pb.MakeRequest, encodeMake('CartPole-v1', 8, { ...options, seed: 11 })) as InstanceType<typeof pb.MakeRequest>;
    expect(decodeMake(msg)).toEqual({ envId: 'CartPole-v1', numEnvs: 8, seed: 11, options });
  });

  it('round-trip reset arguments with per-env seeds and contexts', () => {
    const args = { seed: [3, null, 5], options: { mask: [true, false, true], context: { g: 1 }, contexts: [null, { g: 2 }, null] } };
    const msg = roundTrip(pb.ResetRequest, encodeReset(1, args)) as InstanceType<typeof pb.ResetRequest>;
    expect(decodeReset(msg)).toEqual(args);
    expect(decodeReset(roundTrip(pb.ResetRequest, encodeReset(1, { seed: 0 })) as InstanceType<typeof pb.ResetRequest>)).toEqual({ seed: 0 });
    expect(() => encodeReset(1, { seed: -1 })).toThrow(/seed must be a non-negative/);
  });

  it('keep error codes and details; other errors become INTERNAL', () => {
    const e = new MetarenaError('METARENA_CONTEXT_OUT_OF_BOUNDS', 'context.g = 99 is outside [0, 1]', { field: 'context.g', allowed: '[0, 1]' });
    const msg = roundTrip(pb.Error, encodeError(e)) as InstanceType<typeof pb.Error>;
    expect(msg.status).toBe(pb.Status.STATUS_INVALID_ARGUMENT);
    const back = decodeError(msg);
    expect([back.code, back.message, back.details]).toEqual([e.code, e.message, e.details]);
    expect(encodeError(new TypeError('boom')).status).toBe(pb.Status.STATUS_INTERNAL);
  });
});
