/**
 * The gRPC face of the server: the `metarena.v1.Metarena` service (Session stream and unary
 * calls) with the generated codec, plus grpc.health.v1 and server reflection. Session messages
 * arrive as raw bytes and are decoded by the session, so a malformed message is an in-band
 * error, not a broken stream; a malformed unary request is INVALID_ARGUMENT naming its message.
 * Every call, of any service, tells `onCall` its peer, so the connection counts as opened (see
 * connections.ts); a connection without calls for the open timeout is closed by grpc-js.
 * Answers may come back later than their request (sessions on worker threads): the stream is
 * ended only once every request has been answered, and reading pauses while the client does not
 * read its answers or has `MAX_IN_FLIGHT` requests unanswered.
 */
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { MetarenaError } from '../core/index.ts';
import { asMetarenaError, GRPC_CODE_OF, pb, statusText, type v1 } from '../wire/index.ts';
import { bearerMatches } from './auth.ts';
import { describeEnv, listEnvs } from './catalog.ts';
import { MAX_IN_FLIGHT, type OpenChannel } from './channel.ts';
import type { ServerState } from './state.ts';

export const SERVICE_NAME = 'metarena.v1.Metarena';
export const PROTO_PATH = fileURLToPath(new URL('../../proto/metarena/v1/metarena.proto', import.meta.url));

const raw = (b: Buffer) => b;
const asBuffer = (u8: Uint8Array): Buffer => (Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength));

/** A unary request as decoded: the message, or why its bytes are not one. */
type Decoded<Req> = { ok: Req } | { bad: MetarenaError };

interface Codec<T> {
  decode(b: Uint8Array): T;
  encode(m: T): { finish(): Uint8Array };
}

/** The service definition with raw bytes for the session stream and generated codecs for unary calls. */
function serviceDefinition(): grpc.ServiceDefinition {
  const unary = <Req, Res>(name: string, messageName: string, req: Codec<Req>, res: Codec<Res>) => ({
    path: `/${SERVICE_NAME}/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m: Req) => Buffer.from(req.encode(m).finish()),
    // a throwing deserializer would make grpc-js answer INTERNAL: the handler answers instead
    requestDeserialize: (b: Buffer): Decoded<Req> => {
      try {
        return { ok: req.decode(b) };
      } catch (e) {
        return { bad: new MetarenaError('METARENA_INVALID_ARGUMENT', `the ${name} request is not a metarena.v1.${messageName} message: ${(e as Error).message}`, { field: 'request', allowed: `a serialized metarena.v1.${messageName}` }) };
      }
    },
    responseSerialize: (m: Res) => Buffer.from(res.encode(m).finish()),
    responseDeserialize: (b: Buffer) => res.decode(b),
  });
  return {
    Session: { path: `/${SERVICE_NAME}/Session`, requestStream: true, responseStream: true, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw },
    ListEnvs: unary('ListEnvs', 'ListEnvsRequest', pb.ListEnvsRequest, pb.ListEnvsResponse),
    DescribeEnv: unary('DescribeEnv', 'DescribeEnvRequest', pb.DescribeEnvRequest, pb.EnvSpec),
    GetStats: unary('GetStats', 'StatsRequest', pb.StatsRequest, pb.Stats),
  } as unknown as grpc.ServiceDefinition;
}

function statusError(code: number, details: string): Partial<grpc.StatusObject> & Error {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

export interface GrpcFace {
  server: grpc.Server;
  health: HealthImplementation;
  /** The Session calls in flight, to end them on shutdown. */
  calls: Set<grpc.ServerDuplexStream<Buffer, Buffer>>;
}

export function createGrpcServer(state: ServerState, openChannel: OpenChannel, token: string | undefined, onCall: (peer: string) => void): GrpcFace {
  const max = state.limits.maxMessageBytes;
  const server = new grpc.Server({
    interceptors: [
      (_method, call) => {
        onCall(call.getPeer());
        // grpc-js needs only the call interface back: passing the call on adds no layer per message
        return call as grpc.ServerInterceptingCall;
      },
    ],
    'grpc.max_connection_idle_ms': Math.ceil(state.limits.openTimeoutSeconds * 1000),
    'grpc.max_receive_message_length': max,
    'grpc.max_send_message_length': max,
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.http2.min_ping_interval_without_data_ms': 5_000,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.enable_channelz': 0,
  });
  const calls = new Set<grpc.ServerDuplexStream<Buffer, Buffer>>();
  const authorized = (md: grpc.Metadata) => bearerMatches(token, md.get('authorization')[0] as string | undefined);
  const unauthenticated = () => statusError(grpc.status.UNAUTHENTICATED, 'missing or wrong bearer token: send metadata "authorization: Bearer <token>"');

  const unaryHandler =
    <Req, Res>(run: (req: Req) => Res) =>
    (call: grpc.ServerUnaryCall<Decoded<Req>, Res>, callback: grpc.sendUnaryData<Res>) => {
      if (!authorized(call.metadata)) return callback(unauthenticated());
      try {
        const decoded = call.request;
        if ('bad' in decoded) throw decoded.bad;
        callback(null, run(decoded.ok));
      } catch (e) {
        const err = asMetarenaError(e);
        callback(statusError(GRPC_CODE_OF[err.status], statusText(err)));
      }
    };

  server.addService(serviceDefinition(), {
    Session: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
      if (!authorized(call.metadata)) return void call.emit('error', unauthenticated());
      const refusal = state.refusal();
      if (refusal) return void call.emit('error', statusError(refusal.code, refusal.message));
      calls.add(call);
      let waitingForDrain = false;
      let readingPaused = false;
      let ending = false;
      const pauseReading = () => {
        if (readingPaused) return;
        readingPaused = true;
        call.pause();
      };
      const resumeReading = () => {
        if (!readingPaused || waitingForDrain || channel.inFlight >= MAX_IN_FLIGHT) return;
        readingPaused = false;
        call.resume();
      };
      const finish = () => {
        calls.delete(call);
        channel.close();
      };
      const channel = openChannel('grpc', {
        answer: (bytes) => {
          if (!call.write(asBuffer(bytes)) && !waitingForDrain) {
            waitingForDrain = true;
            pauseReading();
            call.once('drain', () => {
              waitingForDrain = false;
              resumeReading();
            });
          }
          if (ending && channel.inFlight === 0) {
            finish();
            call.end();
          } else resumeReading();
        },
        end: (code, message) => {
          calls.delete(call);
          call.emit('error', statusError(code, message));
        },
      });
      call.on('data', (bytes: Buffer) => {
        if (channel.closed) return;
        channel.request(bytes);
        if (channel.inFlight >= MAX_IN_FLIGHT) pauseReading();
      });
      call.on('end', () => {
        // the client sent its last request: answer what is in flight, then end the stream
        ending = true;
        if (channel.inFlight > 0 && !channel.closed) return;
        finish();
        call.end();
      });
      call.on('cancelled', finish);
      call.on('error', finish);
      call.on('close', finish);
    },
    ListEnvs: unaryHandler<v1.ListEnvsRequest, v1.IListEnvsResponse>(() => listEnvs(state.registry)),
    DescribeEnv: unaryHandler<v1.DescribeEnvRequest, v1.IEnvSpec>((req) => describeEnv(state.registry, req)),
    GetStats: unaryHandler<v1.StatsRequest, v1.IStats>(() => state.stats()),
  });

  const health = new HealthImplementation({ '': 'SERVING', [SERVICE_NAME]: 'SERVING' });
  health.addToServer(server);
  const definition = protoLoader.loadSync(PROTO_PATH, { keepCase: true });
  new ReflectionService(definition).addToServer(server);
  return { server, health, calls };
}
