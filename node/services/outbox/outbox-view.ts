/**
 * The outbox row as staff see it (openapi/office.yaml `OutboxMessage`), on the office API and in
 * `ipex outbox list --json`: everything but the payload, which may hold what an e-mail says.
 */
import type { components } from '../../../protocol/generated/office.js';
import type { OutboxRow } from './outbox-store.js';

export type OutboxMessageView = components['schemas']['OutboxMessage'];

export function outboxView(row: OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    eventId: row.eventId,
    eventType: row.eventType,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    createdAt: row.createdAt,
    ...(row.lastError === null ? {} : { lastError: row.lastError }),
    ...(row.sentAt === null ? {} : { sentAt: row.sentAt }),
    ...(row.leaseHolder === null ? {} : { sending: true }),
  };
}
