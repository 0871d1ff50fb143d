/**
 * Staff alerts (issue 10, item 1): deduplicated per kind and subject, a warning line at most once
 * a minute, written after the caller has answered and kept queued while they cannot be written,
 * acknowledged with an audit entry.
 */
import { expect } from 'chai';
import { StaffAlerts } from '../../../../node/services/staff/staff-alerts.js';
import { auditFixture, type AuditFixture } from '../audit/fixture.js';

describe('node/services/staff/staff-alerts', () => {
  let f: AuditFixture;
  let warnings: string[];
  let alerts: StaffAlerts;

  beforeEach(() => {
    f = auditFixture();
    warnings = [];
    alerts = new StaffAlerts(f.db, f.clock, { warn: (line) => warnings.push(line), audit: f.log, retryMs: 60_000 });
  });
  afterEach(async () => {
    alerts.close();
    await f.cleanup();
  });

  const full = { kind: 'storage.full', subject: '/srv/ipex', detail: 'the disk of /srv/ipex is full' } as const;

  // issue 10, item 1
  it('makes one alert and one warning line of a fault that repeats a thousand times', () => {
    for (let i = 0; i < 1000; i += 1) alerts.raise(full);
    expect(alerts.flush()).to.equal(true);
    const list = alerts.list();
    expect(list).to.have.length(1);
    expect(list[0]).to.include({ kind: 'storage.full', subject: '/srv/ipex', occurrences: 1000 });
    expect(warnings).to.deep.equal(['the disk of /srv/ipex is full']);

    f.clock.advance(61_000);
    alerts.raise(full);
    expect(warnings[1]).to.equal('the disk of /srv/ipex is full (999 more since the last warning)');
    alerts.flush();
    expect(alerts.list()[0]!.occurrences).to.equal(1001);
    expect(alerts.list()[0]!.lastSeenAt).to.equal(f.clock.now().toISOString());
  });

  it('keeps one open alert per kind and subject', () => {
    alerts.raise(full);
    alerts.raise({ ...full, subject: '/srv/other' });
    alerts.raise({ kind: 'part.damaged', subject: 'abc', detail: 'part abc is damaged' });
    alerts.flush();
    expect(alerts.list().map((a) => `${a.kind} ${a.subject}`)).to.deep.equal(['part.damaged abc', 'storage.full /srv/other', 'storage.full /srv/ipex']);
  });

  // issue 10, item 1: an alert about a full disk cannot be written to it
  it('keeps an alert queued while it cannot be written, and writes it once it can', () => {
    f.db.pragma('query_only = ON'); // every write fails, as on a full disk
    alerts.raise(full);
    alerts.raise(full);
    expect(alerts.flush()).to.equal(false);
    expect(alerts.queued).to.equal(1);
    expect(warnings).to.have.length(1); // the operator is told at once all the same
    f.db.pragma('query_only = OFF');
    expect(alerts.flush()).to.equal(true);
    expect(alerts.list()[0]!.occurrences).to.equal(2);
  });

  it('writes on the next turn of the event loop, not while its caller runs', async () => {
    alerts.raise(full);
    expect(alerts.list()).to.have.length(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(alerts.list()).to.have.length(1);
  });

  it('acknowledges once, with an audit entry, and opens a new alert for a later fault', async () => {
    alerts.raise(full);
    alerts.flush();
    const id = alerts.list()[0]!.id;
    const acked = alerts.acknowledge(id, 'staff:3', { kind: 'staff', office: 'EP', tokenId: 3 });
    expect(acked).to.include({ id, acknowledgedBy: 'staff:3', acknowledgedAt: f.clock.now().toISOString() });
    alerts.acknowledge(id, 'cli', { kind: 'node', office: 'EP' }); // again: changes nothing
    expect(alerts.list()).to.have.length(0);
    expect(alerts.list({ all: true })[0]).to.include({ acknowledgedBy: 'staff:3' });
    const logged = f.log.entries(0, f.log.size()).map((b) => JSON.parse(b.toString('utf8')) as { type: string; details: { alertId: number } });
    expect(logged.filter((e) => e.type === 'admin.alert-acknowledged').map((e) => e.details.alertId)).to.deep.equal([id]);

    alerts.raise(full);
    alerts.flush();
    expect(alerts.list()).to.have.length(1);
    expect(alerts.list()[0]!.id).to.not.equal(id);
    expect(() => alerts.acknowledge(9999, 'cli', { kind: 'node' })).to.throw().with.property('code', 'NOT_FOUND');
  });
});
