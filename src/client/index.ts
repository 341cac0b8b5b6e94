/** The metarena client: remote vector envs and the unary calls. Imports nothing of the server. */
export { RemoteVectorEnv, connectVectorEnv, openTransport } from './remote-vector-env.ts';
export { type LostServer, ServerLostError, ShardedVectorEnv } from './sharded-vector-env.ts';
export { describeEnv, getStats, listEnvs } from './unary.ts';
export type { ConnectOptions, ServerLostPolicy, TransportKind, VectorConnectOptions } from './transport.ts';
export type { EnvSpecParts, WireMakeOptions } from '../wire/index.ts';
