/** The metarena server: gRPC service and WebSocket gateway over sessions that own vector envs. */
export { type RunningServer, type ServeOptions, parseHostPort, startServer } from './server.ts';
export { DEFAULT_LIMITS, type ServerLimits } from './state.ts';
export { loadPluginModules, registerAll } from './plugins.ts';
export type { WorkerInfo } from './worker-pool.ts';
