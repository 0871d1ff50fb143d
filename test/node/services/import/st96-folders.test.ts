/**
 * Issue 15, "accept ST.96 XML on import": an archive of document folders (ST.96 bibliographic XML
 * beside the parts, docs/importing.md "Document folders") imported with the same checks, report,
 * secrets and journal as index.csv rows — every planted bad folder named in the report, a second
 * run skipping what the first deposited, and folders beside an index.csv imported with its rows.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../../../../node/services/import/run-import.js';
import { SecretsFile } from '../../../../node/services/import/import-secrets.js';
import { writeSampleArchive, writeSampleSt96Archive } from '../../../../scripts/sample-archive.js';
import { bibliographicXml } from '../../../../protocol/st96/bibliographic-xml.js';
import { startDepositNode, type DepositNode } from '../deposit/deposit-fixture.js';

const DOCUMENTS = 36;

describe('ipex import: document folders of ST.96 XML (issue 15)', function () {
  this.timeout(180_000);
  let n: DepositNode;
  let root: string;
  before(async () => {
    n = await startDepositNode('EP');
    root = mkdtempSync(join(tmpdir(), 'ipex-st96-import-'));
  });
  after(async () => {
    await n?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(archive: string, out: string, dryRun = false) {
    mkdirSync(join(root, out));
    const secrets = dryRun ? undefined : await SecretsFile.create(join(root, out, 'secrets.csv'));
    const events: Record<string, unknown>[] = [];
    try {
      return { ...(await runImport(n.service, { dir: archive, outDir: join(root, out), dryRun, ...(secrets === undefined ? {} : { secrets }), onEvent: (e) => events.push(e) })), events };
    } finally {
      await secrets?.close();
    }
  }
  const count = (sql: string): number => (n.node.context.db.prepare(sql).get() as { n: number }).n;

  it('names every planted bad folder in the report, deposits the others once, and skips them on a second run', async () => {
    const archive = join(root, 'st96');
    const planted = writeSampleSt96Archive({ out: archive, documents: DOCUMENTS, bad: 1, office: 'EP', partSize: 2048 });
    const expected: Record<string, string> = {
      'bad-xml': 'ST96_INVALID', 'bad-number': 'APPLICATION_NUMBER_INVALID', 'bad-date': 'BIBLIOGRAPHIC_INVALID',
      'no-part': 'DOCUMENT_FOLDER_INVALID', 'wrong-bytes': 'PART_MEDIA_TYPE_MISMATCH', 'bad-json': 'DOCUMENT_FOLDER_INVALID',
    };

    const dry = await run(archive, 'dry', true);
    expect(dry.counts).to.include({ rows: DOCUMENTS + planted.length, deposited: 0, refused: planted.length });
    expect(count('SELECT count(*) AS n FROM documents')).to.equal(0);

    const first = await run(archive, 'run1');
    expect(first.counts).to.include({ rows: DOCUMENTS + planted.length, deposited: DOCUMENTS, refused: planted.length });
    const report = JSON.parse(readFileSync(first.report.json, 'utf8')) as { refused: { folder: string; code: string; reason: string }[] };
    expect(report.refused.map((r) => [r.folder, r.code])).to.deep.equal(planted.map((p) => [p.folder, expected[p.kind]]));
    expect(report.refused.find((r) => r.code === 'ST96_INVALID')!.reason).to.match(/bibliographic.xml: line \d+: .*pat:Abstract/);
    const csv = readFileSync(first.report.csv, 'utf8').split('\n');
    expect(csv[0]).to.equal('line,applicationNumber,code,reason,folder');
    expect(csv[1]).to.match(new RegExp(`^,.*,${planted[0]!.folder}$`));

    // Deposited with the XML's data: priority claims, applicants and the kind of deposit.json.
    expect(count('SELECT count(*) AS n FROM documents')).to.equal(DOCUMENTS);
    expect(count("SELECT count(*) AS n FROM documents WHERE kind = 'searchReport'")).to.be.greaterThan(0);
    expect(count('SELECT count(*) AS n FROM priority_claims')).to.be.greaterThan(0);
    const deposited = first.events.filter((e) => e.event === 'deposited');
    expect(deposited).to.have.length(DOCUMENTS);
    expect(deposited[0]!.folder).to.match(/^documents\/\d{6}$/);
    const priority = count("SELECT count(*) AS n FROM documents WHERE kind = 'priorityDocument'");
    expect(readFileSync(join(root, 'run1', 'secrets.csv'), 'utf8').trim().split('\n')).to.have.length(priority + 1);

    const second = await run(archive, 'run2');
    expect(second.counts).to.include({ deposited: 0, skipped: DOCUMENTS, refused: planted.length });
    expect(count('SELECT count(*) AS n FROM documents')).to.equal(DOCUMENTS);
    expect(count("SELECT count(*) AS n FROM audit_entries WHERE type = 'deposit.committed'")).to.equal(DOCUMENTS);
  });

  it('imports document folders beside index.csv rows, and refuses an archive with neither', async () => {
    await n.close(); // a node of its own: the sample numbers of both forms are the same
    n = await startDepositNode('EP');
    rmSync(root, { recursive: true, force: true });
    root = mkdtempSync(join(tmpdir(), 'ipex-st96-import-'));
    const archive = join(root, 'mixed');
    writeSampleArchive({ out: archive, documents: 3, bad: 0, office: 'EP', partSize: 0 });
    const folder = join(archive, 'documents', 'scan-77');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'bibliographic.xml'), bibliographicXml({ ipOfficeCode: 'EP', applicationNumberText: '24000077', filingDate: '2024-01-02', inventionTitle: 'Folded' }));
    writeFileSync(join(folder, 'scan.pdf'), '%PDF-1.4\n%%EOF\n');
    const result = await run(archive, 'mixed-run');
    expect(result.counts).to.include({ rows: 4, deposited: 4, refused: 0 });
    const doc = n.service.list({ applicationNumberText: '24000077' }).items[0]!;
    expect(doc.bibliographicData).to.include({ inventionTitle: 'Folded', ipRightType: 'patent' });

    mkdirSync(join(root, 'empty'));
    let code: string | undefined;
    try {
      await run(join(root, 'empty'), 'empty-run');
    } catch (err) {
      code = (err as { code?: string }).code;
    }
    expect(code).to.equal('IMPORT_INDEX_INVALID');
  });
});
