import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteVectorEnv, getStats } from '../../src/client/index.ts';
import { eventually, startLoopbackServer } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVE = fileURLToPath(new URL('./fixtures/serve-async-faulty.ts', import.meta.url));

/** The server runs in its own process: an uncaught error there must not end it (nor this test runner). */
let child: ChildProcess;
let stderr = '';
let grpcAddress = '';
let wsAddress = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', SERVE], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  expect(await eventually(() => stdout.includes('listening'), 30_000)).toBe(true);
  [, grpcAddress, wsAddress] = /grpc=(\S+) ws=(\S+)/.exec(stdout)!;
}, 40_000);
afterAll(() => {
  child?.kill('SIGKILL');
});

/** Steps with action 0 until the session fails; resolves to the error. */
async function failureOf(env: RemoteVectorEnv, timeoutMs = 5000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await env.step(new Int32Array(env.numEnvs));
    } catch (e) {
      return e;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the session did not fail');
}

describe('asynchronous plugin errors', () => {
  for (const [id, what] of [
    ['test/LateThrow-v0', 'late timer failure'],
    ['test/LateReject-v0', 'late promise rejection'],
  ] as const) {
    it(`${id}: ends only its own session with METARENA_PLUGIN_ERROR, on both transports; the server and other sessions go on`, async () => {
      const other = await RemoteVectorEnv.connect({ address: wsAddress, transport: 'ws' }, 'CartPole-v1', 2);
      await other.reset({ seed: 4 });
      for (const [transport, address] of [['grpc', grpcAddress], ['ws', wsAddress]] as const) {
        const bad = await RemoteVectorEnv.connect({ address, transport }, id, 2);
        await bad.reset({ seed: 1 });
        await bad.step(Int32Array.of(0, 1)); // answered; the plugin fails afterwards
        const failure = await failureOf(bad);
        expect(failure, transport).toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: expect.stringContaining(what) });
        expect((failure as Error).message).toContain(id);
        await other.step(Int32Array.of(1, 0));
        await bad.close();
      }
      expect(child.exitCode).toBeNull();
      // the failed sessions were closed and their envs freed; the other one is all that is left
      expect(await eventually(async () => (await getStats(grpcAddress)).envs === 2, 3000)).toBe(true);
      await other.close();
    });
  }

  it('an error no session can be found for is written to stderr, and nothing else happens', async () => {
    const env = await RemoteVectorEnv.connect({ address: grpcAddress }, 'test/LateThrow-v0', 1);
    await env.reset({ seed: 1 });
    await env.step(Int32Array.of(2));
    expect(await eventually(() => stderr.includes('orphan microtask failure'), 5000)).toBe(true);
    expect(stderr).toContain('contained');
    await env.step(Int32Array.of(0));
    expect(child.exitCode).toBeNull();
    await env.close();
  });
});

describe('the process-level handlers', () => {
  it('are installed while a server runs and removed when it closes', async () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const a = await startLoopbackServer();
    const b = await startLoopbackServer();
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual([before[0] + 1, before[1] + 1]);
    await a.close();
    expect(process.listenerCount('uncaughtException')).toBe(before[0] + 1);
    await b.close();
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(before);
  });
});
