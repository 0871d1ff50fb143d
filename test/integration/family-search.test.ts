/**
 * Issue 12, "Family and dossier search across the network", between real nodes on loopback: JP's
 * examiner asks JP's node, which asks every active peer — EP, US and KR, KR being down — in
 * parallel over the signed exchange protocol and follows the family transitively (US 18123456
 * claims EP 23123456, which EP 23999999 also claims, which US 18777777 claims; JP 2024000111 at
 * JP itself claims US 18123456). The down peer is listed, never missing; the kept answers verify
 * again from their bytes, and a changed byte is caught; a listed document is retrieved and
 * verified as a certified copy by id; a peer that holds the connection without answering is
 * listed as a timeout. Citations of a report travel in the dossier answers and are exported, as
 * ST.96 XML, from the retrieved copy.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { components } from '../../protocol/generated/office.js';
import { minimalPdf } from '../../scripts/demo/sample-parts.js';
import type { OfficeApi } from '../../scripts/demo/office-api.js';
import { runCli } from '../node/cli/run-cli.js';
import { citationsXml } from '../../protocol/st96/citation-xml.js';
import { SAMPLE } from '../protocol/st96/sample-citations.js';
import { startTestNetwork, type TestNetwork } from './network-fixture.js';

type Schemas = components['schemas'];
type Claim = { ipOfficeCode: string; applicationNumberText: string; filingDate: string };

function deposit(api: OfficeApi, kind: Schemas['DocumentKind'], office: string, number: string, filingDate: string, claims: Claim[] = [], family?: string, cited = false) {
  return api.deposit({
    documentKind: kind,
    bibliographicData: {
      ipOfficeCode: office, applicationNumberText: number, filingDate, ipRightType: 'patent',
      ...(claims.length === 0 ? {} : { priorityClaimBag: { priorityClaim: claims } }), ...(family === undefined ? {} : { patentFamilyId: family }),
      ...(cited ? { referenceCitationBag: SAMPLE as Schemas['ReferenceCitationBag'] } : {}),
    },
  }, [{ name: 'report.pdf', mediaType: 'application/pdf', body: () => Readable.from([minimalPdf([`${office} ${number} ${kind}`])]) }]);
}

const grouped = (r: Schemas['DossierSearch']): Record<string, Record<string, string[]>> =>
  Object.fromEntries(r.offices.map((o) => [o.ipOfficeCode, Object.fromEntries(o.applications.map((a) => [a.applicationNumberText, a.documents.map((d) => d.documentKind)]))]));

describe('integration: family search across three peers, one of them down (issue 12)', function () {
  this.timeout(120_000);
  let t: TestNetwork;
  const docs: Record<string, string> = {};

  before(async () => {
    t = await startTestNetwork(['EP', 'US', 'KR', 'JP']);
    const [ep, us, jp] = [t.net.api('EP'), t.net.api('US'), t.net.api('JP')];
    docs.epSr = (await deposit(ep, 'searchReport', 'EP', '23123456', '2023-01-10')).documentId;
    docs.usSr = (await deposit(us, 'searchReport', 'US', '18123456', '2023-12-20', [{ ipOfficeCode: 'EP', applicationNumberText: 'EP 23123456', filingDate: '2023-01-10' }])).documentId;
    docs.epEr = (await deposit(ep, 'examinationReport', 'EP', '23999999', '2023-11-01', [{ ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-01-10' }], 'FAM-77', true)).documentId;
    docs.usWo = (await deposit(us, 'writtenOpinion', 'US', '18777777', '2024-01-05', [{ ipOfficeCode: 'EP', applicationNumberText: '23999999', filingDate: '2023-11-01' }])).documentId;
    docs.jpSr = (await deposit(jp, 'searchReport', 'JP', '2024-000111', '2024-02-01', [{ ipOfficeCode: 'US', applicationNumberText: '18/123,456', filingDate: '2023-12-20' }])).documentId;
    await deposit(us, 'searchReport', 'US', '17000001', '2022-03-03'); // not of the family
    await t.net.stop('KR');
  });
  after(async () => { await t?.close(); });

  let search: Schemas['DossierSearch'];

  it('finds the whole family transitively, grouped by office and application, and lists the down peer', async () => {
    const jp = t.net.api('JP');
    search = await jp.json<Schemas['DossierSearch']>('GET', `/dossier-search?application=${encodeURIComponent('US 18/123,456')}`);
    expect(grouped(search)).to.deep.equal({
      EP: { 23123456: ['searchReport'], 23999999: ['examinationReport'] },
      JP: { 2024000111: ['searchReport'] },
      US: { 18123456: ['searchReport'], 18777777: ['writtenOpinion'] },
    });
    expect(search.complete).to.equal(true);
    expect(search.rounds).to.equal(4);
    const peers = Object.fromEntries(search.peers.map((p) => [p.ipOfficeCode, p]));
    expect(Object.keys(peers).sort()).to.deep.equal(['EP', 'KR', 'US']);
    expect(peers.EP!.outcome).to.equal('answered');
    expect(peers.US!.outcome).to.equal('answered');
    expect(peers.KR!.outcome).to.equal('unreachable');
    expect(peers.KR!.code).to.equal('PEER_UNREACHABLE');
    expect(peers.KR!.answers).to.have.length(1); // not asked again after round 1
    const ep23999999 = search.offices.find((o) => o.ipOfficeCode === 'EP')!.applications.find((a) => a.applicationNumberText === '23999999')!;
    expect(ep23999999).to.deep.include({ filingDate: '2023-11-01', ipRightType: 'patent', patentFamilyIds: ['FAM-77'] });
    expect(ep23999999.priorityClaimBag?.priorityClaim).to.deep.equal([{ ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-01-10' }]);
    expect(ep23999999.documents[0]!.referenceCitationBag).to.deep.equal(SAMPLE); // citations travel in the dossier answers

    // the kept search reads back as answered, and each peer logged JP's signed search
    expect(await jp.json('GET', `/dossier-searches/${search.searchId}`)).to.deep.equal(search);
    const logged = await t.net.api('EP').json<Schemas['AuditPage']>('GET', '/audit/entries?eventType=dossier.searched&limit=100');
    const byJp = logged.items.map((e) => JSON.parse(e.entry!) as { actor: { office?: string }; details: { applications: string[] } }).filter((e) => e.actor.office === 'JP');
    expect(byJp.map((e) => e.details.applications)).to.deep.equal([['US 18123456'], ['EP 23123456', 'JP 2024000111'], ['EP 23999999'], ['US 18777777']]);
  });

  it('shows from the kept bytes that each answer is what the peer signed, and catches a changed byte', async () => {
    const jp = t.net.api('JP');
    const verification = await jp.json<Schemas['DossierSearchVerification']>('GET', `/dossier-searches/${search.searchId}/verification`);
    expect(verification.verified).to.equal(true);
    expect(verification.answers.filter((a) => a.result === 'verified').map((a) => a.ipOfficeCode).sort()).to.deep.equal(['EP', 'EP', 'EP', 'EP', 'US', 'US', 'US', 'US']);
    expect(verification.answers.filter((a) => a.result === 'not-answered').map((a) => `${a.ipOfficeCode} ${a.outcome}`)).to.deep.equal(['KR unreachable']);

    const db = t.net.node('JP').context.db;
    const row = db.prepare("SELECT response_body FROM dossier_search_answers WHERE search_id = ? AND office = 'US' AND round = 1").get(search.searchId) as { response_body: Buffer };
    const changed = Buffer.from(row.response_body.toString('utf8').replace('18123456', '18123457'), 'utf8');
    db.exec('DROP TRIGGER dossier_search_answers_no_update'); // what someone with the database file could do
    db.prepare("UPDATE dossier_search_answers SET response_body = ? WHERE search_id = ? AND office = 'US' AND round = 1").run(changed, search.searchId);
    const again = await jp.json<Schemas['DossierSearchVerification']>('GET', `/dossier-searches/${search.searchId}/verification`);
    expect(again.verified).to.equal(false);
    const failed = again.answers.filter((a) => a.result === 'failed');
    expect(failed.map((a) => `${a.ipOfficeCode} ${a.round} ${a.code}`)).to.deep.equal(['US 1 DIGEST_MISMATCH']);

    const cli = await runCli(['dossier', 'verify', search.searchId, '--data', t.net.office('JP').dataDir]);
    expect(cli.code).to.equal(3); // DIGEST_MISMATCH is a 400: bad input
    expect(cli.out).to.include('round 1  US  FAILED DIGEST_MISMATCH');
    expect(cli.err).to.include('[DIGEST_MISMATCH]');
  });

  it('retrieves and verifies a listed dossier document as a certified copy, by its id', async () => {
    const jp = t.net.api('JP');
    const { jobId } = await jp.retrieve({ ipOfficeCode: 'EP', applicationNumberText: '23999999', filingDate: '2023-11-01', ipRightType: 'patent', documentKind: 'examinationReport', documentId: docs.epEr! });
    const job = await jp.waitForJob(jobId, 30_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    expect((await jp.copy(job.copyId!)).documentId).to.equal(docs.epEr);
    // the citations of the copy, from its verified manifest, as ST.96 XML
    const xml = await fetch(`${jp.baseUrl}/api/v1/copies/${job.copyId!}/citations?format=xml`, { headers: { Authorization: `Bearer ${jp.token}` } });
    expect(await xml.text()).to.equal(citationsXml(SAMPLE));
    const cli = await runCli(['documents', 'citations', job.copyId!, '--format', 'json', '--data', t.net.office('JP').dataDir]);
    expect(JSON.parse(cli.out).referenceCitationBag).to.deep.equal(SAMPLE);
  });

  it('searches by family on the command line, and lists a peer that holds the line without answering as a timeout', async () => {
    const jpDir = t.net.office('JP').dataDir;
    await t.net.stop('JP');
    const config = JSON.parse(readFileSync(join(jpDir, 'ipex.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(jpDir, 'ipex.json'), JSON.stringify({ ...config, federation: { peerTimeoutMs: 800 } }));
    await t.net.start('JP');
    const silent = await silentListener(t.net.office('KR').exchangePort);
    try {
      const cli = await runCli(['--json', 'dossier', 'search', '--family', 'FAM-77', '--data', jpDir]);
      expect(cli.code, cli.err).to.equal(0);
      const r = JSON.parse(cli.out) as Schemas['DossierSearch'];
      expect(r.peers.find((p) => p.ipOfficeCode === 'KR')).to.deep.include({ outcome: 'timeout', code: 'PEER_TIMEOUT' });
      // from the family id to the family's every application, transitively
      expect(grouped(r)).to.deep.equal(grouped(search));
      const text = await runCli(['dossier', 'show', r.searchId, '--data', jpDir]);
      expect(text.out).to.include(`--kind examinationReport --document ${docs.epEr}`).and.match(/KR {2}timeout +\d+ ms {2}PEER_TIMEOUT/);
    } finally {
      await silent.close();
    }
  });
});

/** Accepts connections on `port` and never sends a byte: a peer that hangs. */
async function silentListener(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => { sockets.add(s); s.on('error', () => undefined); });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
