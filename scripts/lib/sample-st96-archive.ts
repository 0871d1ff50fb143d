/**
 * The `--st96` form of `npm run sample-archive` (issue 15, docs/importing.md "Document folders"):
 * an archive of document folders instead of index.csv — `documents/<nnnnnn>/bibliographic.xml`
 * (WIPO ST.96, as the node itself writes it) beside `application.pdf` (and `drawings.tif` for every
 * fourth), with `deposit.json` naming the kind of every tenth, a search report. With --bad, K
 * folders of each kind the validation report names: XML that breaks the ST.96 subset, a number of
 * the wrong shape, an impossible date, no part, a "PDF" whose bytes are a PNG, a deposit.json that
 * is not JSON. `planted.json` lists them by folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bibliographicXml } from '../../protocol/st96/bibliographic-xml.js';

export const ST96_BAD_KINDS = ['bad-xml', 'bad-number', 'bad-date', 'no-part', 'wrong-bytes', 'bad-json'] as const;

export interface St96SampleParts {
  /** The printed number of `office`'s i-th application of `year`. */
  number(office: string, year: number, i: number): string;
  /** The i-th document's PDF (padded to the size asked for). */
  pdf(i: number): Buffer;
  readonly tiff: Buffer;
  readonly office: string;
}

/** Writes `documents/` under `out` with `documents` good folders and `bad` of each bad kind; returns the planted ones. */
export function writeSt96Folders(out: string, documents: number, bad: number, s: St96SampleParts): { folder: string; kind: string }[] {
  const planted: { folder: string; kind: string }[] = [];
  const others = ['US', 'JP', 'CN', 'KR', 'EP'].filter((c) => c !== s.office);
  const folder = (i: number, kind?: (typeof ST96_BAD_KINDS)[number]): void => {
    const name = `documents/${String(i).padStart(6, '0')}`;
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    const year = 2015 + (i % 9);
    const filingDate = kind === 'bad-date' ? '2023-02-30' : `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
    const claimOffice = others[i % others.length]!;
    let xml = bibliographicXml({
      ipOfficeCode: s.office, applicationNumberText: kind === 'bad-number' ? (s.office === 'EP' ? 'EP 23 123 45' : '12') : s.number(s.office, year, i), filingDate,
      inventionTitle: `Sample invention ${i} & co`, applicantName: [{ organizationName: `Applicant ${i % 50} Ltd` }, { lastName: `Inventor ${i % 7}`, firstName: 'A.' }],
      ...(i % 3 === 0 ? {} : { priorityClaimBag: { priorityClaim: [{ ipOfficeCode: claimOffice, applicationNumberText: s.number(claimOffice, year - 1, i), filingDate: `${year - 1}-${String(1 + (i % 12)).padStart(2, '0')}-01` }] } }),
    });
    if (kind === 'bad-xml') xml = xml.replace('<pat:InventionTitleBag>', '<pat:Abstract>not in the subset</pat:Abstract>\n  <pat:InventionTitleBag>');
    writeFileSync(join(dir, 'bibliographic.xml'), xml);
    if (i % 10 === 9) writeFileSync(join(dir, 'deposit.json'), `${JSON.stringify({ documentKind: 'searchReport' })}\n`);
    if (kind === 'bad-json') writeFileSync(join(dir, 'deposit.json'), '{"documentKind": "searchReport"');
    if (kind !== 'no-part') {
      const pdf = s.pdf(i);
      writeFileSync(join(dir, 'application.pdf'), kind === 'wrong-bytes' ? Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pdf]) : pdf);
      if (i % 4 === 0) writeFileSync(join(dir, 'drawings.tif'), s.tiff);
    }
    if (kind !== undefined) planted.push({ folder: name, kind });
  };
  let next = 0;
  const badEvery = bad > 0 ? Math.max(1, Math.floor(documents / (bad * ST96_BAD_KINDS.length))) : Infinity;
  let planting = 0;
  for (let d = 0; d < documents; d++) {
    folder(next++);
    if (planting < bad * ST96_BAD_KINDS.length && (d + 1) % badEvery === 0) folder(next++, ST96_BAD_KINDS[planting++ % ST96_BAD_KINDS.length]);
  }
  return planted;
}
