/**
 * Issue 15, "WIPO standards: ST.96": the bibliographic XML ipex writes (bibliographic-xml.ts) is
 * valid against the ST.96 subset (test/protocol/st96/st96-subset/, checked with libxml2's
 * xmllint), reads back to the same data (bibliographic-read.ts), and the reader refuses what the
 * subset schema refuses — each bad document below is refused by both, with the element named.
 */
import { expect } from 'chai';
import { bibliographicXml, type St96BibliographicSource } from '../../../protocol/st96/bibliographic-xml.js';
import { readSt96Bibliographic } from '../../../protocol/st96/bibliographic-read.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { SAMPLE } from './sample-citations.js';
import { validAgainstSubset, xmllint, ST96_SUBSET } from './xmllint.js';

const FULL: St96BibliographicSource = {
  ipOfficeCode: 'EP', applicationNumberText: '23123456', applicationNumberCheckDigit: '8', filingDate: '2023-05-01',
  inventionTitle: 'Widget <improved> & "safer"',
  applicantName: [{ organizationName: 'ACME Corp' }, { firstName: 'Ana', lastName: 'Müller' }, { firstName: 'Prince' }, { lastName: 'محمد' }],
  priorityClaimBag: { priorityClaim: [{ ipOfficeCode: 'US', applicationNumberText: '18123456', filingDate: '2022-05-02' }, { ipOfficeCode: 'JP', applicationNumberText: '2022123456', filingDate: '2022-06-01' }] },
  referenceCitationBag: SAMPLE,
};
const MINIMAL: St96BibliographicSource = { ipOfficeCode: 'JP', applicationNumberText: '2023123456', filingDate: '2023-02-28' };

function refusal(xml: string): string {
  try {
    readSt96Bibliographic(xml);
  } catch (err) {
    if (isIpexError(err) && err.code === 'ST96_INVALID') return err.message;
    throw err;
  }
  throw new Error('the reader accepted the document');
}

describe('ST.96 bibliographic XML (issue 15)', () => {
  it('writes XML that libxml2 finds valid against the ST.96 subset, full and minimal', () => {
    for (const source of [FULL, MINIMAL]) {
      const run = xmllint(['--noout', '--schema', ST96_SUBSET], bibliographicXml(source));
      expect(run.status, run.stderr).to.equal(0);
    }
    const xml = bibliographicXml(FULL);
    expect(xml).to.include('<pat:BibliographicData xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common" com:st96Version="V6_0">');
    expect(xml).to.include('<com:ApplicationNumberText>23123456.8</com:ApplicationNumberText>');
    expect(xml).to.include('<pat:InventionTitle>Widget &lt;improved&gt; &amp; &quot;safer&quot;</pat:InventionTitle>');
    expect(xml).to.include('<pat:PriorityClaim com:sequenceNumber="2">');
    expect(xml).to.include('<com:OrganizationStandardName>ACME Corp</com:OrganizationStandardName>');
    expect(xml).to.include('<com:PersonFullName>Prince</com:PersonFullName>');
    expect(bibliographicXml(FULL)).to.equal(xml); // derived: the same data always gives the same bytes
  });

  it('reads its own XML back to the same bibliographic data', () => {
    const read = readSt96Bibliographic(bibliographicXml(FULL));
    expect(read).to.deep.equal({
      ipOfficeCode: 'EP', applicationNumberText: '23123456.8', filingDate: '2023-05-01', ipRightType: 'patent',
      inventionTitle: FULL.inventionTitle, applicantName: FULL.applicantName, priorityClaimBag: FULL.priorityClaimBag,
      referenceCitationBag: {
        referenceCitation: [
          SAMPLE.referenceCitation[0],
          { ...SAMPLE.referenceCitation[1], nplCitation: SAMPLE.referenceCitation[1]!.nplCitation },
        ],
      },
    });
    expect(readSt96Bibliographic(Buffer.from(bibliographicXml(MINIMAL)), { ipRightType: 'utilityModel' })).to.deep.equal({ ...MINIMAL, ipRightType: 'utilityModel' });
  });

  it('reads documents that differ only in XML form: prefixes, default namespace, comments, CDATA, references', () => {
    const variants = [
      bibliographicXml(MINIMAL).replace(/<(\/?)pat:/g, '<$1p:').replace('xmlns:pat=', 'xmlns:p='),
      bibliographicXml(MINIMAL).replace(/<(\/?)pat:/g, '<$1').replace('xmlns:pat=', 'xmlns='),
      bibliographicXml(MINIMAL).replace('<com:IPOfficeCode>JP</com:IPOfficeCode>', '<!-- office --><com:IPOfficeCode><![CDATA[JP]]></com:IPOfficeCode>'),
      bibliographicXml(MINIMAL).replace('<com:IPOfficeCode>JP</com:IPOfficeCode>', '<com:IPOfficeCode>&#74;&#x50;</com:IPOfficeCode>'),
    ];
    for (const xml of variants) {
      expect(validAgainstSubset(xml), xml).to.equal(true);
      expect(readSt96Bibliographic(xml)).to.deep.equal({ ...MINIMAL, ipRightType: 'patent' });
    }
  });

  it('refuses what the subset schema refuses, naming the element (each case checked with xmllint too)', () => {
    const base = bibliographicXml(FULL);
    const cases: [string, RegExp][] = [
      [base.replace('<pat:FilingDate>2023-05-01</pat:FilingDate>', '<pat:FilingDate>1 May 2023</pat:FilingDate>'), /pat:ApplicationIdentification\/pat:FilingDate "1 May 2023" is not a YYYY-MM-DD date/],
      [base.replace('<com:IPOfficeCode>EP</com:IPOfficeCode>', '<com:IPOfficeCode>EPO</com:IPOfficeCode>'), /com:IPOfficeCode "EPO" is not a two-letter ST.3 code/],
      [base.replace(/<pat:InventionTitleBag>[\s\S]*?<\/pat:InventionTitleBag>\n/, '').replace('<pat:PriorityClaimBag>', '<pat:InventionTitleBag><pat:InventionTitle>T</pat:InventionTitle></pat:InventionTitleBag>\n<pat:PriorityClaimBag>'),
        /pat:PriorityClaimBag is not allowed there \(out of order/],
      [base.replace('<pat:ApplicationIdentification>', '<pat:PatentPublicationIdentification/><pat:ApplicationIdentification>'), /needs pat:ApplicationIdentification here, but pat:PatentPublicationIdentification comes/],
      [base.replace(/<com:ApplicationNumber>\s*<com:ApplicationNumberText>23123456.8<\/com:ApplicationNumberText>\s*<\/com:ApplicationNumber>/, ''), /needs com:ApplicationNumber here, but pat:FilingDate comes/],
      [base.replace('<com:PersonFullName>Prince</com:PersonFullName>', '<com:PersonFullName></com:PersonFullName>'), /com:PersonFullName is empty/],
      [base.replace('<pat:CitationCategoryCode>X</pat:CitationCategoryCode>', '<pat:CitationCategoryCode>Z</pat:CitationCategoryCode>'), /pat:CitationCategoryCode "Z" is not an ST.14 category/],
      [base.replace('com:st96Version="V6_0"', 'com:st96Version="V6_0" lang="en"'), /has the attribute lang/],
      [base.replace('<pat:BibliographicData xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent"', '<pat:BibliographicData xmlns:pat="urn:other"'), /not pat:BibliographicData of the ST.96 Patent namespace/],
      [base.replace('<com:LastName>Müller</com:LastName>', '<com:LastName>Müller<com:B>x</com:B></com:LastName>'), /com:LastName holds elements where only text is allowed/],
    ];
    for (const [xml, why] of cases) {
      expect(xml, String(why)).to.not.equal(base);
      expect(validAgainstSubset(xml), `xmllint accepted the case ${String(why)}`).to.equal(false);
      expect(refusal(xml)).to.match(why);
      expect(refusal(xml)).to.match(/^line \d+: /);
    }
  });

  it('refuses XML that is not well formed, and any DOCTYPE or entity (no XXE, no entity expansion)', () => {
    const minimal = bibliographicXml(MINIMAL);
    expect(refusal(minimal.replace('</pat:BibliographicData>', ''))).to.match(/not well-formed XML: .*is not closed/);
    expect(refusal(minimal.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'))).to.match(/DOCTYPE/);
    expect(refusal(minimal.replace('>JP<', '>&a;<'))).to.match(/unknown entity &a;/);
    expect(refusal(minimal.replace('>JP<', '>J&P<'))).to.match(/bare "&"/);
    expect(refusal(minimal.replace('pat:FilingDate>', 'x:FilingDate>'))).to.match(/undeclared namespace prefix "x"|does not close/);
    expect(refusal(`${minimal}<second/>`)).to.match(/second root element/);
    expect(refusal(Buffer.concat([Buffer.from(minimal.slice(0, 100)), Buffer.from([0xff, 0xfe]), Buffer.from(minimal.slice(100))]).toString('latin1'))).to.match(/line/);
    expect(refusal('<a>'.repeat(70) + '</a>'.repeat(70))).to.match(/deeper than 64/);
  });
});
