/** A reference citation bag for the tests of issue 12: a patent citation and non-patent literature, with text to escape. */
import type { ReferenceCitationBag } from '../../../protocol/st96/citations.js';

export const SAMPLE: ReferenceCitationBag = { referenceCitation: [
  {
    patentCitation: { ipOfficeCode: 'US', documentNumber: '5401234', patentDocumentKindCode: 'A', patentDocumentDate: '1995-03-28' },
    citedPassage: [
      { passageRangeText: 'column 3, line 66 - column 6, line 35; figure 2', citationCategoryCode: ['X'], patentClaimRange: [{ patentClaimStartNumber: 1, patentClaimEndNumber: 3 }, { patentClaimStartNumber: 7, patentClaimEndNumber: 7 }] },
      { citationCategoryCode: ['Y', 'A'], patentClaimRange: [{ patentClaimStartNumber: 4, patentClaimEndNumber: 6 }] },
    ],
  },
  {
    nplCitation: { nplCitationText: 'Müller & Sato, "Widgets <revisited>", J. Appl. Widg. 12 (2020) 45-67', doi: '10.1234/jaw.2020.045', webUri: 'https://example.org/jaw?id=45&v=2' },
    citedPassage: [{ citationCategoryCode: ['&'] }],
  },
] };
