import { expect } from 'chai';
import { generatedPart, generatedPartSha256, minimalPdf } from '../../../scripts/demo/sample-parts.js';

describe('scripts/demo/sample-parts', () => {
  it('makes a PDF whose cross-reference offsets point at its objects', () => {
    const pdf = minimalPdf(['Hello (world) \\ ü']).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).to.equal(true);
    expect(pdf.endsWith('%%EOF\n')).to.equal(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).to.equal('xref');
    const offsets = [...pdf.matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]));
    expect(offsets).to.have.length(5);
    offsets.forEach((off, i) => expect(pdf.slice(off, off + `${i + 1} 0 obj`.length)).to.equal(`${i + 1} 0 obj`));
    const length = Number(/<< \/Length (\d+) >>\nstream\n/.exec(pdf)![1]);
    const start = pdf.indexOf('stream\n') + 'stream\n'.length;
    expect(pdf.slice(start + length, start + length + '\nendstream'.length)).to.equal('\nendstream');
  });

  it('generates exactly the asked size, the same bytes for the same seed, other bytes for another', async () => {
    let size = 0;
    for await (const chunk of generatedPart(3 * 2 ** 20 + 5)) size += (chunk as Buffer).length;
    expect(size).to.equal(3 * 2 ** 20 + 5);
    const a = await generatedPartSha256(100_000, 's');
    expect(await generatedPartSha256(100_000, 's')).to.equal(a);
    expect(await generatedPartSha256(100_000, 't')).to.not.equal(a);
  });
});
