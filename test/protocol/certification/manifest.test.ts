import { expect } from 'chai';
import { parseManifest, validatePartName } from '../../../protocol/certification/manifest.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { sampleManifest } from './helpers.js';
import { SAMPLE } from '../st96/sample-citations.js';

const PART = { name: 'claims.pdf', mediaType: 'application/pdf', size: 3, sha256: 'a'.repeat(64) };
const CLAIM = { ipOfficeCode: 'EP', applicationNumberText: '23123456', applicationNumberCheckDigit: '8', filingDate: '2023-05-01' };
const withCitations = (m: Record<string, unknown>, referenceCitationBag: unknown) => ({ ...m, bibliographicData: { ...(m.bibliographicData as object), referenceCitationBag } });
const withClaims = (m: Record<string, unknown>, priorityClaim: unknown[]) => ({ ...m, bibliographicData: { ...(m.bibliographicData as object), priorityClaimBag: { priorityClaim } } });

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isIpexError(err) ? err.code : 'not-ipex';
  }
  return undefined;
}

describe('certification/manifest', () => {
  it('accepts a well-formed manifest with extra ST.96 bibliographic members', () => {
    const m = sampleManifest([PART]);
    expect(parseManifest(m)).to.equal(m);
    expect(code(() => parseManifest({ ...m, supersedes: { documentId: 'EP-1', version: 1 }, availableFrom: '2026-07-01T00:00:00.000Z' }))).to.equal(undefined);
    expect(code(() => parseManifest(withClaims(m as unknown as Record<string, unknown>, [CLAIM])))).to.equal(undefined);
    expect(code(() => parseManifest(withCitations(m as unknown as Record<string, unknown>, SAMPLE)))).to.equal(undefined);
  });

  for (const name of ['..', '.hidden', '../x', 'a/b', 'a\\b', '', 'x'.repeat(129), 'é.pdf', 'a b', 'C:x']) {
    it(`refuses the part name ${JSON.stringify(name.slice(0, 20))}`, () => {
      expect(code(() => validatePartName(name))).to.equal('PART_NAME_INVALID');
    });
  }

  it('accepts safe part names up to 128 characters', () => {
    for (const name of ['claims.pdf', 'a', '_x-1.tar.gz', 'x'.repeat(128)]) expect(code(() => validatePartName(name))).to.equal(undefined);
  });

  it('refuses duplicate part names, also when they differ only in case', () => {
    expect(code(() => parseManifest(sampleManifest([PART, { ...PART }])))).to.equal('PART_NAME_INVALID');
    expect(code(() => parseManifest(sampleManifest([PART, { ...PART, name: 'CLAIMS.pdf' }])))).to.equal('PART_NAME_INVALID');
    // parts/claims.pdf.p7s is the signature of claims.pdf in a bundle
    expect(code(() => parseManifest(sampleManifest([PART, { ...PART, name: 'claims.pdf.p7s' }])))).to.equal('PART_NAME_INVALID');
  });

  const bad: [string, (m: Record<string, unknown>) => unknown][] = [
    ['unknown member', (m) => ({ ...m, extra: 1 })],
    ['wrong format', (m) => ({ ...m, format: 'ipex-manifest/2' })],
    ['non-ST.3 office', (m) => ({ ...m, office: 'ZZ' })],
    ['version 0', (m) => ({ ...m, version: 0 })],
    ['version 1.5', (m) => ({ ...m, version: 1.5 })],
    ['unknown kind', (m) => ({ ...m, documentKind: 'letter' })],
    ['impossible filing date', (m) => ({ ...m, bibliographicData: { ...(m.bibliographicData as object), filingDate: '2023-02-30' } })],
    // Issue 10, item 19: one limit for application numbers, the 32 of protocol/st13 and the OpenAPI.
    ['33-character application number', (m) => ({ ...m, bibliographicData: { ...(m.bibliographicData as object), applicationNumberText: '1'.repeat(33) } })],
    ['bad ip right', (m) => ({ ...m, bibliographicData: { ...(m.bibliographicData as object), ipRightType: 'copyright' } })],
    ['local time deposit', (m) => ({ ...m, depositedAt: '2026-05-30T09:00:00' })],
    ['no parts', (m) => ({ ...m, parts: [] })],
    ['upper-case digest', (m) => ({ ...m, parts: [{ ...PART, sha256: 'A'.repeat(64) }] })],
    ['negative size', (m) => ({ ...m, parts: [{ ...PART, size: -1 }] })],
    ['extra part member', (m) => ({ ...m, parts: [{ ...PART, path: '/etc/passwd' }] })],
    ['bad supersedes', (m) => ({ ...m, supersedes: { documentId: 'x', version: 0 } })],
    // Issue 12: priority claims are certified in the bibliographic data; a verifier refuses a bag of another shape.
    ['priority claim with an unknown office', (m) => withClaims(m, [{ ...CLAIM, ipOfficeCode: 'ZZ' }])],
    ['priority claim with an unnormalised number', (m) => withClaims(m, [{ ...CLAIM, applicationNumberText: 'EP 23 123 456' }])],
    ['priority claim with an impossible date', (m) => withClaims(m, [{ ...CLAIM, filingDate: '2023-02-30' }])],
    ['priority claim with an unknown member', (m) => withClaims(m, [{ ...CLAIM, note: 'x' }])],
    ['empty priority claim bag', (m) => withClaims(m, [])],
    // Issue 12: so are citations.
    ['citation of an unknown ST.14 category', (m) => withCitations(m, { referenceCitation: [{ ...SAMPLE.referenceCitation[0], citedPassage: [{ citationCategoryCode: ['Q'] }] }] })],
    ['citation of both a patent and literature', (m) => withCitations(m, { referenceCitation: [{ ...SAMPLE.referenceCitation[0], nplCitation: SAMPLE.referenceCitation[1]!.nplCitation }] })],
    ['citation with a control character', (m) => withCitations(m, { referenceCitation: [{ nplCitation: { nplCitationText: 'a\u0000b' }, citedPassage: [{ citationCategoryCode: ['A'] }] }] })],
    ['array', () => []],
  ];
  for (const [what, change] of bad) {
    it(`refuses a manifest with ${what} (MANIFEST_MALFORMED)`, () => {
      const m = sampleManifest([PART]) as unknown as Record<string, unknown>;
      expect(code(() => parseManifest(change(m)))).to.equal('MANIFEST_MALFORMED');
    });
  }

  // Issue 15: a search copy names the one office it is for; no other kind names one.
  it('holds a searchCopy to its searchingAuthority, and refuses the member on other kinds', () => {
    const m = sampleManifest([PART]) as unknown as Record<string, unknown>;
    const bib = m.bibliographicData as object;
    expect(parseManifest({ ...m, documentKind: 'searchCopy', bibliographicData: { ...bib, searchingAuthority: 'US' } }).documentKind).to.equal('searchCopy');
    for (const bad of [
      { ...m, documentKind: 'searchCopy' },
      { ...m, documentKind: 'searchCopy', bibliographicData: { ...bib, searchingAuthority: 'ZZZ' } },
      { ...m, documentKind: 'searchReport', bibliographicData: { ...bib, searchingAuthority: 'US' } },
    ]) {
      expect(() => parseManifest(bad)).to.throw(/searchingAuthority/).with.property('code', 'MANIFEST_MALFORMED');
    }
  });
});
