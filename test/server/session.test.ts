import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.ts';
import { RemoteVectorEnv, getStats } from '../../src/client/index.ts';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '../../src/server/index.ts';
import { pb, type v1 } from '../../src/wire/index.ts';
import { eventually, FrameCounter, RawSession, RawWebSocket, startLoopbackServer } from './harness.ts';

const S = pb.Status;
let server: RunningServer;

beforeAll(async () => {
  const faulty = fileURLToPath(new URL('./fixtures/faulty-envs.ts', import.meta.url));
  server = await startLoopbackServer({ plugins: [faulty], limits: { maxMessageBytes: 1 << 20, maxEnvsPerSession: 64 } });
});
afterAll(async () => {
  await server?.close();
});

const f64 = (...v: number[]) => ({ dtype: pb.DType.DTYPE_FLOAT32, shape: [v.length, 1], data: new Uint8Array(Float32Array.from(v).buffer) });

/** Requests with the status each must get. Handle 1 is a reset Pendulum-v1 (2 envs), handle 2 a CartPole-v1 never reset. */
const CASES: [string, v1.IRequest, number | undefined][] = [
  ['step on an unknown handle', { step: { env_handle: 999, actions: { tensor: f64(0, 0) } } }, S.STATUS_NOT_FOUND],
  ['reset on an unknown handle', { reset: { env_handle: 0 } }, S.STATUS_NOT_FOUND],
  ['close an unknown handle', { close: { env_handle: 77 } }, S.STATUS_NOT_FOUND],
  ['make an unknown env', { make: { env_id: 'NoSuchEnv-v9', num_envs: 1 } }, S.STATUS_NOT_FOUND],
  ['make zero envs', { make: { env_id: 'CartPole-v1', num_envs: 0 } }, S.STATUS_INVALID_ARGUMENT],
  ['make more envs than allowed', { make: { env_id: 'CartPole-v1', num_envs: 100_000 } }, S.STATUS_RESOURCE_EXHAUSTED],
  ['make with malformed args JSON', { make: { env_id: 'CartPole-v1', num_envs: 1, args_json: '{' } }, S.STATUS_INVALID_ARGUMENT],
  ['make with an unknown autoreset mode', { make: { env_id: 'CartPole-v1', num_envs: 1, autoreset_mode: 9 as never } }, S.STATUS_INVALID_ARGUMENT],
  ['make with an unknown wrapper', { make: { env_id: 'CartPole-v1', num_envs: 1, wrappers: [{ id: 'NoWrapper' }] } }, S.STATUS_NOT_FOUND],
  ['make with a context out of bounds', { make: { env_id: 'CartPole-v1', num_envs: 1, context: { masscart: 1e9 } } }, S.STATUS_INVALID_ARGUMENT],
  ['NaN actions', { step: { env_handle: 1, actions: { tensor: f64(NaN, 0) } } }, S.STATUS_INVALID_ARGUMENT],
  ['too few actions', { step: { env_handle: 1, actions: { tensor: f64(0) } } }, S.STATUS_INVALID_ARGUMENT],
  ['data shorter than the shape', { step: { env_handle: 1, actions: { tensor: { dtype: pb.DType.DTYPE_FLOAT32, shape: [2, 1], data: new Uint8Array(3) } } } }, S.STATUS_INVALID_ARGUMENT],
  ['a dict value for a Box space', { step: { env_handle: 1, actions: { dict: { entries: [] } } } }, S.STATUS_INVALID_ARGUMENT],
  ['no actions at all', { step: { env_handle: 1 } }, S.STATUS_INVALID_ARGUMENT],
  ['a reset with an unknown context feature', { reset: { env_handle: 1, context: { values: { nope: 1 } } } }, S.STATUS_INVALID_ARGUMENT],
  ['a reset with both seed and seeds', { reset: { env_handle: 1, seed: 1, seeds: [{ seed: 1 }, {}] } }, S.STATUS_INVALID_ARGUMENT],
  ['a mask of the wrong length', { reset: { env_handle: 1, mask: [true] } }, S.STATUS_INVALID_ARGUMENT],
  ['step before reset', { step: { env_handle: 2, actions: { tensor: { dtype: pb.DType.DTYPE_INT32, shape: [1], data: new Uint8Array(4) } } } }, S.STATUS_FAILED_PRECONDITION],
  ['an empty envelope', {}, S.STATUS_INVALID_ARGUMENT],
  ['a valid step', { step: { env_handle: 1, actions: { tensor: f64(0.5, -0.5) } } }, undefined],
];

const SETUP: v1.IRequest[] = [{ make: { env_id: 'Pendulum-v1', num_envs: 2 } }, { reset: { env_handle: 1, seed: 3 } }, { make: { env_id: 'CartPole-v1', num_envs: 1 } }];

describe('the session under fuzzing', () => {
  it('answers thousands of malformed and out-of-order requests in order with the right status, and a parallel session sees no errors', async () => {
    // a well-behaved session running alongside
    const good = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 4);
    await good.reset({ seed: 0 });
    let goodSteps = 0;
    let goodError: unknown;
    let fuzzing = true;
    const goodLoop = (async () => {
      const actions = Int32Array.of(0, 1, 0, 1);
      try {
        while (fuzzing) {
          await good.step(actions);
          goodSteps += 1;
        }
      } catch (e) {
        goodError = e;
      }
    })();

    const rng = new Rng(2024);
    // session A: garbage and bit-flipped messages; any answer but INTERNAL is fine
    const chaos = new RawSession(server.grpcAddress);
    for (const r of SETUP) chaos.send(r);
    const valid = pb.Request.encode({ id: 5, step: { env_handle: 1, actions: { tensor: f64(0.1, 0.2) } } }).finish();
    const CHAOS = 1500;
    for (let i = 0; i < CHAOS; i++) {
      let bytes: Uint8Array;
      if (i % 2 === 0) {
        bytes = Uint8Array.from({ length: rng.integer(48) }, () => rng.integer(256));
      } else {
        bytes = valid.slice();
        for (let k = 0; k <= rng.integer(3); k++) bytes[rng.integer(bytes.length)] ^= 1 << rng.integer(8);
      }
      chaos.sendBytes(bytes);
    }

    // session B: structured mistakes with known answers
    const structured = new RawSession(server.grpcAddress);
    for (const r of SETUP) structured.send(r);
    const sent: [string, number | undefined][] = [];
    for (let i = 0; i < 1500; i++) {
      const [name, req, status] = CASES[rng.integer(CASES.length)];
      structured.send({ ...req, id: 1000 + i });
      sent.push([name, status]);
    }

    const [a, b] = await Promise.all([chaos.until(SETUP.length + CHAOS), structured.until(SETUP.length + sent.length)]);
    fuzzing = false;
    await goodLoop;
    expect(chaos.status).toBeUndefined();
    expect(a.length).toBe(SETUP.length + CHAOS);
    const statuses = new Set(a.slice(SETUP.length).map((r) => (r.error ? r.error.status : 'ok')));
    expect(statuses.has(S.STATUS_INTERNAL)).toBe(false);
    expect(statuses.has(S.STATUS_UNSPECIFIED)).toBe(false);
    expect(statuses.has(S.STATUS_INVALID_ARGUMENT)).toBe(true);

    expect(b.slice(0, SETUP.length).every((r) => !r.error)).toBe(true);
    const got = b.slice(SETUP.length).map((r, i) => [sent[i][0], r.id, r.error ? r.error.status : undefined]);
    expect(got).toEqual(sent.map(([name, status], i) => [name, 1000 + i, status]));
    for (const r of b.slice(SETUP.length)) if (r.error) expect(r.error.message?.length).toBeGreaterThan(10);

    expect(goodError).toBeUndefined();
    expect(goodSteps).toBeGreaterThan(0);
    chaos.close();
    structured.close();
    await good.close();
    expect((await getStats(server.grpcAddress)).errors_total).toBeGreaterThan(1000);
  });

  it('ends a stream that sends a message over the size limit with RESOURCE_EXHAUSTED, and keeps serving', async () => {
    const big = new RawSession(server.grpcAddress);
    big.send({ make: { env_id: 'x'.repeat(2 << 20), num_envs: 1 } });
    expect((await big.ended()).code).toBe(S.STATUS_RESOURCE_EXHAUSTED);
    big.close();
    const env = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 1);
    await env.reset({ seed: 1 });
    await env.close();
  });
});

describe('a faulty plugin harms only its own session', () => {
  for (const [id, what] of [
    ['test/Throwing-v0', 'simulated plugin failure'],
    ['test/NanReward-v0', 'reward is NaN'],
  ] as const) {
    it(`${id}: the failing step is an error naming the plugin; the env needs a reset; other sessions run on`, async () => {
      const other = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 2);
      await other.reset({ seed: 9 });
      const bad = await RemoteVectorEnv.connect({ address: server.grpcAddress }, id, 2);
      await bad.reset({ seed: 1 });
      await bad.step(Int32Array.of(0, 0));
      const failure = await bad.step(Int32Array.of(0, 1)).catch((e) => e);
      expect(failure).toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: expect.stringContaining(what), status: 'INTERNAL' });
      await expect(bad.step(Int32Array.of(0, 0))).rejects.toMatchObject({ code: 'METARENA_RESET_NEEDED', status: 'FAILED_PRECONDITION' });
      await bad.reset({ seed: 2 });
      await bad.step(Int32Array.of(0, 0));
      await other.step(Int32Array.of(1, 1));
      await bad.close();
      await other.close();
    });
  }
});

describe('actions of the wrong shape', () => {
  const f32 = (shape: number[]) => ({ dtype: pb.DType.DTYPE_FLOAT32, shape, data: new Uint8Array(4 * shape.reduce((a, b) => a * b, 1)) });
  const i32 = (shape: number[]) => ({ dtype: pb.DType.DTYPE_INT32, shape, data: new Uint8Array(4 * shape.reduce((a, b) => a * b, 1)) });
  it('are refused with METARENA_INVALID_ACTION naming the shape expected, even when the element count fits', async () => {
    const s = new RawSession(server.grpcAddress);
    s.send({ id: 1, make: { env_id: 'HalfCheetah-v0', num_envs: 2 } });
    s.send({ id: 2, reset: { env_handle: 1, seed: 0 } });
    s.send({ id: 3, make: { env_id: 'CartPole-v1', num_envs: 4 } });
    s.send({ id: 4, reset: { env_handle: 2, seed: 0 } });
    const bad: [number, number[], (shape: number[]) => v1.ITensor, string][] = [
      [1, [6, 2], f32, '[2, 6]'],
      [1, [12], f32, '[2, 6]'],
      [1, [2, 6, 1], f32, '[2, 6]'],
      [2, [4, 1], i32, '[4]'],
      [2, [2, 2], i32, '[4]'],
    ];
    for (const [k, [handle, shape, tensor]] of bad.entries()) s.send({ id: 10 + k, step: { env_handle: handle, actions: { tensor: tensor(shape) } } });
    s.send({ id: 20, step: { env_handle: 1, actions: { tensor: f32([2, 6]) } } });
    s.send({ id: 21, step: { env_handle: 2, actions: { tensor: i32([4]) } } });
    const r = await s.until(4 + bad.length + 2);
    expect(r.slice(0, 4).map((x) => x.error)).toEqual([null, null, null, null]);
    for (const [k, [, shape, , expected]] of bad.entries()) {
      const e = r[4 + k].error!;
      expect([e.code, e.field, e.allowed]).toEqual(['METARENA_INVALID_ACTION', 'actions.shape', expected]);
      expect(e.message).toContain(`[${shape.join(', ')}]`);
    }
    expect(r.slice(-2).map((x) => x.error)).toEqual([null, null]);
    s.close();
  });
});

describe('the response-size limit', () => {
  it('refuses in-band, on gRPC and WebSocket alike, an answer larger than --max-message-bytes, and the session stays usable', async () => {
    const small = await startLoopbackServer({ limits: { maxMessageBytes: 4096 } });
    // 300 CartPole observations are 4800 bytes of float32 alone; 4 fit
    const requests: v1.IRequest[] = [
      { id: 1, make: { env_id: 'CartPole-v1', num_envs: 300 } },
      { id: 2, reset: { env_handle: 1, seed: 1 } },
      { id: 3, make: { env_id: 'CartPole-v1', num_envs: 4 } },
      { id: 4, reset: { env_handle: 2, seed: 1 } },
    ];
    const check = (answers: v1.Response[]) => {
      expect(answers.map((r) => [r.id, r.error?.code ?? 'ok'])).toEqual([
        [1, 'ok'],
        [2, 'METARENA_LIMIT_EXCEEDED'],
        [3, 'ok'],
        [4, 'ok'],
      ]);
      const e = answers[1].error!;
      expect([e.status, e.field]).toEqual([S.STATUS_RESOURCE_EXHAUSTED, 'reset']);
      expect(e.message).toMatch(/more than the server sends in one message \(4096 bytes, --max-message-bytes\)/);
      expect(answers[3].reset!.obs!.tensor!.shape).toEqual([4, 4]);
    };
    try {
      const viaGrpc = new RawSession(small.grpcAddress);
      for (const r of requests) viaGrpc.send(r);
      check(await viaGrpc.until(requests.length));
      expect(viaGrpc.status).toBeUndefined();
      viaGrpc.close();

      const { ws } = await RawWebSocket.open(small.wsAddress);
      const frames = new FrameCounter(true);
      frames.push(ws.head);
      ws.socket.on('data', (d: Buffer) => frames.push(d));
      for (const r of requests) ws.send(pb.Request.encode(r).finish());
      expect(await eventually(() => frames.frames === requests.length, 10_000)).toBe(true);
      check(frames.payloads.map((b) => pb.Response.decode(b)));
      ws.close();
    } finally {
      await small.close();
    }
  });
});
