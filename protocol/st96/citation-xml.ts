/**
 * Citations as WIPO ST.96 XML (issue 12; docs/certified-copy.md "Citations"): the
 * `pat:ReferenceCitationBag` of the ST.96 Patent namespace with its children, common components
 * in the ST.96 Common namespace, element names and nesting as ST.96 has them:
 *
 *   pat:ReferenceCitationBag / pat:ReferenceCitation (@com:sequenceNumber)
 *     com:PatentCitation / com:CitedPatentDocumentIdentification /
 *       com:IPOfficeCode, com:DocumentNumber, com:PatentDocumentKindCode, com:PatentDocumentDate
 *     | com:NPLCitation / com:NPLCitationText, com:WebURI*
 *     pat:CitedPassageBag / pat:CitedPassage /
 *       pat:PassageRangeBag / pat:PassageRangeText
 *       pat:PassageRelevanceBag / pat:PassageRelevance (one per category) /
 *         pat:CitationCategoryCode, pat:RelatedClaimBag / pat:PatentClaimRange /
 *           pat:PatentClaimStartNumber, pat:PatentClaimEndNumber
 *
 * ST.96 has no element of its own for a DOI: it is written as a `com:WebURI` in its resolver form
 * `https://doi.org/<DOI>` (ISO 26324), before the web address when both are given. The output is
 * UTF-8, every text escaped; it is built from a checked bag (citations.ts), never from raw input.
 */
import type { CitedPassage, ReferenceCitation, ReferenceCitationBag } from './citations.js';

export const ST96_PATENT_NS = 'http://www.wipo.int/standards/XMLSchema/ST96/Patent';
export const ST96_COMMON_NS = 'http://www.wipo.int/standards/XMLSchema/ST96/Common';

/** The bag as an ST.96 XML document (an empty bag when there are no citations). */
export function citationsXml(bag: ReferenceCitationBag | undefined): string {
  const lines = referenceCitationBagLines(bag, ` xmlns:pat="${ST96_PATENT_NS}" xmlns:com="${ST96_COMMON_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${lines.join('\n')}\n`;
}

/**
 * The lines of a `pat:ReferenceCitationBag` element, its start tag carrying `declarations`; the
 * bibliographic XML (bibliographic-xml.ts) nests the same element without them.
 */
export function referenceCitationBagLines(bag: ReferenceCitationBag | undefined, declarations = ''): string[] {
  const open = `<pat:ReferenceCitationBag${declarations}`;
  const citations = bag?.referenceCitation ?? [];
  if (citations.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  citations.forEach((c, i) => lines.push(...citation(c, i + 1).map((l) => `  ${l}`)));
  lines.push('</pat:ReferenceCitationBag>');
  return lines;
}

function citation(c: ReferenceCitation, sequence: number): string[] {
  const out = [`<pat:ReferenceCitation com:sequenceNumber="${sequence}">`];
  if (c.patentCitation !== undefined) {
    const p = c.patentCitation;
    out.push('  <com:PatentCitation>', '    <com:CitedPatentDocumentIdentification>',
      `      ${el('com:IPOfficeCode', p.ipOfficeCode)}`,
      `      ${el('com:DocumentNumber', p.documentNumber)}`,
      `      ${el('com:PatentDocumentKindCode', p.patentDocumentKindCode)}`,
      ...(p.patentDocumentDate === undefined ? [] : [`      ${el('com:PatentDocumentDate', p.patentDocumentDate)}`]),
      '    </com:CitedPatentDocumentIdentification>', '  </com:PatentCitation>');
  } else if (c.nplCitation !== undefined) {
    const n = c.nplCitation;
    out.push('  <com:NPLCitation>', `    ${el('com:NPLCitationText', n.nplCitationText)}`,
      ...(n.doi === undefined ? [] : [`    ${el('com:WebURI', `https://doi.org/${n.doi}`)}`]),
      ...(n.webUri === undefined ? [] : [`    ${el('com:WebURI', n.webUri)}`]),
      '  </com:NPLCitation>');
  }
  out.push('  <pat:CitedPassageBag>', ...c.citedPassage.flatMap((p) => passage(p).map((l) => `    ${l}`)), '  </pat:CitedPassageBag>');
  out.push('</pat:ReferenceCitation>');
  return out;
}

function passage(p: CitedPassage): string[] {
  const claims = (p.patentClaimRange ?? []).flatMap((r) => [
    '    <pat:PatentClaimRange>',
    `      ${el('pat:PatentClaimStartNumber', String(r.patentClaimStartNumber))}`,
    `      ${el('pat:PatentClaimEndNumber', String(r.patentClaimEndNumber))}`,
    '    </pat:PatentClaimRange>',
  ]);
  return [
    '<pat:CitedPassage>',
    ...(p.passageRangeText === undefined ? [] : ['  <pat:PassageRangeBag>', `    ${el('pat:PassageRangeText', p.passageRangeText)}`, '  </pat:PassageRangeBag>']),
    '  <pat:PassageRelevanceBag>',
    ...p.citationCategoryCode.flatMap((code) => [
      '    <pat:PassageRelevance>',
      `      ${el('pat:CitationCategoryCode', code)}`,
      ...(claims.length === 0 ? [] : ['      <pat:RelatedClaimBag>', ...claims.map((l) => `    ${l}`), '      </pat:RelatedClaimBag>']),
      '    </pat:PassageRelevance>',
    ]),
    '  </pat:PassageRelevanceBag>',
    '</pat:CitedPassage>',
  ];
}

function el(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
