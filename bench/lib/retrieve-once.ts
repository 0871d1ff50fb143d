/**
 * One retrieval of a priority document by a peer, as the retrieval benchmarks measure it
 * (bench/scenarios/retrieval.ts, scale-retrieval.ts): a signed POST /exchange/v1/retrievals
 * (access code checked, grant made, audit entry with the signed request) and a signed GET of the
 * document's first part, which must have `size` bytes. Throws on any other answer.
 */
import { randomUUID } from 'node:crypto';
import type { PeerClient } from './peer-client.js';
import { percentile, type LoadResult } from './stats.js';

/** One measured run: rate, latency of a whole operation (ms), operations done. */
export interface Measured {
  rate: number; p50: number; p99: number; count: number;
  /** The node's CPU milliseconds a retrieval, when measured. */
  cpuMs?: number;
  /** The benchmark process's own CPU milliseconds an operation (the peer's client: signatures, TLS, hashing), when measured. */
  clientCpuMs?: number;
}

/** The benchmark process's CPU time (user + system, every thread) so far, in milliseconds. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A run's figures; throws when an operation failed (a benchmark of failures measures nothing). */
export function summarise(result: LoadResult): Measured {
  if (result.errors > 0) throw new Error(`${result.errors} operations failed; first: ${(result.firstError as Error).message}`);
  return { rate: result.rate, p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), count: result.latencies.length };
}

/** What the peer asks for: the application, its filing date and IP right, and the access code. */
export interface RetrievalAsk {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  readonly filingDate: string;
  readonly ipRightType: string;
  readonly accessCode: string;
}

export function retrieveOnce(client: PeerClient, ask: RetrievalAsk, size: number): () => Promise<void> {
  return async () => {
    const res = await client.request('POST', '/exchange/v1/retrievals', { ...ask, requestId: randomUUID() });
    if (res.status !== 200) throw new Error(`POST /retrievals answered ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`);
    const answer = JSON.parse(res.body.toString('utf8')) as { outcome: string; document?: { parts: { url: string }[] } };
    const url = answer.document?.parts[0]?.url;
    if (answer.outcome !== 'success' || url === undefined) throw new Error(`retrieval outcome ${answer.outcome}`);
    const part = await client.request('GET', new URL(url).pathname);
    if (part.status !== 200 || part.body.length !== size) {
      throw new Error(`GET part answered ${part.status} with ${part.body.length} bytes${part.status === 200 ? '' : `: ${part.body.toString('utf8').slice(0, 300)}`}`);
    }
  };
}
