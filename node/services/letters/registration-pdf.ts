/**
 * The registration certificate as a one-page A4 PDF (docs/registration-certificate.md): the
 * statement for people — office, document, application, dates, version, digests — and the
 * signed JWS itself, printed in full, which is what a verifier checks (the PDF is a rendering,
 * not signed on its own). Made with PDFKit and the DejaVu fonts shipped in the install, as the
 * access-code letter is (access-letter.ts). In English: the certificate's words are its field
 * names and digests, the same for every reader.
 */
import type { RegistrationCertificate } from '../../../protocol/certification/index.js';
import { pdfDocument } from './pdf-document.js';

export async function registrationPdf(c: RegistrationCertificate, jws: string, officeName: string): Promise<Buffer> {
  const { doc, done } = pdfDocument({ title: `Registration certificate ${c.documentId} v${c.version}`, author: officeName, language: 'en' }, 'DejaVuSansMono.ttf');
  const width = doc.page.width - 112;
  const write = (text: string, font: string, size: number, gap = 6): void => {
    doc.font(font).fontSize(size).text(text, { width });
    doc.moveDown(gap / size);
  };
  const field = (label: string, value: string, font = 'sans'): void => {
    write(label, 'bold', 9, 1);
    write(value, font, 10.5, 6);
  };

  write(`${officeName} (${c.office})`, 'bold', 12, 2);
  write('Registration certificate', 'bold', 18, 8);
  write(`${officeName} certifies that it registered the document below, deposited for the application below, ` +
    'and certified it with its signing key. The signed statement at the foot of this page is what counts: ' +
    'check it with `ipex verify`, any JOSE library or openssl (the digests bind it to the certified copy).', 'sans', 10, 10);
  field('Application', `${c.office} ${c.applicationNumberText}, filed ${c.filingDate}, ${c.ipRightType}`);
  field('Document', `${c.documentId}, version ${c.version} (${c.documentKind})`);
  field('Deposited', c.depositedAt);
  field('Certificate issued', c.issuedAt);
  field('SHA-256 of the certified manifest', c.manifestSha256, 'mono');
  write('Parts (name, bytes, SHA-256)', 'bold', 9, 1);
  for (const p of c.parts) write(`${p.name}  ${p.size}\n${p.sha256}`, 'mono', 8.5, 3);
  doc.moveDown(0.5);
  write(`Signed statement (compact JWS, ${c.format})`, 'bold', 9, 1);
  write(jws, 'mono', 5.5, 0);
  doc.end();
  return done;
}
