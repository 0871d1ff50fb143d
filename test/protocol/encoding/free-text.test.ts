// Free text that is signed and printed (issue 10, item 12): NFC, and no character that changes
// how the text around it looks without being seen.
import { expect } from 'chai';
import { freeTextProblem, normaliseFreeText, printableText, refusedCharacterKind } from '../../../protocol/encoding/free-text.js';

describe('protocol/encoding free text', () => {
  it('refuses C0 and C1 controls, bidi embeddings, overrides and isolates, separators, BOM and noncharacters', () => {
    const refused = [0x00, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
      0x2028, 0x2029, 0xfeff, 0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff, 0xd800, 0xdfff];
    for (const cp of refused) expect(refusedCharacterKind(cp), cp.toString(16)).to.be.a('string');
  });

  it('allows letters of every script, spaces, the implicit direction marks and the joiners', () => {
    const allowed = [0x20, 0x41, 0x7e, 0xa0, 0xe9, 0x0628, 0x061c, 0x200c, 0x200d, 0x200e, 0x200f, 0x2029 - 2, 0x2065, 0x206a, 0x3042, 0xfdcf, 0xfdf0, 0x1f600];
    for (const cp of allowed) expect(refusedCharacterKind(cp), cp.toString(16)).to.equal(undefined);
  });

  it('names the first refused character by code point and position, never printing it', () => {
    expect(freeTextProblem('ab\u202Ecd')).to.equal('holds U+202E (RIGHT-TO-LEFT OVERRIDE, a bidirectional control) at character 3');
    expect(freeTextProblem('😀\n')).to.equal('holds U+000A (a control character) at character 2');
    expect(freeTextProblem('Procédé')).to.equal(undefined);
  });

  it('normalises accepted text to NFC', () => {
    expect(normaliseFreeText('Proce\u0301de\u0301')).to.deep.equal({ text: 'Procédé' });
    expect(normaliseFreeText('x\u2066')).to.have.property('problem');
  });

  it('prints refused characters as escapes', () => {
    expect(printableText('Widget\u202Efdp.exe\n')).to.equal('Widget\\u{202E}fdp.exe\\u{A}');
    expect(printableText('براءة \u200f123')).to.equal('براءة \u200f123');
  });
});
