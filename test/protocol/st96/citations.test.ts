/**
 * Issue 12, "Citations": the shape both ends hold citations to (protocol/st96/citations.ts) and
 * their WIPO ST.96 XML (citation-xml.ts). The XML is checked with libxml2 (`xmllint`, Debian's
 * libxml2-utils): well-formed, and valid against test/protocol/st96/st96-subset/, a schema of the
 * ST.96 Patent and Common elements ipex writes, made from their ST.96 names and nesting — WIPO's
 * own XSD could not be obtained here, so the test holds ipex to that subset, not to WIPO's files.
 */
import { expect } from 'chai';
import { CITATION_CATEGORIES, referenceCitationBagProblem } from '../../../protocol/st96/citations.js';
import { citationsXml } from '../../../protocol/st96/citation-xml.js';
import { SAMPLE } from './sample-citations.js';
import { ST96_SUBSET as SCHEMA, xmllint } from './xmllint.js';

describe('ST.96 citations (issue 12)', () => {
  it('knows exactly the ST.14 categories X Y A O P T E D L &', () => {
    expect(Object.keys(CITATION_CATEGORIES)).to.deep.equal(['X', 'Y', 'A', 'O', 'P', 'T', 'E', 'D', 'L', '&']);
  });

  it('accepts a well-formed bag and names where another breaks the shape', () => {
    expect(referenceCitationBagProblem(SAMPLE)).to.equal(undefined);
    const patent = SAMPLE.referenceCitation[0]!;
    const bad: [unknown, string, RegExp][] = [
      [{ referenceCitation: [] }, '.referenceCitation', /1-200 citations/],
      [{ referenceCitation: [{ citedPassage: patent.citedPassage }] }, '.referenceCitation[0]', /exactly one of patentCitation and nplCitation/],
      [{ referenceCitation: [{ ...patent, nplCitation: SAMPLE.referenceCitation[1]!.nplCitation }] }, '.referenceCitation[0]', /exactly one/],
      [{ referenceCitation: [{ ...patent, patentCitation: { ...patent.patentCitation, ipOfficeCode: 'ZZ' } }] }, '.referenceCitation[0].patentCitation.ipOfficeCode', /ST\.3/],
      [{ referenceCitation: [{ ...patent, patentCitation: { ...patent.patentCitation, patentDocumentKindCode: 'AB' } }] }, '.referenceCitation[0].patentCitation.patentDocumentKindCode', /ST\.16/],
      [{ referenceCitation: [{ ...patent, patentCitation: { ...patent.patentCitation, documentNumber: '5 401 234' } }] }, '.referenceCitation[0].patentCitation.documentNumber', /letters and digits/],
      [{ referenceCitation: [{ ...patent, citedPassage: [] }] }, '.referenceCitation[0].citedPassage', /ST\.14 category/],
      [{ referenceCitation: [{ ...patent, citedPassage: [{ citationCategoryCode: ['Z'] }] }] }, '.referenceCitation[0].citedPassage[0].citationCategoryCode[0]', /not an ST\.14 category/],
      [{ referenceCitation: [{ ...patent, citedPassage: [{ citationCategoryCode: ['X', 'X'] }] }] }, '.referenceCitation[0].citedPassage[0].citationCategoryCode[1]', /repeats X/],
      [{ referenceCitation: [{ ...patent, citedPassage: [{ citationCategoryCode: ['X'], patentClaimRange: [{ patentClaimStartNumber: 5, patentClaimEndNumber: 2 }] }] }] },
        '.referenceCitation[0].citedPassage[0].patentClaimRange[0].patentClaimEndNumber', /before patentClaimStartNumber/],
      [{ referenceCitation: [{ nplCitation: { nplCitationText: 'x', doi: '11.1/x' }, citedPassage: [{ citationCategoryCode: ['A'] }] }] }, '.referenceCitation[0].nplCitation.doi', /DOI/],
      [{ referenceCitation: [{ nplCitation: { nplCitationText: 'x', webUri: 'javascript:alert(1)' }, citedPassage: [{ citationCategoryCode: ['A'] }] }] }, '.referenceCitation[0].nplCitation.webUri', /http\(s\) URL/],
      [{ referenceCitation: [{ nplCitation: { nplCitationText: 'a\u0007b' }, citedPassage: [{ citationCategoryCode: ['A'] }] }] }, '.referenceCitation[0].nplCitation.nplCitationText', /control/],
    ];
    for (const [bag, path, why] of bad) {
      const problem = referenceCitationBagProblem(bag);
      expect(problem?.path, JSON.stringify(bag).slice(0, 100)).to.equal(path);
      expect(problem?.why).to.match(why);
    }
  });

  it('writes ST.96 XML that libxml2 finds well formed and valid against the ST.96 subset', () => {
    const xml = citationsXml(SAMPLE);
    const wellFormed = xmllint(['--noout'], xml);
    expect(wellFormed.status, wellFormed.stderr).to.equal(0);
    const valid = xmllint(['--noout', '--schema', SCHEMA], xml);
    expect(valid.status, valid.stderr).to.equal(0);
    expect(xml).to.include('<pat:ReferenceCitationBag xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common">');
    expect(xml).to.include('<com:WebURI>https://doi.org/10.1234/jaw.2020.045</com:WebURI>');
    expect(xml).to.include('Müller &amp; Sato, &quot;Widgets &lt;revisited&gt;&quot;');
    expect(xml).to.include('<pat:CitationCategoryCode>&amp;</pat:CitationCategoryCode>');
    // one PassageRelevance per category, each with the claims of the passage
    expect(xml.match(/<pat:PassageRelevance>/g)).to.have.length(4);
    const empty = citationsXml(undefined);
    expect(xmllint(['--noout', '--schema', SCHEMA], empty).status).to.equal(0);
  });

  it('fails the schema for what it must not hold (the check can fail)', () => {
    const wrong = citationsXml(SAMPLE).replace('<pat:CitationCategoryCode>X</pat:CitationCategoryCode>', '<pat:CitationCategoryCode>Z</pat:CitationCategoryCode>');
    expect(xmllint(['--noout', '--schema', SCHEMA], wrong).status).to.not.equal(0);
    const reordered = citationsXml(SAMPLE).replace(/<com:IPOfficeCode>US<\/com:IPOfficeCode>\n(\s*)(<com:DocumentNumber>5401234<\/com:DocumentNumber>)/, '$2\n$1<com:IPOfficeCode>US</com:IPOfficeCode>');
    expect(reordered).to.not.equal(citationsXml(SAMPLE));
    expect(xmllint(['--noout', '--schema', SCHEMA], reordered).status).to.not.equal(0);
  });
});
