/**
 * `metarena serve [--grpc HOST:PORT] [--ws HOST:PORT] [--token T] [--tls-cert F --tls-key F]
 * [--plugin PATH_OR_PACKAGE]… [--allow-origin URL]… [--idle-timeout S] [--max-sessions N]
 * [--max-envs-per-session N] [--max-envs N] [--memory-budget-bytes N] [--max-message-bytes N]
 * [--max-connections N] [--open-timeout S]`: serves the registered envs over gRPC and WebSocket. Prints exactly
 * `metarena listening grpc=HOST:PORT ws=HOST:PORT` on stdout once both accept connections (port 0
 * becomes the real port) and runs until SIGTERM or SIGINT, then closes every session and exits.
 * The token may also come from METARENA_TOKEN. On stderr it says which `--plugin` modules it
 * loaded, which envs and wrappers each added, and how many envs it serves.
 */
import type { Command } from 'commander';
import { MetarenaError, show } from '../core/index.ts';
import { DEFAULT_LIMITS, type ServerLimits } from '../server/state.ts';
import type { CliDeps } from './deps.ts';
import { collect } from './parse.ts';
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
    .action(async (opts: ServeCliOptions) => {
      // the server (gRPC, WebSocket) loads only when this command runs
      const { startServer } = await import('../server/index.ts');
      const { registry, loaded } = await registryWithPlugins(deps, opts.plugin);
      deps.stderr(`${loadedLines(loaded)}metarena: serving ${registry.listEnvs().length} envs and ${registry.listWrappers().length} wrappers\n`);
      const server = await startServer({
        grpc: opts.grpc,
        ws: opts.ws,
        token: opts.token ?? (process.env.METARENA_TOKEN || undefined),
        tlsCert: opts.tlsCert,
        tlsKey: opts.tlsKey,
        allowOrigins: opts.allowOrigin,
        registry,
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
