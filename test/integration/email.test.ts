/**
 * E-mail to a real SMTP server (issue 12, "Notifications that reach people"): the test starts an
 * SMTP server on loopback (`smtp-server`, the nodemailer project's), EP's node sends to it
 * through its outbox, and the messages received are parsed (`mailparser`): recipients, subject
 * and body in the applicant's language, the HTML part escaped, the deterministic Message-ID.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageId } from '../../node/services/notifications/email/email-channel.js';
import { staffAlertsFor } from '../../node/services/staff/staff-alerts.js';
import { DemoNetwork } from '../../scripts/demo/network.js';
import { EP_APP, depositPriorityDocument } from './network-fixture.js';
import { SmtpReceiver, type Received } from './smtp-receiver.js';

describe('integration: e-mails to applicants and staff through a real SMTP server (issue 12)', function () {
  this.timeout(90_000);
  let baseDir: string;
  let net: DemoNetwork;
  let smtp: SmtpReceiver;

  before(async () => {
    smtp = await SmtpReceiver.start();
    const { port } = smtp;
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-it-email-'));
    net = await DemoNetwork.create({ baseDir, offices: ['EP', 'JP'] });
    const config = join(net.office('EP').dataDir, 'ipex.json');
    writeFileSync(config, JSON.stringify({
      ...JSON.parse(readFileSync(config, 'utf8')),
      notifications: {
        email: { host: '127.0.0.1', port, security: 'none', from: 'EPO ipex <ipex@epo.example>', staff: ['ops@epo.example', 'it@epo.example'] },
        outbox: { retryBaseSeconds: 1 },
      },
    }));
    await net.startAll();
  });
  after(async () => {
    await net?.stopAll();
    await smtp?.close();
    rmSync(baseDir, { recursive: true, force: true });
  });

  async function mails(count: number): Promise<Received[]> {
    const deadline = Date.now() + 30_000;
    const { received } = smtp;
    while (received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.length, 'e-mails received').to.be.at.least(count);
    return received;
  }
  const contact = async (documentId: string, key: string, body: unknown): Promise<Response> =>
    fetch(`${net.node('EP').officeApiUrl}/api/v1/documents/${documentId}/applicant-contact`, {
      method: 'PUT', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });

  it('tells the applicant of each retrieval in their language, and staff of each alert, as text and escaped HTML', async () => {
    const doc = await depositPriorityDocument(net.api('EP'), 1024);
    expect((await contact(doc.documentId, doc.applicantKey!, { email: 'not an address' })).status).to.equal(400);
    const set = await contact(doc.documentId, doc.applicantKey!, { email: 'inventor@example.org', language: 'fr' });
    expect(set.status).to.equal(200);
    expect(await set.json()).to.deep.equal({ email: 'inventor@example.org', language: 'fr' });

    // A retrieval by JP: the applicant hears of it, in French.
    const { jobId } = await net.api('JP').retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    expect((await net.api('JP').waitForJob(jobId, 30_000)).state).to.equal('done');
    const [first] = await mails(1);
    expect(first!.to).to.deep.equal(['inventor@example.org']);
    expect(first!.mail.subject).to.equal(`Votre document de priorité ${EP_APP.applicationNumberText} a été obtenu par JP`);
    expect(first!.mail.text).to.contain('l’office JP a obtenu votre document de priorité');
    expect(first!.mail.html).to.contain('lang="fr"');
    const history = await net.api('EP').history(doc.documentId);
    const logIndex = history.items.find((a) => a.outcome === 'success')!.logIndex;
    expect(first!.mail.messageId).to.equal(messageId(`audit-${logIndex}`, `applicant:${doc.documentId}`, 'EP'));
    expect(first!.mail.headers.get('auto-submitted')).to.equal('auto-generated');

    // In Arabic now: a new access code (the applicant is told, never the code), then a request
    // with the old code, refused, which the applicant hears of too.
    expect((await contact(doc.documentId, doc.applicantKey!, { email: 'inventor@example.org', language: 'ar' })).status).to.equal(200);
    const regenerated = await fetch(`${net.node('EP').officeApiUrl}/api/v1/documents/${doc.documentId}/access-code`, { method: 'POST', headers: { authorization: `Bearer ${doc.applicantKey!}` } });
    const { accessCode: newCode } = await regenerated.json() as { accessCode: string };
    const [, second] = await mails(2);
    expect(second!.mail.subject).to.equal(`صدر رمز وصول جديد لوثيقة الأولوية الخاصة بك ${EP_APP.applicationNumberText}`);
    expect(second!.mail.text).to.not.contain(newCode);
    expect(second!.mail.html).to.contain('dir="rtl"');
    const stale = await net.api('JP').retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    expect((await net.api('JP').waitForJob(stale.jobId, 30_000)).state).to.equal('failed');
    const [, , third] = await mails(3);
    expect(third!.mail.subject).to.equal(`رُفض طلب للحصول على وثيقة الأولوية الخاصة بك ${EP_APP.applicationNumberText}`);
    expect(third!.mail.text).to.contain('برمز وصول خاطئ');

    // A staff alert: one e-mail to each staff address, its detail escaped in the HTML part.
    staffAlertsFor(net.node('EP').context).raise({ kind: 'storage.full', subject: '/srv/<ipex>', detail: 'the disk is <b>full</b> & writes are refused' });
    const all = await mails(5);
    const staff = all.slice(3);
    expect(staff.map((m) => m.to[0]).sort()).to.deep.equal(['it@epo.example', 'ops@epo.example']);
    expect(staff[0]!.mail.subject).to.equal('ipex alert at European Patent Office (EPO): the disk of the data folder is full');
    expect(staff[0]!.mail.text).to.contain('the disk is <b>full</b> & writes are refused');
    expect(staff[0]!.mail.html).to.contain('the disk is &lt;b&gt;full&lt;/b&gt; &amp; writes are refused');
    expect(staff[0]!.mail.html).to.not.contain('<b>full</b>');
    expect(staff[0]!.mail.messageId).to.not.equal(staff[1]!.mail.messageId);

    // Never the address in the outbox or the audit log.
    const db = net.node('EP').context.db;
    expect(JSON.stringify(db.prepare('SELECT * FROM outbox').all())).to.not.contain('inventor@example.org');
    expect(JSON.stringify(db.prepare('SELECT entry FROM audit_entries').all().map((r) => String((r as { entry: Buffer }).entry)))).to.not.contain('inventor@example.org');
  });
});
