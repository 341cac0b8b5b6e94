/**
 * The Redis connection of `--queue redis://HOST:PORT` (`metarena evolve` and `metarena worker`):
 * the URL checked (`parseQueueUrl`), and a client connected once before any work (`connectQueue`)
 * so that a server that cannot be reached is an error naming `--queue` at once, not a run that
 * waits for ever.
 *
 * URLs: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]` (port 6379 and db 0 by default) or `rediss://`
 * for TLS. A password is shown as `***` in messages. The client is ioredis, the driver BullMQ is
 * built on; BullMQ takes the connected client (`connection`) instead of connection options, which
 * it could not load from an ES module.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { MetarenaError, show } from '../../core/index.ts';

/** Seconds to wait for the first connection. */
export const CONNECT_TIMEOUT_SECONDS = 5;

export interface QueueUrl {
  /** The URL as given. */
  url: string;
  /** The URL with its password hidden, for messages. */
  shown: string;
}

/** `--queue`'s URL, checked; `option` names the flag in messages. */
export function parseQueueUrl(raw: string, option = '--queue'): QueueUrl {
  const allowed = 'redis://HOST[:PORT][/DB] or rediss://… (TLS)';
  const bad = (why: string) => new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} must be a Redis URL such as redis://localhost:6379 (${why}), got ${show(raw)}`, { field: option, allowed });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`the scheme must be redis: or rediss:, not ${url.protocol}`);
  if (url.hostname === '') throw bad('no host');
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d+$/.test(url.pathname)) throw bad(`the path may only be a database number, not ${url.pathname}`);
  if (url.search !== '' || url.hash !== '') throw bad('no query or fragment');
  const hidden = new URL(url.href);
  if (hidden.password) hidden.password = '***';
  return { url: url.href, shown: hidden.href.replace(/\/$/, '') };
}

/**
 * A client of `queue`, connected and answering PING within CONNECT_TIMEOUT_SECONDS (else a
 * METARENA_UNAVAILABLE error naming `option` and the reason). `options` are ioredis's (e.g.
 * `maxRetriesPerRequest: null` for a BullMQ worker). Once connected, the client reconnects by
 * itself when the connection drops; before that it does not retry.
 */
export async function connectQueue(queue: QueueUrl, options: RedisOptions = {}, option = '--queue'): Promise<Redis> {
  const { Redis } = await import('ioredis');
  let connected = false;
  let reason: Error | undefined;
  const client = new Redis(queue.url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_SECONDS * 1000,
    retryStrategy: (times: number) => (connected ? Math.min(100 * times, 2000) : null),
    ...options,
  });
  // after the first connection, errors are the reconnect loop's (a command that fails says so)
  client.on('error', (e: Error) => void (reason = e));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to PING within ${CONNECT_TIMEOUT_SECONDS} s`)), CONNECT_TIMEOUT_SECONDS * 1000);
  });
  try {
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
    connected = true;
  } catch (e) {
    client.disconnect();
    const why = reason && (e as Error).message === 'Connection is closed.' ? reason.message : (e as Error).message;
    throw new MetarenaError('METARENA_UNAVAILABLE', `${option} ${queue.shown}: cannot reach Redis (${why})`, { field: option });
  } finally {
    clearTimeout(timer);
  }
  return client;
}
