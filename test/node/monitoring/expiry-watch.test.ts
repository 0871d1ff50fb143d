/**
 * issue 13, "alerts to staff": a certificate or the directory near its expiry raises a staff
 * alert (deduplicated as every alert is) and a `warn` record, at start and then periodically,
 * with the thresholds of the configuration; the injectable clock and schedule stand in for time.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { createOutput } from '../../../node/cli/output.js';
import { ExpiryWatch, type Schedule } from '../../../node/monitoring/expiry-watch.js';
import { watchedCertificates } from '../../../node/monitoring/watched-certificates.js';
import { startNode } from '../../../node/runtime/start-node.js';
import { staffAlertsFor, type StaffAlert } from '../../../node/services/staff/staff-alerts.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { warnRecords } from '../../helpers/log-records.js';
import { quiet, startExchangeNetwork, type ExchangeNetwork } from '../http/exchange-peer-fixture.js';

const DAY = 86_400_000;

describe('expiry alerts (issue 13)', function () {
  this.timeout(60_000);
  const chunks: string[] = [];
  let net: ExchangeNetwork;

  before(async () => {
    const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => chunks.push(s) } }, true);
    net = await startExchangeNetwork({ output });
  });
  after(async () => { await net?.close(); });

  const open = (kind: string): StaffAlert[] => {
    const alerts = staffAlertsFor(net.ep.context);
    expect(alerts.flush()).to.equal(true);
    return alerts.list({ limit: 100 }).filter((a) => a.kind === kind);
  };

  it('raises nothing for certificates and a directory far from expiry', () => {
    expect(open('certificate.expiring')).to.deep.equal([]);
    expect(open('directory.expiring')).to.deep.equal([]);
  });

  it('raises one certificate alert and a warn record at 30 days, again only as a repeat, and a new one at 7 days, checked on schedule', () => {
    const { context } = net.ep;
    let scheduled: { check: () => void; ms: number } | undefined;
    const schedule: Schedule = (check, ms) => {
      scheduled = { check, ms };
      return { stop: () => { scheduled = undefined; } };
    };
    const watch = new ExpiryWatch(context, watchedCertificates(context.identity), schedule);
    const tls = context.identity.tls;
    const notAfter = Date.parse(tls.certificate.validTo);
    net.clock.set(notAfter - 20 * DAY);
    watch.start();
    expect(scheduled?.ms).to.equal(60 * 60_000); // alerts.expiryCheckMinutes
    const first = open('certificate.expiring').filter((a) => a.subject.startsWith('tls '));
    expect(first).to.have.length(1);
    expect(first[0]).to.include({ subject: `tls certificate ${tls.sha256} within 30 days`, occurrences: 1 });
    expect(first[0]!.detail).to.contain(`in 20 days`).and.contain('ipex node rotate');
    expect(warnRecords(chunks, `the tls certificate of office EP (SHA-256 ${tls.sha256}) expires at`)).to.have.length(1);

    net.clock.advance(3600_000);
    scheduled!.check(); // an hour later, on schedule
    expect(open('certificate.expiring').filter((a) => a.subject.startsWith('tls '))).to.deep.include({ ...first[0]!, occurrences: 2, lastSeenAt: net.clock.now().toISOString() });

    net.clock.set(notAfter - 5 * DAY);
    scheduled!.check();
    const subjects = open('certificate.expiring').filter((a) => a.subject.startsWith('tls ')).map((a) => a.subject);
    expect(subjects).to.include(`tls certificate ${tls.sha256} within 7 days`);
    watch.stop();
    expect(scheduled).to.equal(undefined);
  });

  it('says a certificate has expired, and alerts for the directory by its own thresholds', () => {
    const { context } = net.ep;
    const directory = context.store.installedSummary()!;
    net.clock.set(Date.parse(directory.expiresAt) - 6 * DAY);
    const raised = new ExpiryWatch(context, watchedCertificates(context.identity)).check();
    expect(raised.map((a) => a.subject)).to.deep.equal([`directory ${directory.network} serial ${directory.serial} within 7 days`]);
    expect(raised[0]!.detail).to.contain('in 6 days').and.contain('ipex directory install');
    net.clock.set(Date.parse(context.identity.signing.certificate.validTo) + DAY);
    const expired = new ExpiryWatch(context, watchedCertificates(context.identity)).check().find((a) => a.subject.startsWith('signing '));
    expect(expired?.detail).to.match(/^the signing certificate of office EP .* expired at /);
  });

  it('checks at start', async () => {
    const clock = new FixedClock(Date.now());
    const dataDir = join(net.root, 'at-start');
    await ensureDevNode(dataDir, { officeCode: 'FR', exchangePort: 0, officeApiPort: 0, output: quiet, clock });
    clock.advance(28.5 * DAY); // the development directory lives 30 days
    const node = await startNode({ dataDir, output: quiet, clock, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    try {
      const alerts = staffAlertsFor(node.context);
      expect(alerts.flush()).to.equal(true);
      expect(alerts.list().map((a) => a.kind)).to.deep.equal(['directory.expiring']);
      expect(alerts.list()[0]!.subject).to.match(/ within 2 days$/);
    } finally {
      await node.close();
    }
  });
});
