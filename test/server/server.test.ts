import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { describe, expect, it } from 'vitest';
import { RemoteVectorEnv, getStats, listEnvs } from '../../src/client/index.ts';
import { eventually, startLoopbackServer } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('bearer-token auth', () => {
  it('refuses gRPC and WebSocket clients without the token (UNAUTHENTICATED) and serves those with it', async () => {
    const server = await startLoopbackServer({ token: 's3cret' });
    try {
      for (const [transport, address] of [['grpc', server.grpcAddress], ['ws', server.wsAddress]] as const) {
        await expect(RemoteVectorEnv.connect({ address, transport }, 'CartPole-v1', 1)).rejects.toMatchObject({ code: 'METARENA_UNAUTHENTICATED' });
        await expect(RemoteVectorEnv.connect({ address, transport, token: 'wrong' }, 'CartPole-v1', 1)).rejects.toMatchObject({ code: 'METARENA_UNAUTHENTICATED' });
        const env = await RemoteVectorEnv.connect({ address, transport, token: 's3cret' }, 'CartPole-v1', 1);
        await env.reset({ seed: 0 });
        await env.close();
      }
      await expect(listEnvs(server.grpcAddress)).rejects.toMatchObject({ code: 'METARENA_UNAUTHENTICATED' });
      expect((await listEnvs({ address: server.grpcAddress, token: 's3cret' })).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe('TLS', () => {
  it('serves gRPC and WebSocket over TLS with a certificate the client trusts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metarena-tls-'));
    try {
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'pipe' });
      const server = await startLoopbackServer({ tlsCert: cert, tlsKey: key });
      try {
        const ca = readFileSync(cert);
        for (const [transport, address] of [['grpc', server.grpcAddress], ['ws', server.wsAddress]] as const) {
          const env = await RemoteVectorEnv.connect({ address, transport, tls: { ca } }, 'CartPole-v1', 2);
          expect((await env.reset({ seed: 3 })).obs).toHaveLength(8);
          await env.close();
          // a plaintext client cannot talk to it
          await expect(RemoteVectorEnv.connect({ address, transport, timeoutMs: 3000 }, 'CartPole-v1', 1)).rejects.toBeInstanceOf(Error);
        }
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('limits', () => {
  it('refuses sessions beyond --max-sessions and envs beyond --max-envs-per-session with RESOURCE_EXHAUSTED', async () => {
    const server = await startLoopbackServer({ limits: { maxSessions: 2, maxEnvsPerSession: 10 } });
    try {
      const a = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 10);
      await expect(RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 11)).rejects.toMatchObject({
        code: 'METARENA_LIMIT_EXCEEDED',
        message: expect.stringContaining('10 per session'),
      });
      // the refused make closed its session; the server notices the socket closing
      expect(await eventually(async () => (await getStats(server.grpcAddress)).sessions === 1, 5000)).toBe(true);
      const b = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 1);
      for (const [transport, address] of [['grpc', server.grpcAddress], ['ws', server.wsAddress]] as const) {
        await expect(RemoteVectorEnv.connect({ address, transport }, 'CartPole-v1', 1)).rejects.toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED', message: expect.stringContaining('too many sessions') });
      }
      await a.close();
      await b.close();
      expect(await eventually(async () => (await getStats(server.grpcAddress)).sessions === 0, 5000)).toBe(true);
      const c = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 1);
      await c.close();
    } finally {
      await server.close();
    }
  });
});

describe('freeing resources', () => {
  it('frees the envs of a killed client process', async () => {
    const server = await startLoopbackServer({ limits: { idleTimeoutSeconds: 3 } });
    const child = spawn(process.execPath, ['--import', 'tsx', `${FIXTURES}client-mid-episode.ts`, server.grpcAddress, server.wsAddress], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      expect(await eventually(() => out.includes('ready'), 30_000)).toBe(true);
      const before = await getStats(server.grpcAddress);
      expect([before.sessions, before.vector_envs, before.envs]).toEqual([2, 2, 12]);
      child.kill('SIGKILL');
      expect(await eventually(async () => (await getStats(server.grpcAddress)).envs === 0, 3500)).toBe(true);
      expect((await getStats(server.grpcAddress)).sessions).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await server.close();
    }
  });

  it('closes sessions idle longer than the idle timeout, and the client learns why', async () => {
    const server = await startLoopbackServer({ limits: { idleTimeoutSeconds: 0.3 } });
    try {
      const viaGrpc = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 3);
      const viaWs = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 2);
      expect((await getStats(server.grpcAddress)).envs).toBe(5);
      expect(await eventually(async () => (await getStats(server.grpcAddress)).envs === 0, 3000)).toBe(true);
      for (const env of [viaGrpc, viaWs]) await expect(env.reset()).rejects.toMatchObject({ code: 'METARENA_TIMEOUT', message: expect.stringContaining('idle') });
    } finally {
      await server.close();
    }
  });

  it('shuts down gracefully: sessions end with UNAVAILABLE and their envs are freed', async () => {
    const server = await startLoopbackServer();
    const env = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 2);
    await env.reset({ seed: 1 });
    await server.close();
    expect(server.stats()).toMatchObject({ sessions: 0, envs: 0 });
    await expect(env.step(Int32Array.of(0, 1))).rejects.toMatchObject({ code: 'METARENA_UNAVAILABLE' });
  });
});

describe('standard gRPC services', () => {
  it('answers grpc.health.v1 Check with SERVING and lists the service through reflection', async () => {
    const server = await startLoopbackServer();
    try {
      const Health = grpc.makeClientConstructor(healthService, 'Health');
      const health = new Health(server.grpcAddress, grpc.credentials.createInsecure()) as unknown as grpc.Client & { check: Function };
      const status = await new Promise<{ status: string }>((resolve, reject) => health.check({ service: 'metarena.v1.Metarena' }, (e: Error | null, r: { status: string }) => (e ? reject(e) : resolve(r))));
      expect(status.status).toBe('SERVING');
      health.close();

      const def = protoLoader.loadSync(`${ROOT}node_modules/@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto`, { keepCase: true });
      const pkg = grpc.loadPackageDefinition(def) as unknown as { grpc: { reflection: { v1: { ServerReflection: grpc.ServiceClientConstructor } } } };
      const reflection = new pkg.grpc.reflection.v1.ServerReflection(server.grpcAddress, grpc.credentials.createInsecure());
      const call = (reflection as unknown as { ServerReflectionInfo(): grpc.ClientDuplexStream<unknown, { list_services_response?: { service: { name: string }[] } }> }).ServerReflectionInfo();
      const names = await new Promise<string[]>((resolve, reject) => {
        call.on('data', (r) => resolve((r.list_services_response?.service ?? []).map((s: { name: string }) => s.name)));
        call.on('error', reject);
        call.write({ list_services: '' });
      });
      call.end();
      reflection.close();
      expect(names).toContain('metarena.v1.Metarena');
    } finally {
      await server.close();
    }
  });
});

describe('--plugin', () => {
  it('registers the envs of a plugin module', async () => {
    const server = await startLoopbackServer({ plugins: [`${FIXTURES}faulty-envs.ts`] });
    try {
      expect((await listEnvs(server.grpcAddress)).map((s) => s.envId)).toEqual(expect.arrayContaining(['test/Throwing-v0', 'test/NanReward-v0', 'CartPole-v1']));
    } finally {
      await server.close();
    }
  });

  it('refuses a module that is not a plugin, naming it, and does not start', async () => {
    await expect(startLoopbackServer({ plugins: [`${FIXTURES}not-a-plugin.mjs`] })).rejects.toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: expect.stringContaining('not-a-plugin.mjs') });
    await expect(startLoopbackServer({ plugins: ['./no/such/file.js'] })).rejects.toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: expect.stringContaining('no/such/file.js') });
  });

  it('`metarena serve` with a bad plugin exits with an error naming it and never listens', async () => {
    const child = spawn(process.execPath, ['bin/metarena.js', 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0', '--plugin', `${FIXTURES}not-a-plugin.mjs`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/METARENA_PLUGIN_ERROR.*not-a-plugin\.mjs/);
    expect(out).not.toContain('listening');
  });
});
