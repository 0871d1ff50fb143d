/**
 * The e-mail channel's safety promises (issue 12, docs/notifications.md "E-mail"): with
 * `security: starttls` it never sends in clear to a server that does not offer STARTTLS (a real
 * SMTP server on loopback, which receives nothing), and a node whose SMTP password file or
 * variable is missing does not start (CONFIG_INVALID), before anything listens.
 */
import { expect } from 'chai';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevNode } from '../../../../node/cli/dev-network.js';
import { ApplicantContacts } from '../../../../node/services/notifications/applicant-contacts.js';
import { emailChannel } from '../../../../node/services/notifications/email/email-channel.js';
import { DeliveryFailure, type OutboxRow } from '../../../../node/services/outbox/index.js';
import { startNode } from '../../../../node/runtime/start-node.js';
import { auditFixture, type AuditFixture } from '../audit/fixture.js';
import { quiet } from '../../http/exchange-peer-fixture.js';
import { SmtpReceiver } from '../../../integration/smtp-receiver.js';

describe('node/services/notifications/email channel: never in clear, never without its password (issue 12)', function () {
  this.timeout(30_000);
  let f: AuditFixture;
  let smtp: SmtpReceiver;
  let port: number;

  before(async () => {
    f = auditFixture();
    smtp = await SmtpReceiver.start();
    port = smtp.port;
  });
  after(async () => {
    await smtp.close();
    await f.cleanup();
  });

  const row: OutboxRow = {
    id: 1, channel: 'email', recipient: 'staff:ops@epo.example', eventId: 'staff-alert-1', eventType: 'staff.alert',
    payload: { type: 'staff.alert', timestamp: '2026-11-26T10:00:00.000Z', data: { alertId: 1, kind: 'storage.low', subject: '/srv', detail: 'filling' } },
    state: 'queued', attempts: 0, nextAttemptAt: '2026-11-26T10:00:00.000Z', lastError: null, createdAt: '2026-11-26T10:00:00.000Z', sentAt: null, leaseHolder: null,
  };
  const channel = (security: 'starttls' | 'none') => emailChannel({
    db: f.db, password: undefined, ca: undefined, contacts: new ApplicantContacts(f.db), office: { code: 'EP', name: 'EPO' },
    settings: { host: '127.0.0.1', port, security, from: 'ipex@epo.example', staff: ['ops@epo.example'], staffLanguage: 'en' },
  });

  it('refuses to send in clear when STARTTLS is required and the server does not offer it', async () => {
    const strict = channel('starttls');
    const err = await strict.send(row, new AbortController().signal).then(() => undefined, (e: unknown) => e);
    strict.close();
    expect(err).to.be.instanceOf(DeliveryFailure);
    // A server without STARTTLS is a configuration to fix: a dead letter at once, and its alert.
    expect((err as DeliveryFailure).kind).to.equal('permanent');
    expect((err as DeliveryFailure).message).to.equal(`SMTP 127.0.0.1:${port} did not take STARTTLS (it answered 500), which security "starttls" requires: nothing was sent in clear`);
    expect(smtp.received).to.have.length(0);
    const plain = channel('none'); // the same server, allowed in clear on loopback: delivered
    await plain.send(row, new AbortController().signal);
    plain.close();
    expect(smtp.received.map((r) => r.to)).to.deep.equal([['ops@epo.example']]);
  });

  it('stops the start with CONFIG_INVALID when the SMTP password file or variable is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipex-smtp-secret-'));
    try {
      const data = join(root, 'ep');
      await ensureDevNode(data, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
      const file = join(data, 'ipex.json');
      const base = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const email = { host: '127.0.0.1', port, security: 'none', from: 'ipex@epo.example', staff: ['ops@epo.example'] };
      const start = () => startNode({ dataDir: data, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
      for (const [auth, said] of [
        [{ user: 'ipex', passwordFile: 'smtp-password' }, /notifications\.email\.auth\.passwordFile names .*smtp-password, which cannot be read \(ENOENT\)/],
        [{ user: 'ipex', passwordEnv: 'IPEX_TEST_SMTP_PASSWORD_UNSET' }, /notifications\.email\.auth\.passwordEnv names IPEX_TEST_SMTP_PASSWORD_UNSET, which is not set/],
      ] as const) {
        writeFileSync(file, JSON.stringify({ ...base, notifications: { email: { ...email, auth } } }));
        const err = await start().then((node) => node.close().then(() => undefined), (e: unknown) => e);
        expect((err as { code?: string }).code, String(err)).to.equal('CONFIG_INVALID');
        expect((err as Error).message).to.match(said);
      }
      writeFileSync(join(data, 'smtp-password'), 'secret\n', { mode: 0o600 });
      writeFileSync(file, JSON.stringify({ ...base, notifications: { email: { ...email, auth: { user: 'ipex', passwordFile: 'smtp-password' } } } }));
      const node = await start(); // the same node starts once the file is there
      await node.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
