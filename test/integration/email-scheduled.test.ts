/**
 * Applicant e-mails that depend on time, and e-mail that cannot be delivered (issue 12,
 * "Notifications that reach people"), through a real SMTP server on loopback (`smtp-server`)
 * and EP's real node with a driven clock: a retrieval asked before the availability date
 * (pending), the document becoming available (the scheduled message, sent when the clock
 * reaches the date — never by sleeping), a lock-out after repeated wrong codes; then the SMTP
 * server goes away, and the next message is retried, becomes a dead letter and raises an
 * `outbox.dead-letter` staff alert.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { messageId } from '../../node/services/notifications/email/email-channel.js';
import { outboxFor } from '../../node/services/outbox/index.js';
import { staffAlertsFor } from '../../node/services/staff/staff-alerts.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../node/http/exchange-peer-fixture.js';
import { SmtpReceiver, type Received } from './smtp-receiver.js';

const APPLICANT = 'inventor@example.org';
const HOUR = 3_600_000;

describe('integration: scheduled and refused applicant e-mails, and an SMTP server that is gone (issue 12)', function () {
  this.timeout(90_000);
  let net: ExchangeNetwork;
  let smtp: SmtpReceiver;
  let received: Received[];

  before(async () => {
    smtp = await SmtpReceiver.start();
    received = smtp.received;
    const { port } = smtp;
    net = await startExchangeNetwork({
      epConfig: {
        notifications: {
          email: { host: '127.0.0.1', port, security: 'none', from: 'EPO ipex <ipex@epo.example>', staff: ['ops@epo.example'] },
          outbox: { maxAttempts: 3, retryBaseSeconds: 1, retryMaxMinutes: 1 },
        },
      },
    });
  });
  after(async () => {
    await net?.close();
    await smtp?.close();
  });

  /** The worker of EP's outbox, told to look now (after the clock moved). */
  const kick = (): void => outboxFor(net.ep.context).start().kick();
  async function applicantMails(count: number): Promise<Received[]> {
    const deadline = Date.now() + 20_000;
    const mine = (): Received[] => received.filter((r) => r.to.includes(APPLICANT));
    while (mine().length < count && Date.now() < deadline) {
      kick();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mine().length, 'e-mails to the applicant').to.equal(count);
    return mine();
  }
  const ask = (accessCode: string): ReturnType<ExchangeNetwork['send']> => net.send('POST', '/exchange/v1/retrievals', {
    json: { ipOfficeCode: 'EP', applicationNumberText: '23200101', filingDate: '2023-05-01', ipRightType: 'patent', accessCode, requestId: randomUUID() },
  });

  it('tells the applicant of a request before the availability date, of the document becoming available at that date, and of a lock-out', async () => {
    const availableFrom = new Date(net.clock.now().getTime() + 2 * HOUR).toISOString();
    const { documentId, accessCode } = await net.depositPriority({ application: '23200101', availableFrom });
    net.deposits.setApplicantContact(documentId, { email: APPLICANT, language: 'es' }, { kind: 'cli' });

    // 1. JP asks before the date: answered later; the applicant hears of it, in Spanish.
    expect((await ask(accessCode)).status).to.equal(202);
    const [pending] = await applicantMails(1);
    expect(pending!.mail.subject).to.equal('JP solicitó su documento de prioridad 23200101');
    expect(pending!.mail.text).to.contain('la oficina JP solicitó su documento de prioridad (solicitud 23200101) con su código de acceso')
      .and.to.contain('Lo recibirá cuando el documento esté disponible');
    expect(pending!.mail.html).to.contain('lang="es"').and.to.contain('dir="ltr"');
    expect(pending!.mail.headers.get('content-language')).to.equal('es');
    const row = outboxFor(net.ep.context).store.list({ limit: 100 }).find((r) => r.channel === 'email' && r.eventType === 'document.retrieval_pending')!;
    expect(row.eventId).to.match(/^audit-\d+$/);
    expect(pending!.mail.messageId).to.equal(messageId(row.eventId, `applicant:${documentId}`, 'EP'));

    // 2. Nothing about availability yet; an hour later still nothing; at the date, the e-mail.
    net.clock.advance(HOUR);
    await new Promise((resolve) => setTimeout(resolve, 300));
    kick();
    await applicantMails(1);
    net.clock.advance(HOUR + 1000);
    const [, available] = await applicantMails(2);
    expect(available!.mail.subject).to.equal('Su documento de prioridad 23200101 ya está disponible');
    expect(available!.mail.text).to.contain('las oficinas que usted autoriza pueden obtener su documento de prioridad (solicitud 23200101)');
    expect(available!.mail.html).to.contain('<p>Desde el ');
    expect(available!.mail.messageId).to.equal(messageId(`available-${documentId}-${Math.floor(Date.parse(availableFrom) / 1000)}`, `applicant:${documentId}`, 'EP'));

    // 3. In Russian now: five wrong codes lock JP out; the fifth refusal says until when.
    net.deposits.setApplicantContact(documentId, { email: APPLICANT, language: 'ru' }, { kind: 'cli' });
    for (let i = 0; i < 5; i++) expect((await ask('0000-0000-0000-0')).status).to.be.within(400, 499);
    const all = await applicantMails(7);
    const lockedOut = all[6]!;
    expect(lockedOut.mail.subject).to.equal('Запрос вашего приоритетного документа 23200101 отклонён');
    expect(lockedOut.mail.text).to.contain('ведомство JP запросило ваш приоритетный документ (заявка 23200101) с неверным кодом доступа')
      .and.to.contain('После повторных неудачных попыток ведомство JP не сможет получить документ до');
    expect(lockedOut.mail.html).to.contain('lang="ru"');
    expect(new Set(all.map((r) => r.mail.messageId)).size).to.equal(7);
    // While locked, even the right code is refused, and the applicant hears that JP is locked out.
    expect((await ask(accessCode)).status).to.be.within(400, 499);
    const [, , , , , , , locked] = await applicantMails(8);
    expect(locked!.mail.text).to.contain('ведомство JP запросило ваш приоритетный документ (заявка 23200101), и запрос был отклонён: доступ для него заблокирован');
  });

  it('cancels "now available" for a document withdrawn, one whose date moved, and an applicant who removed the address', async () => {
    const later = (hours: number): string => new Date(net.clock.now().getTime() + hours * HOUR).toISOString();
    const withdrawn = await net.depositPriority({ application: '23200111', availableFrom: later(1) });
    const moved = await net.depositPriority({ application: '23200112', availableFrom: later(1) });
    const removed = await net.depositPriority({ application: '23200113', availableFrom: later(1) });
    for (const d of [withdrawn, moved, removed]) net.deposits.setApplicantContact(d.documentId, { email: APPLICANT, language: 'en' }, { kind: 'cli' });
    net.deposits.withdraw(withdrawn.documentId, 'filed in error', { kind: 'cli' });
    net.deposits.setApplicantContact(removed.documentId, null, { kind: 'cli' });
    // A new version of `moved` puts its date two hours later: that version queues its own message.
    const draft = net.deposits.createDraft({
      documentKind: 'priorityDocument', supersedes: moved.documentId, availableFrom: later(3),
      bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23200112', filingDate: '2023-05-01', ipRightType: 'patent' },
    }, { kind: 'cli' });
    await net.deposits.uploadPart(draft.depositId, 'application.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7 corrected\n')]));
    await net.deposits.commit(draft.depositId, { kind: 'cli' });

    const before = received.filter((r) => r.to.includes(APPLICANT)).length;
    const rows = (): Map<string, { state: string; lastError: string | null }> => new Map(outboxFor(net.ep.context).store.list({ limit: 500 })
      .filter((r) => r.channel === 'email' && r.eventType === 'document.available').map((r) => [r.eventId, r]));
    const id = (documentId: string, at: string): string => `available-${documentId}-${Math.floor(Date.parse(at) / 1000)}`;
    net.clock.advance(HOUR + 1000);
    const due = async (eventId: string, state: string): Promise<{ lastError: string | null }> => {
      const until = Date.now() + 20_000;
      while (rows().get(eventId)?.state !== state && Date.now() < until) {
        kick();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(rows().get(eventId)?.state, eventId).to.equal(state);
      return rows().get(eventId)!;
    };
    const oneHour = new Date(net.clock.now().getTime() - 1000).toISOString();
    expect((await due(id(withdrawn.documentId, oneHour), 'cancelled')).lastError).to.equal('the document was withdrawn before it became available');
    expect((await due(id(moved.documentId, oneHour), 'cancelled')).lastError).to.equal('the document\'s availability date changed');
    expect((await due(id(removed.documentId, oneHour), 'cancelled')).lastError).to.equal('the applicant removed their e-mail address');
    expect(received.filter((r) => r.to.includes(APPLICANT))).to.have.length(before); // none of them went out

    net.clock.advance(2 * HOUR);
    await due(id(moved.documentId, new Date(net.clock.now().getTime() - 1000).toISOString()), 'sent');
    const last = (await applicantMails(before + 1)).at(-1)!;
    expect(last.mail.subject).to.equal('Your priority document 23200112 is now available');
  });

  it('retries while the SMTP server is unreachable, then keeps a dead letter and alerts staff', async () => {
    await smtp.close();
    const { documentId } = await net.depositPriority({ application: '23200102' });
    net.deposits.setApplicantContact(documentId, { email: APPLICANT, language: 'en' }, { kind: 'cli' });
    net.deposits.regenerateCode(documentId, { kind: 'cli' }); // the applicant is told of a new code
    const store = outboxFor(net.ep.context).store;
    const mine = () => store.list({ limit: 500 }).find((r) => r.channel === 'email' && r.recipient === `applicant:${documentId}`);
    const deadline = Date.now() + 30_000;
    let attempts: number[] = [];
    while (mine()?.state !== 'dead' && Date.now() < deadline) {
      kick();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const row = mine();
      if (row !== undefined && attempts.at(-1) !== row.attempts) attempts.push(row.attempts);
      net.clock.advance(61_000); // past the longest backoff (retryMaxMinutes: 1)
    }
    const dead = mine()!;
    expect(dead).to.include({ state: 'dead', attempts: 3, eventType: 'document.access_code_regenerated' });
    expect(dead.lastError).to.match(/^SMTP 127\.0\.0\.1:\d+: ESOCKET \(ECONNREFUSED\) \(gave up after 3 attempts\)$/);
    expect(attempts).to.include.members([1, 2]); // tried again before giving up
    expect(staffAlertsFor(net.ep.context).flush()).to.equal(true);
    const alert = staffAlertsFor(net.ep.context).list().find((a) => a.kind === 'outbox.dead-letter' && a.subject === 'email');
    expect(alert?.detail).to.contain(`outbox id ${dead.id}`).and.to.contain('ipex outbox retry');
    expect(alert?.detail).to.not.contain(APPLICANT);
  });
});
