/**
 * The office's webhook endpoints (migration 012, docs/notifications.md "Webhooks"): URLs of its
 * own systems (IPAS, e-filing) that receive signed events. Each has its own secret (Standard
 * Webhooks: unique per endpoint), drawn here and shown once, when it is added.
 *
 * URLs are https, or http on a loopback address only: an event says who retrieved which
 * application, which must not cross a network in clear. The admins who add endpoints are trusted
 * to point at their own systems, so internal addresses are allowed (no SSRF filter); a URL with
 * credentials or a fragment is refused, and redirects are never followed when sending.
 */
import type { NodeStatement as Statement } from '../../storage/database.js';
import { isIP } from 'node:net';
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock, RandomSource } from '../../../protocol/runtime/clock.js';
import { formatSecret } from '../../../protocol/webhooks/standard-webhooks.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import type { AuditActor, AuditLog } from '../audit/index.js';
import { EVENT_TYPES, isEventType, type EventType } from './events.js';

export interface WebhookEndpoint {
  readonly id: number;
  readonly url: string;
  readonly events: readonly EventType[];
  readonly description?: string;
  readonly createdAt: string;
  readonly removedAt?: string;
  readonly removedWhy?: string;
}

interface Row {
  id: number; url: string; events: string; secret: string; description: string | null; created_at: string;
  removed_at: string | null; removed_why: string | null;
}

function view(r: Row): WebhookEndpoint {
  return {
    id: r.id, url: r.url, events: JSON.parse(r.events) as EventType[], createdAt: r.created_at,
    ...(r.description === null ? {} : { description: r.description }),
    ...(r.removed_at === null ? {} : { removedAt: r.removed_at }),
    ...(r.removed_why === null ? {} : { removedWhy: r.removed_why }),
  };
}

/** Checks a webhook URL. @throws IpexError WEBHOOK_URL_INVALID */
export function checkWebhookUrl(input: unknown): string {
  let url: URL;
  try {
    if (typeof input !== 'string' || input.length > 2048) throw new Error('not a string of at most 2048 characters');
    url = new URL(input);
  } catch {
    throw new IpexError('WEBHOOK_URL_INVALID', `${JSON.stringify(String(input).slice(0, 80))} is not an absolute URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new IpexError('WEBHOOK_URL_INVALID', `${url.origin} is not https: events name applications and offices, which must not cross a network in clear (http is allowed on loopback only)`);
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') throw new IpexError('WEBHOOK_URL_INVALID', 'a webhook URL carries no credentials and no #fragment');
  return url.href;
}

/** Checks a list of event types. @throws IpexError WEBHOOK_EVENT_UNKNOWN */
export function checkEventTypes(input: unknown): EventType[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > EVENT_TYPES.length) {
    throw new IpexError('WEBHOOK_EVENT_UNKNOWN', `name one or more event types: ${EVENT_TYPES.join(', ')}`);
  }
  for (const t of input) {
    if (!isEventType(t)) throw new IpexError('WEBHOOK_EVENT_UNKNOWN', `${JSON.stringify(String(t).slice(0, 64))} is not an event type: ${EVENT_TYPES.join(', ')}`);
  }
  return [...new Set(input as EventType[])].sort();
}

export class WebhookEndpoints {
  readonly #sql: (sql: string) => Statement;

  constructor(private readonly db: SqliteDatabase, private readonly clock: Clock, private readonly audit: Pick<AuditLog, 'appendInTransaction'>) {
    this.#sql = cachedStatements(db);
  }

  /** Adds an endpoint; the answer holds its secret, which is never shown again. Logged as `admin.webhook-added`. */
  add(input: { url: unknown; events: unknown; description?: unknown }, by: string, actor: AuditActor, random: RandomSource): WebhookEndpoint & { secret: string } {
    const url = checkWebhookUrl(input.url);
    const events = checkEventTypes(input.events);
    if (input.description !== undefined && (typeof input.description !== 'string' || input.description.length > 200 || /[\u0000-\u001f\u007f]/.test(input.description))) {
      throw new IpexError('INVALID_INPUT', 'a webhook description is at most 200 characters without control characters');
    }
    const description = input.description as string | undefined;
    const secret = formatSecret(random.bytes(32));
    const now = this.clock.now().toISOString();
    const id = this.db.transaction(() => {
      const inserted = Number(this.#sql(`INSERT INTO webhook_endpoints (url, events, secret, description, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(url, JSON.stringify(events), secret, description ?? null, now, by).lastInsertRowid);
      this.audit.appendInTransaction({ type: 'admin.webhook-added', actor, outcome: 'ok', details: { webhookId: inserted, url, events } });
      return inserted;
    }).immediate();
    return { ...this.get(id)!, secret };
  }

  /** Removes an endpoint; its queued messages are cancelled when their turn comes. Logged as `admin.webhook-removed`. */
  remove(id: number, why: string, actor: AuditActor): WebhookEndpoint {
    return this.db.transaction(() => {
      const row = this.#row(id);
      if (row === undefined || row.removed_at !== null) throw new IpexError('WEBHOOK_NOT_FOUND', `no webhook endpoint ${id}`);
      this.#sql('UPDATE webhook_endpoints SET removed_at = ?, removed_why = ? WHERE id = ? AND removed_at IS NULL').run(this.clock.now().toISOString(), why, id);
      this.audit.appendInTransaction({ type: 'admin.webhook-removed', actor, outcome: 'ok', details: { webhookId: id, url: row.url, why } });
      return view(this.#row(id)!);
    }).immediate();
  }

  get(id: number): WebhookEndpoint | undefined {
    const row = this.#row(id);
    return row === undefined ? undefined : view(row);
  }

  /** The live endpoint's URL and secret, for sending; undefined once removed. */
  target(id: number): { url: string; secret: string } | undefined {
    const row = this.#row(id);
    return row === undefined || row.removed_at !== null ? undefined : { url: row.url, secret: row.secret };
  }

  /** Live endpoints, oldest first (with `all`, removed ones too). */
  list(all = false): WebhookEndpoint[] {
    return (this.#sql(`SELECT * FROM webhook_endpoints ${all ? '' : 'WHERE removed_at IS NULL'} ORDER BY id`).all() as Row[]).map(view);
  }

  /** Ids of the live endpoints that want `type`. */
  subscribed(type: EventType): number[] {
    return (this.#sql(`SELECT id FROM webhook_endpoints WHERE removed_at IS NULL
      AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?) ORDER BY id`).all(type) as { id: number }[]).map((r) => r.id);
  }

  #row(id: number): Row | undefined {
    return this.#sql('SELECT * FROM webhook_endpoints WHERE id = ?').get(id) as Row | undefined;
  }
}
