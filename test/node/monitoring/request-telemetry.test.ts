/**
 * issue 13, "Structured logs": every exchange request and every staff action is a record with
 * time, level, request id, office, operation, outcome and duration; the request id goes back as
 * `X-Request-Id`, and the office side may bring its own.
 */
import { expect } from 'chai';
import { createOutput } from '../../../node/cli/output.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { logRecords, type LogRecord } from '../../helpers/log-records.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../http/exchange-peer-fixture.js';

describe('request log (issue 13, structured logs)', function () {
  this.timeout(60_000);
  const chunks: string[] = [];
  let net: ExchangeNetwork;
  let token: string;
  let tokenId: number;

  before(async () => {
    const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => chunks.push(s) } }, true);
    net = await startExchangeNetwork({ output });
    const made = new StaffTokens(net.ep.context.db, net.ep.context.clock, systemRandom).create('clerk', 'log test');
    token = made.token;
    tokenId = made.info.id;
  });
  after(async () => { await net?.close(); });

  const requestsWith = (requestId: string): LogRecord[] => logRecords(chunks).filter((r) => r.requestId === requestId);
  /** A request's record, written when the server's response has ended: that may be a turn or two after the client has it. */
  const recorded = async (requestId: string): Promise<LogRecord[]> => {
    for (let turns = 0; turns < 1000 && requestsWith(requestId).length === 0; turns++) await new Promise((resolve) => setImmediate(resolve));
    return requestsWith(requestId);
  };

  it('logs an exchange request with the peer office, operation, outcome and duration under the id it sends back', async () => {
    const res = await net.send('GET', '/exchange/v1/status');
    expect(res.status).to.equal(200);
    const id = res.headers['x-request-id'] as string;
    expect(id).to.match(/^[0-9a-f-]{36}$/);
    const [record, ...more] = await recorded(id);
    expect(more).to.have.length(0);
    expect(record).to.include({
      level: 'info', node: 'EP', listener: 'exchange', office: 'JP', operation: 'getStatus',
      method: 'GET', path: '/exchange/v1/status', status: 200, outcome: 'ok',
    });
    expect(record!.durationMs).to.be.a('number').and.at.least(0);
    expect(Date.parse(record!.time)).to.be.closeTo(Date.now(), 60_000);
  });

  it('logs a refused exchange request with its problem code, and ignores a peer\'s X-Request-Id', async () => {
    const res = await net.send('GET', '/exchange/v1/status', { unsigned: true, headers: { 'X-Request-Id': 'peer-chosen-id' } });
    expect(res.status).to.equal(401);
    const id = res.headers['x-request-id'] as string;
    expect(id).to.not.equal('peer-chosen-id');
    expect((await recorded(id))[0]).to.include({ listener: 'exchange', status: 401, outcome: 'SIGNATURE_MISSING', office: 'JP' });
  });

  it('logs a staff action with the caller, keeping a sane X-Request-Id from the office side and replacing one that is not', async () => {
    const call = (requestId: string): Promise<Response> => fetch(`${net.ep.officeApiUrl}/api/v1/status`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId } });
    const kept = await call('portal.42:abc');
    expect(kept.status).to.equal(200);
    expect(kept.headers.get('x-request-id')).to.equal('portal.42:abc');
    const replaced = await call('x'.repeat(200));
    expect(replaced.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    expect((await recorded('portal.42:abc'))[0]).to.include({
      listener: 'office', office: 'EP', operation: 'getStatus', actor: `staff:${tokenId}`, role: 'clerk', status: 200, outcome: 'ok',
    });
    const denied = await fetch(`${net.ep.officeApiUrl}/api/v1/status`, { headers: { 'x-request-id': 'denied-1' } });
    expect(denied.status).to.equal(401);
    expect((await recorded('denied-1'))[0]).to.include({ listener: 'office', status: 401, outcome: 'AUTH_REQUIRED' });
    expect(requestsWith('denied-1')[0]!.actor).to.equal(undefined);
  });
});
