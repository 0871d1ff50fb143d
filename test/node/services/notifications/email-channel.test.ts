/**
 * The e-mail channel's safety promises (issue 12, docs/notifications.md "E-mail"): with
 * `security: starttls` it never sends in clear to a server that does not offer STARTTLS (a real
 * SMTP server on loopback, which receives nothing), and a node whose SMTP password file or
 * variable is missing does not start (CONFIG_INVALID), before anything listens. With `security:
 * tls` it speaks implicit TLS and trusts an internal CA only when `caFile` names it; the password
 * from `auth.passwordFile` is what the server checks.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevNode } from '../../../../node/cli/dev-network.js';
import { ApplicantContacts } from '../../../../node/services/notifications/applicant-contacts.js';
import { emailChannel } from '../../../../node/services/notifications/email/email-channel.js';
import { emailSecrets } from '../../../../node/services/notifications/index.js';
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

  it('sends over implicit TLS to a server of an internal CA named by caFile, with the password of auth.passwordFile', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipex-smtp-tls-'));
    // An internal CA and a server certificate for 127.0.0.1, made by openssl.
    const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: root, stdio: 'pipe' });
    ossl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Office internal CA');
    ossl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'smtp.key', '-out', 'smtp.csr', '-subj', '/CN=smtp.office.example');
    writeFileSync(join(root, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    ossl('x509', '-req', '-in', 'smtp.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'smtp.pem', '-days', '2', '-extfile', 'san.ext');
    writeFileSync(join(root, 'smtp-password'), 'correct horse\n', { mode: 0o600 });
    const server = await SmtpReceiver.start({
      tls: { key: readFileSync(join(root, 'smtp.key'), 'utf8'), cert: readFileSync(join(root, 'smtp.pem'), 'utf8') },
      auth: { user: 'ipex', password: 'correct horse' },
    });
    const settings = {
      host: '127.0.0.1', port: server.port, security: 'tls' as const, from: 'ipex@epo.example', staff: ['ops@epo.example'], staffLanguage: 'en' as const,
      auth: { user: 'ipex', passwordFile: join(root, 'smtp-password') }, caFile: join(root, 'ca.pem'),
    };
    const sendWith = async (secrets: { password: string | undefined; ca: string | undefined }): Promise<unknown> => {
      const ch = emailChannel({ db: f.db, ...secrets, contacts: new ApplicantContacts(f.db), office: { code: 'EP', name: 'EPO' }, settings });
      try {
        return await ch.send(row, new AbortController().signal).then(() => undefined, (e: unknown) => e);
      } finally {
        ch.close();
      }
    };
    try {
      const secrets = emailSecrets(settings);
      expect(secrets.password).to.equal('correct horse'); // the line, without its newline
      expect(secrets.ca).to.equal(readFileSync(join(root, 'ca.pem'), 'utf8'));
      // Without the internal CA the server's certificate is not trusted: nothing is sent.
      const untrusted = await sendWith({ ...secrets, ca: undefined });
      expect(untrusted).to.be.instanceOf(DeliveryFailure);
      expect((untrusted as DeliveryFailure).kind).to.equal('transient');
      // A wrong password is refused by the server (535): a configuration to fix, a dead letter.
      const refused = await sendWith({ ...secrets, password: 'wrong' });
      expect((refused as DeliveryFailure).kind).to.equal('permanent');
      expect((refused as DeliveryFailure).message).to.equal('the SMTP server answered 535');
      expect(server.received).to.have.length(0);
      expect(await sendWith(secrets)).to.equal(undefined);
      expect(server.received.map((r) => [r.user, r.to])).to.deep.equal([['ipex', ['ops@epo.example']]]);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
