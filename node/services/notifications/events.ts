/**
 * The events the node notifies people and systems of (docs/notifications.md "Event types"): one
 * list, so that webhook subscriptions, the e-mail texts and the docs name the same types. Type
 * names follow Standard Webhooks' advice: full-stop delimited, `[a-z_]` segments.
 */
export const EVENT_TYPES = [
  'document.deposited',
  'document.available',
  'document.retrieved',
  'document.retrieval_pending',
  'document.retrieval_refused',
  'document.access_code_regenerated',
  'receipt.received',
  'staff.alert',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: unknown): value is EventType {
  return (EVENT_TYPES as readonly unknown[]).includes(value);
}

/** One event to notify of, emitted in the transaction that records it (notifier.ts). */
export interface NotificationEvent {
  /** Stable id: `audit-<index>` for an event the audit log holds, else one built from what it is about. */
  readonly id: string;
  readonly type: EventType;
  /** When it happened (ISO 8601). */
  readonly time: string;
  /** The event's data: the `data` member of a webhook body, and what an e-mail's text says. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The document whose applicant is told by e-mail, when they gave an address. */
  readonly applicant?: string;
  /** True when the office's staff addresses are told by e-mail. */
  readonly staff?: boolean;
  /** Not before this time (a document becoming available). */
  readonly notBefore?: string;
}

/** The body of a webhook and the payload of every notification row: Standard Webhooks' shape. */
export interface EventBody {
  readonly type: EventType;
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}
