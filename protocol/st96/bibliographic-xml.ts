/**
 * The bibliographic data of a document as WIPO ST.96 XML (issue 15; docs/certified-copy.md
 * "ST.96 bibliographic XML"): `pat:BibliographicData` of the ST.96 Patent namespace, with the
 * element names and nesting ST.96 has (V6), for the members ipex certifies:
 *
 *   pat:BibliographicData (@com:st96Version)
 *     pat:ApplicationIdentification / com:IPOfficeCode, com:ApplicationNumber /
 *       com:ApplicationNumberText, pat:FilingDate
 *     pat:PriorityClaimBag / pat:PriorityClaim (@com:sequenceNumber) /
 *       com:IPOfficeCode, com:ApplicationNumber / com:ApplicationNumberText, pat:FilingDate
 *     pat:InventionTitleBag / pat:InventionTitle
 *     pat:ReferenceCitationBag (citation-xml.ts)
 *     pat:PartyBag / pat:ApplicantBag / pat:Applicant (@com:sequenceNumber) /
 *       com:PublicationContact / com:Name /
 *         com:PersonName / (com:PersonStructuredName / com:FirstName?, com:LastName
 *           | com:PersonFullName, for a given name without a last name)
 *         | com:OrganizationName / com:OrganizationStandardName
 *
 * It is derived from the certified manifest, never certified itself: the same bibliographic data
 * always gives the same bytes, so anyone holding a certified copy can produce it again and compare.
 * A check digit kept apart (`applicationNumberCheckDigit`) is printed after the number as ST.13
 * prints it (`23123456.8`); members ST.96 has no element for (`ipRightType`, `patentFamilyId`) stay
 * in the manifest only. bibliographic-read.ts reads this XML back.
 */
import { escapeXml, referenceCitationBagLines, ST96_COMMON_NS, ST96_PATENT_NS } from './citation-xml.js';
import type { ReferenceCitationBag } from './citations.js';
import type { PriorityClaim, PriorityClaimBag } from './priority-claims.js';

/** The ST.96 version whose names ipex writes. */
export const ST96_VERSION = 'V6_0';

/** An applicant's name as ipex keeps it. */
export interface ApplicantName {
  readonly lastName?: string;
  readonly firstName?: string;
  readonly organizationName?: string;
}

/** What the writer reads of a manifest's bibliographic data. */
export interface St96BibliographicSource {
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  readonly applicationNumberCheckDigit?: string;
  readonly filingDate: string;
  readonly inventionTitle?: string;
  readonly applicantName?: readonly ApplicantName[];
  readonly priorityClaimBag?: PriorityClaimBag;
  readonly referenceCitationBag?: ReferenceCitationBag;
}

/** The bibliographic data as an ST.96 XML document, UTF-8, every text escaped. */
export function bibliographicXml(b: St96BibliographicSource): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<pat:BibliographicData xmlns:pat="${ST96_PATENT_NS}" xmlns:com="${ST96_COMMON_NS}" com:st96Version="${ST96_VERSION}">`,
    '  <pat:ApplicationIdentification>',
    ...application(b.ipOfficeCode, numberText(b.applicationNumberText, b.applicationNumberCheckDigit), b.filingDate).map((l) => `    ${l}`),
    '  </pat:ApplicationIdentification>',
  ];
  const claims = b.priorityClaimBag?.priorityClaim ?? [];
  if (claims.length > 0) {
    lines.push('  <pat:PriorityClaimBag>');
    claims.forEach((c, i) => lines.push(`    <pat:PriorityClaim com:sequenceNumber="${i + 1}">`, ...claim(c).map((l) => `      ${l}`), '    </pat:PriorityClaim>'));
    lines.push('  </pat:PriorityClaimBag>');
  }
  if (b.inventionTitle !== undefined) lines.push('  <pat:InventionTitleBag>', `    ${el('pat:InventionTitle', b.inventionTitle)}`, '  </pat:InventionTitleBag>');
  if ((b.referenceCitationBag?.referenceCitation.length ?? 0) > 0) lines.push(...referenceCitationBagLines(b.referenceCitationBag).map((l) => `  ${l}`));
  const applicants = b.applicantName ?? [];
  if (applicants.length > 0) {
    lines.push('  <pat:PartyBag>', '    <pat:ApplicantBag>');
    applicants.forEach((a, i) => lines.push(`      <pat:Applicant com:sequenceNumber="${i + 1}">`, ...applicant(a).map((l) => `        ${l}`), '      </pat:Applicant>'));
    lines.push('    </pat:ApplicantBag>', '  </pat:PartyBag>');
  }
  lines.push('</pat:BibliographicData>');
  return `${lines.join('\n')}\n`;
}

function numberText(text: string, checkDigit: string | undefined): string {
  return checkDigit === undefined ? text : `${text}.${checkDigit}`;
}

function application(office: string, number: string, filingDate: string): string[] {
  return [el('com:IPOfficeCode', office), '<com:ApplicationNumber>', `  ${el('com:ApplicationNumberText', number)}`, '</com:ApplicationNumber>', el('pat:FilingDate', filingDate)];
}

function claim(c: PriorityClaim): string[] {
  return application(c.ipOfficeCode, numberText(c.applicationNumberText, c.applicationNumberCheckDigit), c.filingDate);
}

function applicant(a: ApplicantName): string[] {
  const names: string[] = [];
  if (a.lastName === undefined && a.firstName !== undefined) {
    // ST.96 structures a name around the last name; a given name alone is written in full.
    names.push('<com:PersonName>', `  ${el('com:PersonFullName', a.firstName)}`, '</com:PersonName>');
  } else if (a.lastName !== undefined) {
    names.push('<com:PersonName>', '  <com:PersonStructuredName>',
      ...(a.firstName === undefined ? [] : [`    ${el('com:FirstName', a.firstName)}`]),
      `    ${el('com:LastName', a.lastName)}`, '  </com:PersonStructuredName>', '</com:PersonName>');
  }
  if (a.organizationName !== undefined) {
    names.push('<com:OrganizationName>', `  ${el('com:OrganizationStandardName', a.organizationName)}`, '</com:OrganizationName>');
  }
  return ['<com:PublicationContact>', '  <com:Name>', ...names.map((l) => `    ${l}`), '  </com:Name>', '</com:PublicationContact>'];
}

function el(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}
