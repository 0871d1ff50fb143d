// `ipex retrieve`, `ipex retrievals show` and `ipex copies list` (issue 3, OSF side): a JP data
// folder with no running node retrieves from a real EP node; --wait runs the worker in-process.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { depositServiceFor } from '../../../node/services/deposit/deposit-service.js';
import { quiet } from '../http/exchange-peer-fixture.js';
import { runCli } from './run-cli.js';
import { freePort } from '../../../scripts/lib/free-port.js';


describe('ipex retrieve', function () {
  this.timeout(120_000);
  let root: string;
  let jpDir: string;
  let ep: RunningNode;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-retrieve-cli-'));
    const networkDir = join(root, 'network');
    const epDir = join(root, 'ep');
    jpDir = join(root, 'jp');
    const epPort = await freePort();
    await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: epPort, officeApiPort: 0, networkDir, output: quiet });
    await ensureDevNode(jpDir, { officeCode: 'JP', exchangePort: await freePort(), officeApiPort: 0, networkDir, output: quiet });
    await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: epPort, officeApiPort: 0, networkDir, output: quiet });
    ep = await startNode({ dataDir: epDir, output: quiet, ports: { exchange: epPort, officeApi: 0 } });
    const jp = loadIdentity(dataPaths(jpDir));
    await ep.context.trust.verifyPeerCertificate(jp.signing.certificate.raw, { use: 'signing', purpose: 'signing', officeCode: 'JP' });
  });
  after(async () => {
    await ep?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function deposit(application: string): Promise<string> {
    const deposits = depositServiceFor(ep.context);
    const draft = deposits.createDraft({
      documentKind: 'priorityDocument',
      bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: application, filingDate: '2023-05-01', ipRightType: 'patent' },
    }, { kind: 'cli' });
    await deposits.uploadPart(draft.depositId, 'application.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7 priority\n')]));
    return (await deposits.commit(draft.depositId, { kind: 'cli' })).accessCode!;
  }

  const args = (application: string, code: string): string[] => [
    'retrieve', '--data', jpDir, '--office', 'EP', '--application', application, '--filing-date', '2023-05-01', '--ip-right', 'patent', '--access-code', code,
  ];

  it('refuses a mistyped access code before anything is sent, and records no job', async () => {
    const r = await runCli(['--json', ...args('EP 23 400 009.9', 'ABCD-EFGH-JKMN-Q')]);
    expect(r.code).to.not.equal(0);
    expect(r.out + r.err).to.contain('ACCESS_CODE_MALFORMED');
    const list = await runCli(['--json', 'copies', 'list', '--data', jpDir]);
    expect(JSON.parse(list.out)).to.deep.equal([]);
  });

  it('queues a job without --wait and says that no node is running', async () => {
    const code = await deposit('EP 23 400 002.4');
    const r = await runCli(['--json', ...args('EP 23 400 002.4', code)]);
    expect(r.code, r.err).to.equal(0);
    const job = JSON.parse(r.out) as { jobId: string; state: string };
    expect(job.state).to.equal('queued');
    expect(r.err).to.contain('no node is running');
    const shown = await runCli(['--json', 'retrievals', 'show', job.jobId, '--data', jpDir]);
    expect(JSON.parse(shown.out).jobId).to.equal(job.jobId);
  });

  it('with --wait, runs the job in-process to a verified copy and a sent receipt', async () => {
    const code = await deposit('EP 23 400 001.6');
    const r = await runCli([...args('EP 23 400 001.6', code), '--wait']);
    expect(r.code, r.err + r.out).to.equal(0);
    expect(r.out).to.match(/: done/);
    expect(r.out).to.match(/certified copy copy-\S+: EP EP-PD-23400001-\S+ v1, 1 part\(s\), verified/);
    expect(r.out).to.contain('receipt sent');
    const list = await runCli(['copies', 'list', '--data', jpDir]);
    expect(list.out).to.contain('EP 23400001');
  });

  it('retrieves the newest search report of an application from its dossier, with no access code', async () => {
    const deposits = depositServiceFor(ep.context);
    const draft = deposits.createDraft({
      documentKind: 'searchReport',
      bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 400 001.6', filingDate: '2023-05-01', ipRightType: 'patent' },
    }, { kind: 'cli' });
    await deposits.uploadPart(draft.depositId, 'search-report.xml', 'application/xml', Readable.from([Buffer.from('<report/>')]));
    const report = await deposits.commit(draft.depositId, { kind: 'cli' });
    const base = ['retrieve', '--data', jpDir, '--office', 'EP', '--application', 'EP 23 400 001.6', '--filing-date', '2023-05-01', '--ip-right', 'patent', '--kind', 'searchReport'];
    const withCode = await runCli([...base, '--access-code', 'Q3J3-BRKN-A72K-M']);
    expect(withCode.err).to.match(/leave out the access code \[INVALID_INPUT\]/);
    const r = await runCli([...base, '--wait']);
    expect(r.code, r.err + r.out).to.equal(0);
    expect(r.out).to.contain(`EP ${report.documentId} v1, 1 part(s), verified`);
    expect(r.out).to.contain('receipt sent');
  });

  it('exports a retrieved copy as a bundle that `ipex verify` accepts, and proves EP logged the retrieval', async () => {
    const copies = JSON.parse((await runCli(['--json', 'copies', 'list', '--data', jpDir])).out) as { copyId: string; documentKind: string }[];
    const copyId = copies.find((c) => c.documentKind === 'priorityDocument')!.copyId;
    const bundle = join(root, 'jp-copy');
    const exported = await runCli(['export', copyId, '--out', bundle, '--data', jpDir]);
    expect(exported.code, exported.err).to.equal(0);
    expect(exported.out).to.contain('wrote the copy of EP');
    const verified = await runCli(['verify', bundle, '--data', jpDir]);
    expect(verified.code, verified.err + verified.out).to.equal(0);
    expect((await runCli(['export', 'copy-unknown', '--out', join(root, 'nothing'), '--data', jpDir])).code).to.equal(5);
    const proved = await runCli(['--json', 'copies', 'prove', copyId, '--data', jpDir]);
    expect(proved.code, proved.err).to.equal(0);
    const proof = JSON.parse(proved.out) as { index: number; treeSize: number; entry: { type: string; actor: { office: string } } };
    expect(proof.entry).to.deep.include({ type: 'retrieval.attempt' });
    expect(proof.entry.actor.office).to.equal('JP');
    expect(proof.treeSize).to.be.greaterThan(proof.index);
  });
});
