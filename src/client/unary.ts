/** The unary calls over gRPC: ListEnvs, DescribeEnv and GetStats. */
import * as grpc from '@grpc/grpc-js';
import { type ArgValues } from '../core/index.ts';
import { type EnvSpecParts, decodeEnvSpec, errorFromStatus, pb, toWireJson, type v1 } from '../wire/index.ts';
import { CHANNEL_OPTIONS, credentialsOf, metadataOf } from './grpc-transport.ts';
import type { ConnectOptions } from './transport.ts';

const SERVICE = '/metarena.v1.Metarena/';

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(b: Uint8Array): T;
}

function call<Req, Res>(conn: ConnectOptions | string, method: string, reqCodec: Codec<Req>, resCodec: { decode(b: Uint8Array): Res }, request: Req): Promise<Res> {
  const opts: ConnectOptions = typeof conn === 'string' ? { address: conn } : conn;
  const client = new grpc.Client(opts.address, credentialsOf(opts), CHANNEL_OPTIONS);
  const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : Infinity;
  return new Promise<Res>((resolve, reject) => {
    client.makeUnaryRequest(
      SERVICE + method,
      (m: Req) => Buffer.from(reqCodec.encode(m).finish()),
      (b: Buffer) => resCodec.decode(b),
      request,
      metadataOf(opts),
      { deadline },
      (err, res) => {
        client.close();
        if (err) reject(errorFromStatus(err.code, err.details || err.message));
        else resolve(res as Res);
      },
    );
  });
}

/** Every env the server offers, with its spec for default arguments. */
export async function listEnvs(conn: ConnectOptions | string): Promise<EnvSpecParts[]> {
  const res = await call(conn, 'ListEnvs', pb.ListEnvsRequest, pb.ListEnvsResponse, pb.ListEnvsRequest.create());
  return (res.envs ?? []).map(decodeEnvSpec);
}

/** The spec of one env for the given arguments. */
export async function describeEnv(conn: ConnectOptions | string, envId: string, args?: ArgValues): Promise<EnvSpecParts> {
  const req = pb.DescribeEnvRequest.create({ env_id: envId, args_json: args ? toWireJson(args) : '' });
  return decodeEnvSpec(await call(conn, 'DescribeEnv', pb.DescribeEnvRequest, pb.EnvSpec, req));
}

/** The server's resource counters. */
export function getStats(conn: ConnectOptions | string): Promise<v1.IStats> {
  return call(conn, 'GetStats', pb.StatsRequest, pb.Stats, pb.StatsRequest.create());
}
