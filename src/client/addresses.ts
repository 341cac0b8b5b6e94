/**
 * The server list of a vector env spread over several servers. Each entry is one server
 * (`host:port`, or `ws://…` for the WebSocket transport), except `dns:///name:port` (also
 * `dns:name:port`), which stands for every address the name resolves to — the address list
 * gRPC's dns resolver hands to its round_robin policy, and what a Kubernetes headless Service
 * (clusterIP: None) answers with: one record per ready pod. The addresses of one name are
 * sorted, so the same set of servers always gets the same blocks.
 *
 * A session is one long-lived stream, pinned to the backend it first went to, and the blocks'
 * seeds depend on how many servers there are; so the client resolves the name itself and opens
 * one session per address, instead of letting a round_robin channel choose a backend per stream.
 */
import { lookup } from 'node:dns/promises';
import { MetarenaError, show } from '../core/index.ts';

/** Every address a host name resolves to (A and AAAA records). */
export type HostResolver = (host: string) => Promise<string[]>;

export const systemResolver: HostResolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

const DNS_TARGET = /^dns:(?:\/\/[^/]*\/)?(.+)$/;

/** `host:port` of a `dns:` target, or undefined for a plain address. */
export function dnsTarget(entry: string): { host: string; port: string } | undefined {
  const m = DNS_TARGET.exec(entry);
  if (!m) return undefined;
  const target = m[1];
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(target);
  const plain = /^([^:]+):(\d+)$/.exec(target);
  const hp = bracketed ?? plain;
  if (!hp) throw new MetarenaError('METARENA_INVALID_OPTION', `address ${show(entry)} must be dns:///name:port`, { field: 'address', allowed: 'dns:///name:port' });
  return { host: hp[1], port: hp[2] };
}

const joinHostPort = (host: string, port: string) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** The servers of an address list, `dns:` entries replaced by the addresses their names resolve to. */
export async function expandAddresses(list: readonly string[], { resolve = systemResolver, tls = false }: { resolve?: HostResolver; tls?: boolean } = {}): Promise<string[]> {
  if (!Array.isArray(list) || list.length === 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `address must be "host:port" or a non-empty list of them, got ${show(list)}`, { field: 'address', allowed: 'host:port, or a list of host:port' });
  }
  const out: string[] = [];
  for (const [k, entry] of list.entries()) {
    if (typeof entry !== 'string' || entry === '') {
      throw new MetarenaError('METARENA_INVALID_OPTION', `address[${k}] must be "host:port", got ${show(entry)}`, { field: `address[${k}]`, allowed: 'host:port' });
    }
    const dns = dnsTarget(entry);
    if (!dns) {
      out.push(entry);
      continue;
    }
    if (tls) {
      throw new MetarenaError('METARENA_NOT_SUPPORTED', `address[${k}] ${entry}: a dns: name is opened at each address it resolves to, which a TLS certificate does not name; list the servers' host names instead`, { field: `address[${k}]` });
    }
    let found: string[];
    try {
      found = await resolve(dns.host);
    } catch (e) {
      throw new MetarenaError('METARENA_UNAVAILABLE', `address[${k}] ${entry}: cannot resolve ${dns.host}: ${(e as Error).message}`, { field: `address[${k}]` }, { cause: e });
    }
    const unique = [...new Set(found)].sort();
    if (unique.length === 0) throw new MetarenaError('METARENA_UNAVAILABLE', `address[${k}] ${entry}: ${dns.host} resolves to no address`, { field: `address[${k}]` });
    for (const host of unique) out.push(joinHostPort(host, dns.port));
  }
  return out;
}
