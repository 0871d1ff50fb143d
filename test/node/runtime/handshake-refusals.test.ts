/**
 * Refusals at the TLS handshake of the exchange listener (issue 10, item 15): a client without a
 * certificate, with one of another CA, with an expired or a not-yet-valid one under the network
 * root, and one that does not speak TLS 1.3 never gets an HTTP answer, and each refused handshake
 * is one `exchange.tls-refused` entry in the audit log with the remote address, the reason and,
 * when it sent one, the certificate's subject and serial.
 */
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import { expect } from 'chai';
import { createRootCa, generateKeyPair, issueCertificate, privateKeyPem, toPem } from '../../../certs/issue.js';
import { loadRoot } from '../../../certs/network/network-issuers.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from '../http/exchange-peer-fixture.js';

const DAY = 86_400_000;

/** Connects, sends a request if the handshake lets it, and reports what came back before the close. */
function attempt(port: number, options: ConnectionOptions): Promise<{ answer: string; error?: string }> {
  return new Promise((resolve) => {
    let answer = '';
    let error: string | undefined;
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options });
    socket.on('secureConnect', () => socket.write('GET /exchange/v1/status HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    socket.on('data', (chunk: Buffer) => { answer += chunk.toString('latin1'); });
    socket.on('error', (err: NodeJS.ErrnoException) => { error = err.code ?? err.message; });
    socket.on('close', () => resolve({ answer, ...(error === undefined ? {} : { error }) }));
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}

describe('exchange listener: refusals at the TLS handshake', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  let port: number;
  let ca: string;

  before(async () => {
    net = await startExchangeNetwork();
    port = Number(new URL(net.ep.exchangeUrl).port);
    ca = net.jp.rootPem;
  });
  after(async () => { await net?.close(); });

  /** A JP-named TLS certificate under `issuer`, valid from `from` to `to` days around now. */
  async function client(issuer: Parameters<typeof issueCertificate>[0]['issuer'], from: number, to: number) {
    const keys = await generateKeyPair('P-256');
    const now = Date.now();
    const certificate = await issueCertificate({
      kind: 'tls', issuer, publicKey: keys.publicKey, commonName: 'JP tls', organization: 'Japan Patent Office', officeCode: 'JP',
      dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], notBefore: new Date(now + from * DAY), notAfter: new Date(now + to * DAY),
    });
    return { cert: toPem(certificate), key: privateKeyPem(keys.privateKey), serial: certificate.serialNumber.toLowerCase() };
  }

  async function refusedEntries(since: number) {
    await net.ep.context.audit.flush();
    return auditEntries(net).filter((e) => e.idx >= since && e.type === 'exchange.tls-refused');
  }

  // issue 10, item 15
  it('refuses each bad handshake before HTTP and logs whom and why', async () => {
    const root = loadRoot({ dir: join(net.root, 'network'), now: new Date() });
    const other = await createRootCa({ name: 'Another Root CA', notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() + 100 * DAY) });
    const cases = [
      { name: 'no certificate', tls: {}, code: 'CLIENT_CERT_REQUIRED' },
      { name: 'another CA', tls: await client(other, -1, 30), code: 'CERT_UNTRUSTED' },
      { name: 'expired', tls: await client(root, -30, -1), code: 'CERT_EXPIRED', reason: 'CERT_HAS_EXPIRED' },
      { name: 'not yet valid', tls: await client(root, 1, 30), code: 'CERT_NOT_YET_VALID', reason: 'CERT_NOT_YET_VALID' },
    ];
    for (const c of cases) {
      const since = auditEntries(net).length;
      const { cert, key } = c.tls as { cert?: string; key?: string };
      const result = await attempt(port, { ca, ...(cert === undefined ? {} : { cert, key }) });
      expect(result.answer, c.name).to.equal(''); // not a byte of HTTP
      const logged = await refusedEntries(since);
      expect(logged, c.name).to.have.length(1);
      const entry = logged[0]!.entry;
      expect(entry.outcome).to.equal('refused');
      expect(entry.code, c.name).to.equal(c.code);
      expect(entry.actor).to.deep.equal({ kind: 'peer' });
      expect(entry.details.remoteAddress).to.match(/127\.0\.0\.1$/);
      if (c.reason !== undefined) expect(entry.details.reason).to.equal(c.reason);
      if (cert === undefined) {
        expect(entry.details.certificate).to.equal(undefined);
      } else {
        expect(entry.details.certificate.subject).to.contain('CN=JP tls');
        expect(entry.details.certificate.serialNumber).to.equal((c.tls as { serial: string }).serial);
        expect(entry.details.certificate.office).to.equal('JP');
      }
    }
  });

  // issue 10, item 15
  it('logs a handshake that fails in TLS itself (TLS 1.2 only) and still answers a good client', async () => {
    const since = auditEntries(net).length;
    const old = await attempt(port, { ca, maxVersion: 'TLSv1.2' });
    expect(old.answer).to.equal('');
    const logged = await refusedEntries(since);
    expect(logged.map((e) => e.entry.code)).to.deep.equal(['TLS_HANDSHAKE_FAILED']);
    expect(logged[0]!.entry.details.reason).to.match(/^ERR_SSL_/);

    const res = await net.send('GET', '/exchange/v1/status');
    expect(res.status).to.equal(200);
  });

  // issue 10, item 15
  it('does not count a client that goes away before the handshake ends as a refusal', async () => {
    const since = auditEntries(net).length;
    await new Promise<void>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.end(() => undefined));
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    expect(await refusedEntries(since)).to.deep.equal([]);
  });
});
