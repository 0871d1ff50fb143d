/**
 * A free TCP port on 127.0.0.1, for the demo, the benchmarks and the tests: development nodes
 * must know their exchange port before they start, because the directory names each office's
 * URL. The port is released before it is used, so another process could take it in between;
 * on loopback, within a second, that does not happen in practice.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
