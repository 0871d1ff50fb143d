/**
 * The access-code letter (issue 11, part 2): a PDF made only with the document's current code
 * and key, read back by an independent tool (poppler's pdftotext, and zbarimg for the QR code
 * when it is installed) for what the letter promises: the office, the application, the code in
 * groups of four, the applicant key, how to use them, names in any script the fonts can print,
 * the reference in the QR code, and the reader's language.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';

describe('office API: the access-code letter (issue 11)', function () {
  this.timeout(60_000);
  let n: DepositNode;
  let dir: string;
  let documentId: string;
  let accessCode: string;
  let applicantKey: string;

  before(async () => {
    n = await startDepositNode();
    dir = mkdtempSync(join(tmpdir(), 'ipex-letter-'));
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: {
      ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent', inventionTitle: 'Revêtement solaire',
      applicantName: [{ organizationName: 'Общество «Ромашка»' }, { lastName: '山田', firstName: '太郎' }, { organizationName: 'شركة الطاقة' }],
    } }, { kind: 'cli' });
    await n.service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7')]));
    const committed = await n.service.commit(draft.depositId, { kind: 'cli' });
    documentId = committed.documentId;
    accessCode = committed.accessCode!;
    applicantKey = committed.applicantKey!;
  });
  after(async () => {
    await n?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function letter(body: Record<string, unknown>, bearer = n.clerk): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const res = await fetch(`${n.api}/documents/${documentId}/letter`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  function text(pdf: Buffer, name: string): string {
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    // the words in reading order, white space made single (the code's groups are spaced out)
    return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  it('prints the office, the application, the code in groups of four, the key and how to use them', async () => {
    const res = await letter({ accessCode, applicantKey, language: 'en', portalUrl: 'https://ipex.example.org/' });
    expect(res.status, res.bytes.toString().slice(0, 300)).to.equal(200);
    expect(res.type).to.equal('application/pdf');
    expect(res.bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    const words = text(res.bytes, 'en');
    expect(words).to.include(n.node.context.config.office.name).and.include('EP 23123456').and.include('May 1, 2023').and.include('Revêtement solaire');
    expect(words).to.include(accessCode.split('-').join(' '));
    expect(words).to.include(applicantKey).and.include('How to use them').and.include('https://ipex.example.org/');
    expect(words).to.include('Общество «Ромашка»').and.include('(in a script this letter cannot print: see the portal)');
    expect(words).not.to.include('山田');
    const zbar = spawnSync('zbarimg', ['--version']);
    if (zbar.status === 0) {
      execFileSync('pdftoppm', ['-r', '200', '-png', join(dir, 'en.pdf'), join(dir, 'page')]);
      const decoded = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'page-1.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      expect(decoded).to.equal(`ipex:document?office=EP&application=23123456&filingDate=2023-05-01&ipRightType=patent&document=${encodeURIComponent(documentId)}`);
      expect(decoded).not.to.include(accessCode.slice(0, 4));
    }
  });

  it('is printed in the reader\'s language, and in English for Chinese', async () => {
    expect(text((await letter({ accessCode, applicantKey, language: 'fr' })).bytes, 'fr')).to.include('Votre code d’accès à un document de priorité').and.include('1 mai 2023');
    expect(text((await letter({ accessCode, applicantKey, language: 'ru' })).bytes, 'ru')).to.include('Ваш код доступа к приоритетному документу');
    expect(text((await letter({ accessCode, applicantKey, language: 'zh' })).bytes, 'zh')).to.include('Your access code for a priority document');
  });

  it('is made only with the current code and key, also for the applicant after a new code', async () => {
    const wrongCode = accessCode.slice(0, -1) + (accessCode.endsWith('0') ? '1' : '0');
    for (const body of [{ accessCode: wrongCode, applicantKey }, { accessCode, applicantKey: `ipexak_${'B'.repeat(43)}` }]) {
      const refused = await letter(body);
      expect(refused.status).to.equal(400);
      expect(JSON.parse(refused.bytes.toString()).code).to.equal('LETTER_SECRETS_MISMATCH');
    }
    const fresh = await fetch(`${n.api}/documents/${documentId}/access-code`, { method: 'POST', headers: { authorization: `Bearer ${applicantKey}` } }).then((r) => r.json()) as { accessCode: string };
    expect((await letter({ accessCode, applicantKey })).status, 'the old code is dead').to.equal(400);
    const own = await letter({ accessCode: fresh.accessCode, language: 'en' }, applicantKey);
    expect(own.status).to.equal(200);
    expect(text(own.bytes, 'applicant')).to.include(fresh.accessCode.split('-').join(' ')).and.include('Your applicant key is unchanged');
  });
});
