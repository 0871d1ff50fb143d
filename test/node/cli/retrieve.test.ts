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

  // Each application's part has its own bytes: a part already in JP's blob store is not downloaded again.
  const partText = (application: string): string => `%PDF-1.7 priority ${application}\n`;

  async function deposit(application: string, options: { availableFrom?: string; allowed?: string[] } = {}): Promise<string> {
    const deposits = depositServiceFor(ep.context);
    const draft = deposits.createDraft({
      documentKind: 'priorityDocument',
      bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: application, filingDate: '2023-05-01', ipRightType: 'patent' },
      ...(options.availableFrom === undefined ? {} : { availableFrom: options.availableFrom }),
    }, { kind: 'cli' });
    await deposits.uploadPart(draft.depositId, 'application.pdf', 'application/pdf', Readable.from([Buffer.from(partText(application))]));
    const doc = await deposits.commit(draft.depositId, { kind: 'cli' });
    if (options.allowed !== undefined) await deposits.setAccess(doc.documentId, { allowedOffices: options.allowed }, { kind: 'cli' });
    return doc.accessCode!;
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

  describe('exit statuses and progress of --wait (issue 10, item 6)', () => {
    it('exits 4 for a job failed with OFFICE_NOT_ALLOWED, with the job on stdout, also with --json', async () => {
      const code = await deposit('EP 23 400 003.2', { allowed: ['EP'] }); // an office of the directory other than JP
      const r = await runCli([...args('EP 23 400 003.2', code), '--wait']);
      expect(r.code, r.err).to.equal(4);
      expect(r.out).to.match(/: failed\n {2}OFFICE_NOT_ALLOWED: /);
      expect(r.err).to.match(/job \S+: failed: OFFICE_NOT_ALLOWED\n/);
      expect(r.err.trimEnd().split('\n').at(-1)).to.match(/^ipex: retrieval job \S+ failed: .+ \[OFFICE_NOT_ALLOWED\]$/);
      const json = await runCli(['--json', ...args('EP 23 400 003.2', code), '--wait']);
      expect(json.code).to.equal(4);
      const job = JSON.parse(json.out) as { jobId: string; state: string; error: { code: string } };
      expect([job.state, job.error.code]).to.deep.equal(['failed', 'OFFICE_NOT_ALLOWED']);
      // `retrievals show` shows a failed job and succeeds: the state is in what it prints
      const shown = await runCli(['--json', 'retrievals', 'show', job.jobId, '--data', jpDir]);
      expect(shown.code).to.equal(0);
      expect(JSON.parse(shown.out).state).to.equal('failed');
    });

    it('exits 5 for a job failed with DOCUMENT_UNAVAILABLE', async () => {
      await deposit('EP 23 400 004.0');
      const r = await runCli([...args('EP 23 400 004.0', '0000-0000-0000-0'), '--wait']);
      expect(r.code, r.err).to.equal(5);
      expect(r.err).to.match(/\[DOCUMENT_UNAVAILABLE\]\n$/);
    });

    it('prints the state changes and the bytes of each part, and exits 0 with the copy', async () => {
      const code = await deposit('EP 23 400 005.7');
      const r = await runCli([...args('EP 23 400 005.7', code), '--wait']);
      expect(r.code, r.err).to.equal(0);
      const size = partText('EP 23 400 005.7').length;
      expect(r.err).to.match(new RegExp(`job \\S+: queued: asking EP for the document\n.*job \\S+: downloading 1 part\\(s\\), ${size} bytes, from EP\n`, 's'));
      expect(r.err).to.match(new RegExp(`job \\S+: application\\.pdf: ${size} of ${size} bytes\n.*job \\S+: verifying every part and signature\n`, 's'));
      expect(r.err).to.match(/job \S+: done: certified copy copy-/);
    });

    it('says while pending when the document is available and when it asks again; --timeout ends the wait with 7', async () => {
      const later = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86_400_000).toISOString();
      const code = await deposit('EP 23 400 006.5', { availableFrom: later });
      const r = await runCli(['--json', ...args('EP 23 400 006.5', code), '--wait', '--timeout', '2s']);
      expect(r.code, r.err).to.equal(7);
      expect(r.err).to.match(new RegExp(`job \\S+: pending: EP has the document available from ${later.replaceAll('.', '\\.')}; asking again at \\S+Z\n`));
      const job = JSON.parse(r.out) as { jobId: string; state: string };
      expect(job.state).to.equal('pending');
      expect(r.err.trimEnd().split('\n').at(-1)).to.equal(`ipex: --timeout 2s passed: job ${job.jobId} is still pending and goes on when the node starts on this data folder (\`ipex start\`), or with this \`ipex retrieve … --wait\` again; follow it with \`ipex retrievals show ${job.jobId}\` [WAIT_TIMEOUT]`);
    });

    it('with a node running on the data folder, leaves the job to it and says so when --timeout passes', async () => {
      const later = new Date(Date.now() + 86_400_000).toISOString();
      const code = await deposit('EP 23 400 007.3', { availableFrom: later });
      const jp = await startNode({ dataDir: jpDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
      try {
        await new Promise((resolve) => setTimeout(resolve, 200)); // the worker's first heartbeat
        // The node's worker looks for jobs recorded by other processes every 5 s.
        const r = await runCli([...args('EP 23 400 007.3', code), '--wait', '--timeout', '8s']);
          expect(r.code, r.err).to.equal(7);
        expect(r.err).to.match(/job \S+: pending: EP has the document available from /);
        expect(r.err).to.match(/is still pending and goes on in the node running on this data folder; follow it with `ipex retrievals show \S+` \[WAIT_TIMEOUT\]\n$/);
      } finally {
        await jp.close();
      }
    });

    it('refuses --timeout without --wait, and a duration it cannot read, before recording a job', async () => {
      const code = await deposit('EP 23 400 008.1');
      const without = await runCli([...args('EP 23 400 008.1', code), '--timeout', '10m']);
      expect(without.code).to.equal(2);
      expect(without.err).to.equal('ipex: --timeout needs --wait: without it the command does not wait [USAGE]\n');
      const bad = await runCli([...args('EP 23 400 008.1', code), '--wait', '--timeout', 'soon']);
      expect(bad.code).to.equal(2);
      expect(bad.err).to.contain('--timeout must be a duration such as 90s, 10m, 2h or 1d');
    });
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
