import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MakeVecOptions, MetarenaError, Rng, type VectorEnv } from '../../src/core/index.ts';
import { RemoteVectorEnv, describeEnv, listEnvs } from '../../src/client/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { type RunningServer, startServer } from '../../src/server/index.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry() });
});
afterAll(async () => {
  await server?.close();
});

const STEPS = 25;

/** Resets with a seed and steps with seeded random actions, recording every result. */
async function rollout(env: VectorEnv, seed: number): Promise<unknown[]> {
  const rng = new Rng(seed);
  const trace: unknown[] = [await env.reset({ seed })];
  for (let t = 0; t < STEPS; t++) {
    const actions = Array.from({ length: env.numEnvs }, () => env.singleActionSpace.sample(rng));
    trace.push({ actions, result: await env.step(actions) });
  }
  return trace;
}

async function compare(envId: string, numEnvs: number, options: MakeVecOptions): Promise<void> {
  const local = createBuiltinRegistry().makeVec(envId, numEnvs, options);
  const expected = await rollout(local, 7);
  await local.close();
  if (options.autoresetMode === 'same_step') {
    // the comparison covers finished episodes
    const ended = expected.slice(1).some((s) => Array.from((s as { result: { info: { _final_obs?: Uint8Array } } }).result.info._final_obs ?? []).includes(1));
    expect(ended, `${envId}: no episode ended within ${STEPS} steps`).toBe(true);
  }
  for (const transport of ['grpc', 'ws'] as const) {
    const address = transport === 'grpc' ? server.grpcAddress : server.wsAddress;
    const remote = await RemoteVectorEnv.connect({ address, transport }, envId, numEnvs, options);
    try {
      expect(remote.singleObservationSpace.toJSON()).toEqual(local.singleObservationSpace.toJSON());
      expect(remote.singleActionSpace.toJSON()).toEqual(local.singleActionSpace.toJSON());
      expect(remote.contextSpace.features).toEqual(local.contextSpace.features);
      expect(remote.maxEpisodeSteps).toBe(local.maxEpisodeSteps);
      const got = await rollout(remote, 7);
      expect(got, `${envId} over ${transport}`).toEqual(expected);
    } finally {
      await remote.close();
    }
  }
}

describe('RemoteVectorEnv gives the in-process trajectory bit for bit', () => {
  for (const plugin of createBuiltinRegistry().listEnvs()) {
    it(`${plugin.id} (same_step autoreset: final_obs / final_info on the wire)`, async () => {
      await compare(plugin.id, 2, { autoresetMode: 'same_step', maxEpisodeSteps: 10 });
    });
  }

  it('CartPole-v1 with a context sampler, trials and short episodes (next_step autoreset)', async () => {
    await compare('CartPole-v1', 3, { contextSampler: { kind: 'uniform_scale', low: 0.5, high: 1.5 }, episodesPerTrial: 2, maxEpisodeSteps: 4 });
  });
});

describe('RemoteVectorEnv behaves like a local vector env', () => {
  it('raises the same MetarenaError for a bad action and a bad context', async () => {
    const local = createBuiltinRegistry().makeVec('CartPole-v1', 2);
    const remote = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 2);
    try {
      await local.reset({ seed: 1 });
      await remote.reset({ seed: 1 });
      const failure = async (p: Promise<unknown>) => p.then(() => undefined, (e: MetarenaError) => ({ code: e.code, message: e.message, details: e.details }));
      const bad = Int32Array.of(0, 7);
      const expected = await failure(local.step(bad));
      expect(expected?.code).toBe('METARENA_INVALID_ACTION');
      expect(await failure(remote.step(bad))).toEqual(expected);
      const ctx = { options: { context: { gravity: -1 } } };
      expect(await failure(remote.reset(ctx))).toEqual(await failure(local.reset(ctx)));
    } finally {
      await remote.close();
      await local.close();
    }
  });

  it('answers pipelined calls in order', async () => {
    const remote = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 2);
    const local = createBuiltinRegistry().makeVec('CartPole-v1', 2);
    try {
      const actions = [Int32Array.of(0, 1), Int32Array.of(1, 1), Int32Array.of(0, 0)];
      const pipelined = await Promise.all([remote.reset({ seed: 5 }), ...actions.map((a) => remote.step(a))]);
      const sequential = [await local.reset({ seed: 5 })];
      for (const a of actions) sequential.push(await local.step(a));
      expect(pipelined).toEqual(sequential);
    } finally {
      await remote.close();
      await local.close();
    }
  });

  it('rejects unknown envs with the registry error, and fails calls after close', async () => {
    await expect(RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPol-v1', 1)).rejects.toMatchObject({ code: 'METARENA_UNKNOWN_ENV', message: expect.stringContaining('did you mean CartPole-v1') });
    const remote = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 1);
    await remote.close();
    await expect(remote.reset()).rejects.toMatchObject({ code: 'METARENA_CLOSED' });
  });

  it('lists and describes the registered envs', async () => {
    const ids = createBuiltinRegistry().listEnvs().map((p) => p.id).sort();
    expect((await listEnvs(server.grpcAddress)).map((s) => s.envId)).toEqual(ids);
    const spec = await describeEnv(server.grpcAddress, 'CartPole-v1');
    expect(spec.maxEpisodeSteps).toBe(500);
    expect(spec.contextSpace.names).toContain('masscart');
    await expect(describeEnv(server.grpcAddress, 'Nope-v0')).rejects.toMatchObject({ code: 'METARENA_UNKNOWN_ENV' });
  });
});
