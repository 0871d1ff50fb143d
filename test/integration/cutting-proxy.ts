/**
 * A TCP proxy for the integration tests that cuts a connection once: after `cutAfter` bytes have
 * gone from the server to the client on one connection, both sides are destroyed (a download
 * broken half-way). TLS passes through untouched, so mutual TLS and signatures stay end to end.
 * It counts every byte sent to the client, to show that a resumed download did not start over.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class CuttingProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #armed: boolean;
  /** Bytes sent from the server to clients, over all connections. */
  bytesToClient = 0;
  cuts = 0;

  private constructor(server: Server, private readonly target: { host: string; port: number }, private readonly cutAfter: number) {
    this.#server = server;
    this.#armed = true;
  }

  static async start(target: { host: string; port: number }, cutAfter: number): Promise<{ proxy: CuttingProxy; port: number }> {
    const server = createServer();
    const proxy = new CuttingProxy(server, target, cutAfter);
    server.on('connection', (client) => proxy.#pipe(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return { proxy, port: typeof address === 'object' && address !== null ? address.port : 0 };
  }

  #pipe(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    this.#sockets.add(client).add(upstream);
    let sent = 0;
    const end = (): void => { client.destroy(); upstream.destroy(); };
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      this.bytesToClient += chunk.length;
      if (this.#armed && sent > this.cutAfter) {
        this.#armed = false;
        this.cuts += 1;
        end();
        return;
      }
      client.write(chunk);
    });
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
