/**
 * A free TCP port on 127.0.0.1, for the demo, the benchmarks and the tests: development nodes
 * must know their exchange port before they start, because the directory names each office's
 * URL. The port is released before it is used, so another process could take it in between.
 * The likeliest taker is not another listener but an outgoing connection (a node calling a
 * peer, the browser of the UI tests): the kernel gives those a local port from its ephemeral
 * range, the same range `listen(0)` picks from. So the port is drawn at random below that range
 * (read from /proc; where it cannot be read, or leaves no room, `listen(0)` as before), and
 * checked by listening on it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Lowest port drawn: above the well-known and most registered services' ports. */
const FLOOR = 10_000;

export async function freePort(): Promise<number> {
  const ceiling = ephemeralRangeStart() - 1;
  if (ceiling - FLOOR >= 1_000) {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const candidate = FLOOR + Math.floor(Math.random() * (ceiling - FLOOR + 1));
      if (await listenable(candidate) !== undefined) return candidate;
    }
  }
  const any = await listenable(0);
  if (any === undefined) throw new Error('no free TCP port on 127.0.0.1');
  return any;
}

/** The first port of the kernel's range for outgoing connections (Linux; 32768 when unknown). */
function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Listens on `port` (0: any) and closes again; the port listened on, or undefined when it was taken. */
function listenable(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const got = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(got));
    });
  });
}
