import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RemoteVectorEnv } from '../../src/client/index.ts';
import { eventually, startLoopbackServer } from './harness.ts';

/** A TCP connection that sends `bytes` (or nothing) and then never anything else. */
async function silent(address: string, bytes?: string): Promise<{ socket: Socket; closed: () => boolean }> {
  const i = address.lastIndexOf(':');
  const socket = connect(Number(address.slice(i + 1)), address.slice(0, i));
  let closed = false;
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  socket.on('data', () => {});
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  if (bytes) socket.write(bytes);
  return { socket, closed: () => closed };
}

const HTTP2_PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00';

describe('TCP connections', () => {
  it('closes connections that open nothing within the open timeout, on both ports, refuses them beyond --max-connections, and real clients then work', async () => {
    const server = await startLoopbackServer({ limits: { maxConnections: 4, openTimeoutSeconds: 1.5 } });
    try {
      const idle = [
        await silent(server.grpcAddress),
        await silent(server.grpcAddress, HTTP2_PREFACE), // HTTP/2 spoken, but no call
        await silent(server.wsAddress),
        await silent(server.wsAddress, 'GET / HTTP/1.1\r\nHost: x\r\n'), // a request never finished
      ];
      expect(await eventually(() => server.connections() === 4, 2000)).toBe(true);
      // the cap is reached: a fifth connection, on either port, is closed at once
      for (const address of [server.grpcAddress, server.wsAddress]) {
        const extra = await silent(address);
        expect(await eventually(extra.closed, 1000)).toBe(true);
      }
      expect(idle.map((c) => c.closed())).toEqual([false, false, false, false]);
      // the open timeout closes the idle ones
      expect(await eventually(() => idle.every((c) => c.closed()), 5000)).toBe(true);
      expect(await eventually(() => server.connections() === 0, 2000)).toBe(true);

      // real clients get in and keep their connections past the open timeout
      const viaGrpc = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 2);
      const viaWs = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 2);
      await Promise.all([viaGrpc.reset({ seed: 1 }), viaWs.reset({ seed: 1 })]);
      await new Promise((r) => setTimeout(r, 2500));
      await Promise.all([viaGrpc.step(Int32Array.of(0, 1)), viaWs.step(Int32Array.of(1, 0))]);
      await viaGrpc.close();
      await viaWs.close();
    } finally {
      await server.close();
    }
  }, 30_000);

  it('over TLS, keeps the connections of real clients past the open timeout and closes silent ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metarena-tls-'));
    try {
      const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'pipe' });
      const server = await startLoopbackServer({ tlsCert: cert, tlsKey: key, limits: { openTimeoutSeconds: 1 } });
      try {
        const idle = [await silent(server.grpcAddress), await silent(server.wsAddress)];
        const tls = { ca: readFileSync(cert) };
        const viaGrpc = await RemoteVectorEnv.connect({ address: server.grpcAddress, tls }, 'CartPole-v1', 2);
        const viaWs = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws', tls }, 'CartPole-v1', 2);
        await Promise.all([viaGrpc.reset({ seed: 1 }), viaWs.reset({ seed: 1 })]);
        await new Promise((r) => setTimeout(r, 2000));
        expect(idle.map((c) => c.closed())).toEqual([true, true]);
        await Promise.all([viaGrpc.step(Int32Array.of(0, 1)), viaWs.step(Int32Array.of(1, 0))]);
        await viaGrpc.close();
        await viaWs.close();
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses non-positive connection limits, naming them', async () => {
    await expect(startLoopbackServer({ limits: { maxConnections: 0 } })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('maxConnections') });
    await expect(startLoopbackServer({ limits: { openTimeoutSeconds: -1 } })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('openTimeoutSeconds') });
  });
});
