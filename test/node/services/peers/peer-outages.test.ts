/**
 * issue 12, `peer.unreachable`: EP's node fans family searches out to JP and KR, which are in its
 * directory but not running. Every contact fails; once the failures span
 * `alerts.peerUnreachableMinutes` (60) one alert per peer is raised, and only one for the
 * episode. The clock is driven, never waited for. (Reaching a peer again ends the episode: the
 * retrieval-job and witnessing tests hold that, with peers that answer.)
 */
import { expect } from 'chai';
import { familySearchFor } from '../../../../node/services/federation/index.js';
import { peerOutagesFor } from '../../../../node/services/peers/peer-outages.js';
import { staffAlertsFor, type StaffAlert } from '../../../../node/services/staff/staff-alerts.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../../http/exchange-peer-fixture.js';

const MINUTE = 60_000;

describe('node/services/peers: peer.unreachable from the contacts the node makes (issue 12)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;

  before(async () => { net = await startExchangeNetwork(); });
  after(async () => { await net?.close(); });

  const unreachable = (): StaffAlert[] => {
    const alerts = staffAlertsFor(net.ep.context);
    expect(alerts.flush()).to.equal(true);
    return alerts.list({ all: true }).filter((a) => a.kind === 'peer.unreachable');
  };
  const search = async (): Promise<string[]> => {
    const result = await familySearchFor(net.ep.context).search({ application: 'EP 23123456' }, { kind: 'cli' });
    return result.peers.map((p) => `${p.ipOfficeCode} ${p.outcome}`).sort();
  };

  it('records each failed contact, and raises one alert per peer once the failures span the threshold', async () => {
    const contacts = peerOutagesFor(net.ep.context);
    expect(await search()).to.deep.equal(['JP unreachable', 'KR unreachable']);
    const first = contacts.failing();
    expect(first.map((f) => [f.office, f.lastCode, f.alertedAt])).to.deep.equal([['JP', 'PEER_UNREACHABLE', null], ['KR', 'PEER_UNREACHABLE', null]]);
    const since = first[0]!.failingSince;

    net.clock.advance(59 * MINUTE);
    await search();
    expect(unreachable()).to.deep.equal([]);
    expect(contacts.failing()[0]).to.include({ failingSince: since });

    net.clock.advance(2 * MINUTE);
    await search();
    const raised = unreachable();
    expect(raised.map((a) => a.subject).sort()).to.deep.equal(['office JP', 'office KR']);
    const jp = raised.find((a) => a.subject === 'office JP')!;
    expect(jp.detail).to.match(/^office JP has not answered this node for (6[1-9]|[7-9]\d) minutes: all \d+ contacts since \S+ failed \(the last: PEER_UNREACHABLE\)/);
    expect(contacts.failing().every((f) => f.alertedAt !== null)).to.equal(true);

    // Still down ten minutes later: the episode has its alert, no repeat.
    net.clock.advance(10 * MINUTE);
    await search();
    expect(unreachable().map((a) => a.occurrences)).to.deep.equal([1, 1]);
  });
});
