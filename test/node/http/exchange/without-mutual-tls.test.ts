/**
 * The exchange listener behind a TLS-terminating proxy (`exchange.mutualTls: false`,
 * docs/configuration.md): no client certificate is asked for, the signature alone says who
 * asks, and a refusal before it names only the remote address.
 */
import { expect } from 'chai';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from '../exchange-peer-fixture.js';

describe('exchange API without mutual TLS', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;

  before(async () => { net = await startExchangeNetwork({ epExchange: { mutualTls: false } }); });
  after(async () => { await net?.close(); });

  it('answers a signed request, and logs an unsigned one against the address, not an office', async () => {
    expect(net.ep.context.config.exchange.mutualTls).to.equal(false);
    const ok = await net.send('GET', '/exchange/v1/status');
    expect(ok.status).to.equal(200);
    const since = auditEntries(net).length;
    const unsigned = await net.send('GET', '/exchange/v1/status', { unsigned: true });
    expect([unsigned.status, unsigned.json().code]).to.deep.equal([401, 'SIGNATURE_MISSING']);
    await net.ep.context.audit.flush();
    const logged = auditEntries(net).filter((e) => e.idx >= since).map((e) => e.entry);
    expect(logged.map((e) => [e.type, e.code, e.actor.office])).to.deep.equal([['exchange.refused', 'SIGNATURE_MISSING', undefined]]);
  });
});
