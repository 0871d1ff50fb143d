/**
 * A small TCP load balancer for the tests and the benchmark of several node processes serving
 * one office (issue 13; docs/operations.md "Several node processes"): it listens on one
 * loopback port and hands each new connection to the next backend, round robin. Bytes pass
 * through untouched, so the exchange listener's mutual TLS and signatures stay end to end, as
 * behind an operator's TCP balancer (nginx `stream`, HAProxy `mode tcp`).
 *
 * A backend that refuses the connection (a killed process) is skipped and the next one tried,
 * as those balancers do with a passive health check; only when every backend refuses is the
 * client's connection closed. A connection already passed to a process that dies is cut, as it
 * would be by any balancer.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Backend {
  readonly host: string;
  readonly port: number;
}

export class TcpBalancer {
  readonly #server: Server;
  readonly #backends: readonly Backend[];
  readonly #sockets = new Set<Socket>();
  #next = 0;
  /** Connections handed to each backend, by index. */
  readonly connections: number[];

  private constructor(server: Server, backends: readonly Backend[]) {
    this.#server = server;
    this.#backends = backends;
    this.connections = backends.map(() => 0);
  }

  /** Listens on 127.0.0.1:`port` (0: any free port) in front of `backends`. */
  static async start(port: number, backends: readonly Backend[]): Promise<TcpBalancer> {
    if (backends.length === 0) throw new RangeError('a balancer needs at least one backend');
    const server = createServer();
    const balancer = new TcpBalancer(server, backends);
    server.on('connection', (client) => balancer.#accept(client));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    return balancer;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('the balancer is not listening');
    return address.port;
  }

  #accept(client: Socket): void {
    this.#sockets.add(client);
    client.once('close', () => this.#sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause(); // hold what the client sends until a backend has taken the connection
    const first = this.#next;
    this.#next = (this.#next + 1) % this.#backends.length;
    this.#tryBackend(client, first, 0);
  }

  #tryBackend(client: Socket, index: number, tried: number): void {
    if (tried === this.#backends.length || client.destroyed) {
      client.destroy();
      return;
    }
    const backend = this.#backends[index]!;
    const upstream = connect(backend.port, backend.host);
    this.#sockets.add(upstream);
    upstream.once('close', () => this.#sockets.delete(upstream));
    const refused = (): void => {
      upstream.destroy();
      this.#tryBackend(client, (index + 1) % this.#backends.length, tried + 1);
    };
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      this.connections[index] = (this.connections[index] ?? 0) + 1;
      upstream.on('error', () => client.destroy());
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  /** Stops listening and cuts every connection. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
