/**
 * Our Standard Webhooks signatures (issue 12) against an independent implementation, the
 * `standardwebhooks` package of the spec's authors: each verifies what the other signs, and a
 * changed body, id or timestamp does not verify.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { formatSecret, signWebhook, verifyWebhook, webhookHeaders } from '../../../protocol/webhooks/standard-webhooks.js';
import { expectCode } from '../../helpers/error-code.js';

describe('protocol/webhooks/standard-webhooks', () => {
  const secret = formatSecret(randomBytes(32));
  const body = JSON.stringify({ type: 'document.retrieved', timestamp: '2026-11-26T10:00:00.000Z', data: { documentId: 'EP-PD-1-ABCDEFGH', office: 'JP' } });

  it('signs so that the standardwebhooks package verifies, and verifies what it signs', () => {
    const now = new Date();
    const headers = webhookHeaders(secret, 'audit-42', now, body);
    expect(headers['webhook-signature']).to.match(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...headers })).to.deep.equal(JSON.parse(body));
    const theirs = new Webhook(secret).sign('audit-42', now, body);
    expect(theirs).to.equal(headers['webhook-signature']);
    expect(() => verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,xyz ${theirs}` }, body, now)).to.not.throw();
  });

  it('does not verify a changed body, id or timestamp, or another secret', () => {
    const now = new Date();
    const headers = webhookHeaders(secret, 'audit-42', now, body);
    expectCode(() => verifyWebhook(secret, headers, body.replace('JP', 'KR'), now), 'INVALID_INPUT');
    expectCode(() => verifyWebhook(secret, { ...headers, 'webhook-id': 'audit-43' }, body, now), 'INVALID_INPUT');
    expectCode(() => verifyWebhook(secret, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }, body, now), 'INVALID_INPUT');
    expectCode(() => verifyWebhook(formatSecret(randomBytes(32)), headers, body, now), 'INVALID_INPUT');
    expectCode(() => verifyWebhook(secret, headers, body, new Date(now.getTime() + 600_000)), 'INVALID_INPUT'); // replayed later
    expect(() => new Webhook(secret).verify(body.replace('JP', 'KR'), { ...headers })).to.throw();
  });

  it('refuses an id with a full stop, which would make the signed content ambiguous', () => {
    expectCode(() => signWebhook(secret, 'audit.42', 1, body), 'INTERNAL');
  });
});
