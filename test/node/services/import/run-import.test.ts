/**
 * `ipex import`'s deposit pass (node/services/import/run-import.ts, docs/importing.md "The
 * journal", "Speed"): the rows kept from the check pass or read again deposit the same documents
 * once; a row's draft and its journal start land in one transaction or not at all; a row whose
 * draft is refused is reported and the run goes on.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ImportJournal } from '../../../../node/services/import/import-journal.js';
import { runImport, type ImportOptions } from '../../../../node/services/import/run-import.js';
import { SecretsFile } from '../../../../node/services/import/import-secrets.js';
import { writeSampleArchive } from '../../../../scripts/sample-archive.js';
import { startDepositNode, type DepositNode } from '../deposit/deposit-fixture.js';

const DOCUMENTS = 24;
const CLI = { kind: 'cli' } as const;

describe('ipex import: the deposit pass (issue 15)', function () {
  this.timeout(180_000);
  let n: DepositNode;
  let root: string;
  beforeEach(async () => {
    n = await startDepositNode('EP');
    root = mkdtempSync(join(tmpdir(), 'ipex-run-import-'));
  });
  afterEach(async () => {
    await n?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(archive: string, out: string, extra: Partial<ImportOptions> = {}) {
    mkdirSync(join(root, out));
    const secrets = await SecretsFile.create(join(root, out, 'secrets.csv'));
    const events: Record<string, unknown>[] = [];
    try {
      return { ...(await runImport(n.service, { dir: archive, outDir: join(root, out), dryRun: false, secrets, onEvent: (e) => events.push(e), ...extra })), events };
    } finally {
      await secrets.close();
    }
  }
  const count = (sql: string, ...args: unknown[]): number => (n.node.context.db.prepare(sql).get(...args) as { n: number }).n;

  it('deposits every row once when the archive has more rows than the check pass keeps, and reads it again', async () => {
    const archive = join(root, 'archive');
    writeSampleArchive({ out: archive, documents: DOCUMENTS, bad: 0, office: 'EP', partSize: 0 });
    const result = await run(archive, 'run1', { heldRows: 5, concurrency: 4 });
    expect(result.counts).to.include({ rows: DOCUMENTS, deposited: DOCUMENTS, refused: 0 });
    const lines = result.events.filter((e) => e.event === 'deposited').map((e) => e.line as number).sort((a, b) => a - b);
    expect(lines).to.deep.equal(Array.from({ length: DOCUMENTS }, (_, i) => i + 2));
    expect(count('SELECT count(*) AS n FROM documents')).to.equal(DOCUMENTS);
    expect(count("SELECT count(*) AS n FROM import_journal WHERE state = 'done'")).to.equal(DOCUMENTS);
    // Every fourth row has two parts: both named in the commit.
    expect(count('SELECT count(*) AS n FROM version_parts')).to.equal(DOCUMENTS + DOCUMENTS / 4);
  });

  it('reports a row whose draft is refused (a priority document deposited by other means) and deposits the others', async () => {
    const archive = join(root, 'archive');
    writeSampleArchive({ out: archive, documents: DOCUMENTS, bad: 0, office: 'EP', partSize: 0 });
    const [, first] = readFileSync(join(archive, 'index.csv'), 'utf8').split('\n');
    const [kind, applicationNumber, filingDate] = first!.split(',');
    expect(kind).to.equal('priorityDocument');
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: applicationNumber, filingDate, ipRightType: 'patent' } }, CLI);
    await n.service.uploadPart(draft.depositId, 'other.txt', 'text/plain', Readable.from([Buffer.from('deposited before the import')]));
    await n.service.commit(draft.depositId, CLI);

    const result = await run(archive, 'run1');
    expect(result.counts).to.include({ deposited: DOCUMENTS - 1, refused: 1 });
    const report = JSON.parse(readFileSync(result.report.json, 'utf8')) as { refused: { line: number; code: string }[] };
    expect(report.refused.map((r) => [r.line, r.code])).to.deep.equal([[2, 'DOCUMENT_EXISTS']]);
    expect(count('SELECT count(*) AS n FROM import_journal WHERE line = 2')).to.equal(0);
    expect(count('SELECT count(*) AS n FROM documents')).to.equal(DOCUMENTS);
  });

  it('writes an unsaved draft, its parts, the document and the journal start in the commit\'s one transaction, and leaves commits fsynced', async () => {
    const db = n.node.context.db;
    const journal = new ImportJournal(db, root, () => new Date().toISOString());
    const input = { documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: 'EP24000001', filingDate: '2024-01-02', ipRightType: 'patent' } };
    const rows = (): number[] => ['deposits', 'deposit_parts', 'documents'].map((t) => count(`SELECT count(*) AS n FROM ${t}`));
    const before = rows();
    const key = 'a'.repeat(64);
    const stored = async (draft: ReturnType<typeof n.service.prepareDraft>) => [await n.service.storePart(draft, 'a.txt', 'text/plain', Readable.from([Buffer.from('a part')]))];

    // Checked and stored, nothing written: a run killed here leaves only a content-addressed blob.
    const refused = n.service.prepareDraft(input, CLI);
    const parts = await stored(refused);
    expect(rows(), 'nothing written before the commit').to.deep.equal(before);
    let message = '';
    try {
      await n.service.commit(refused, CLI, parts, () => journal.startInTransaction('not a row key', 'b'.repeat(64), refused.depositId, 2));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message, 'a start the journal refuses').to.match(/CHECK constraint/);
    expect(rows(), 'the draft, its part and the document rolled back with the refused start').to.deep.equal(before);
    expect(journal.outcome(refused.depositId)).to.deep.equal({ state: 'absent' });

    const draft = n.service.prepareDraft(input, CLI);
    const doc = await n.service.commit(draft, CLI, await stored(draft), () => journal.startInTransaction(key, 'b'.repeat(64), draft.depositId, 2));
    expect(journal.get(key)).to.include({ deposit_id: draft.depositId, state: 'started', line: 2 });
    expect(journal.outcome(draft.depositId)).to.deep.equal({ state: 'committed', documentId: doc.documentId });
    expect(doc.parts.map((p) => p.name)).to.deep.equal(['a.txt']);
    expect(rows()).to.deep.equal([before[0]! + 1, before[1]! + 1, before[2]! + 1]);
    expect(db.pragma('synchronous', { simple: true })).to.equal(2); // FULL again after the commit
  });
});
