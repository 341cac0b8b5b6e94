import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEnvs } from '../../src/client/index.ts';
import type { RunningServer } from '../../src/server/index.ts';
import { startLoopbackServer } from './harness.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(async () => {
  await server?.close();
});

const raw = (b: Buffer) => b;

function callWithBytes(method: string, bytes: Buffer): Promise<grpc.ServiceError | Buffer> {
  const client = new grpc.Client(server.grpcAddress, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(`/metarena.v1.Metarena/${method}`, raw, raw, bytes, (err, res) => {
      client.close();
      resolve(err ?? (res as Buffer));
    });
  });
}

describe('unary calls with bytes that are not their request message', () => {
  for (const [method, message] of [
    ['ListEnvs', 'ListEnvsRequest'],
    ['DescribeEnv', 'DescribeEnvRequest'],
    ['GetStats', 'StatsRequest'],
  ] as const) {
    it(`${method}: INVALID_ARGUMENT naming metarena.v1.${message}, and the server goes on`, async () => {
      for (const garbage of [Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from([0x0a, 0x05, 0x41])]) {
        const err = (await callWithBytes(method, garbage)) as grpc.ServiceError;
        expect([err.code, err.details]).toEqual([grpc.status.INVALID_ARGUMENT, expect.stringContaining(`metarena.v1.${message}`)]);
      }
      expect((await listEnvs(server.grpcAddress)).length).toBeGreaterThan(0);
    });
  }
});
