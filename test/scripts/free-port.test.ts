/**
 * The test and demo networks' port picker: a port that can be listened on, outside the range
 * the kernel hands to outgoing connections (which could otherwise take it before the node binds).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../scripts/lib/free-port.js';

describe('scripts/lib freePort', () => {
  it('picks distinct ports below the ephemeral range that a server can then listen on', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) expect(port).to.be.within(10_000, low - 1);
    expect(new Set(ports).size).to.be.greaterThan(15); // drawn at random, not one fixed port
    const server = createServer();
    await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(ports[0], '127.0.0.1', () => resolve()); });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
