/**
 * A stored part damaged on disk is never sent to a peer (issue 10, item 4): the depositing office
 * re-hashes a part before any byte of it leaves, for streamed parts, Range requests and cached
 * small parts alike; it answers 503 PART_DAMAGED with Retry-After, logs one line, alerts staff
 * naming the document, version, part and blob, and audits the refused download. Once the blob is
 * restored, the same download works again without a restart.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { warnRecords } from '../../helpers/log-records.js';
import { createOutput } from '../../../node/cli/output.js';
import type { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { staffAlertsFor } from '../../../node/services/staff/staff-alerts.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from './exchange-peer-fixture.js';

describe('exchange API: a damaged stored part (OFF side)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  const warnings: string[] = [];
  const large = randomBytes(300_000); // streamed from the store
  const small = randomBytes(10_000); // served from the part cache
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
  let documentId: string;
  let retrievalId: string;

  before(async () => {
    const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (line: string) => warnings.push(line) } }, true);
    net = await startExchangeNetwork({ output });
    const deposit = await net.depositPriority({
      application: 'EP 23 300 001.7',
      // Random bytes: declared as what they are, since a PDF's or an XML part's first bytes are checked (issue 15).
      parts: [{ name: 'large.pdf', bytes: large, mediaType: 'application/octet-stream' }, { name: 'small.xml', bytes: small, mediaType: 'application/octet-stream' }],
    });
    documentId = deposit.documentId;
    const granted = await net.send('POST', '/exchange/v1/retrievals', {
      json: { ipOfficeCode: 'EP', applicationNumberText: '23300001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: deposit.accessCode, requestId: randomUUID() },
    });
    expect(granted.status).to.equal(200);
    retrievalId = granted.json().retrievalId;
  });
  after(async () => {
    await net?.close();
  });

  const blobPath = (bytes: Buffer): string => (net.ep.context.blobs as FsBlobStore).pathOf(sha(bytes));
  /** Flips one byte of a stored part in place, as a failing disk or a stray write would. */
  function flipByte(bytes: Buffer, at: number): Buffer {
    const path = blobPath(bytes);
    const damaged = readFileSync(path);
    damaged[at] ^= 0x01;
    chmodSync(path, 0o644);
    writeFileSync(path, damaged);
    return damaged;
  }
  const url = (name: string): string => `/exchange/v1/retrievals/${retrievalId}/parts/${name}`;

  // issue 10, item 4
  it('refuses a large part with one flipped byte, whole or by range, with 503 PART_DAMAGED and Retry-After, sending none of its bytes', async () => {
    const damaged = flipByte(large, 150_000);
    for (const headers of [{}, { Range: 'bytes=0-99' }, { Range: 'bytes=200000-', 'If-Range': `"${sha(large)}"` }]) {
      const res = await net.send('GET', url('large.pdf'), { headers });
      expect(res.status, JSON.stringify(headers)).to.equal(503);
      expect(res.headers['content-type']).to.equal('application/problem+json');
      expect(res.headers['retry-after']).to.equal('3600');
      expect(res.json().code).to.equal('PART_DAMAGED');
      expect(res.body.toString()).to.not.contain(damaged.subarray(0, 16).toString('latin1'));
      expect(res.body.toString()).to.not.contain('blobs/'); // where it is stored is for staff, not peers
    }
  });

  // issue 10, item 4
  it('logs it once, alerts staff naming document, version, part and blob, and audits each refused download', async () => {
    const lines = warnRecords(warnings, sha(large)); // the node's log (issue 13)
    expect(lines, warnings.join('')).to.have.length(1);
    expect(lines[0]!.msg).to.match(/^stored part "large\.pdf" of document .* version 1 is damaged/).and.contain(blobPath(large)).and.contain('[PART_DAMAGED]');

    expect(staffAlertsFor(net.ep.context).flush()).to.equal(true);
    const [alert] = staffAlertsFor(net.ep.context).list();
    expect(alert).to.include({ kind: 'part.damaged', subject: sha(large), occurrences: 3 });
    expect(alert!.detail).to.contain(documentId).and.contain('version 1').and.contain('"large.pdf"').and.contain(blobPath(large));

    await net.ep.context.audit.flush();
    const refused = auditEntries(net).filter((e) => e.type === 'part.damaged');
    expect(refused).to.have.length(3);
    expect(refused[0]!.outcome).to.equal('failed');
    expect(refused[0]!.entry).to.deep.include({ code: 'PART_DAMAGED', subject: { documentId, version: 1, retrievalId, office: 'JP' } });
    expect(refused[0]!.entry.details).to.deep.equal({ part: 'large.pdf', sha256: sha(large), actualSha256: sha(readFileSync(blobPath(large))) });
    expect(auditEntries(net).filter((e) => e.type === 'part.served' && e.entry.details.part === 'large.pdf')).to.have.length(0);
  });

  // issue 10, item 4
  it('refuses a small part damaged before it was cached, and a part that is missing', async () => {
    flipByte(small, 0);
    const res = await net.send('GET', url('small.xml'));
    expect(res.status).to.equal(503);
    expect(res.json().code).to.equal('PART_DAMAGED');
    writeFileSync(blobPath(small), small); // restored from a backup
    const repaired = await net.send('GET', url('small.xml'));
    expect(repaired.status).to.equal(200);
    expect(repaired.body.equals(small)).to.equal(true);

    rmSync(blobPath(large));
    const missing = await net.send('GET', url('large.pdf'));
    expect(missing.status).to.equal(503);
    expect(missing.json().code).to.equal('PART_DAMAGED');
  });

  it('serves the part again, byte for byte, once the blob is restored, without a restart', async () => {
    writeFileSync(blobPath(large), large);
    const whole = await net.send('GET', url('large.pdf'));
    expect(whole.status).to.equal(200);
    expect(whole.body.equals(large)).to.equal(true);
    const tail = await net.send('GET', url('large.pdf'), { headers: { Range: 'bytes=299990-' } });
    expect(tail.status).to.equal(206);
    expect(tail.body.equals(large.subarray(299_990))).to.equal(true);
  });
});
