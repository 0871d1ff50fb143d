/**
 * `/metrics` on a listener of its own (`metrics.port`, issue 13): plain HTTP on a loopback
 * address (the configuration allows no other), without a token, for a Prometheus that runs on
 * the same machine. It answers `GET /metrics` and nothing else.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../runtime/listeners.js';
import type { NodeLog } from './node-log.js';
import type { NodeMetrics } from './node-metrics.js';

export async function startMetricsListener(metrics: NodeMetrics, host: string, port: number, log?: NodeLog): Promise<{ server: Server; address: AddressInfo }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(path === '/metrics' ? 405 : 404, { 'Content-Type': 'text/plain; charset=utf-8', ...(path === '/metrics' ? { Allow: 'GET, HEAD' } : {}) });
      res.end(path === '/metrics' ? 'only GET\n' : 'only /metrics is served here\n');
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => {
        log?.error({ err }, 'GET /metrics failed');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('the metrics could not be collected; see the node log\n');
      },
    );
  });
  server.headersTimeout = 20_000;
  const address = await listen(server, host, port, 'the metrics listener');
  return { server, address };
}
