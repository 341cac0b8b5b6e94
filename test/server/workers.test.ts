import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkers } from '../../src/commands/serve.ts';
import { defineEnv, Discrete, Box } from '../../src/core/index.ts';
import { RemoteVectorEnv, getStats } from '../../src/client/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { eventually, startLoopbackServer } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FAULTS = fileURLToPath(new URL('./fixtures/worker-faults.ts', import.meta.url));

type Env = RemoteVectorEnv;
const connect = async (address: string, id: string, n: number, options = {}, transport: 'grpc' | 'ws' = 'grpc') =>
  (await RemoteVectorEnv.connect({ address, transport }, id, n, options)) as Env;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metarena-workers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Steps `env` (CartPole) `n` times with alternating actions. */
async function stepCartPole(env: Env, n: number): Promise<void> {
  const a = Int32Array.from({ length: env.numEnvs }, (_, i) => i % 2);
  for (let i = 0; i < n; i++) await env.step(a);
}

describe('a server with worker threads', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startLoopbackServer({ workers: 2, plugins: [FAULTS] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('pins sessions to the least-loaded worker: two sessions land on different workers', async () => {
    expect(server.workers().map((w) => w.ready)).toEqual([true, true]);
    const a = await connect(server.grpcAddress, 'CartPole-v1', 2);
    const b = await connect(server.wsAddress, 'CartPole-v1', 3, {}, 'ws');
    expect(server.workers().map((w) => w.sessions)).toEqual([1, 1]);
    expect(server.workers().map((w) => w.envs).sort()).toEqual([2, 3]);
    expect((await getStats(server.grpcAddress)).envs).toBe(5);
    await Promise.all([a.reset({ seed: 1 }), b.reset({ seed: 2 })]);
    await Promise.all([a.close(), b.close()]);
    expect(await eventually(() => server.workers().every((w) => w.sessions === 0 && w.envs === 0), 5000)).toBe(true);
  });

  it('a step that busy-waits on one worker does not hold up a CartPole session on the other', async () => {
    const release = join(dir, 'release-1');
    const started = join(dir, 'started-1');
    const busy = await connect(server.grpcAddress, 'test/Busy-v0', 1, { args: { release, started } });
    const cartpole = await connect(server.wsAddress, 'CartPole-v1', 4, {}, 'ws');
    expect(server.workers().map((w) => w.sessions)).toEqual([1, 1]);
    await Promise.all([busy.reset({ seed: 0 }), cartpole.reset({ seed: 0 })]);
    const events: string[] = [];
    const stuck = busy.step(Int32Array.of(1)).then(() => events.push('busy step answered'));
    expect(await eventually(() => existsSync(started), 10_000)).toBe(true);
    await stepCartPole(cartpole, 100);
    events.push('100 CartPole steps done');
    writeFileSync(release, '');
    await stuck;
    expect(events).toEqual(['100 CartPole steps done', 'busy step answered']);
    await busy.step(Int32Array.of(0));
    await Promise.all([busy.close(), cartpole.close()]);
  });

  it('a plugin that ends its worker thread ends only that worker\'s sessions; the worker is replaced and new sessions work', async () => {
    const doomed = await connect(server.grpcAddress, 'test/Exit-v0', 1);
    const other = await connect(server.grpcAddress, 'CartPole-v1', 8);
    // fewer envs on the first worker: the next session joins it
    const neighbour = await connect(server.wsAddress, 'CartPole-v1', 1, {}, 'ws');
    expect(server.workers().map((w) => w.sessions)).toEqual([2, 1]);
    const startsBefore = server.workers().map((w) => w.started);
    await Promise.all([doomed.reset({ seed: 0 }), other.reset({ seed: 0 }), neighbour.reset({ seed: 0 })]);

    const failure = await doomed.step(Int32Array.of(1)).catch((e) => e);
    expect(failure).toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: expect.stringContaining('exited with code 3') });
    await expect(neighbour.step(Int32Array.of(0))).rejects.toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: expect.stringContaining('worker thread running this session (or envs of it) failed') });
    await stepCartPole(other, 20);

    expect(await eventually(() => server.workers().every((w) => w.ready), 20_000)).toBe(true);
    const starts = server.workers().map((w) => w.started);
    expect(starts.map((n, i) => n - startsBefore[i]).sort()).toEqual([0, 1]);
    // what the dead worker held was given back
    expect(await eventually(async () => (await getStats(server.grpcAddress)).envs === 8, 5000)).toBe(true);
    const fresh = await connect(server.grpcAddress, 'CartPole-v1', 2);
    expect(server.workers().map((w) => w.sessions).sort()).toEqual([1, 1]);
    await fresh.reset({ seed: 5 });
    await stepCartPole(fresh, 10);
    await Promise.all([fresh.close(), other.close(), doomed.close().catch(() => {}), neighbour.close().catch(() => {})]);
  });
});

describe('--request-timeout', () => {
  it('answers a request that runs too long with DEADLINE_EXCEEDED, replaces its worker (ending its sessions with UNAVAILABLE), and the server stays up', async () => {
    const server = await startLoopbackServer({ workers: 2, plugins: [FAULTS], requestTimeoutMs: 400 });
    try {
      const stuck = await connect(server.grpcAddress, 'test/Busy-v0', 1);
      const other = await connect(server.wsAddress, 'CartPole-v1', 8, {}, 'ws');
      const neighbour = await connect(server.grpcAddress, 'CartPole-v1', 1);
      expect(server.workers().map((w) => w.sessions)).toEqual([2, 1]);
      await Promise.all([stuck.reset({ seed: 0 }), other.reset({ seed: 0 }), neighbour.reset({ seed: 0 })]);

      const late = stuck.step(Int32Array.of(1)).catch((e) => e);
      await stepCartPole(other, 20);
      expect(await late).toMatchObject({ code: 'METARENA_TIMEOUT', status: 'DEADLINE_EXCEEDED', message: expect.stringContaining('400 ms (--request-timeout)') });
      await expect(stuck.step(Int32Array.of(0))).rejects.toMatchObject({ status: 'DEADLINE_EXCEEDED' });
      await expect(neighbour.step(Int32Array.of(0))).rejects.toMatchObject({ code: 'METARENA_UNAVAILABLE', message: expect.stringContaining('--request-timeout') });
      await stepCartPole(other, 20);

      expect((await getStats(server.grpcAddress)).errors_total).toBeGreaterThanOrEqual(1);
      expect(await eventually(() => server.workers().every((w) => w.ready), 20_000)).toBe(true);
      const fresh = await connect(server.grpcAddress, 'test/Busy-v0', 1);
      await fresh.reset({ seed: 1 });
      await fresh.step(Int32Array.of(0));
      await Promise.all([fresh.close(), other.close()]);
    } finally {
      await server.close();
    }
  });
});

describe('determinism across worker counts', () => {
  it('gives bit-identical trajectories with --workers 2 as with --workers 0, over gRPC and WebSocket, and with vector envs spread over both workers', async () => {
    const run = async (workers: number, transport: 'grpc' | 'ws', spreadMinEnvs = 0) => {
      const server = await startLoopbackServer({ workers, spreadMinEnvs });
      try {
        const out: Buffer[] = [];
        for (const [id, n, actions] of [
          ['CartPole-v1', 6, (t: number) => Int32Array.from({ length: 6 }, (_, i) => (t * 7 + i) % 2)],
          ['HalfCheetah-v0', 4, (t: number) => Float32Array.from({ length: 24 }, (_, i) => Math.sin(t * 0.3 + i))],
          ['Pendulum-v1', 2, (t: number) => Float32Array.from({ length: 2 }, (_, i) => Math.cos(t + i))],
        ] as const) {
          const env = await connect(transport === 'grpc' ? server.grpcAddress : server.wsAddress, id, n, { seed: 11 }, transport);
          const r = await env.reset({ seed: 42 });
          const bytes = (a: ArrayBufferView) => Buffer.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
          out.push(bytes(r.obs as Float32Array));
          for (let t = 0; t < 60; t++) {
            const s = await env.step(actions(t));
            for (const a of [s.obs as Float32Array, s.rewards, s.terminated, s.truncated]) out.push(bytes(a));
          }
          await env.close();
        }
        return Buffer.concat(out);
      } finally {
        await server.close();
      }
    };
    const reference = await run(0, 'grpc');
    expect((await run(2, 'grpc')).equals(reference)).toBe(true);
    expect((await run(2, 'ws')).equals(reference)).toBe(true);
    // CartPole x6 and HalfCheetah x4 in blocks on both workers (Pendulum x2 stays on one)
    expect((await run(2, 'grpc', 4)).equals(reference)).toBe(true);
    expect((await run(2, 'ws', 4)).equals(reference)).toBe(true);
  });

  it('a spread vector env uses both workers, checks actions for the whole env, and names whole-env indices in a block\'s error', async () => {
    const server = await startLoopbackServer({ workers: 2, spreadMinEnvs: 4 });
    try {
      const env = await connect(server.grpcAddress, 'CartPole-v1', 6, { seed: 3 });
      expect(server.workers().map((w) => w.blocks)).toEqual([1, 1]);
      expect((await getStats(server.grpcAddress)).envs).toBe(6);
      await env.reset({ seed: 0 });
      await expect(env.step(Int32Array.of(0, 1, 0))).rejects.toMatchObject({ code: 'METARENA_INVALID_ACTION' });
      const bad = Int32Array.of(0, 1, 0, 1, 7, 0);
      await expect(env.step(bad)).rejects.toMatchObject({ code: 'METARENA_INVALID_ACTION', message: expect.stringMatching(/\b4\b/) });
      await stepCartPole(env, 5);
      await env.close();
      expect(await eventually(() => server.workers().every((w) => w.blocks === 0), 5000)).toBe(true);
      expect((await getStats(server.grpcAddress)).envs).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('worker options', () => {
  it('refuses bad --workers, --request-timeout, --spread-min-envs and --worker-spin values, naming the flag', () => {
    expect(serveWorkers({ workers: '3', requestTimeout: '250', spreadMinEnvs: '64', workerSpin: '0' })).toEqual({ workers: 3, requestTimeoutMs: 250, spreadMinEnvs: 64, workerSpinMicros: 0 });
    expect(serveWorkers({ workers: '0' })).toEqual({ workers: 0, requestTimeoutMs: undefined, spreadMinEnvs: 0, workerSpinMicros: undefined });
    for (const bad of ['-1', '0.5', 'long']) expect(() => serveWorkers({ workers: '2', workerSpin: bad }), bad).toThrow(/--worker-spin must be an integer >= 0/);
    expect(() => serveWorkers({ workers: '0', workerSpin: '100' })).toThrow(/--worker-spin sets how long worker threads poll for requests: it needs --workers >= 1/);
    expect(serveWorkers({}).workers).toBeGreaterThanOrEqual(1);
    for (const bad of ['-1', '1.5', 'two', '']) expect(() => serveWorkers({ workers: bad }), bad).toThrow(/--workers must be an integer >= 0/);
    for (const bad of ['0', '-5', 'soon', '']) expect(() => serveWorkers({ workers: '2', requestTimeout: bad }), bad).toThrow(/--request-timeout must be a positive number/);
    expect(() => serveWorkers({ workers: '0', requestTimeout: '100' })).toThrow(/--request-timeout needs sessions on worker threads \(--workers >= 1\)/);
    for (const bad of ['-1', 'all']) expect(() => serveWorkers({ workers: '2', spreadMinEnvs: bad }), bad).toThrow(/--spread-min-envs must be an integer >= 0/);
    expect(() => serveWorkers({ workers: '0', spreadMinEnvs: '64' })).toThrow(/--spread-min-envs spreads vector envs over worker threads: it needs --workers >= 2/);
  });

  it('startServer refuses them too, and a registry holding envs the workers cannot load', async () => {
    await expect(startLoopbackServer({ workers: -1 })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('--workers') });
    await expect(startLoopbackServer({ workers: 0, requestTimeoutMs: 100 })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('--request-timeout needs') });
    await expect(startLoopbackServer({ workers: 1, requestTimeoutMs: Number.NaN })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('--request-timeout') });
    for (const bad of [-1, 1e6, Number.NaN]) await expect(startLoopbackServer({ workers: 1, workerSpinMicros: bad })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', details: { field: 'worker_spin' } });
    const registry = createBuiltinRegistry();
    registry.register(defineEnv({ id: 'inline/Only-v0', description: 'registered in process', observationSpace: new Box({ low: 0, high: 1, shape: [1] }), actionSpace: new Discrete(2), maxEpisodeSteps: 5, create: () => ({ reset: () => ({ obs: Float32Array.of(0) }), step: () => ({ obs: Float32Array.of(0), reward: 0, terminated: true }) }) }));
    await expect(startLoopbackServer({ workers: 1, registry })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('inline/Only-v0') });
  });

  it('`metarena serve --workers 2 --plugin …` loads the plugin in every worker and serves it; a bad --workers exits 2 naming the flag', async () => {
    const child = spawn(process.execPath, ['bin/metarena.js', 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0', '--workers', '2', '--request-timeout', '5000', '--plugin', './test/server/fixtures/worker-faults.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      expect(await eventually(() => out.includes('listening'), 30_000)).toBe(true);
      expect(err).toContain('metarena: sessions run on 2 worker threads (--workers)\n');
      const grpc = /grpc=(\S+)/.exec(out)![1];
      const envs = await Promise.all([0, 1].map(() => connect(grpc, 'test/Busy-v0', 2)));
      for (const env of envs) {
        await env.reset({ seed: 3 });
        await env.step(Int32Array.of(0, 0));
      }
      expect((await getStats(grpc)).sessions).toBe(2);
      await Promise.all(envs.map((e) => e.close()));
    } finally {
      child.kill('SIGTERM');
    }
    const bad = spawn(process.execPath, ['bin/metarena.js', 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0', '--workers', 'many'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((resolve) => bad.on('exit', resolve))).toBe(2);
    expect(err).toMatch(/--workers must be an integer >= 0, got "many"/);
  }, 60_000);
});
