import { describe, expect, it } from 'vitest';
import { getStats } from '../../src/client/index.ts';
import { SEND_HIGH_WATER_BYTES } from '../../src/server/ws.ts';
import { pb } from '../../src/wire/index.ts';
import { eventually, FrameCounter, RawWebSocket, startLoopbackServer } from './harness.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('WebSocket backpressure', () => {
  it('stops answering a client that does not read once its answers pile up, and goes on when it reads again', async () => {
    const server = await startLoopbackServer();
    try {
      const { status, ws } = await RawWebSocket.open(server.wsAddress);
      expect(status).toContain('101');
      const counter = new FrameCounter();
      counter.push(ws.head);
      ws.socket.on('data', (d: Buffer) => counter.push(d));
      const envs = 64;
      ws.send(pb.Request.encode({ id: 1, make: { env_id: 'CartPole-v1', num_envs: envs } }).finish());
      ws.send(pb.Request.encode({ id: 2, reset: { env_handle: 1, seed: 1 } }).finish());
      expect(await eventually(() => counter.frames === 2, 10_000)).toBe(true);

      ws.readable = false;
      const step = pb.Request.encode({ id: 3, step: { env_handle: 1, actions: { tensor: { dtype: pb.DType.DTYPE_INT32, shape: [envs], data: new Uint8Array(4 * envs) } } } }).finish();
      const sent = 20_000; // ~1.7 KB answers: ~34 MB if the server answered them all
      let maxBuffered = 0;
      for (let i = 0; i < sent; i++) {
        ws.send(step);
        if (i % 200 === 0) {
          await tick();
          maxBuffered = Math.max(maxBuffered, server.wsBufferedBytes());
        }
      }
      // let the server read and answer all it will
      let last = -1;
      for (let quiet = 0; quiet < 20; ) {
        await tick();
        maxBuffered = Math.max(maxBuffered, server.wsBufferedBytes());
        const now = Number(server.stats().requests_total);
        quiet = now === last ? quiet + 1 : 0;
        last = now;
      }
      // one answer past the mark can be queued; the OS buffers of the socket hold the rest
      expect(maxBuffered).toBeGreaterThan(0);
      expect(maxBuffered).toBeLessThan(SEND_HIGH_WATER_BYTES + 64 * 1024);
      expect(last).toBeLessThan(sent / 2);

      ws.readable = true;
      expect(await eventually(() => counter.frames === sent + 2, 60_000)).toBe(true);
      const stats = await getStats(server.grpcAddress);
      expect([Number(stats.requests_total), Number(stats.errors_total)]).toEqual([sent + 2, 0]);
      ws.close();
    } finally {
      await server.close();
    }
  }, 90_000);
});

describe('WebSocket Origin check', () => {
  it('refuses browser pages of other origins (403) and lets clients without an Origin in', async () => {
    const server = await startLoopbackServer();
    try {
      const page = await RawWebSocket.open(server.wsAddress, { Origin: 'https://evil.example' });
      expect(page.status).toContain('403');
      page.ws.close();
      const cli = await RawWebSocket.open(server.wsAddress);
      expect(cli.status).toContain('101');
      cli.ws.close();
    } finally {
      await server.close();
    }
  });

  it('lets in the origins given by --allow-origin (written as browsers do), and no other', async () => {
    const server = await startLoopbackServer({ allowOrigins: ['https://app.example:8443/', 'http://localhost:3000'] });
    try {
      for (const [origin, status] of [
        ['https://app.example:8443', '101'],
        ['http://localhost:3000', '101'],
        ['http://localhost:3001', '403'],
        ['https://evil.example', '403'],
      ] as const) {
        const r = await RawWebSocket.open(server.wsAddress, { Origin: origin });
        expect([origin, r.status]).toEqual([origin, expect.stringContaining(status)]);
        r.ws.close();
      }
    } finally {
      await server.close();
    }
    const any = await startLoopbackServer({ allowOrigins: ['*'] });
    try {
      const r = await RawWebSocket.open(any.wsAddress, { Origin: 'https://anything.example' });
      expect(r.status).toContain('101');
      r.ws.close();
    } finally {
      await any.close();
    }
  });

  it('refuses an --allow-origin that is not an origin, naming the flag', async () => {
    await expect(startLoopbackServer({ allowOrigins: ['app.example'] })).rejects.toMatchObject({ code: 'METARENA_INVALID_OPTION', message: expect.stringContaining('--allow-origin') });
  });
});
