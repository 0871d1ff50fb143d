// Part names (issue 10, item 12): a file such as "براءة.pdf" or "Demande n°123 (copie).pdf" was
// refused; it is kept as the part's originalName and a safe name is derived from it.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { namePart, safePartName, validatePartName } from '../../../protocol/certification/part-names.js';
import { parseManifest } from '../../../protocol/certification/manifest.js';
import { expectCode } from '../../helpers/error-code.js';
import { sampleManifest } from './helpers.js';

const tag = (original: string): string => createHash('sha256').update(original, 'utf8').digest('hex').slice(0, 8);
const PART = { name: 'claims.pdf', mediaType: 'application/pdf', size: 3, sha256: 'a'.repeat(64) };

describe('certification/part-names', () => {
  it('keeps a safe name as it is, without an original name', () => {
    expect(namePart('claims.pdf')).to.deep.equal({ name: 'claims.pdf' });
    expect(namePart('_x-1.tar.gz')).to.deep.equal({ name: '_x-1.tar.gz' });
  });

  it('derives a safe name from a Unicode file name and keeps the original in NFC', () => {
    expect(namePart('براءة.pdf')).to.deep.equal({ name: `part-${tag('براءة.pdf')}.pdf`, originalName: 'براءة.pdf' });
    expect(namePart('Demande n°123 (copie).pdf')).to.deep.equal({
      name: `Demande_n_123_copie-${tag('Demande n°123 (copie).pdf')}.pdf`, originalName: 'Demande n°123 (copie).pdf',
    });
    // NFD input is kept in NFC, and named from the NFC text
    expect(namePart('Re\u0301sume\u0301.pdf')).to.deep.equal({ name: `Resume-${tag('Résumé.pdf')}.pdf`, originalName: 'Résumé.pdf' });
    // the examples of docs/certified-copy.md "Part names"
    expect(namePart('Demande n°123 (copie).pdf').name).to.equal('Demande_n_123_copie-37eb6775.pdf');
    expect(namePart('براءة.pdf').name).to.equal('part-6c23465d.pdf');
    expect(namePart('特許出願')).to.deep.equal({ name: `part-${tag('特許出願')}`, originalName: '特許出願' });
    expect(namePart('.hidden')).to.deep.equal({ name: `hidden-${tag('.hidden')}`, originalName: '.hidden' });
  });

  it('derives the same name every time, and different names for names that fold alike', () => {
    const names = ['Résumé.pdf', 'Resume .pdf', 'résumé.pdf', 'Résumé.PDF', 'Ré sumé.pdf', 'x'.repeat(250) + 'é.pdf'];
    const derived = names.map((n) => namePart(n).name);
    expect(names.map((n) => namePart(n).name)).to.deep.equal(derived);
    expect(new Set(derived.map((d) => d.toLowerCase())).size).to.equal(names.length);
    for (const d of derived) expect(() => validatePartName(d), d).not.to.throw();
  });

  it('always derives a valid safe name (a sample of hostile and odd names)', () => {
    for (const n of ['..pdf', '-.pdf', '___', 'a'.repeat(255), 'x.tar.gz', 'x.verylongextensionnamefoo', 'ﬁle.pdf', '😀.png', 'a:b.pdf']) {
      const naming = namePart(n);
      expect(() => validatePartName(naming.name), n).not.to.throw();
      expect(naming.name === n || naming.originalName === n.normalize('NFC'), n).to.equal(true);
    }
    expect(safePartName('ﬁle.pdf')).to.equal(`file-${tag('ﬁle.pdf')}.pdf`);
  });

  it('refuses control and bidi override characters, paths and over-long names, saying how to name the part', () => {
    for (const bad of ['fdp\u202Eexe.pdf', 'a\u2066b.pdf', 'a\nb.pdf', 'a\u0000.pdf', 'a/b.pdf', 'a\\b.pdf', '..', '.', ' x.pdf', 'x.pdf ', '\u00a0x', '', 'é'.repeat(256), 'x\ud800.pdf']) {
      expectCode(() => namePart(bad), 'PART_NAME_INVALID');
    }
    try {
      namePart('fdp\u202Eexe.pdf');
    } catch (err) {
      expect((err as Error).message).to.include('U+202E').and.to.include('name the part without');
    }
  });

  it('reads originalName in a manifest, and manifests without it as before', () => {
    const named = { ...PART, name: `part-${tag('براءة.pdf')}.pdf`, originalName: 'براءة.pdf' };
    expect(() => parseManifest(sampleManifest([PART, named]))).not.to.throw();
    expect(() => parseManifest(sampleManifest([PART]))).not.to.throw();
    for (const originalName of ['a\u202Eb', '', 'a/b', 'Re\u0301sume\u0301', 7]) {
      expectCode(() => parseManifest(sampleManifest([{ ...named, originalName } as typeof named])), 'PART_NAME_INVALID');
    }
  });
});
