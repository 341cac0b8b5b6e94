/**
 * The TCP side of both listeners. The server accepts connections itself (node:net) and hands
 * them to grpc-js or to the HTTP server, so that it can cap how many are open at once, over both
 * listeners (beyond the cap a new connection is closed at once), and close a connection that has
 * not opened anything within the open timeout: on the gRPC port a call of any service, on the
 * WebSocket port an upgrade. Connections are matched to calls and upgrades by their peer
 * address, written as grpc-js writes it (`address:port`).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { MetarenaError } from '../core/index.ts';

export function peerOf(socket: { remoteAddress?: string; remotePort?: number }): string {
  return `${socket.remoteAddress}:${socket.remotePort}`;
}

export class ConnectionGate {
  private count = 0;

  constructor(
    readonly maxConnections: number,
    readonly openTimeoutMs: number,
  ) {}

  /** Open connections over every listener of the gate. */
  get open(): number {
    return this.count;
  }

  /** A listener whose accepted connections pass the gate before `accept` gets them. */
  listener(accept: (socket: Socket) => void): GatedListener {
    return new GatedListener(this, accept);
  }

  /** Counts `socket` in, or refuses it (false) when the cap is reached. */
  admit(socket: Socket): boolean {
    if (this.count >= this.maxConnections) return false;
    this.count += 1;
    socket.once('close', () => (this.count -= 1));
    return true;
  }
}

export class GatedListener {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Connections that have not opened a call or an upgrade yet, by peer, with their deadlines. */
  private readonly unopened = new Map<string, { socket: Socket; timer: NodeJS.Timeout }>();

  constructor(
    private readonly gate: ConnectionGate,
    accept: (socket: Socket) => void,
  ) {
    this.server = createServer((socket) => {
      if (!gate.admit(socket)) return void socket.destroy();
      const peer = peerOf(socket);
      const timer = setTimeout(() => {
        this.unopened.delete(peer);
        socket.destroy();
      }, gate.openTimeoutMs);
      timer.unref();
      this.unopened.set(peer, { socket, timer });
      this.sockets.add(socket);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.opened(peer);
      });
      socket.on('error', () => socket.destroy());
      accept(socket);
    });
  }

  /** The connection of `peer` opened a call or an upgrade: it stays. */
  opened(peer: string): void {
    const entry = this.unopened.get(peer);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.unopened.delete(peer);
  }

  /** Listens on host:port; resolves to the bound port, or rejects naming `what` and the address. */
  listen(host: string, port: number, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', (e) => reject(new MetarenaError('METARENA_UNAVAILABLE', `cannot listen for ${what} on ${host.includes(':') ? `[${host}]` : host}:${port}: ${e.message}`)));
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops accepting and closes the connections that never opened anything; the rest stay. */
  stopAccepting(): void {
    this.server.close();
    for (const { socket } of [...this.unopened.values()]) socket.destroy();
  }

  /** Closes every connection left (after the transports ended theirs gracefully). */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}
