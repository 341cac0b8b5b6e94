import { describe, expect, it } from 'vitest';
import { routeOf } from '../../src/server/request-route.ts';
import { pb } from '../../src/wire/index.ts';

const bytes = (r: Record<string, unknown>) => pb.Request.encode(r).finish();

describe('routeOf', () => {
  it('reads the payload, num_envs of a make and env_handle of the others without decoding', () => {
    expect(routeOf(bytes({ id: 7, make: { env_id: 'HalfCheetah-v0', num_envs: 4096, seed: 3 } }))).toEqual({ payload: 'make', handle: 0, numEnvs: 4096 });
    expect(routeOf(bytes({ id: 2 ** 40, step: { env_handle: 300, actions: { tensor: { dtype: 1, shape: [2], data: new Uint8Array(8) } } } }))).toMatchObject({ payload: 'step', handle: 300 });
    expect(routeOf(bytes({ reset: { env_handle: 1 } }))).toMatchObject({ payload: 'reset', handle: 1 });
    expect(routeOf(bytes({ close: { env_handle: 5 } }))).toMatchObject({ payload: 'close', handle: 5 });
    expect(routeOf(bytes({ describe: { env_handle: 9 } }))).toMatchObject({ payload: 'describe', handle: 9 });
    // absent fields are 0, as decoding gives them
    expect(routeOf(bytes({ make: { env_id: 'CartPole-v1' } }))).toEqual({ payload: 'make', handle: 0, numEnvs: 0 });
    expect(routeOf(bytes({ step: {} }))).toEqual({ payload: 'step', handle: 0, numEnvs: 0 });
  });

  it('agrees with the decoder on a repeated payload field (the last one wins)', () => {
    const twice = Buffer.concat([bytes({ step: { env_handle: 2 } }), bytes({ reset: { env_handle: 8 } })]);
    const decoded = pb.Request.decode(twice);
    expect(decoded.payload).toBe('reset');
    expect(routeOf(twice)).toMatchObject({ payload: 'reset', handle: 8 });
  });

  it('gives no payload for bytes that are not a well-formed request', () => {
    expect(routeOf(new Uint8Array())).toMatchObject({ payload: undefined });
    expect(routeOf(Uint8Array.of(0xff, 0xff, 0xff))).toMatchObject({ payload: undefined });
    const make = bytes({ make: { env_id: 'CartPole-v1', num_envs: 10 } });
    expect(routeOf(make.subarray(0, make.length - 3))).toMatchObject({ payload: undefined });
    expect(routeOf(Uint8Array.of(0x22, 0x05, 0x08))).toMatchObject({ payload: undefined });
  });
});
