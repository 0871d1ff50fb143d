/**
 * A TCP proxy for the integration tests that stalls one connection: once more than `stallAfter`
 * bytes have gone from the server to the client on a connection, it stops forwarding (a download
 * caught half-way, its bytes held on the wire), and `stalled` resolves. Later connections pass
 * untouched. TLS passes through, so mutual TLS and signatures stay end to end.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class StallingProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #armed = true;
  #onStall: () => void = () => undefined;
  /** Resolves when a connection has stalled. */
  readonly stalled: Promise<void>;
  /** Bytes sent from the server to clients, over all connections. */
  bytesToClient = 0;

  private constructor(server: Server, private readonly target: { host: string; port: number }, private readonly stallAfter: number) {
    this.#server = server;
    this.stalled = new Promise((resolve) => { this.#onStall = resolve; });
  }

  /** Listens on 127.0.0.1:`port` (the port a directory entry names) and forwards to `target`. */
  static async start(port: number, target: { host: string; port: number }, stallAfter: number): Promise<StallingProxy> {
    const server = createServer();
    const proxy = new StallingProxy(server, target, stallAfter);
    server.on('connection', (client) => proxy.#pipe(client));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  #pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    this.#sockets.add(client).add(upstream);
    let sent = 0;
    let held = false;
    const end = (): void => { client.destroy(); upstream.destroy(); };
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (held) return;
      sent += chunk.length;
      this.bytesToClient += chunk.length;
      client.write(chunk);
      if (this.#armed && sent > this.stallAfter) {
        this.#armed = false;
        held = true;
        upstream.pause();
        this.#onStall();
      }
    });
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
