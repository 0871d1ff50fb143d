/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, spec version 1.0.0, "Signature
 * scheme" and "Webhook headers"; github.com/standard-webhooks/standard-webhooks
 * spec/standard-webhooks.md): the symmetric scheme, `v1`.
 *
 * - The secret is 24 to 64 random bytes, shown to people as `whsec_` + base64.
 * - The signed content is `{webhook-id}.{webhook-timestamp}.{body}`: the id, the attempt's Unix
 *   time in seconds, and the exact body bytes sent, joined by full stops. The id must not contain
 *   a full stop.
 * - `webhook-signature` is `v1,` + base64(HMAC-SHA256(secret, content)); several may be sent,
 *   separated by spaces (secret rotation).
 *
 * In protocol/ so that an office's own system written in TypeScript can verify with it; any
 * Standard Webhooks library does the same (a test checks ours against the `standardwebhooks`
 * package).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { IpexError } from '../errors/index.js';

export const SECRET_PREFIX = 'whsec_';

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** A new secret in its printed form, from 32 random bytes. */
export function formatSecret(bytes: Buffer): string {
  if (bytes.length < 24 || bytes.length > 64) throw new IpexError('INTERNAL', 'a webhook secret has 24 to 64 bytes');
  return `${SECRET_PREFIX}${bytes.toString('base64')}`;
}

function secretBytes(secret: string): Buffer {
  const bytes = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  if (bytes.length < 24 || bytes.length > 64) throw new IpexError('INVALID_INPUT', 'a Standard Webhooks secret is whsec_ and the base64 of 24 to 64 bytes');
  return bytes;
}

/** The `v1,…` signature of one delivery. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: Buffer | string): string {
  if (id.includes('.') || id.length === 0) throw new IpexError('INTERNAL', 'a webhook id has no full stop');
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of one delivery attempt at `now`. */
export function webhookHeaders(secret: string, id: string, now: Date, body: Buffer | string): WebhookHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}

/**
 * Checks a delivery as a receiver would: a `v1` signature that matches (constant time) and a
 * timestamp within `toleranceSeconds` (default 300) of `now`.
 * @throws IpexError INVALID_INPUT when it does not verify.
 */
export function verifyWebhook(secret: string, headers: Readonly<Partial<Record<string, string>>> | WebhookHeaders, body: Buffer | string, now: Date, toleranceSeconds = 300): void {
  const h = headers as Readonly<Partial<Record<string, string>>>;
  const id = h['webhook-id'];
  const timestamp = h['webhook-timestamp'];
  const signatures = h['webhook-signature'];
  if (id === undefined || timestamp === undefined || signatures === undefined || !/^\d{1,12}$/.test(timestamp)) {
    throw new IpexError('INVALID_INPUT', 'the webhook-id, webhook-timestamp and webhook-signature headers are required');
  }
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) throw new IpexError('INVALID_INPUT', 'the webhook timestamp is outside the tolerance');
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body));
  const ok = signatures.split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new IpexError('INVALID_INPUT', 'no webhook signature matches');
}
