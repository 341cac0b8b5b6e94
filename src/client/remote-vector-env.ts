/**
 * RemoteVectorEnv: the core VectorEnv interface over a metarena session (gRPC stream or
 * WebSocket). An agent cannot tell it from an in-process vector env: same spaces, same batches,
 * same info layout, same MetarenaError codes. Calls may be pipelined (each call sends at once;
 * answers come back in order). The arrays of a result view the received message or share a
 * few buffers (see `TypedArrayArena`), instead of one buffer each.
 */
import {
  type AutoresetMode,
  type Batch,
  type ContextSpace,
  MetarenaError,
  type Space,
  type VectorEnv,
  type VectorResetArgs,
  type VectorResetResult,
  type VectorStepResult,
  TypedArrayArena,
  batchCodec,
  toBatch,
} from '../core/index.ts';
import {
  DECODE_CHUNK_BYTES,
  type EnvSpecParts,
  type WireMakeOptions,
  decodeBatch,
  decodeEnvSpec,
  decodeInfo,
  decodeTensor,
  encodeMake,
  encodeReset,
  encodeStep,
  hasBatchDtype,
} from '../wire/index.ts';
import { expandAddresses } from './addresses.ts';
import { GrpcTransport } from './grpc-transport.ts';
import { ShardedVectorEnv } from './sharded-vector-env.ts';
import { type ConnectOptions, type SessionTransport, type VectorConnectOptions } from './transport.ts';
import { WsTransport } from './ws-transport.ts';

/** Opens a session transport of the requested kind. */
export async function openTransport(conn: ConnectOptions): Promise<SessionTransport> {
  if (typeof conn !== 'object' || conn === null || typeof conn.address !== 'string') {
    throw new MetarenaError('METARENA_INVALID_OPTION', 'connect needs {address: "host:port"}', { field: 'address' });
  }
  const kind = conn.transport ?? 'grpc';
  if (kind === 'grpc') return new GrpcTransport(conn);
  if (kind === 'ws') return WsTransport.open(conn);
  throw new MetarenaError('METARENA_INVALID_OPTION', `transport must be grpc or ws, got ${String(kind)}`, { field: 'transport', allowed: 'grpc, ws' });
}

export class RemoteVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space;
  readonly singleActionSpace: Space;
  readonly contextSpace: ContextSpace;
  readonly autoresetMode: AutoresetMode;
  readonly maxEpisodeSteps: number | undefined;
  /** The env id, description, spaces and settings the server made. */
  readonly spec: EnvSpecParts;
  private closed = false;
  private readonly actionSize: number | undefined;

  private constructor(
    private readonly transport: SessionTransport,
    readonly handle: number,
    spec: EnvSpecParts,
  ) {
    this.spec = spec;
    this.numEnvs = spec.numEnvs;
    this.singleObservationSpace = spec.observationSpace;
    this.singleActionSpace = spec.actionSpace;
    this.contextSpace = spec.contextSpace;
    this.autoresetMode = spec.autoresetMode ?? 'next_step';
    this.maxEpisodeSteps = spec.maxEpisodeSteps;
    this.actionSize = batchCodec(spec.actionSpace).flatSize;
  }

  /**
   * Opens a session and makes `numEnvs` copies of `envId` with the core make options (plus
   * `seed`, used by the first reset that gives none). With a list of addresses the envs are
   * spread over one session per server (a ShardedVectorEnv, seeded as one vector env).
   */
  static connect(conn: ConnectOptions, envId: string, numEnvs: number, options?: WireMakeOptions): Promise<RemoteVectorEnv>;
  static connect(conn: VectorConnectOptions & { address: readonly string[] }, envId: string, numEnvs: number, options?: WireMakeOptions): Promise<ShardedVectorEnv>;
  static connect(conn: VectorConnectOptions, envId: string, numEnvs: number, options?: WireMakeOptions): Promise<RemoteVectorEnv | ShardedVectorEnv>;
  static async connect(conn: VectorConnectOptions, envId: string, numEnvs: number, options: WireMakeOptions = {}): Promise<RemoteVectorEnv | ShardedVectorEnv> {
    if (typeof conn === 'object' && conn !== null && Array.isArray(conn.address)) {
      const { address, onServerLost, ...rest } = conn;
      const servers = await expandAddresses(address, { tls: Boolean(rest.tls) });
      const open = (a: string, n: number, o: WireMakeOptions) => RemoteVectorEnv.connect({ ...rest, address: a }, envId, n, o);
      return ShardedVectorEnv.open(servers, envId, numEnvs, options, { open, onServerLost });
    }
    const make = encodeMake(envId, numEnvs, options);
    const transport = await openTransport(conn as ConnectOptions);
    try {
      const res = await transport.request({ make });
      const m = res.make;
      if (!m || !m.spec) throw new MetarenaError('METARENA_INTERNAL', 'the server answered make without a spec');
      return new RemoteVectorEnv(transport, m.env_handle ?? 0, decodeEnvSpec(m.spec));
    } catch (e) {
      transport.close();
      throw e;
    }
  }

  async reset(args: VectorResetArgs = {}): Promise<VectorResetResult> {
    this.checkOpen('reset');
    // contexts are checked by the server's core, so the error is the one a local env raises
    const res = await this.transport.request({ reset: encodeReset(this.handle, args) });
    const r = res.reset!;
    const space = this.singleObservationSpace;
    const arena = new TypedArrayArena(DECODE_CHUNK_BYTES);
    return { obs: decodeBatch(space, r.obs, 'obs', arena), info: decodeInfo(r.info, space, this.numEnvs, arena) };
  }

  async step(actions: Batch | unknown[]): Promise<VectorStepResult> {
    this.checkOpen('step');
    const n = this.numEnvs;
    const space = this.singleActionSpace;
    const batch = hasBatchDtype(space, actions) && actions.length === n * (this.actionSize ?? -1) ? actions : toBatch(space, actions, n, 'actions');
    const res = await this.transport.request({ step: encodeStep(this.handle, space, batch, n) });
    const r = res.step!;
    const obsSpace = this.singleObservationSpace;
    const arena = new TypedArrayArena(DECODE_CHUNK_BYTES);
    return {
      obs: decodeBatch(obsSpace, r.obs, 'obs', arena),
      rewards: decodeTensor(r.rewards, 'rewards', arena) as Float64Array,
      terminated: decodeTensor(r.terminated, 'terminated', arena) as Uint8Array,
      truncated: decodeTensor(r.truncated, 'truncated', arena) as Uint8Array,
      info: decodeInfo(r.info, obsSpace, n, arena),
    };
  }

  /** Why the session ended (the server went away, a timeout, close()), or undefined while it is open. */
  get lost(): MetarenaError | undefined {
    return this.transport.broken;
  }

  /** Closes the vector env and its session; calling it twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.transport.broken) await this.transport.request({ close: { env_handle: this.handle } });
    } catch {
      // the session is going away either way
    } finally {
      this.transport.close();
    }
  }

  private checkOpen(what: string): void {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', `${what}() after close()`, { field: what });
  }
}

/** Same as `RemoteVectorEnv.connect`. */
export const connectVectorEnv = (conn: VectorConnectOptions, envId: string, numEnvs: number, options?: WireMakeOptions) => RemoteVectorEnv.connect(conn, envId, numEnvs, options);
