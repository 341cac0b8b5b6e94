/** The session stream over gRPC (@grpc/grpc-js), messages passed as raw bytes. */
import * as grpc from '@grpc/grpc-js';
import { MetarenaError } from '../core/index.ts';
import { errorFromStatus } from '../wire/index.ts';
import { type ConnectOptions, SessionTransport } from './transport.ts';

export const SESSION_PATH = '/metarena.v1.Metarena/Session';

const raw = (b: Buffer) => b;

export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
  'grpc.enable_retries': 0,
  'grpc.enable_channelz': 0,
  // HTTP/2's default 64 KiB receive window stalls a pipelined stream of 35 KiB step responses
  'grpc-node.flow_control_window': 16 * 1024 * 1024,
};

export function credentialsOf(opts: ConnectOptions): grpc.ChannelCredentials {
  if (!opts.tls) return grpc.credentials.createInsecure();
  const ca = typeof opts.tls === 'object' && opts.tls.ca !== undefined ? Buffer.from(opts.tls.ca) : null;
  return grpc.credentials.createSsl(ca);
}

export function metadataOf(opts: ConnectOptions): grpc.Metadata {
  const md = new grpc.Metadata();
  if (opts.token) md.set('authorization', `Bearer ${opts.token}`);
  return md;
}

export class GrpcTransport extends SessionTransport {
  private readonly client: grpc.Client;
  private readonly call: grpc.ClientDuplexStream<Buffer, Buffer>;

  constructor(opts: ConnectOptions) {
    super(opts.timeoutMs);
    this.client = new grpc.Client(opts.address, credentialsOf(opts), CHANNEL_OPTIONS);
    this.call = this.client.makeBidiStreamRequest(SESSION_PATH, raw, raw, metadataOf(opts));
    this.call.on('data', (b: Buffer) => this.receive(b));
    this.call.on('error', (e: grpc.ServiceError) => this.fail(errorFromStatus(e.code, e.details || e.message)));
    this.call.on('end', () => this.fail(new MetarenaError('METARENA_UNAVAILABLE', 'the server ended the session stream')));
  }

  protected send(bytes: Uint8Array): void {
    this.call.write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  protected end(): void {
    this.call.end();
    this.client.close();
  }
}
