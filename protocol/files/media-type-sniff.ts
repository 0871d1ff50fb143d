/**
 * What the leading bytes of a part say it is (issue 15, "Parts: the media type is checked against
 * the bytes"). A part declared `application/pdf` whose bytes are not a PDF would be certified,
 * signed and sent to other offices as a PDF that no reader opens; the deposit refuses it instead.
 *
 * Only formats with a reliable signature are judged: PDF, TIFF (both byte orders, and BigTIFF),
 * PNG, JPEG, XML and ZIP. Any other declared media type is stored as declared: there is no
 * signature to check it against (plain text, JSON, ST.26 in a container the node does not know…).
 * The judgement needs only the first bytes (HEAD_BYTES), so it runs on the bytes as they stream,
 * never on a second read of the part.
 */

/** The media type of a part named `*.ext`, as `ipex deposit --part` and `ipex import` guess it. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf', xml: 'application/xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  tif: 'image/tiff', tiff: 'image/tiff', txt: 'text/plain', json: 'application/json', zip: 'application/zip',
};

/** The media type a file name's extension stands for; application/octet-stream when unknown. */
export function mediaTypeOfName(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined) ?? 'application/octet-stream';
}

/** The formats whose signatures are checked. */
export type SniffedFormat = 'pdf' | 'tiff' | 'png' | 'jpeg' | 'xml' | 'zip';

/** How many leading bytes the judgement looks at: enough for a PDF header after junk, or an XML prolog. */
export const HEAD_BYTES = 4096;

const LABELS: Readonly<Record<SniffedFormat, string>> = {
  pdf: 'a PDF document (application/pdf)',
  tiff: 'a TIFF image (image/tiff)',
  png: 'a PNG image (image/png)',
  jpeg: 'a JPEG image (image/jpeg)',
  xml: 'an XML document (application/xml)',
  zip: 'a ZIP archive (application/zip)',
};

/**
 * The format a declared media type promises, or undefined when ipex has no signature for it.
 * `text/xml`, `application/xml` and every `+xml` type are XML; `application/zip` and every `+zip`
 * type are ZIP (EPUB, for example).
 */
export function declaredFormat(mediaType: string): SniffedFormat | undefined {
  const type = mediaType.toLowerCase().split(';')[0]!.trim();
  switch (type) {
    case 'application/pdf': return 'pdf';
    case 'image/tiff': return 'tiff';
    case 'image/png': return 'png';
    case 'image/jpeg': return 'jpeg';
    case 'application/xml': case 'text/xml': return 'xml';
    case 'application/zip': case 'application/x-zip-compressed': return 'zip';
  }
  if (type.endsWith('+xml')) return 'xml';
  if (type.endsWith('+zip')) return 'zip';
  return undefined;
}

/** The format the leading bytes `head` are (at most HEAD_BYTES are looked at), or undefined. */
export function sniffFormat(head: Uint8Array): SniffedFormat | undefined {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, HEAD_BYTES));
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  // II*\0 little-endian, MM\0* big-endian; 43 (+) instead of 42 (*) is BigTIFF.
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  // Local file header, or the end record of an empty archive, or a spanned archive's marker.
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) || startsWith(b, [0x50, 0x4b, 0x07, 0x08])) return 'zip';
  // ISO 32000 §7.5.2 puts %PDF-n.m first; readers accept it within the first 1024 bytes.
  if (b.subarray(0, 1024 + 4).indexOf('%PDF', 0, 'latin1') >= 0) return 'pdf';
  if (looksLikeXml(b)) return 'xml';
  return undefined;
}

export type MediaTypeVerdict =
  | { readonly ok: true; readonly checked: boolean }
  | { readonly ok: false; readonly declared: SniffedFormat; readonly actual: string };

/**
 * Judges `head` (the part's first bytes, all of them when the part is shorter than HEAD_BYTES)
 * against `mediaType`. `checked` is false for media types ipex has no signature for. On a
 * mismatch `actual` says what the bytes look like, for the error a person reads.
 */
export function judgeMediaType(mediaType: string, head: Uint8Array): MediaTypeVerdict {
  const declared = declaredFormat(mediaType);
  if (declared === undefined) return { ok: true, checked: false };
  const found = sniffFormat(head);
  if (found === declared) return { ok: true, checked: true };
  return { ok: false, declared, actual: describeBytes(head, found) };
}

/** "a PNG image (image/png)", "empty (0 bytes)", "unrecognised bytes beginning 4d 5a 90 00". */
function describeBytes(head: Uint8Array, found: SniffedFormat | undefined): string {
  if (found !== undefined) return LABELS[found];
  if (head.length === 0) return 'empty (0 bytes)';
  const hex = Buffer.from(head.subarray(0, 8)).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return `not a format ipex recognises (the bytes begin ${hex})`;
}

/** A readable name of a checked format, for messages. */
export function formatLabel(format: SniffedFormat): string {
  return LABELS[format];
}

function startsWith(b: Buffer, signature: readonly number[]): boolean {
  return b.length >= signature.length && signature.every((byte, i) => b[i] === byte);
}

/**
 * XML 1.0 §2.8 and Appendix F: an optional byte-order mark, then `<?xml`, a comment, a DOCTYPE
 * or the root element. White space before the first `<` is tolerated (a declaration-less file
 * written by hand often has it). UTF-16 is recognised by its BOM or by the 00 3C / 3C 00 pairs.
 */
function looksLikeXml(b: Buffer): boolean {
  let text: string;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) text = b.subarray(3).toString('utf8');
  else if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0x3c, 0x00, 0x3f, 0x00])) text = b.subarray(startsWith(b, [0xff, 0xfe]) ? 2 : 0).toString('utf16le');
  else if (startsWith(b, [0xfe, 0xff]) || startsWith(b, [0x00, 0x3c, 0x00, 0x3f])) text = swap16(b.subarray(startsWith(b, [0xfe, 0xff]) ? 2 : 0)).toString('utf16le');
  else text = b.toString('latin1'); // the markup that matters here is ASCII in every ASCII-compatible encoding
  return /^[ \t\r\n]*<(\?xml[ \t\r\n?]|!--|!DOCTYPE[ \t\r\n]|[A-Za-z_:\u00C0-\uFFFF])/.test(text);
}

function swap16(b: Buffer): Buffer {
  const even = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  return even.swap16();
}
