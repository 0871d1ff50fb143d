/**
 * Issue 15, "An e-filing hook": the watched inbox (docs/e-filing.md "The inbox folder") on a real
 * node's deposit service — a folder marked `ready` is deposited once and moved to done/ with its
 * receipt and 0600 secrets, a folder not yet ready is left alone, a bad one goes to failed/ with
 * its reason and deposits nothing, and a node that stopped half-way deposits nothing twice.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpexError } from '../../../../protocol/errors/index.js';
import { bibliographicXml } from '../../../../protocol/st96/bibliographic-xml.js';
import { ImportJournal } from '../../../../node/services/import/import-journal.js';
import { readDocumentFolder } from '../../../../node/services/import/document-folder.js';
import { inboxKey } from '../../../../node/services/inbox/inbox-deposit.js';
import { InboxWatcher } from '../../../../node/services/inbox/inbox-watcher.js';
import { DepositService } from '../../../../node/services/deposit/deposit-service.js';
import { startDepositNode, type DepositNode } from '../deposit/deposit-fixture.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const request = (number: string, kind = 'priorityDocument') => ({
  documentKind: kind, bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: number, filingDate: '2023-05-01', ipRightType: 'patent', inventionTitle: 'Widget' },
});

describe('the watched inbox (issue 15)', function () {
  this.timeout(120_000);
  let n: DepositNode;
  let root: string;
  let watcher: InboxWatcher;
  const warnings: string[] = [];
  before(async () => {
    n = await startDepositNode('EP');
    root = mkdtempSync(join(tmpdir(), 'ipex-inbox-'));
    watcher = new InboxWatcher(n.service, { folder: root, pollSeconds: 3600 }, (line) => warnings.push(line));
    watcher.prepare();
  });
  after(async () => {
    await n?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Writes inbox/<name>/ with `files`; marks it ready unless told not to. */
  function drop(name: string, files: Record<string, string | Buffer>, ready = true): string {
    const dir = join(root, 'inbox', name);
    mkdirSync(dir);
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    if (ready) writeFileSync(join(dir, 'ready'), '');
    return dir;
  }
  const documents = (number: string) => n.service.list({ applicationNumberText: number }).items;
  const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

  it('deposits a ready folder once, with its receipt and its secrets (0600), and leaves a folder not yet ready alone', async () => {
    drop('ipas-0001', { 'deposit.json': JSON.stringify(request('EP 23 200 001')), 'application.pdf': PDF, 'drawing.png': Buffer.from('89504e470d0a1a0a0000', 'hex') });
    drop('ipas-0002', { 'deposit.json': JSON.stringify(request('EP 23 200 002')), 'application.pdf': PDF }, false);
    const outcomes = await watcher.pass();
    expect(outcomes.map((o) => [o.name, o.state])).to.deep.equal([['ipas-0001', 'done']]);

    const done = join(root, 'done', 'ipas-0001');
    const receipt = json(join(done, 'receipt.json'));
    const [doc] = documents('EP 23 200 001');
    expect(receipt).to.include({ documentId: doc!.documentId, version: 1, documentKind: 'priorityDocument', applicationNumber: '23200001' });
    expect(doc!.parts.map((p) => p.name).sort()).to.deep.equal(['application.pdf', 'drawing.png']);
    const secrets = json(join(done, 'secrets.json'));
    expect(statSync(join(done, 'secrets.json')).mode & 0o777).to.equal(0o600);
    expect(n.service.accessCodeMatches(doc!.documentId, secrets.accessCode)).to.equal(true);
    expect(n.service.applicantMayAccess(doc!.documentId, secrets.applicantKey)).to.equal(true);
    expect(readFileSync(join(done, 'receipt.json'), 'utf8')).not.to.include(secrets.accessCode);
    expect(existsSync(join(root, 'inbox', 'ipas-0001'))).to.equal(false);
    expect(statSync(join(root, 'done')).mode & 0o777).to.equal(0o750);
    // Audited as every deposit, with the node as actor (as `ipex import`).
    const entry = n.node.context.db.prepare("SELECT entry FROM audit_entries WHERE type = 'deposit.committed' AND document_id = ?").get(doc!.documentId) as { entry: Buffer };
    expect(JSON.parse(Buffer.from(entry.entry).toString('utf8')).actor).to.deep.equal({ kind: 'node', office: 'EP' });

    // A folder being built under a dot-name is not looked at, ready or not.
    drop('.ipas-0099', { 'deposit.json': JSON.stringify(request('EP 23 200 099')), 'application.pdf': PDF });
    expect(await watcher.pass()).to.deep.equal([]);
    expect(existsSync(join(root, 'inbox', '.ipas-0099', 'ready'))).to.equal(true);
    rmSync(join(root, 'inbox', '.ipas-0099'), { recursive: true });

    // Not ready: untouched until its writer says so.
    expect(existsSync(join(root, 'inbox', 'ipas-0002', 'application.pdf'))).to.equal(true);
    expect(documents('EP 23 200 002')).to.have.length(0);
    writeFileSync(join(root, 'inbox', 'ipas-0002', 'ready'), '');
    expect((await watcher.pass()).map((o) => o.state)).to.deep.equal(['done']);
    expect(documents('EP 23 200 002')).to.have.length(1);
  });

  it('deposits a folder of ST.96 bibliographic XML, its kind from deposit.json', async () => {
    const xml = bibliographicXml({ ipOfficeCode: 'EP', applicationNumberText: '23200003', filingDate: '2023-04-02', inventionTitle: 'Gadget', applicantName: [{ organizationName: 'ACME' }] });
    drop('ipas-0003', { 'bibliographic.xml': xml, 'deposit.json': JSON.stringify({ documentKind: 'searchReport' }), 'report.pdf': PDF });
    const [outcome] = await watcher.pass();
    expect(outcome).to.deep.include({ name: 'ipas-0003', state: 'done' });
    const [doc] = documents('EP 23 200 003');
    expect(doc!.documentKind).to.equal('searchReport');
    expect(doc!.bibliographicData).to.deep.include({ filingDate: '2023-04-02', inventionTitle: 'Gadget', applicantName: [{ organizationName: 'ACME' }] });
    expect(doc!.parts.map((p) => p.name)).to.deep.equal(['report.pdf']);
    expect(existsSync(join(root, 'done', 'ipas-0003', 'secrets.json'))).to.equal(false); // a search report has no access code
  });

  it('moves a folder it cannot deposit to failed/ with reason.json, depositing nothing', async () => {
    const xml = bibliographicXml({ ipOfficeCode: 'EP', applicationNumberText: '23200004', filingDate: '2023-04-02' });
    drop('bad-xml', { 'bibliographic.xml': xml.replace('2023-04-02', '2 April 2023'), 'a.pdf': PDF });
    drop('bad-pdf', { 'deposit.json': JSON.stringify(request('EP 23 200 005')), 'a.pdf': Buffer.from('89504e470d0a1a0a0000', 'hex') });
    drop('bad-json', { 'deposit.json': '{"documentKind": ', 'a.pdf': PDF });
    drop('no-parts', { 'deposit.json': JSON.stringify(request('EP 23 200 006')) });
    const link = drop('a-link', { 'deposit.json': JSON.stringify(request('EP 23 200 007')) }, false);
    symlinkSync('/etc/hostname', join(link, 'hostname.txt'));
    writeFileSync(join(link, 'ready'), '');
    drop('bad-number', { 'deposit.json': JSON.stringify(request('JP 2023-123456')), 'a.pdf': PDF });
    const drafts = (n.node.context.db.prepare("SELECT count(*) AS n FROM deposits WHERE state = 'draft'").get() as { n: number }).n;

    const outcomes = await watcher.pass();
    const codes = Object.fromEntries(outcomes.map((o) => [o.name, o.state === 'failed' ? o.code : o.state]));
    expect(codes).to.deep.equal({
      'a-link': 'DOCUMENT_FOLDER_INVALID', 'bad-json': 'DOCUMENT_FOLDER_INVALID', 'bad-number': 'APPLICATION_NUMBER_OFFICE_MISMATCH',
      'bad-pdf': 'PART_MEDIA_TYPE_MISMATCH', 'bad-xml': 'ST96_INVALID', 'no-parts': 'DOCUMENT_FOLDER_INVALID',
    });
    const reason = json(join(root, 'failed', 'bad-xml', 'reason.json'));
    expect(reason.code).to.equal('ST96_INVALID');
    expect(reason.message).to.match(/bibliographic.xml: .*pat:FilingDate "2 April 2023" is not a YYYY-MM-DD date/);
    expect(json(join(root, 'failed', 'a-link', 'reason.json')).message).to.match(/hostname.txt is a link/);
    for (const number of ['EP 23 200 004', 'EP 23 200 005', 'EP 23 200 006', 'EP 23 200 007']) expect(documents(number)).to.have.length(0);
    expect((n.node.context.db.prepare("SELECT count(*) AS n FROM deposits WHERE state = 'draft'").get() as { n: number }).n).to.equal(drafts);

    // Fixed and dropped again under the same name: a refused folder's name is free.
    drop('bad-pdf', { 'deposit.json': JSON.stringify(request('EP 23 200 005')), 'a.pdf': PDF });
    expect((await watcher.pass()).map((o) => o.state)).to.deep.equal(['done']);
    expect(existsSync(join(root, 'failed', 'bad-pdf', 'reason.json'))).to.equal(true);
  });

  it('refuses a folder whose name was deposited before (INBOX_NAME_USED), keeping both', async () => {
    drop('ipas-0001', { 'deposit.json': JSON.stringify(request('EP 23 200 008')), 'a.pdf': PDF });
    const [outcome] = await watcher.pass();
    expect(outcome).to.deep.include({ name: 'ipas-0001', state: 'failed', code: 'INBOX_NAME_USED' });
    expect(documents('EP 23 200 008')).to.have.length(0);
    expect(existsSync(join(root, 'done', 'ipas-0001', 'receipt.json'))).to.equal(true);
    expect(existsSync(join(root, 'failed', 'ipas-0001', 'reason.json'))).to.equal(true);
    // A name refused before goes beside the earlier one.
    drop('bad-json', { 'deposit.json': '[]', 'a.pdf': PDF });
    expect((await watcher.pass())[0]).to.deep.include({ state: 'failed', code: 'DOCUMENT_FOLDER_INVALID' });
    expect(json(join(root, 'failed', 'bad-json-2', 'reason.json')).message).to.match(/must be a JSON object/);
  });

  it('leaves a folder in work/ when the node fails for a reason of its own, and deposits it at the next look', async () => {
    class BrokenDisk extends DepositService {
      override commit(): never {
        throw new Error('EIO: i/o error, write');
      }
    }
    const broken = new InboxWatcher(new BrokenDisk(n.service.deps), { folder: root, pollSeconds: 3600 }, (line) => warnings.push(line));
    drop('ipas-0011', { 'deposit.json': JSON.stringify(request('EP 23 200 011')), 'a.pdf': PDF });
    const [outcome] = await broken.pass();
    expect(outcome).to.deep.include({ name: 'ipas-0011', state: 'retry' });
    expect(existsSync(join(root, 'work', 'ipas-0011', 'a.pdf'))).to.equal(true);
    expect(warnings.at(-1)).to.match(/ipas-0011 could not be deposited now \(EIO: i\/o error, write\); it stays in work\//);
    expect(documents('EP 23 200 011')).to.have.length(0);
    expect((await watcher.pass()).map((o) => [o.name, o.state])).to.deep.equal([['ipas-0011', 'done']]);
    expect(documents('EP 23 200 011')).to.have.length(1);
    // Deposited, then stopped by a refusal while writing the receipt: still never failed/, and finished once.
    class LostReceipt extends DepositService {
      override get(): never {
        throw new IpexError('DOCUMENT_NOT_FOUND', 'lost on the way');
      }
    }
    const lost = new InboxWatcher(new LostReceipt(n.service.deps), { folder: root, pollSeconds: 3600 }, (line) => warnings.push(line));
    drop('ipas-0012', { 'deposit.json': JSON.stringify(request('EP 23 200 012')), 'a.pdf': PDF });
    expect((await lost.pass())[0]).to.deep.include({ name: 'ipas-0012', state: 'retry' });
    expect(warnings.at(-1)).to.match(/deposited as EP-PD-23200012-\w+, but its receipt could not be written: lost on the way/);
    expect((await watcher.pass()).map((o) => [o.name, o.state])).to.deep.equal([['ipas-0012', 'done']]);
    expect(documents('EP 23 200 012')).to.have.length(1);
    expect(json(join(root, 'done', 'ipas-0012', 'receipt.json')).secretsReissued).to.equal(true);
  });

  it('takes up a folder the node stopped on, never depositing it twice', async () => {
    const journal = new ImportJournal(n.node.context.db, root, () => new Date().toISOString());
    // Stopped after the commit, before the secrets were written: the document exists once, with new secrets.
    const committedDir = join(root, 'work', 'ipas-0009');
    mkdirSync(committedDir);
    writeFileSync(join(committedDir, 'deposit.json'), JSON.stringify(request('EP 23 200 009')));
    writeFileSync(join(committedDir, 'a.pdf'), PDF);
    const folder = readDocumentFolder(committedDir);
    const draft = n.service.createDraft(folder.input, { kind: 'cli' });
    await journal.start(inboxKey('ipas-0009'), folder.digest, draft.depositId, 0);
    await n.service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', (await import('node:fs')).createReadStream(join(committedDir, 'a.pdf')));
    const lost = await n.service.commit(draft.depositId, { kind: 'cli' });
    // Stopped before the commit: the draft is abandoned and the folder deposited once.
    const draftDir = join(root, 'work', 'ipas-0010');
    mkdirSync(draftDir);
    writeFileSync(join(draftDir, 'deposit.json'), JSON.stringify(request('EP 23 200 010')));
    writeFileSync(join(draftDir, 'a.pdf'), PDF);
    const other = n.service.createDraft(readDocumentFolder(draftDir).input, { kind: 'cli' });
    await journal.start(inboxKey('ipas-0010'), 'f'.repeat(64), other.depositId, 0);

    const outcomes = await watcher.pass();
    expect(outcomes.map((o) => [o.name, o.state])).to.deep.equal([['ipas-0009', 'done'], ['ipas-0010', 'done']]);
    expect(documents('EP 23 200 009')).to.have.length(1);
    expect(documents('EP 23 200 010')).to.have.length(1);
    const receipt = json(join(root, 'done', 'ipas-0009', 'receipt.json'));
    expect(receipt).to.include({ documentId: lost.documentId, secretsReissued: true });
    const secrets = json(join(root, 'done', 'ipas-0009', 'secrets.json'));
    expect(n.service.accessCodeMatches(lost.documentId, secrets.accessCode)).to.equal(true);
    expect(n.service.accessCodeMatches(lost.documentId, lost.accessCode!)).to.equal(false);
    expect((n.node.context.db.prepare('SELECT state FROM deposits WHERE id = ?').get(other.depositId) as { state: string }).state).to.equal('abandoned');
    const audit = n.node.context.db.prepare("SELECT count(*) AS n FROM audit_entries WHERE type = 'import.secrets-reissued' AND document_id = ?").get(lost.documentId) as { n: number };
    expect(audit.n).to.equal(1);
  });
});

describe('the node watches its inbox (issue 15)', function () {
  this.timeout(120_000);
  it('starts looking with the node when inbox.folder is set, and stops with it', async () => {
    const { ensureDevNode } = await import('../../../../node/cli/dev-network.js');
    const { startNode } = await import('../../../../node/runtime/start-node.js');
    const { createOutput } = await import('../../../../node/cli/output.js');
    const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);
    const tmp = mkdtempSync(join(tmpdir(), 'ipex-inbox-node-'));
    const dataDir = join(tmp, 'data');
    try {
      await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
      const configFile = join(dataDir, 'ipex.json');
      writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), inbox: { folder: 'efiling', pollSeconds: 1 } }));
      const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
      const dir = join(dataDir, 'efiling', 'inbox', 'ipas-1');
      mkdirSync(dir);
      writeFileSync(join(dir, 'deposit.json'), JSON.stringify(request('EP 23 300 001')));
      writeFileSync(join(dir, 'a.pdf'), PDF);
      writeFileSync(join(dir, 'ready'), '');
      const receipt = join(dataDir, 'efiling', 'done', 'ipas-1', 'receipt.json');
      for (let i = 0; i < 200 && !existsSync(receipt); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(receipt), 'deposited within 10 s').to.equal(true);
      await node.close();
      const after = join(dataDir, 'efiling', 'inbox', 'ipas-2');
      mkdirSync(after);
      writeFileSync(join(after, 'ready'), '');
      await new Promise((r) => setTimeout(r, 1500));
      expect(existsSync(after), 'a stopped node looks no more').to.equal(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
