/**
 * The `webhook` channel of the outbox (docs/notifications.md "Webhooks"): POSTs the event as JSON
 * to the endpoint's URL with the Standard Webhooks headers (`webhook-id` = the event id, the same
 * on every retry; `webhook-timestamp` = this attempt; `webhook-signature` = v1 HMAC-SHA256 with
 * the endpoint's secret), so the office's system can verify it with any Standard Webhooks
 * library and drop a repeat by its id.
 *
 * Answers, as the spec advises: 2xx delivered; 3xx failed for good (redirects are not followed:
 * fix the URL); 410 Gone disables the endpoint; 408, 429 and 5xx are tried again (after
 * Retry-After when given); any other 4xx failed for good. A receiver gets 15 s to answer.
 */
import type { Clock } from '../../../protocol/runtime/clock.js';
import { webhookHeaders } from '../../../protocol/webhooks/standard-webhooks.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { DeliveryFailure, type OutboxChannel, type OutboxRow } from '../outbox/index.js';
import { checkStillDue } from './still-due.js';
import type { WebhookEndpoints } from './webhook-endpoints.js';

export interface WebhookChannelOptions {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly endpoints: WebhookEndpoints;
  /** How long a receiver may take to answer (default 15 s; the spec suggests 15–30 s). */
  readonly timeoutMs?: number;
}

export function webhookChannel(o: WebhookChannelOptions): OutboxChannel {
  return {
    name: 'webhook',
    async send(row: OutboxRow, signal: AbortSignal): Promise<void> {
      const id = Number(row.recipient.replace(/^webhook:/, ''));
      const target = o.endpoints.target(id);
      if (target === undefined) throw new DeliveryFailure(`webhook endpoint ${id} was removed`, 'obsolete');
      checkStillDue(o.db, row);
      const where = new URL(target.url);
      const shown = `${where.origin}${where.pathname}`; // never the query, which may hold the receiver's token
      const body = JSON.stringify(row.payload);
      let res: Response;
      try {
        res = await fetch(target.url, {
          method: 'POST',
          body,
          redirect: 'manual',
          headers: { ...webhookHeaders(target.secret, row.eventId, o.clock.now(), body), 'content-type': 'application/json', 'user-agent': 'ipex-webhooks/1' },
          signal: AbortSignal.any([signal, AbortSignal.timeout(o.timeoutMs ?? 15_000)]),
        });
        await res.body?.cancel();
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new DeliveryFailure(`POST ${shown} failed: ${cause}`, 'transient');
      }
      if (res.status >= 200 && res.status < 300) return;
      const said = `POST ${shown} answered ${res.status}`;
      if (res.status === 410) {
        o.endpoints.remove(id, `the receiver answered 410 Gone on ${o.clock.now().toISOString()}`, { kind: 'node' });
        throw new DeliveryFailure(`${said} Gone: endpoint ${id} is disabled`, 'permanent');
      }
      if (res.status === 408 || res.status === 429 || res.status >= 500) {
        throw new DeliveryFailure(said, 'transient', retryAfterMs(res.headers.get('retry-after'), o.clock.now()));
      }
      throw new DeliveryFailure(res.status < 400 ? `${said}: redirects are not followed; register the URL it points to` : said, 'permanent');
    },
  };
}

/** RFC 9110 §10.2.3: seconds, or an HTTP date; capped at a day. */
function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const ms = /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 86_400_000) : undefined;
}
