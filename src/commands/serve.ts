/**
 * `metarena serve [--grpc HOST:PORT] [--ws HOST:PORT] [--token T] [--tls-cert F --tls-key F]
 * [--plugin PATH_OR_PACKAGE]… [--idle-timeout S] [--max-sessions N] [--max-envs-per-session N]
 * [--max-message-bytes N]`: serves the registered envs over gRPC and WebSocket. Prints exactly
 * `metarena listening grpc=HOST:PORT ws=HOST:PORT` on stdout once both accept connections (port 0
 * becomes the real port) and runs until SIGTERM or SIGINT, then closes every session and exits.
 * The token may also come from METARENA_TOKEN.
 */
import type { Command } from 'commander';
import { MetarenaError, show } from '../core/index.ts';
import type { CliDeps } from '../cli.ts';
import { DEFAULT_LIMITS, type ServerLimits, startServer } from '../server/index.ts';
import { collect } from './parse.ts';

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
  return limits;
}

export function serveCommand(program: Command, deps: CliDeps): Command {
  return program
    .command('serve')
    .description('serve the environments over gRPC and WebSocket')
    .option('--grpc <host:port>', 'gRPC listen address (port 0: any free port)', '127.0.0.1:50051')
    .option('--ws <host:port>', 'WebSocket listen address (port 0: any free port)', '127.0.0.1:50052')
    .option('--token <token>', 'require "Authorization: Bearer <token>" (default: $METARENA_TOKEN)')
    .option('--tls-cert <file>', 'PEM certificate chain: serve TLS on both listeners')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--plugin <path-or-package>', 'load env/wrapper plugins from a module (repeatable)', collect, [])
    .option('--idle-timeout <seconds>', `close sessions idle this long (default ${DEFAULT_LIMITS.idleTimeoutSeconds})`)
    .option('--max-sessions <n>', `sessions at once (default ${DEFAULT_LIMITS.maxSessions})`)
    .option('--max-envs-per-session <n>', `envs one session may hold (default ${DEFAULT_LIMITS.maxEnvsPerSession})`)
    .option('--max-message-bytes <n>', `largest message (default ${DEFAULT_LIMITS.maxMessageBytes})`)
    .action(async (opts: ServeCliOptions) => {
      const server = await startServer({
        grpc: opts.grpc,
        ws: opts.ws,
        token: opts.token ?? (process.env.METARENA_TOKEN || undefined),
        tlsCert: opts.tlsCert,
        tlsKey: opts.tlsKey,
        plugins: opts.plugin,
        registry: deps.registry(),
        limits: serveLimits(opts),
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
