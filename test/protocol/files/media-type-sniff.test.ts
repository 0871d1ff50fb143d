// The signatures of the formats a part's declared media type is checked against (issue 15), each
// both ways: the real leading bytes pass, the bytes of another format (or none) are refused.
import { expect } from 'chai';
import { HEAD_BYTES, declaredFormat, judgeMediaType, sniffFormat } from '../../../protocol/files/media-type-sniff.js';

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

/** Real leading bytes of each format, per media type. */
const SAMPLES: Array<[string, string, Buffer]> = [
  ['application/pdf', 'PDF 1.7', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1')],
  ['application/pdf', 'PDF after junk within 1024 bytes', Buffer.concat([Buffer.alloc(600, 0x20), Buffer.from('%PDF-1.4\n')])],
  ['image/tiff', 'TIFF little-endian (II)', Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00])],
  ['image/tiff', 'TIFF big-endian (MM)', Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08])],
  ['image/tiff', 'BigTIFF', Buffer.from([0x49, 0x49, 0x2b, 0x00, 0x08, 0x00, 0x00, 0x00])],
  ['image/png', 'PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])],
  ['image/jpeg', 'JPEG (JFIF)', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])],
  ['image/jpeg', 'JPEG (Exif)', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34, 0x45, 0x78, 0x69, 0x66])],
  ['application/xml', 'XML with a declaration', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<pat:PatentPublication/>')],
  ['application/xml', 'XML with a BOM and a declaration', Buffer.concat([bom, Buffer.from('<?xml version="1.0"?><a/>')])],
  ['application/xml', 'XML with a BOM, no declaration', Buffer.concat([bom, Buffer.from('<root xmlns="urn:x"/>')])],
  ['text/xml', 'XML without a declaration, white space first', Buffer.from('\n  <!-- scanned --><root/>')],
  ['application/xml', 'XML with a DOCTYPE', Buffer.from('<!DOCTYPE us-patent-application SYSTEM "x.dtd"><us-patent-application/>')],
  ['application/xml', 'XML in UTF-16LE with a BOM', utf16le('<?xml version="1.0" encoding="UTF-16"?><a/>')],
  ['application/xml', 'XML in UTF-16BE with a BOM', utf16be('<?xml version="1.0" encoding="UTF-16"?><a/>')],
  ['application/st96+xml', 'a +xml type', Buffer.from('<?xml version="1.0"?><com:ApplicantBag/>')],
  ['application/zip', 'ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
  ['application/zip', 'empty ZIP', Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0])],
  ['application/epub+zip', 'a +zip type', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00])],
];

describe('protocol/files media-type-sniff', () => {
  for (const [mediaType, what, bytes] of SAMPLES) {
    it(`accepts ${what} declared ${mediaType}`, () => {
      expect(judgeMediaType(mediaType, bytes)).to.deep.equal({ ok: true, checked: true });
    });
  }

  // Each sample declared as every other checked format: always refused, naming what it is.
  for (const [mediaType, what, bytes] of SAMPLES) {
    const own = declaredFormat(mediaType);
    for (const other of ['application/pdf', 'image/tiff', 'image/png', 'image/jpeg', 'application/xml', 'application/zip']) {
      if (declaredFormat(other) === own) continue;
      it(`refuses ${what} declared ${other}`, () => {
        const verdict = judgeMediaType(other, bytes);
        expect(verdict.ok).to.equal(false);
        if (!verdict.ok) expect(verdict.actual).to.include(`(${own === 'xml' ? 'application/xml' : own === 'zip' ? 'application/zip' : own === 'pdf' ? 'application/pdf' : `image/${own}`})`);
      });
    }
  }

  it('refuses an empty part, and bytes of no known format, saying what they begin with', () => {
    expect(judgeMediaType('application/pdf', Buffer.alloc(0))).to.deep.equal({ ok: false, declared: 'pdf', actual: 'empty (0 bytes)' });
    const exe = judgeMediaType('application/pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]));
    expect(exe).to.deep.equal({ ok: false, declared: 'pdf', actual: 'not a format ipex recognises (the bytes begin 4d 5a 90 00 03 00 00 00)' });
    expect(judgeMediaType('application/xml', Buffer.from('hello <a/>')).ok).to.equal(false);
    expect(judgeMediaType('application/xml', Buffer.from('{"json": true}')).ok).to.equal(false);
  });

  it('does not look for a PDF header past 1024 bytes, nor past the head', () => {
    expect(sniffFormat(Buffer.concat([Buffer.alloc(1100, 0x20), Buffer.from('%PDF-1.4')]))).to.equal(undefined);
    expect(HEAD_BYTES).to.be.at.least(1028);
  });

  it('stores other media types as declared, unchecked', () => {
    for (const type of ['text/plain', 'application/json', 'application/octet-stream', 'chemical/x-mdl-sdfile']) {
      expect(judgeMediaType(type, Buffer.from('%PDF-1.7'))).to.deep.equal({ ok: true, checked: false });
    }
  });

  it('reads media-type parameters and case', () => {
    expect(declaredFormat('Application/PDF')).to.equal('pdf');
    expect(declaredFormat('text/xml; charset=utf-8')).to.equal('xml');
  });
});
