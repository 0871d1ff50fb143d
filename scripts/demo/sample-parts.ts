/**
 * Sample document parts for the demo and the integration tests, made in code: a valid minimal
 * PDF (ISO 32000-1 §7.5: header, objects, a cross-reference table with exact byte offsets and a
 * trailer), an XML part, and a large generated part streamed from a generator — deterministic
 * pseudo-random bytes, so it compresses poorly and is never held whole in memory (docs/design.md §9).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** A one-page PDF showing `lines` of text; every offset in its xref table is exact. */
export function minimalPdf(lines: readonly string[]): Buffer {
  const escape = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 18} Td (${escape(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small ST.96-flavoured XML part describing the application. */
export function sampleXml(office: string, applicationNumber: string, title: string): Buffer {
  const esc = (s: string): string => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<pat:ApplicationBibliographicData xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common">
  <com:IPOfficeCode>${esc(office)}</com:IPOfficeCode>
  <com:ApplicationNumberText>${esc(applicationNumber)}</com:ApplicationNumberText>
  <pat:InventionTitle>${esc(title)}</pat:InventionTitle>
</pat:ApplicationBibliographicData>
`, 'utf8');
}

const CHUNK = 1024 * 1024;

/**
 * `size` bytes of deterministic pseudo-random data (an AES-128-CTR keystream keyed from `seed`),
 * produced chunk by chunk as the consumer reads.
 */
export function generatedPart(size: number, seed = 'ipex-demo'): Readable {
  // AES-128-CTR over zeros, keyed from the seed: a fast, deterministic keystream.
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  const zeros = Buffer.alloc(CHUNK);
  let produced = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (produced >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, size - produced);
      produced += n;
      this.push(cipher.update(zeros.subarray(0, n)));
    },
  });
}

/** The SHA-256 (hex) of a generated part, computed by streaming it once. */
export async function generatedPartSha256(size: number, seed = 'ipex-demo'): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of generatedPart(size, seed)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
