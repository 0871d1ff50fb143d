/**
 * What the exchange-worker tests share (test/node/runtime/exchange-workers.test.ts on SQLite,
 * test/scale/postgres/exchange-workers.test.ts on PostgreSQL): whole retrievals as a peer makes
 * them, and which worker answered what, read from each worker's own metrics.
 */
import { randomUUID } from 'node:crypto';
import type { WorkerMetrics } from '../../../node/runtime/exchange-worker-messages.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import type { ExchangeNetwork } from '../http/exchange-peer-fixture.js';

export function retrievalBody(accessCode: string, application: string) {
  const { applicationNumberText } = normaliseApplicationNumber('EP', application);
  return { ipOfficeCode: 'EP', applicationNumberText, filingDate: '2023-05-01', ipRightType: 'patent', accessCode, requestId: randomUUID() };
}

/** Requests answered by each worker, by problem code or `ok` (their `ipex_http_requests_total`, status label). */
export async function answeredBy(net: ExchangeNetwork): Promise<Map<string, number>[]> {
  const all = await net.ep.exchangeWorkers!.metrics();
  return all.map((metrics: WorkerMetrics) => {
    const counts = new Map<string, number>();
    const requests = metrics.find((m) => m.name === 'ipex_http_requests_total');
    for (const v of requests?.values ?? []) {
      const status = String(v.labels['status']);
      counts.set(status, (counts.get(status) ?? 0) + v.value);
    }
    return counts;
  });
}

/** Requests answered by each worker so far, by HTTP status. */
export type Answered = Map<string, number>[];

/** What each worker answered between two readings of `answeredBy`. */
export function since(before: Answered, after: Answered): Answered {
  return after.map((counts, i) => new Map([...counts].map(([status, n]) => [status, n - (before[i]?.get(status) ?? 0)])));
}

/** A whole retrieval, as a peer makes it: the signed POST, then the signed GET of its part. */
export async function retrieve(net: ExchangeNetwork, accessCode: string, application: string, timeoutMs?: number): Promise<{ status: number; logIndex?: number; requestId: string }> {
  const body = retrievalBody(accessCode, application);
  const timeout = timeoutMs === undefined ? {} : { timeoutMs };
  const decided = await net.send('POST', '/exchange/v1/retrievals', { json: body, ...timeout });
  if (decided.status !== 200) return { status: decided.status, requestId: body.requestId };
  const decision = decided.json();
  const part = await net.send('GET', new URL(decision.document.parts[0].url as string).pathname, timeout);
  return { status: part.status, logIndex: decision.logEntry.index as number, requestId: body.requestId };
}
