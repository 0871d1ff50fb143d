/**
 * `npm run sample-archive -- --out DIR --documents N [--bad K] [--office CC] [--part-size BYTES] [--st96]`
 * (issue 15, docs/importing.md "A walk-through"): writes an archive folder `ipex import` reads —
 * index.csv and the parts — with numbers in the office's real format, small valid PDFs and TIFFs,
 * priority claims of other offices, and, with --bad, K rows of each kind the validation report
 * names (bad number, bad date, missing part, a part that is not what its extension says, a
 * duplicate row, a malformed row). `planted.json` lists the planted rows by line and reason.
 * With --st96, document folders of ST.96 XML and parts instead (lib/sample-st96-archive.ts).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectedCheckDigit } from '../protocol/st13/index.js';
import { minimalPdf } from './demo/sample-parts.js';
import { writeSt96Folders } from './lib/sample-st96-archive.js';

const HEADER = 'kind,applicationNumber,filingDate,ipRight,title,applicants,priorityClaims,parts,availableFrom';
export const BAD_KINDS = ['bad-number', 'bad-date', 'missing-part', 'wrong-bytes', 'duplicate', 'malformed'] as const;

/** A number of `office` in its printed form, the i-th of year `year`. */
export function sampleNumber(office: string, year: number, i: number): string {
  const serial = (digits: number): string => String(i % 10 ** digits).padStart(digits, '0');
  switch (office) {
    case 'EP': { const n = `${String(year % 100).padStart(2, '0')}${serial(6)}`; return `EP ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}.${expectedCheckDigit('EP', n)}`; }
    case 'US': { const s = serial(6); return `US 18/${s.slice(0, 3)},${s.slice(3)}`; }
    case 'JP': return `${year}-${serial(6)}`;
    case 'CN': { const n = `${year}1${serial(7)}`; return `CN ${n}.${expectedCheckDigit('CN', n)}`; }
    case 'KR': return `10-${year}-${serial(7)}`;
    default: return `${office} ${year} ${serial(6)}`;
  }
}

/** A minimal valid TIFF: one 1×1 white pixel, little-endian (TIFF 6.0 baseline bilevel). */
export function minimalTiff(): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 3, 1, 1], [257, 3, 1, 1], [258, 3, 1, 1], [259, 3, 1, 1], [262, 3, 1, 0], [273, 4, 1, 8 + 2 + 11 * 12 + 4],
    [277, 3, 1, 1], [278, 3, 1, 1], [279, 4, 1, 1], [282, 5, 1, 0], [283, 5, 1, 0],
  ];
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], k) => {
    const o = 2 + k * 12;
    ifd.writeUInt16LE(tag, o); ifd.writeUInt16LE(type, o + 2); ifd.writeUInt32LE(count, o + 4);
    if (type === 3) ifd.writeUInt16LE(value, o + 8); else ifd.writeUInt32LE(value, o + 8);
  });
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  return Buffer.concat([header, ifd, Buffer.from([0x00])]);
}

export interface SampleOptions { out: string; documents: number; bad: number; office: string; partSize: number }

/** The i-th document's PDF, padded after %%EOF (readers ignore what follows it) to `partSize`, unique per document. */
function samplePdf(o: SampleOptions, i: number): Buffer {
  const pdf = minimalPdf([`Application ${sampleNumber(o.office, 2015 + (i % 9), i)}`, `Sample document ${i}`]);
  return pdf.length < o.partSize ? Buffer.concat([pdf, Buffer.from(`%${String(i).padStart(10, '0')}`), Buffer.alloc(o.partSize - pdf.length - 11, 0x20)]) : pdf;
}

/** The --st96 form: `documents/<nnnnnn>/` folders; returns the planted ones (folder, kind). */
export function writeSampleSt96Archive(o: SampleOptions): { folder: string; kind: string }[] {
  if (existsSync(o.out)) throw new Error(`${o.out} already exists: give a new folder`);
  const planted = writeSt96Folders(o.out, o.documents, o.bad, { number: sampleNumber, pdf: (i) => samplePdf(o, i), tiff: minimalTiff(), office: o.office });
  writeFileSync(join(o.out, 'planted.json'), `${JSON.stringify(planted, null, 2)}\n`);
  return planted;
}

/** Writes the archive; returns the planted bad rows (line, kind). */
export function writeSampleArchive(o: SampleOptions): { line: number; kind: string }[] {
  if (existsSync(o.out)) throw new Error(`${o.out} already exists: give a new folder`);
  mkdirSync(join(o.out, 'parts'), { recursive: true });
  const lines = [HEADER];
  const planted: { line: number; kind: string }[] = [];
  const others = ['US', 'JP', 'CN', 'KR', 'EP'].filter((c) => c !== o.office);
  const tiff = minimalTiff();
  const row = (i: number, overrides: Partial<Record<string, string>> = {}): string => {
    const year = 2015 + (i % 9);
    const filing = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
    const claimOffice = others[i % others.length]!;
    const claim = i % 3 === 0 ? '' : `${claimOffice} ${sampleNumber(claimOffice, year - 1, i)} ${year - 1}-${String(1 + (i % 12)).padStart(2, '0')}-01`;
    const pdf = `parts/${i}/application.pdf`;
    const parts = i % 4 === 0 ? `${pdf};parts/${i}/drawings.tif` : pdf;
    const fields: Record<string, string> = {
      kind: i % 10 === 9 ? 'searchReport' : 'priorityDocument', applicationNumber: sampleNumber(o.office, year, i), filingDate: filing,
      ipRight: 'patent', title: `Sample invention ${i}, "improved"`, applicants: `Applicant ${i % 50} Ltd; Inventor ${i % 7}`,
      priorityClaims: claim, parts, availableFrom: '', ...overrides,
    };
    return [fields.kind, fields.applicationNumber, fields.filingDate, fields.ipRight, fields.title, fields.applicants, fields.priorityClaims, fields.parts, fields.availableFrom]
      .map((v) => (/[",\n;]/.test(v!) ? `"${v!.replace(/"/g, '""')}"` : v!)).join(',');
  };
  const writeParts = (i: number, wrongBytes = false): void => {
    mkdirSync(join(o.out, 'parts', String(i)), { recursive: true });
    const pdf = samplePdf(o, i);
    writeFileSync(join(o.out, 'parts', String(i), 'application.pdf'), wrongBytes ? Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pdf]) : pdf);
    if (i % 4 === 0) writeFileSync(join(o.out, 'parts', String(i), 'drawings.tif'), tiff);
  };
  let next = 0;
  const good = (): void => {
    writeParts(next);
    lines.push(row(next++));
  };
  const badEvery = o.bad > 0 ? Math.max(1, Math.floor(o.documents / (o.bad * BAD_KINDS.length))) : Infinity;
  let planting = 0;
  for (let d = 0; d < o.documents; d++) {
    good();
    if (planting < o.bad * BAD_KINDS.length && (d + 1) % badEvery === 0) {
      const kind = BAD_KINDS[planting % BAD_KINDS.length]!;
      const i = next++;
      writeParts(i, kind === 'wrong-bytes');
      const text = kind === 'bad-number' ? row(i, { applicationNumber: o.office === 'EP' ? 'EP 23 123 45' : '12' })
        : kind === 'bad-date' ? row(i, { filingDate: '2023-02-30' })
          : kind === 'missing-part' ? row(i, { parts: `parts/${i}/nowhere.pdf` })
            : kind === 'wrong-bytes' ? row(i, { parts: `parts/${i}/application.pdf` })
              : kind === 'duplicate' ? lines[lines.length - 1]!
                : 'priorityDocument,too,few,fields';
      lines.push(text);
      planted.push({ line: lines.length, kind });
      planting++;
    }
  }
  writeFileSync(join(o.out, 'index.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(o.out, 'planted.json'), `${JSON.stringify(planted, null, 2)}\n`);
  return planted;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) {
    process.stderr.write(`usage: npm run sample-archive -- --out DIR --documents N [--bad K] [--office CC] [--part-size BYTES] [--st96]\n`);
    process.exit(2);
  }
  return value;
}

if (process.argv[1]?.endsWith('sample-archive.ts')) {
  const options = { out: arg('--out'), documents: Number(arg('--documents')), bad: Number(arg('--bad', '0')), office: arg('--office', 'EP').toUpperCase(), partSize: Number(arg('--part-size', '0')) };
  const planted = process.argv.includes('--st96') ? writeSampleSt96Archive(options) : writeSampleArchive(options);
  process.stdout.write(`wrote ${options.documents} documents${planted.length > 0 ? ` and ${planted.length} bad rows (planted.json)` : ''} to ${options.out}${process.argv.includes('--st96') ? ' as ST.96 document folders' : ''}\n`);
}
