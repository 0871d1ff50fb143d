/**
 * `ipex audit verify --node URL --data ./jp` against EP's node (issue 10, item 8): an auditor
 * with JP's data folder checks EP's live log. The office and its log key come from the node being
 * audited (the office it serves, its key from the signed directory in the data folder), not from
 * the data folder's own identity; `--office` names the office the auditor means, and a node of
 * another office is refused with AUDIT_OFFICE_MISMATCH. Two real nodes on loopback.
 */
import { expect } from 'chai';
import { EXIT } from '../../node/cli/exit-codes.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { runCli as run } from '../node/cli/run-cli.js';
import { depositPriorityDocument, startTestNetwork, type TestNetwork } from './network-fixture.js';

describe('integration: ipex audit verify --node of another office', function () {
  this.timeout(60_000);
  let t: TestNetwork;
  let epUrl: string;
  let auditorAtEp: string;
  let jpData: string;

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    await depositPriorityDocument(t.net.api('EP'), 1024);
    const ep = t.net.node('EP');
    epUrl = ep.officeApiUrl;
    auditorAtEp = new StaffTokens(ep.context.db, ep.context.clock, systemRandom).create('auditor', 'JP auditor').token;
    jpData = t.net.office('JP').dataDir;
  });
  after(async () => { await t?.close(); });

  // issue 10, item 8
  it("verifies EP's live log with EP's key from the directory in JP's data folder", async () => {
    const r = await run(['audit', 'verify', '--node', epUrl, '--token', auditorAtEp, '--data', jpData]);
    expect(r.code, r.out + r.err).to.equal(EXIT.ok);
    expect(r.out).to.contain('ok    checkpoint signature: signed by ipex/audit/EP');
    expect(r.out).to.contain(', office EP,');
    expect(r.out).to.match(/VERIFIED: all \d+ checks passed/);
    const named = await run(['audit', 'verify', '--node', epUrl, '--token', auditorAtEp, '--data', jpData, '--office', 'ep']);
    expect(named.code, named.out + named.err).to.equal(EXIT.ok);
  });

  // issue 10, item 8
  it('refuses a node of another office than --office names, saying which it is', async () => {
    const r = await run(['audit', 'verify', '--node', epUrl, '--token', auditorAtEp, '--data', jpData, '--office', 'JP']);
    expect(r.code).to.equal(EXIT.badInput);
    expect(r.err).to.contain('[AUDIT_OFFICE_MISMATCH]');
    expect(r.err).to.contain('is the node of office EP, not of JP');
  });
});
