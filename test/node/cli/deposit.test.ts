/** `ipex deposit`, `documents`, `access` and `export` on a data folder (node/cli/commands/deposit.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { main } from '../../../node/cli/main.js';
import { createOutput } from '../../../node/cli/output.js';
import { parsePartSpec } from '../../../node/cli/commands/deposit.js';
import { withDepositService } from '../../../node/cli/deposit-workspace.js';
import { withNodeContext } from '../../../node/cli/workspace.js';
import { listDevOffices } from '../../helpers/dev-offices.js';
import { citationsXml } from '../../../protocol/st96/citation-xml.js';
import { SAMPLE } from '../../protocol/st96/sample-citations.js';
import { validAgainstSubset } from '../../protocol/st96/xmllint.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ipex', ...args], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('ipex deposit / documents / access / export', function () {
  this.timeout(120_000);
  let root: string;
  let data: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-deposit-'));
    data = join(root, 'data');
    await ensureDevNode(data, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true) });
    writeFileSync(join(root, 'claims.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100_000 - 9, 7)])); // a PDF's bytes are checked (issue 15)
    writeFileSync(join(root, 'seq.xml'), '<x/>');
    writeFileSync(join(root, 'براءة.pdf'), '%PDF-arabic');
    await listDevOffices(data, ['JP']);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('parses part specs and guesses media types', () => {
    expect(parsePartSpec('/x/claims.pdf')).to.deep.equal({ file: '/x/claims.pdf', name: 'claims.pdf', mediaType: 'application/pdf' });
    expect(parsePartSpec('/x/a.bin:seq.xml')).to.deep.equal({ file: '/x/a.bin', name: 'seq.xml', mediaType: 'application/xml' });
    expect(parsePartSpec('/x/a:b:text/plain').mediaType).to.equal('text/plain');
  });

  it('deposits with progress, prints the code once, then lists, regenerates and exports', async () => {
    const dep = await run(['--json', 'deposit', '--data', data, '--kind', 'priorityDocument', '--application', 'EP23123456.8', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--title', 'Widget', '--part', join(root, 'claims.pdf'), '--part', `${join(root, 'seq.xml')}:sequence.xml`]);
    expect(dep.code, dep.stderr).to.equal(0);
    expect(dep.stderr).to.match(/claims\.pdf: 0\.1 MB stored, sha256 [0-9a-f]{64}/);
    const doc = JSON.parse(dep.stdout);
    expect(doc.documentId).to.match(/^EP-PD-23123456-/);
    expect(doc.accessCode).to.be.a('string');

    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data])).stdout);
    expect(list.items.map((d: { documentId: string }) => d.documentId)).to.deep.equal([doc.documentId]);
    const again = await run(['deposit', '--data', data, '--kind', 'priorityDocument', '--application', '23123456', '--filing-date', '2023-05-01', '--ip-right', 'patent', '--part', join(root, 'seq.xml')]);
    expect(again.code).to.not.equal(0);
    expect(again.stderr).to.include('DOCUMENT_EXISTS');

    expect((await run(['access', 'allow', doc.documentId, '--office', 'jp', '--data', data])).code).to.equal(0);
    const shown = JSON.parse((await run(['--json', 'access', 'show', doc.documentId, '--data', data])).stdout);
    expect(shown.policy).to.deep.equal({ allowedOffices: ['JP'] });
    const regen = JSON.parse((await run(['--json', 'access', 'regenerate', doc.documentId, '--data', data])).stdout);
    expect(regen.accessCode).to.not.equal(doc.accessCode);

    const out = join(root, 'copy.zip');
    expect((await run(['export', doc.documentId, '--out', out, '--zip', '--data', data])).code).to.equal(0);
    const verified = await run(['verify', out, '--data', data]);
    expect(verified.code, verified.stdout + verified.stderr).to.equal(0);
  });

  it('refuses a missing part file before anything is written', async () => {
    const res = await run(['deposit', '--data', data, '--kind', 'searchReport', '--application', '23000001', '--filing-date', '2023-05-01', '--ip-right', 'patent', '--part', join(root, 'nope.pdf')]);
    expect(res.code).to.not.equal(0);
    expect(res.stderr).to.include('FILE_NOT_FOUND');
    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--kind', 'searchReport'])).stdout);
    expect(list.items).to.deep.equal([]);
  });

  // Issue 10, item 11: the second --part of the same name silently replaced the first.
  it('refuses the same part twice before anything is written', async () => {
    const common = ['deposit', '--data', data, '--kind', 'searchReport', '--application', '23000002', '--filing-date', '2023-05-01', '--ip-right', 'patent'];
    const twice = await run([...common, '--part', join(root, 'claims.pdf'), '--part', join(root, 'claims.pdf')]);
    expect(twice.code, twice.stderr).to.equal(2);
    expect(twice.stderr).to.include('[USAGE]').and.to.include('is given twice');
    const sameName = await run([...common, '--part', join(root, 'claims.pdf'), '--part', `${join(root, 'seq.xml')}:CLAIMS.PDF`]);
    expect(sameName.code).to.equal(2);
    expect(sameName.stderr).to.include('collides with');
    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--kind', 'searchReport'])).stdout);
    expect(list.items).to.deep.equal([]);
  });

  // Issue 10, item 11: the same refusals as over the office API, with the exit status of the code.
  it('refuses a foreign number, a wrong check digit and a future filing date, writing nothing', async () => {
    const deposit = (application: string, filingDate = '2023-05-01') => run(['deposit', '--data', data, '--kind', 'searchReport', '--application', application,
      '--filing-date', filingDate, '--ip-right', 'patent', '--part', join(root, 'seq.xml')]);
    for (const [res, code] of [[await deposit('JP 2023-123456'), 'APPLICATION_NUMBER_OFFICE_MISMATCH'], [await deposit('EP 23 000 006.1'), 'CHECK_DIGIT_MISMATCH'],
      [await deposit('23000006', '2999-12-31'), 'BIBLIOGRAPHIC_INVALID']] as const) {
      expect(res.code, res.stderr).to.equal(3);
      expect(res.stderr).to.include(`[${code}]`);
    }
    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--kind', 'searchReport'])).stdout);
    expect(list.items.filter((d: { bibliographicData: { applicationNumberText: string } }) => d.bibliographicData.applicationNumberText === '23000006')).to.deep.equal([]);
  });

  // Issue 12: `--priority "CC NUMBER YYYY-MM-DD"` (repeatable) certifies priority claims; bad ones are refused, writing nothing.
  it('deposits priority claims given with --priority, shows them, and refuses bad ones naming the claim', async () => {
    const deposit = (...priority: string[]) => run(['--json', 'deposit', '--data', data, '--kind', 'examinationReport', '--application', '23000777',
      '--filing-date', '2023-05-01', '--ip-right', 'patent', '--part', join(root, 'seq.xml'), ...priority.flatMap((p) => ['--priority', p])]);
    const ok = await deposit('us 18/123,456 2023-01-10', 'JP 2022-098765 2022-12-24');
    expect(ok.code, ok.stderr).to.equal(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc.bibliographicData.priorityClaimBag.priorityClaim).to.deep.equal([
      { ipOfficeCode: 'US', applicationNumberText: '18123456', filingDate: '2023-01-10' },
      { ipOfficeCode: 'JP', applicationNumberText: '2022098765', filingDate: '2022-12-24' },
    ]);
    const shown = await run(['documents', 'show', doc.documentId, '--data', data]);
    expect(shown.stdout).to.include('claims the priority of US 18123456 2023-01-10').and.include('claims the priority of JP 2022098765 2022-12-24');

    const bad = await deposit('EP 23000778 2031-01-01');
    expect(bad.code, bad.stderr).to.equal(3);
    expect(bad.stderr).to.match(/priorityClaim\[0\]\.filingDate 2031-01-01 is in the future.*\[PRIORITY_CLAIM_INVALID\]/);
    const usage = await deposit('EP 23000778');
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.include('is not "CC NUMBER YYYY-MM-DD"');
    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--kind', 'examinationReport'])).stdout);
    expect(list.items.map((d: { documentId: string }) => d.documentId)).to.deep.equal([doc.documentId]);
  });

  // Issue 12: `ipex deposit --citations FILE` certifies a report's citations; `ipex documents citations` exports them.
  it('deposits citations from a JSON file, shows them, exports them as ST.96 XML and JSON, and refuses bad ones', async () => {
    writeFileSync(join(root, 'citations.json'), JSON.stringify(SAMPLE));
    const dep = await run(['--json', 'deposit', '--data', data, '--kind', 'searchReport', '--application', '23000888', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--part', join(root, 'seq.xml'), '--citations', join(root, 'citations.json')]);
    expect(dep.code, dep.stderr).to.equal(0);
    const id = JSON.parse(dep.stdout).documentId as string;
    expect((await run(['documents', 'show', id, '--data', data])).stdout).to.include('cites US 5401234 A 1995-03-28  X: 1-3, 7; Y,A: 4-6');
    const xml = await run(['documents', 'citations', id, '--format', 'xml', '--data', data]);
    expect(xml.code, xml.stderr).to.equal(0);
    expect(xml.stdout).to.equal(citationsXml(SAMPLE));
    const json = JSON.parse((await run(['documents', 'citations', id, '--data', data])).stdout);
    expect(json.referenceCitationBag).to.deep.equal(SAMPLE);
    // The command's own --version (which version of the document), not the release of ipex.
    const first = await run(['documents', 'citations', id, '--version', '1', '--data', data]);
    expect(first.code, first.stderr).to.equal(0);
    expect(JSON.parse(first.stdout)).to.deep.equal(json);
    const none = await run(['documents', 'citations', id, '--version', '7', '--data', data]);
    expect(none.stderr).to.include('has no version 7').and.to.include('[DOCUMENT_NOT_FOUND]');
    expect((await run(['documents', 'citations', id, '--format', 'pdf', '--data', data])).code).to.equal(2);

    writeFileSync(join(root, 'bad.json'), JSON.stringify({ referenceCitation: [{ ...SAMPLE.referenceCitation[0], citedPassage: [{ citationCategoryCode: ['Q'] }] }] }));
    writeFileSync(join(root, 'broken.json'), '{ "referenceCitation": [');
    for (const file of ['bad.json', 'broken.json']) {
      const bad = await run(['deposit', '--data', data, '--kind', 'searchReport', '--application', '23000889', '--filing-date', '2023-05-01', '--ip-right', 'patent',
        '--part', join(root, 'seq.xml'), '--citations', join(root, file)]);
      expect(bad.code, bad.stderr).to.equal(3);
      expect(bad.stderr).to.include('[CITATION_INVALID]');
    }
    const list = JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--application', '23000889'])).stdout);
    expect(list.items).to.deep.equal([]);
  });

  // Issue 15: `ipex documents st96 ID` prints the bibliographic data as ST.96 XML derived from the manifest.
  it('prints a document\'s bibliographic data as ST.96 XML, valid against the subset', async () => {
    const dep = JSON.parse((await run(['--json', 'deposit', '--data', data, '--kind', 'searchReport', '--application', 'EP 23 000 777', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--title', 'Widget', '--part', join(root, 'seq.xml'), '--citations', join(root, 'citations.json')])).stdout);
    const xml = await run(['documents', 'st96', dep.documentId, '--data', data]);
    expect(xml.code, xml.stderr).to.equal(0);
    expect(xml.stdout).to.include('<com:ApplicationNumberText>23000777</com:ApplicationNumberText>').and.to.include('<pat:InventionTitle>Widget</pat:InventionTitle>');
    expect(validAgainstSubset(xml.stdout), xml.stdout).to.equal(true);
    expect(JSON.parse((await run(['--json', 'documents', 'st96', dep.documentId, '--data', data])).stdout).xml).to.equal(xml.stdout);
    expect((await run(['documents', 'st96', 'EP-SR-1-NOPE0000', '--data', data])).stderr).to.include('DOCUMENT_NOT_FOUND');
  });

  // Issue 10, item 11: `ipex access allow --office ZZ` stored an office no peer could ever be.
  it('refuses to allow an office that is not in the signed directory, and changes nothing', async () => {
    const dep = JSON.parse((await run(['--json', 'deposit', '--data', data, '--kind', 'priorityDocument', '--application', '23000003', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--part', join(root, 'seq.xml')])).stdout);
    const refused = await run(['access', 'allow', dep.documentId, '--office', 'JP', '--office', 'FR', '--data', data]);
    expect(refused.code).to.equal(3);
    expect(refused.stderr).to.include('ACCESS_OFFICE_UNKNOWN').and.to.include('FR');
    expect((await run(['access', 'allow', dep.documentId, '--office', 'ZZ', '--data', data])).stderr).to.include('OFFICE_CODE_INVALID');
    const shown = JSON.parse((await run(['--json', 'access', 'show', dep.documentId, '--data', data])).stdout);
    expect(shown.policy).to.deep.equal({ anyParticipatingOffice: true });
  });

  // Issue 12: the applicant's address given at deposit, checked before anything is written.
  it('keeps the applicant\'s e-mail address and language given at deposit, and refuses a bad one writing nothing', async () => {
    const deposit = (application: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      run(['--json', 'deposit', '--data', data, '--kind', 'priorityDocument', '--application', application, '--filing-date', '2023-05-01',
        '--ip-right', 'patent', '--part', join(root, 'seq.xml'), ...extra]);
    const ok = await deposit('23000011', '--applicant-email', 'inventor@example.org', '--applicant-language', 'fr');
    expect(ok.code, ok.stderr).to.equal(0);
    const doc = JSON.parse(ok.stdout) as { documentId: string };
    const plain = await run(['deposit', '--data', data, '--kind', 'priorityDocument', '--application', '23000012', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--part', join(root, 'seq.xml'), '--applicant-email', 'other@example.org']);
    expect(plain.stdout).to.include('the applicant is told by e-mail, in en, of every retrieval');
    await withDepositService({ data }, (service) => {
      expect(service.applicantContact(doc.documentId)).to.deep.equal({ email: 'inventor@example.org', language: 'fr' });
    });
    await withNodeContext({ data }, (node) => {
      const entries = node.audit.entries(0, node.audit.size()).map((b) => JSON.parse(b.toString('utf8')) as { type: string; actor: { kind: string }; subject?: { documentId?: string }; details: unknown });
      const changed = entries.filter((e) => e.type === 'applicant.contact-changed' && e.subject?.documentId === doc.documentId);
      expect(changed.map((e) => [e.actor.kind, e.details])).to.deep.equal([['node', { email: 'set', language: 'fr' }]]);
    });

    for (const [extra, code, status] of [
      [['--applicant-email', 'not an address'], 'APPLICANT_EMAIL_INVALID', 3],
      [['--applicant-email', 'inventor@example.org', '--applicant-language', 'de'], 'APPLICANT_LANGUAGE_INVALID', 3],
      [['--applicant-language', 'fr'], 'USAGE', 2],
    ] as const) {
      const bad = await deposit('23000013', ...extra);
      expect(bad.code, bad.stderr).to.equal(status);
      expect(bad.stderr).to.include(`[${code}]`);
    }
    const report = await run(['deposit', '--data', data, '--kind', 'searchReport', '--application', '23000013', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--part', join(root, 'seq.xml'), '--applicant-email', 'inventor@example.org']);
    expect(report.stderr).to.include('[USAGE]').and.to.include('priority document');
    expect(JSON.parse((await run(['--json', 'documents', 'list', '--data', data, '--application', '23000013'])).stdout).items).to.deep.equal([]);
  });

  // Issue 10, item 12: a file named in another script was refused as a part name.
  it('deposits a file with a Unicode name under a derived safe name and shows the original', async () => {
    const dep = await run(['--json', 'deposit', '--data', data, '--kind', 'searchReport', '--application', '23000004', '--filing-date', '2023-05-01',
      '--ip-right', 'patent', '--part', join(root, 'براءة.pdf')]);
    expect(dep.code, dep.stderr).to.equal(0);
    expect(dep.stderr).to.match(/براءة\.pdf: 0\.0 MB stored as part-[0-9a-f]{8}\.pdf/);
    const doc = JSON.parse(dep.stdout);
    expect(doc.parts[0]).to.include({ originalName: 'براءة.pdf', mediaType: 'application/pdf' });
    const shown = await run(['documents', 'show', doc.documentId, '--data', data]);
    expect(shown.stdout).to.match(/part-[0-9a-f]{8}\.pdf \(براءة\.pdf\)  application\/pdf/);
  });

  // Issue 10, item 12: a title certified before the text rules (here: a draft opened before
  // them and committed after) is never printed raw.
  it('prints control and bidi characters of an older title escaped', async () => {
    const id = await withDepositService({ data }, async (service) => {
      const bibliographicData = { ipOfficeCode: 'EP', applicationNumberText: '23000005', filingDate: '2023-05-01', ipRightType: 'patent' };
      const draft = service.createDraft({ documentKind: 'searchReport', bibliographicData }, { kind: 'cli' });
      service.deps.db.prepare('UPDATE deposits SET bibliographic = ? WHERE id = ?')
        .run(JSON.stringify({ ...bibliographicData, inventionTitle: 'Widget\u202Efdp.exe' }), draft.depositId);
      await service.uploadPart(draft.depositId, 'report.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-')]));
      return (await service.commit(draft.depositId, { kind: 'cli' })).documentId;
    });
    const shown = await run(['documents', 'show', id, '--data', data]);
    expect(shown.stdout).to.include('"Widget\\u{202E}fdp.exe"');
    expect(shown.stdout).not.to.include('\u202E');
  });
});
