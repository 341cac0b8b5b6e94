/**
 * `metarena serve [--grpc HOST:PORT] [--ws HOST:PORT] [--token T] [--tls-cert F --tls-key F]
 * [--plugin PATH_OR_PACKAGE]… [--allow-origin URL]… [--idle-timeout S] [--max-sessions N]
 * [--max-envs-per-session N] [--max-envs N] [--memory-budget-bytes N] [--max-message-bytes N]
 * [--max-connections N] [--open-timeout S] [--workers N] [--request-timeout MS] [--spread-min-envs N]
 * [--worker-spin US]`: serves the registered
 * envs over gRPC and WebSocket. Sessions run on N worker threads (default: one per core,
 * `os.availableParallelism()`; 0: on the I/O thread), each worker loading the `--plugin` modules
 * too; `--request-timeout` answers a request still running after MS milliseconds with
 * DEADLINE_EXCEEDED and replaces its worker (refused with `--workers 0`); `--spread-min-envs N`
 * spreads a make of at least N envs over every worker (EnvPool-style blocks, bit for bit the
 * same trajectories), so one session can use every core; `--worker-spin US` bounds how long a
 * worker polls for the next request after an answer (spin-wait.ts). Prints exactly
 * `metarena listening grpc=HOST:PORT ws=HOST:PORT` on stdout once both accept connections (port 0
 * becomes the real port) and runs until SIGTERM or SIGINT, then closes every session and exits.
 * The token may also come from METARENA_TOKEN. On stderr it says which `--plugin` modules it
 * loaded, which envs and wrappers each added, and how many envs it serves.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { MetarenaError, show } from '../core/index.ts';
import { DEFAULT_WORKER_SPIN_US } from '../server/spin-wait.ts';
import { DEFAULT_LIMITS, type ServerLimits } from '../server/state.ts';
import type { CliDeps } from './deps.ts';
import { collect, parseInteger, parsePositiveNumber } from './parse.ts';
import { loadedLines, pluginFlag, registryWithPlugins } from './plugin-option.ts';

export interface ServeCliOptions {
  grpc: string;
  ws: string;
  token?: string;
  tlsCert?: string;
  tlsKey?: string;
  plugin?: string[];
  idleTimeout?: string;
  maxSessions?: string;
  maxEnvsPerSession?: string;
  maxMessageBytes?: string;
  maxEnvs?: string;
  memoryBudgetBytes?: string;
  maxConnections?: string;
  openTimeout?: string;
  allowOrigin?: string[];
  workers?: string;
  requestTimeout?: string;
  spreadMinEnvs?: string;
  workerSpin?: string;
}

function positive(raw: string | undefined, option: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v <= 0) throw new MetarenaError('METARENA_INVALID_OPTION', `${option} must be a positive number, got ${show(raw)}`, { field: option, allowed: '> 0' });
  return v;
}

export function serveLimits(opts: ServeCliOptions): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  const set = <K extends keyof ServerLimits>(k: K, v: number | undefined) => v !== undefined && (limits[k] = v);
  set('idleTimeoutSeconds', positive(opts.idleTimeout, '--idle-timeout'));
  set('maxSessions', positive(opts.maxSessions, '--max-sessions'));
  set('maxEnvsPerSession', positive(opts.maxEnvsPerSession, '--max-envs-per-session'));
  set('maxMessageBytes', positive(opts.maxMessageBytes, '--max-message-bytes'));
  set('maxEnvs', positive(opts.maxEnvs, '--max-envs'));
  set('memoryBudgetBytes', positive(opts.memoryBudgetBytes, '--memory-budget-bytes'));
  set('maxConnections', positive(opts.maxConnections, '--max-connections'));
  set('openTimeoutSeconds', positive(opts.openTimeout, '--open-timeout'));
  return limits;
}

/** `--workers`, `--request-timeout`, `--spread-min-envs` and `--worker-spin`, checked: the last three need worker threads. */
export function serveWorkers(opts: Pick<ServeCliOptions, 'workers' | 'requestTimeout' | 'spreadMinEnvs' | 'workerSpin'>): { workers: number; requestTimeoutMs: number | undefined; spreadMinEnvs: number; workerSpinMicros: number | undefined } {
  const workers = parseInteger(opts.workers, '--workers', 0) ?? availableParallelism();
  const requestTimeoutMs = parsePositiveNumber(opts.requestTimeout, '--request-timeout');
  const spreadMinEnvs = parseInteger(opts.spreadMinEnvs, '--spread-min-envs', 0) ?? 0;
  const workerSpinMicros = parseInteger(opts.workerSpin, '--worker-spin', 0);
  if (spreadMinEnvs > 0 && workers === 0) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', '--spread-min-envs spreads vector envs over worker threads: it needs --workers >= 2', { field: '--spread-min-envs', allowed: 'with --workers >= 2' });
  }
  if (workerSpinMicros !== undefined && workers === 0) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', '--worker-spin sets how long worker threads poll for requests: it needs --workers >= 1', { field: '--worker-spin', allowed: 'with --workers >= 1' });
  }
  if (requestTimeoutMs !== undefined && workers === 0) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', '--request-timeout needs sessions on worker threads (--workers >= 1): a request running on the I/O thread (--workers 0) cannot be interrupted', {
      field: '--request-timeout',
      allowed: 'with --workers >= 1',
    });
  }
  return { workers, requestTimeoutMs, spreadMinEnvs, workerSpinMicros };
}

export function serveCommand(program: Command, deps: CliDeps): Command {
  const command = program.command('serve').description('serve the environments over gRPC and WebSocket');
  return pluginFlag(command)
    .option('--grpc <host:port>', 'gRPC listen address (port 0: any free port)', '127.0.0.1:50051')
    .option('--ws <host:port>', 'WebSocket listen address (port 0: any free port)', '127.0.0.1:50052')
    .option('--token <token>', 'require "Authorization: Bearer <token>" (default: $METARENA_TOKEN)')
    .option('--tls-cert <file>', 'PEM certificate chain: serve TLS on both listeners')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--idle-timeout <seconds>', `close sessions idle this long (default ${DEFAULT_LIMITS.idleTimeoutSeconds})`)
    .option('--max-sessions <n>', `sessions at once (default ${DEFAULT_LIMITS.maxSessions})`)
    .option('--max-envs-per-session <n>', `envs one session may hold (default ${DEFAULT_LIMITS.maxEnvsPerSession})`)
    .option('--max-message-bytes <n>', `largest request or answer, on both transports (default ${DEFAULT_LIMITS.maxMessageBytes})`)
    .option('--max-envs <n>', `envs all sessions together may hold (default ${DEFAULT_LIMITS.maxEnvs})`)
    .option('--memory-budget-bytes <n>', `estimated bytes all sessions' envs may take (default half the memory: ${DEFAULT_LIMITS.memoryBudgetBytes})`)
    .option('--max-connections <n>', `TCP connections at once over both listeners (default ${DEFAULT_LIMITS.maxConnections})`)
    .option('--open-timeout <seconds>', `close a connection that starts no call or upgrade this long (default ${DEFAULT_LIMITS.openTimeoutSeconds})`)
    .option('--allow-origin <url>', 'let browser pages of this origin open WebSocket sessions (repeatable; * for any)', collect, [])
    .option('--workers <n>', `worker threads the sessions run on, each session pinned to one; 0: all on the I/O thread (default: one per core, ${availableParallelism()})`)
    .option('--request-timeout <ms>', 'answer a request still running after this many ms with DEADLINE_EXCEEDED and replace its worker (default: none; needs --workers >= 1)')
    .option('--spread-min-envs <n>', 'spread a make of at least this many envs (and 2 per worker) over all workers, stepped concurrently, bit for bit as one vector env; such a make then holds up every worker (default 0: never)')
    .option('--worker-spin <us>', `microseconds a worker polls for the next request after an answer before it sleeps, at most: a lock-step client skips a thread wake-up per step, for a busy core while it steps (default ${DEFAULT_WORKER_SPIN_US}; 0: never)`)
    .action(async (opts: ServeCliOptions) => {
      const { workers, requestTimeoutMs, spreadMinEnvs, workerSpinMicros } = serveWorkers(opts);
      const limits = serveLimits(opts);
      // the server (gRPC, WebSocket) loads only when this command runs
      const { startServer } = await import('../server/index.ts');
      const { registry, loaded } = await registryWithPlugins(deps, opts.plugin);
      deps.stderr(`${loadedLines(loaded)}metarena: serving ${registry.listEnvs().length} envs and ${registry.listWrappers().length} wrappers\n`);
      deps.stderr(workers === 0 ? 'metarena: sessions run on the I/O thread (--workers 0)\n' : `metarena: sessions run on ${workers} worker thread${workers === 1 ? '' : 's'} (--workers)\n`);
      const server = await startServer({
        grpc: opts.grpc,
        ws: opts.ws,
        token: opts.token ?? (process.env.METARENA_TOKEN || undefined),
        tlsCert: opts.tlsCert,
        tlsKey: opts.tlsKey,
        allowOrigins: opts.allowOrigin,
        registry,
        limits,
        workers,
        workerPlugins: opts.plugin ?? [],
        requestTimeoutMs,
        spreadMinEnvs,
        workerSpinMicros,
      });
      deps.stdout(`${server.listeningLine}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          deps.stderr(`metarena: ${signal}, closing sessions\n`);
          void server.close().then(resolve);
        };
        const onTerm = () => stop('SIGTERM');
        const onInt = () => stop('SIGINT');
        process.on('SIGTERM', onTerm);
        process.on('SIGINT', onInt);
      });
    });
}
