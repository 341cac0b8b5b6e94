/**
 * Starts and stops a metarena server: gRPC and WebSocket listeners over one shared state
 * (registry, sessions, limits). `startServer` resolves once both accept connections. Both
 * listeners accept TCP through one connection gate (cap and open timeout, connections.ts), and
 * while the server runs, asynchronous plugin errors are contained (containment.ts). The registry
 * comes from the caller (the composition root), never from here. With `workers` ≥ 1 sessions run
 * on a pool of worker threads (worker-pool.ts), which build their registries from the built-in
 * envs and the plugin modules; with 0 (the default of this API; `metarena serve` defaults to one
 * per core) they run on the I/O thread, as `requestTimeoutMs` cannot interrupt there.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import * as grpc from '@grpc/grpc-js';
import { MetarenaError, type Registry, show } from '../core/index.ts';
import type { v1 } from '../wire/index.ts';
import { ConnectionGate, peerOf } from './connections.ts';
import { inProcessChannels, type OpenChannel } from './channel.ts';
import { installContainment } from './containment.ts';
import { createGrpcServer, SERVICE_NAME } from './grpc.ts';
import { loadPluginModules, registerAll } from './plugins.ts';
import { Ledger } from './ledger.ts';
import { DEFAULT_LIMITS, type ServerLimits, ServerState } from './state.ts';
import { type WorkerInfo, WorkerPool } from './worker-pool.ts';
import { attachWebSocket } from './ws.ts';

export interface ServeOptions {
  /** `host:port` for gRPC (port 0 picks a free port); default 127.0.0.1:50051. */
  grpc?: string;
  /** `host:port` for the WebSocket gateway; default 127.0.0.1:50052. */
  ws?: string;
  /** Bearer token required from every client (default: none). */
  token?: string;
  /** PEM certificate chain and private key (file paths) to serve TLS on both listeners. */
  tlsCert?: string;
  tlsKey?: string;
  /** Plugin modules (paths or package names) registered in addition to the built-ins. */
  plugins?: readonly string[];
  /** The registry to serve; `plugins` are registered into it. */
  registry: Registry;
  /**
   * Browser origins (`https://host[:port]`, or `*` for any) whose pages may open WebSocket
   * sessions; an upgrade with another `Origin` header is refused (403). Clients that send no
   * Origin (every non-browser client) are not affected.
   */
  allowOrigins?: readonly string[];
  limits?: Partial<ServerLimits>;
  /**
   * Worker threads the sessions run on, each session pinned to one (default 0: every session on
   * the I/O thread, as before worker pools). A worker's registry is the built-in envs plus
   * `workerPlugins`; the server refuses to start when `registry` holds an env or wrapper the
   * workers lack.
   */
  workers?: number;
  /** Plugin modules each worker loads (default: `plugins`; the CLI passes its `--plugin` modules). */
  workerPlugins?: readonly string[];
  /**
   * Milliseconds a request may run in its worker; past that it is answered METARENA_TIMEOUT
   * (DEADLINE_EXCEEDED) and the worker is replaced (default: no limit; needs `workers` ≥ 1).
   */
  requestTimeoutMs?: number;
  /**
   * With 2 or more workers: a make of at least this many envs (and at least 2 per worker) is
   * spread over every worker in contiguous blocks, stepped concurrently, merged in env order,
   * bit for bit the same as one vector env (default 0: never; needs `workers` ≥ 1).
   */
  spreadMinEnvs?: number;
  /**
   * Microseconds a worker polls for its next message after an answer before it sleeps, at most
   * (spin-wait.ts: a lock-step request then skips a thread wake-up; default
   * `DEFAULT_WORKER_SPIN_US`; 0: never).
   */
  workerSpinMicros?: number;
}

export interface RunningServer {
  /** `host:port` actually bound. */
  readonly grpcAddress: string;
  readonly wsAddress: string;
  /** The line printed once both listeners accept connections. */
  readonly listeningLine: string;
  stats(): v1.IStats;
  /** Open TCP connections over both listeners. */
  connections(): number;
  /** WebSocket answer bytes accepted for sending but not yet handed to the OS. */
  wsBufferedBytes(): number;
  /** Each worker thread's state: loaded, open sessions and envs, workers started in its slot (empty with 0 workers). */
  workers(): WorkerInfo[];
  /** Ends every session (UNAVAILABLE / close code 4014), frees the envs and stops listening. */
  close(graceMs?: number): Promise<void>;
}

/** Splits `host:port` (`[::1]:50051` for IPv6). */
export function parseHostPort(text: string, field: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be host:port (e.g. 127.0.0.1:50051), got ${show(text)}`, { field, allowed: 'host:port' });
  return { host: m[1] ?? m[2], port };
}

const joinHostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** Each allowed origin as browsers write it (`scheme://host[:port]`), or `*`. */
function checkOrigins(origins: readonly string[]): string[] {
  return origins.map((text) => {
    if (text === '*') return text;
    let origin = 'null';
    try {
      origin = new URL(text).origin;
    } catch {
      // reported below
    }
    if (origin === 'null') throw new MetarenaError('METARENA_INVALID_OPTION', `--allow-origin must be an origin such as https://app.example.com (or *), got ${show(text)}`, { field: 'allow_origin', allowed: 'scheme://host[:port] or *' });
    return origin;
  });
}

function checkLimits(limits: ServerLimits): void {
  for (const [k, v] of Object.entries(limits)) {
    if (typeof v !== 'number' || Number.isNaN(v) || v <= 0) throw new MetarenaError('METARENA_INVALID_OPTION', `${k} must be a positive number, got ${show(v)}`, { field: k });
  }
}

/** The worker count, request timeout, spread threshold and worker polling, checked: a timeout needs workers to stop. */
function checkWorkers(workers: number, requestTimeoutMs: number | undefined, spreadMinEnvs: number, spinMicros: number | undefined): void {
  if (!Number.isSafeInteger(workers) || workers < 0) throw new MetarenaError('METARENA_INVALID_OPTION', `--workers must be an integer >= 0 (0: sessions on the I/O thread), got ${show(workers)}`, { field: 'workers', allowed: 'integer >= 0' });
  if (spinMicros !== undefined && (typeof spinMicros !== 'number' || !Number.isFinite(spinMicros) || spinMicros < 0 || spinMicros > 100_000)) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `--worker-spin must be a number of microseconds from 0 (never poll) to 100000, got ${show(spinMicros)}`, { field: 'worker_spin', allowed: '0..100000' });
  }
  if (!Number.isSafeInteger(spreadMinEnvs) || spreadMinEnvs < 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `--spread-min-envs must be an integer >= 0 (0: never spread), got ${show(spreadMinEnvs)}`, { field: 'spread_min_envs', allowed: 'integer >= 0' });
  }
  if (requestTimeoutMs === undefined) return;
  if (typeof requestTimeoutMs !== 'number' || !Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `--request-timeout must be a positive number of milliseconds, got ${show(requestTimeoutMs)}`, { field: 'request_timeout', allowed: 'number > 0' });
  }
  if (workers === 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', '--request-timeout needs sessions on worker threads (--workers >= 1): a request running on the I/O thread (--workers 0) cannot be interrupted', {
      field: 'request_timeout',
      allowed: 'with --workers >= 1',
    });
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const grpcAt = parseHostPort(options.grpc ?? '127.0.0.1:50051', 'grpc');
  const wsAt = parseHostPort(options.ws ?? '127.0.0.1:50052', 'ws');
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  checkLimits(limits);
  const workers = options.workers ?? 0;
  checkWorkers(workers, options.requestTimeoutMs, options.spreadMinEnvs ?? 0, options.workerSpinMicros);
  const allowOrigins = checkOrigins(options.allowOrigins ?? []);
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) throw new MetarenaError('METARENA_INVALID_OPTION', 'give both --tls-cert and --tls-key, or neither', { field: options.tlsCert ? 'tls_key' : 'tls_cert' });
  const registry = options.registry;
  if (options.plugins && options.plugins.length > 0) registerAll(registry, await loadPluginModules(options.plugins));

  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (options.tlsCert && options.tlsKey) {
    const read = (path: string, field: string) => {
      try {
        return readFileSync(path);
      } catch (e) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: cannot read ${path}: ${(e as Error).message}`, { field });
      }
    };
    tls = { cert: read(options.tlsCert, 'tls_cert'), key: read(options.tlsKey, 'tls_key') };
  }

  const state = new ServerState(registry, limits, { ledger: Ledger.create(workers + 1) });
  let pool: WorkerPool | undefined;
  if (workers > 0) {
    try {
      pool = await WorkerPool.start(state, { workers, plugins: options.workerPlugins ?? options.plugins ?? [], requestTimeoutMs: options.requestTimeoutMs, spreadMinEnvs: options.spreadMinEnvs, spinMicros: options.workerSpinMicros });
    } catch (e) {
      state.stop();
      throw e;
    }
  }
  const openChannel: OpenChannel = pool ? pool.open : inProcessChannels(state);
  const gate = new ConnectionGate(limits.maxConnections, limits.openTimeoutSeconds * 1000);
  let grpcListener: ReturnType<ConnectionGate['listener']> | undefined;
  const face = createGrpcServer(state, openChannel, options.token, (peer) => grpcListener?.opened(peer));
  const credentials = tls ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: tls.cert, private_key: tls.key }], false) : grpc.ServerCredentials.createInsecure();
  const injector = face.server.createConnectionInjector(credentials);
  grpcListener = gate.listener((socket) => injector.injectConnection(socket));
  const notWs = (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('metarena: connect with a WebSocket (binary protobuf frames)\n');
  };
  const httpServer: HttpServer = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, notWs) : createHttpServer(notWs);
  const wsListener = gate.listener((socket) => httpServer.emit('connection', socket));
  const ws = attachWebSocket(httpServer, state, openChannel, { token: options.token, allowOrigins, onUpgrade: (req) => wsListener.opened(peerOf(req.socket)) });
  const uninstall = installContainment();
  const stopListening = () => {
    grpcListener.stopAccepting();
    wsListener.stopAccepting();
  };
  try {
    const grpcPort = await grpcListener.listen(grpcAt.host, grpcAt.port, 'gRPC');
    const wsPort = await wsListener.listen(wsAt.host, wsAt.port, 'WebSocket');
    const grpcAddress = joinHostPort(grpcAt.host, grpcPort);
    const wsAddress = joinHostPort(wsAt.host, wsPort);
    let closing: Promise<void> | undefined;
    return {
      grpcAddress,
      wsAddress,
      listeningLine: `metarena listening grpc=${grpcAddress} ws=${wsAddress}`,
      stats: () => state.stats(),
      connections: () => gate.open,
      wsBufferedBytes: () => ws.bufferedBytes(),
      workers: () => pool?.workers() ?? [],
      close: (graceMs = 5000) =>
        (closing ??= (async () => {
          state.shuttingDown = true;
          stopListening();
          face.health.setStatus('', 'NOT_SERVING');
          face.health.setStatus(SERVICE_NAME, 'NOT_SERVING');
          for (const s of [...state.sessions]) s.expire(14, 'the server is shutting down');
          // give the close frames a moment to leave, then cut what is left
          const deadline = Date.now() + Math.min(graceMs, 1000);
          while (ws.sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
          for (const sock of ws.sockets) sock.terminate();
          ws.wss.close();
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              face.server.forceShutdown();
              resolve();
            }, graceMs);
            face.server.tryShutdown(() => {
              clearTimeout(timer);
              resolve();
            });
          });
          httpServer.closeAllConnections();
          grpcListener.destroyAll();
          wsListener.destroyAll();
          await pool?.close();
          state.stop();
          uninstall();
        })()),
    };
  } catch (e) {
    stopListening();
    face.server.forceShutdown();
    await pool?.close();
    state.stop();
    uninstall();
    throw e;
  }
}
