/**
 * An A4 PDFKit document with the DejaVu fonts shipped in the install (no font from another host),
 * collected into a Buffer, or streamed to a sink page by page (the letters of an import): what the
 * access-code letter and the registration certificate share (access-letter.ts, registration-pdf.ts).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

export const FONTS = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * A document with the fonts `sans`, `bold` and `mono` registered, and the promise of its bytes
 * (after `doc.end()`); with a `sink`, the bytes go to it as they are made and the promise holds none.
 */
export function pdfDocument(
  info: { title: string; author: string; language: string },
  mono: 'DejaVuSansMono.ttf' | 'DejaVuSansMono-Bold.ttf',
  sink?: { write(chunk: Buffer): unknown },
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: info.title, Author: info.author, Creator: 'ipex' }, lang: info.language });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => (sink === undefined ? chunks.push(chunk) : sink.write(chunk)));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('sans', join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(FONTS, 'DejaVuSans-Bold.ttf'));
  doc.registerFont('mono', join(FONTS, mono));
  return { doc, done };
}
