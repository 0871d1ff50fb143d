/**
 * The access-code letter (docs/portal.md "Access-code letter"): the paper a DAS office sends an
 * applicant, as a one-page A4 PDF — the office, the document and its application, the access code
 * in a legible monospaced font in groups of four for reading aloud, the applicant key, how to use
 * them, and a QR code of the document's reference (never of a secret). Made with PDFKit and the
 * DejaVu fonts shipped in the install (no font from another host); the QR code by `qrcode`, drawn
 * as vector squares. Right-to-left text (Arabic) is shaped and ordered by the font engine line by
 * line; text in a script DejaVu lacks (Chinese, Japanese, Korean, Indic…) is replaced by a note,
 * never printed as empty boxes.
 */
import QRCode from 'qrcode';
import { letterLanguage, letterText, type LetterKey } from './letter-texts.js';
import { pdfDocument } from './pdf-document.js';

export interface LetterContent {
  readonly language: string;
  readonly officeName: string;
  readonly officeCode: string;
  readonly applicationNumberText: string;
  /** Already in the reader's language (Intl), e.g. "1 May 2023". */
  readonly filingDate: string;
  readonly ipRight: string;
  readonly inventionTitle?: string;
  readonly applicants: readonly string[];
  readonly documentId: string;
  readonly version: number;
  /** The printed form, e.g. 7K3M-9QXH-2BDR-5T. */
  readonly accessCode: string;
  /** Undefined when the letter follows a new code for an applicant who keeps their key. */
  readonly applicantKey?: string;
  readonly portalUrl?: string;
  /** What the QR code holds: the document's reference. */
  readonly reference: string;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** Scripts the DejaVu fonts have no glyphs for. */
const UNPRINTABLE = /[\u0900-\u0DFF\u0E00-\u109F\u1100-\u11FF\u1200-\u139F\u1780-\u18AF\u2E80-\u9FFF\uA000-\uA4CF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]/u;

/** The document reference the QR code holds (no secret): office, application, filing date, right, document. */
export function documentReference(o: { officeCode: string; applicationNumberText: string; filingDate: string; ipRightType: string; documentId: string }): string {
  const q = new URLSearchParams({ office: o.officeCode, application: o.applicationNumberText, filingDate: o.filingDate, ipRightType: o.ipRightType, document: o.documentId });
  return `ipex:document?${q.toString()}`;
}

export async function accessLetterPdf(c: LetterContent): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await writeAccessLetters([c], { write: (chunk) => { chunks.push(chunk); } });
  return Buffer.concat(chunks);
}

/**
 * Several letters in one PDF, one page each (issue 15: the letters of an `ipex import`), streamed
 * to `sink` page by page, so thousands of letters are never held whole in memory.
 */
export async function writeAccessLetters(letters: Iterable<LetterContent>, sink: { write(chunk: Buffer): unknown }): Promise<void> {
  let doc: PDFKit.PDFDocument | undefined;
  let done: Promise<Buffer> | undefined;
  for (const c of letters) {
    if (doc === undefined) {
      const language = letterLanguage(c.language);
      ({ doc, done } = pdfDocument({ title: letterText(language, 'title'), author: c.officeName, language }, 'DejaVuSansMono-Bold.ttf', sink));
    } else {
      doc.addPage();
    }
    drawLetter(doc, c);
  }
  if (doc === undefined) return;
  doc.end();
  await done;
}

/** One letter on the current page of `doc`. */
function drawLetter(doc: PDFKit.PDFDocument, c: LetterContent): void {
  const language = letterLanguage(c.language);
  const rtl = language === 'ar';
  const t = (key: LetterKey, values?: Record<string, string | number>): string => letterText(language, key, values);
  const width = doc.page.width - 112;

  /** One paragraph: shaped right to left when it is Arabic, aligned to the reading side. */
  const write = (text: string, font: string, size: number, gap = 6): void => {
    const printable = UNPRINTABLE.test(text) ? t('unprintable') : text;
    // Only text in a right-to-left script is shaped right to left: codes, numbers and URLs are
    // written on lines of their own, since the font engine orders one direction per line.
    doc.font(font).fontSize(size).text(printable, { width, align: rtl ? 'right' : 'left', ...(RTL.test(printable) ? { features: ['rtla', 'rtlm'] } : {}) });
    doc.moveDown(gap / size);
  };
  const field = (label: string, value: string): void => {
    write(label, 'bold', 9, 1);
    write(value, 'sans', 11, 8);
  };

  write(c.officeName, 'bold', 12, 2);
  write(t('title'), 'bold', 18, 10);
  write(t('intro', { office: c.officeName }), 'sans', 11, 12);
  field(t('application'), `${c.officeCode} ${c.applicationNumberText}`);
  field(t('filed'), c.filingDate);
  field(t('right'), c.ipRight);
  if (c.inventionTitle !== undefined) field(t('titleLabel'), c.inventionTitle);
  if (c.applicants.length > 0) field(t('applicants'), c.applicants.map((a) => (UNPRINTABLE.test(a) ? t('unprintable') : a)).join('\n'));
  field(t('document'), c.documentId);
  field(t('version'), String(c.version));

  // The secrets, in a framed box: the code large, in groups of four, in a monospaced font.
  const boxTop = doc.y + 4;
  doc.y = boxTop + 12;
  write(t('code'), 'bold', 10, 2);
  doc.font('mono').fontSize(26).text(c.accessCode.split('-').join('  '), { width, align: 'center', characterSpacing: 2 });
  doc.moveDown(0.3);
  write(t('codeHint'), 'sans', 9, 10);
  write(t('key'), 'bold', 10, 2);
  if (c.applicantKey === undefined) write(t('keyUnchanged'), 'sans', 10, 4);
  else {
    doc.font('mono').fontSize(11).text(c.applicantKey, { width, align: 'center' });
    doc.moveDown(0.3);
    write(t('keyHint'), 'sans', 9, 4);
  }
  doc.rect(50, boxTop, doc.page.width - 100, doc.y - boxTop + 6).lineWidth(1.5).stroke('#0b0c0c');
  doc.y += 18;

  write(t('howTitle'), 'bold', 12, 4);
  for (const [i, key] of (['how1', 'how2', 'how3'] as const).entries()) write(`${i + 1}. ${t(key, { office: c.officeName })}`, 'sans', 10, 4);
  if (c.portalUrl !== undefined) field(t('portal'), c.portalUrl);

  // The QR code of the reference, at the foot of the page on the reading side's end.
  const qr = QRCode.create(c.reference, { errorCorrectionLevel: 'M' });
  const cell = 2.2;
  const size = qr.modules.size * cell;
  const x = rtl ? 56 : doc.page.width - 56 - size;
  const y = doc.page.height - 56 - size - 14;
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.font('sans').fontSize(7).text(t('qr'), x - 20, y + size + 3, { width: size + 40, align: 'center', ...(rtl ? { features: ['rtla', 'rtlm'] } : {}) });
  doc.font('sans').fontSize(9).text(t('keep'), rtl ? 56 + size + 24 : 56, y, { width: doc.page.width - 112 - size - 24, align: rtl ? 'right' : 'left', ...(rtl ? { features: ['rtla', 'rtlm'] } : {}) });
}
