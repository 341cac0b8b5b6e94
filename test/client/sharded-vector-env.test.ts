import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Info, InfoBatcher, type MakeVecOptions, MetarenaError, Registry, Rng, type VectorEnv, type VectorResetArgs } from '../../src/core/index.ts';
import { RemoteVectorEnv, ShardedVectorEnv } from '../../src/client/index.ts';
import { dnsTarget, expandAddresses } from '../../src/client/addresses.ts';
import { mergeInfos, splitBlocks } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { type RunningServer, startServer } from '../../src/server/index.ts';

let servers: RunningServer[];
beforeAll(async () => {
  servers = await Promise.all([0, 1, 2].map(() => startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry() })));
});
afterAll(async () => {
  await Promise.all((servers ?? []).map((s) => s.close()));
});

type Call = { reset: VectorResetArgs } | { step: 'random' };

/** Runs the calls with seeded random actions, recording every result. */
async function run(env: VectorEnv, calls: Call[], seed: number): Promise<unknown[]> {
  const rng = new Rng(seed);
  const trace: unknown[] = [];
  for (const c of calls) {
    if ('reset' in c) trace.push(await env.reset(c.reset));
    else {
      const actions = Array.from({ length: env.numEnvs }, () => env.singleActionSpace.sample(rng));
      trace.push({ actions, result: await env.step(actions) });
    }
  }
  return trace;
}

const steps = (k: number): Call[] => Array.from({ length: k }, () => ({ step: 'random' }) as const);

/** The same calls against one server and spread over `k` servers: equal results, bit for bit. */
async function compare(envId: string, numEnvs: number, k: number, options: MakeVecOptions & { seed?: number }, calls: Call[], transport: 'grpc' | 'ws' = 'grpc') {
  const addressOf = (s: RunningServer) => (transport === 'grpc' ? s.grpcAddress : s.wsAddress);
  const one = await RemoteVectorEnv.connect({ address: addressOf(servers[0]), transport }, envId, numEnvs, options);
  const many = await RemoteVectorEnv.connect({ address: servers.slice(0, k).map(addressOf), transport }, envId, numEnvs, options);
  try {
    expect(many).toBeInstanceOf(ShardedVectorEnv);
    expect(many.blocks.map((b) => b.count)).toEqual(splitBlocks(numEnvs, k).map((b) => b.count));
    expect(new Set(many.blocks.map((b) => b.address)).size).toBe(Math.min(k, numEnvs));
    expect(many.numEnvs).toBe(numEnvs);
    expect(many.singleObservationSpace.toJSON()).toEqual(one.singleObservationSpace.toJSON());
    expect(many.contextSpace.features).toEqual(one.contextSpace.features);
    expect(many.autoresetMode).toBe(one.autoresetMode);
    const expected = await run(one, calls, 3);
    const got = await run(many, calls, 3);
    expect(got).toEqual(expected);
    return expected;
  } finally {
    await Promise.all([one.close(), many.close()]);
  }
}

describe('a vector env spread over several servers gives the one-server trajectory bit for bit', () => {
  it('splits n envs into contiguous blocks of nearly equal size', () => {
    expect(splitBlocks(256, 2)).toEqual([{ start: 0, count: 128 }, { start: 128, count: 128 }]);
    expect(splitBlocks(7, 3)).toEqual([{ start: 0, count: 3 }, { start: 3, count: 2 }, { start: 5, count: 2 }]);
    expect(splitBlocks(2, 3)).toEqual([{ start: 0, count: 1 }, { start: 1, count: 1 }]);
  });

  it('CartPole-v1, next_step autoreset: a context sampler, trials, short episodes, masked resets with per-env seeds and contexts', async () => {
    const calls: Call[] = [
      { reset: { seed: 11 } },
      ...steps(9),
      { reset: { seed: [1, null, 3, null, 5], options: { mask: [true, false, true, true, false], contexts: [null, null, { length: 0.7 }, { gravity: 5 }, null] } } },
      ...steps(6),
      { reset: { options: { context: { masscart: 2 }, mask: [0, 0, 0, 1, 1] } } },
      ...steps(4),
    ];
    const trace = await compare('CartPole-v1', 5, 2, { contextSampler: { kind: 'uniform_scale', low: 0.5, high: 1.5 }, episodesPerTrial: 2, maxEpisodeSteps: 4 }, calls);
    // the masked reset's contexts reached the envs of the second block
    const masked = trace[10] as { info: { context: Record<string, Float64Array>; _context: Uint8Array } };
    expect(Array.from(masked.info._context)).toEqual([1, 0, 1, 1, 0]);
    expect(masked.info.context.gravity[3]).toBe(5);
  });

  it('same_step autoreset over 3 servers: final_obs and final_info of every block', async () => {
    const trace = await compare('Pendulum-v1', 7, 3, { autoresetMode: 'same_step', maxEpisodeSteps: 3 }, [{ reset: { seed: 2 } }, ...steps(7)]);
    const ended = trace.slice(1).filter((s) => ((s as { result: { info: Info } }).result.info._final_obs as Uint8Array | undefined)?.every((v) => v === 1));
    expect(ended.length).toBeGreaterThan(0);
  });

  it('a Dict observation (visible context) over WebSocket, seeded by the make option', async () => {
    const options = { seed: 40, wrappers: [{ id: 'ContextObservation', mode: 'dict' }], contextSampler: { kind: 'uniform_scale', low: 0.8, high: 1.2 } } as MakeVecOptions & { seed: number };
    await compare('CartPole-v1', 4, 2, options, [{ reset: {} }, ...steps(5)], 'ws');
  });

  it('autoreset disabled: stepping a finished env is refused before any server steps, as one vector env refuses it', async () => {
    const opts = { autoresetMode: 'disabled', maxEpisodeSteps: 2 } as const;
    const trace = await compare('CartPole-v1', 4, 2, opts, [{ reset: { seed: 0 } }, ...steps(2), { reset: { options: { mask: [1, 1, 1, 1] } } }, ...steps(1)]);
    expect(trace).toHaveLength(5);
    const local = createBuiltinRegistry().makeVec('CartPole-v1', 4, opts);
    const many = await RemoteVectorEnv.connect({ address: servers.slice(0, 2).map((s) => s.grpcAddress) }, 'CartPole-v1', 4, opts);
    try {
      for (const env of [local, many]) {
        await env.reset({ seed: 0 });
        await env.step(Int32Array.of(0, 0, 0, 0));
        await env.step(Int32Array.of(0, 0, 0, 0));
      }
      const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: MetarenaError) => ({ code: e.code, message: e.message, field: e.details.field }));
      const expected = await refusal(local.step(Int32Array.of(0, 0, 0, 0)));
      expect(expected?.code).toBe('METARENA_RESET_NEEDED');
      expect(await refusal(many.step(Int32Array.of(0, 0, 0, 0)))).toEqual(expected);
      // a masked reset of the finished envs lets it go on, as it does locally
      const [a, b] = await Promise.all([local.reset({ options: { mask: [1, 1, 1, 1] } }), many.reset({ options: { mask: [1, 1, 1, 1] } })]);
      expect(b.obs).toEqual(a.obs);
    } finally {
      await Promise.all([local.close(), many.close()]);
    }
  });

  it('more servers than envs: one env each, the rest unused', async () => {
    await compare('Acrobot-v1', 2, 3, {}, [{ reset: { seed: 9 } }, ...steps(3)]);
  });
});

describe('errors of a vector env spread over several servers', () => {
  it('name the env of the whole vector env, as one server does', async () => {
    const one = await RemoteVectorEnv.connect({ address: servers[0].grpcAddress }, 'CartPole-v1', 4);
    const many = await RemoteVectorEnv.connect({ address: [servers[0].grpcAddress, servers[1].grpcAddress] }, 'CartPole-v1', 4);
    const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: MetarenaError) => ({ code: e.code, message: e.message, field: e.details.field }));
    try {
      await one.reset({ seed: 1 });
      await many.reset({ seed: 1 });
      const bad = [0, 1, 1, 5];
      const expected = await failure(one.step(bad));
      expect(expected).toMatchObject({ code: 'METARENA_INVALID_ACTION', field: 'actions[3]' });
      expect(await failure(many.step(bad))).toEqual(expected);
      const ctx = { options: { contexts: [null, null, null, { gravity: -1 }] } };
      const ctxError = await failure(one.reset(ctx));
      expect(ctxError?.field).toBe('options.contexts[3].gravity');
      expect(await failure(many.reset(ctx))).toEqual(ctxError);
      await expect(many.reset({ seed: [1, 2] })).rejects.toMatchObject({ code: 'METARENA_INVALID_SEED' });
      await expect(many.reset({ options: { mask: [true] } })).rejects.toMatchObject({ code: 'METARENA_INVALID_ARGUMENT', details: { field: 'options.mask' } });
    } finally {
      await Promise.all([one.close(), many.close()]);
    }
  });

  it('refuse servers that make the env differently, and unknown envs as one server does', async () => {
    const acrobot = createBuiltinRegistry().env('Acrobot-v1');
    const other = await startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: new Registry([{ ...acrobot, id: 'CartPole-v1' }]) });
    try {
      const err = await RemoteVectorEnv.connect({ address: [servers[0].grpcAddress, other.grpcAddress] }, 'CartPole-v1', 4).catch((e: MetarenaError) => e);
      expect(err).toBeInstanceOf(MetarenaError);
      expect(err).toMatchObject({ code: 'METARENA_NOT_SUPPORTED', details: { field: 'address[1]' } });
      expect((err as Error).message).toMatch(/make CartPole-v1 differently \(observation space/);
      // the envs made were freed again
      expect([servers[0].stats().envs, other.stats().envs]).toEqual([0, 0]);
      await expect(RemoteVectorEnv.connect({ address: [servers[0].grpcAddress, servers[1].grpcAddress] }, 'CartPol-v1', 2)).rejects.toMatchObject({ code: 'METARENA_UNKNOWN_ENV' });
      await expect(RemoteVectorEnv.connect({ address: [] }, 'CartPole-v1', 2)).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', details: { field: 'address' } });
      await expect(RemoteVectorEnv.connect({ address: [servers[0].grpcAddress], onServerLost: 'retry' as 'error' }, 'CartPole-v1', 2)).rejects.toMatchObject({ details: { field: 'onServerLost' } });
    } finally {
      await other.close();
    }
  });

  it('name the server that cannot be reached', async () => {
    const closed = await startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry() });
    const gone = closed.grpcAddress;
    await closed.close();
    const err = await RemoteVectorEnv.connect({ address: [servers[0].grpcAddress, gone], timeoutMs: 5000 }, 'CartPole-v1', 2).catch((e: MetarenaError) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/METARENA_UNAVAILABLE|METARENA_TIMEOUT/) });
    expect((err as Error).message).toContain(gone);
  });
});

describe('merging the blocks\' infos', () => {
  /** Random per-env infos of every kind the core batches, some keys mixing kinds across envs. */
  function randomInfos(n: number, rng: Rng): Info[] {
    return Array.from({ length: n }, () => {
      const info: Info = {};
      if (rng.random() < 0.5) info.x = rng.random();
      if (rng.random() < 0.3) info.flag = rng.random() < 0.5;
      if (rng.random() < 0.4) info.nested = { a: rng.integer(5), ...(rng.random() < 0.5 ? { b: true } : {}) };
      if (rng.random() < 0.3) info.name = `e${rng.integer(9)}`;
      // a number in some envs, a boolean or a string in others: widened to a list
      const r = rng.random();
      if (r < 0.2) info.mixed = 3;
      else if (r < 0.4) info.mixed = false;
      else if (r < 0.5) info.mixed = 'text';
      else if (r < 0.6) info.mixed = { deep: 1 };
      return info;
    });
  }

  it('gives what one vector env of all the envs gives (InfoBatcher.result)', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.integer(9);
      const infos = randomInfos(n, rng);
      const whole = new InfoBatcher(n);
      infos.forEach((info, i) => whole.add(i, info));
      const blocks = splitBlocks(n, 1 + rng.integer(4));
      const parts = blocks.map((block) => {
        const b = new InfoBatcher(block.count);
        for (let i = 0; i < block.count; i++) b.add(i, infos[block.start + i]);
        return { block, info: b.result() };
      });
      expect(mergeInfos(parts, n)).toEqual(whole.result());
    }
  });
});

describe('server addresses', () => {
  it('a dns: entry stands for every address its name resolves to, sorted; plain entries stay', async () => {
    expect(dnsTarget('dns:///metarena.default.svc:50051')).toEqual({ host: 'metarena.default.svc', port: '50051' });
    expect(dnsTarget('dns:metarena:50051')).toEqual({ host: 'metarena', port: '50051' });
    expect(dnsTarget('dns://8.8.8.8/metarena:50051')).toEqual({ host: 'metarena', port: '50051' });
    expect(dnsTarget('10.0.0.1:50051')).toBeUndefined();
    expect(() => dnsTarget('dns:///metarena')).toThrow(/dns:\/\/\/name:port/);
    const resolve = async (host: string) => (host === 'metarena' ? ['10.0.0.7', '10.0.0.3', 'fd00::1', '10.0.0.3'] : []);
    expect(await expandAddresses(['dns:///metarena:50051', 'other:1'], { resolve })).toEqual(['10.0.0.3:50051', '10.0.0.7:50051', '[fd00::1]:50051', 'other:1']);
    await expect(expandAddresses(['dns:///nothing:1'], { resolve })).rejects.toMatchObject({ code: 'METARENA_UNAVAILABLE', message: expect.stringContaining('resolves to no address') });
    await expect(expandAddresses(['dns:///metarena:1'], { resolve, tls: true })).rejects.toMatchObject({ code: 'METARENA_NOT_SUPPORTED' });
    await expect(expandAddresses(['a:1', ''], { resolve })).rejects.toMatchObject({ details: { field: 'address[1]' } });
  });

  it('connects through a dns: name that resolves to a local server', async () => {
    const port = servers[1].grpcAddress.split(':').pop();
    const env = await RemoteVectorEnv.connect({ address: [`dns:///127.0.0.1:${port}`, servers[2].grpcAddress] }, 'CartPole-v1', 3);
    try {
      expect(env.blocks.map((b) => b.address)).toEqual([`127.0.0.1:${port}`, servers[2].grpcAddress]);
      const r = await env.reset({ seed: 1 });
      expect((r.obs as Float32Array).length).toBe(12);
    } finally {
      await env.close();
    }
  });
});
