/**
 * The record of each peer's last contact (docs/portal.md "Administrator"): three kinds kept apart,
 * and each office and kind written at most once a minute however busy the exchange is.
 */
import { expect } from 'chai';
import { PeerContacts } from '../../../../node/services/peers/peer-contacts.js';
import { auditFixture, type AuditFixture } from '../audit/fixture.js';

describe('node/services/peers/peer-contacts', () => {
  let f: AuditFixture;
  let contacts: PeerContacts;
  let writes: number;

  beforeEach(() => {
    f = auditFixture();
    contacts = new PeerContacts(f.db, f.clock);
    writes = 0;
    const prepare = f.db.prepare.bind(f.db);
    // counts the writes the record makes (the database itself is real)
    (f.db as { prepare: typeof f.db.prepare }).prepare = ((sql: string) => {
      if (sql.startsWith('INSERT INTO peer_contacts')) writes += 1;
      return prepare(sql);
    }) as typeof f.db.prepare;
  });
  afterEach(() => f.cleanup());

  it('keeps inbound, outbound and failed contacts per office', () => {
    const t0 = f.clock.now().toISOString();
    contacts.inbound('JP');
    contacts.outbound('JP', 200);
    contacts.failure('US', 'PEER_TIMEOUT');
    expect(Object.fromEntries(contacts.list())).to.deep.equal({
      JP: { lastInboundAt: t0, lastOutboundAt: t0, lastOutboundStatus: 200 },
      US: { lastFailureAt: t0, lastFailureCode: 'PEER_TIMEOUT' },
    });
  });

  it('writes each office and kind at most once a minute', () => {
    for (let i = 0; i < 1000; i++) contacts.inbound('JP');
    expect(writes).to.equal(1);
    f.clock.advance(59_000);
    contacts.inbound('JP');
    contacts.outbound('JP', 503); // another kind is written on its own
    expect(writes).to.equal(2);
    f.clock.advance(1_000);
    contacts.inbound('JP');
    expect(writes).to.equal(3);
    expect(contacts.list().get('JP')).to.deep.equal({ lastInboundAt: f.clock.now().toISOString(), lastOutboundAt: new Date(f.clock.now().getTime() - 1000).toISOString(), lastOutboundStatus: 503 });
  });
});
