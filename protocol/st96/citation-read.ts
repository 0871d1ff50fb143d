/**
 * ST.96 `pat:ReferenceCitationBag` → the `referenceCitationBag` of ipex (citations.ts), the
 * reverse of citation-xml.ts: each `pat:PassageRelevance` gives one ST.14 category of its passage
 * (the writer repeats the passage's claims under each; the reader takes them from the first),
 * several `pat:PassageRangeText`s are joined with "; ", and a `com:WebURI` of the form
 * `https://doi.org/<DOI>` is the citation's `doi` (the first other one its `webUri`). The shape is
 * checked as the subset schema does; meaning (office codes, dates, limits) is the deposit's.
 */
import { ST96_COMMON_NS as COM, ST96_PATENT_NS as PAT } from './citation-xml.js';
import { allowAttributes, expectSequence, ShapeError, simpleText, type Path } from './xml-shape.js';
import type { XmlElement } from './xml-reader.js';

interface ReadPassage { passageRangeText?: string; citationCategoryCode: string[]; patentClaimRange?: { patentClaimStartNumber: number; patentClaimEndNumber: number }[] }
interface ReadCitation {
  patentCitation?: { ipOfficeCode: string; documentNumber: string; patentDocumentKindCode: string; patentDocumentDate?: string };
  nplCitation?: { nplCitationText: string; doi?: string; webUri?: string };
  citedPassage: ReadPassage[];
}

const DOI_RESOLVER = 'https://doi.org/';

/** The bag as ipex JSON; ShapeError where it breaks the subset. */
export function readCitationBag(bag: XmlElement, where: Path): { referenceCitation: ReadCitation[] } {
  allowAttributes(bag, where, []);
  const list = expectSequence(bag, where, [[PAT, 'ReferenceCitation', 0, 200]]).ReferenceCitation ?? [];
  return { referenceCitation: list.map((c, i) => citation(c, [...where, `pat:ReferenceCitation[${i + 1}]`])) };
}

function citation(e: XmlElement, where: Path): ReadCitation {
  allowAttributes(e, where, [`{${COM}}sequenceNumber`]);
  if (e.attributes[`{${COM}}sequenceNumber`] === undefined) throw new ShapeError(`line ${e.line}: /${where.join('/')} needs the attribute com:sequenceNumber`);
  const first = e.children[0];
  const patent = first?.ns === COM && first.local === 'PatentCitation';
  const c = expectSequence(e, where, [[COM, patent ? 'PatentCitation' : 'NPLCitation', 1, 1], [PAT, 'CitedPassageBag', 1, 1]]);
  const out: ReadCitation = { citedPassage: passages(c.CitedPassageBag![0]!, [...where, 'pat:CitedPassageBag']) };
  if (patent) {
    const p = [...where, 'com:PatentCitation'];
    const id = expectSequence(c.PatentCitation![0]!, p, [[COM, 'CitedPatentDocumentIdentification', 1, 1]]).CitedPatentDocumentIdentification![0]!;
    const q = [...p, 'com:CitedPatentDocumentIdentification'];
    const d = expectSequence(id, q, [[COM, 'IPOfficeCode', 1, 1], [COM, 'DocumentNumber', 1, 1], [COM, 'PatentDocumentKindCode', 1, 1], [COM, 'PatentDocumentDate', 0, 1]]);
    out.patentCitation = {
      ipOfficeCode: simpleText(d.IPOfficeCode![0]!, [...q, 'com:IPOfficeCode'], { token: true, pattern: /^[A-Z]{2}$/, why: 'is not a two-letter ST.3 code' }),
      documentNumber: simpleText(d.DocumentNumber![0]!, [...q, 'com:DocumentNumber'], { token: true, pattern: /^[A-Z0-9]{1,32}$/, why: 'is not 1-32 upper-case letters and digits' }),
      patentDocumentKindCode: simpleText(d.PatentDocumentKindCode![0]!, [...q, 'com:PatentDocumentKindCode'], { token: true, pattern: /^[A-Z][0-9]?$/, why: 'is not an ST.16 kind code' }),
      ...(d.PatentDocumentDate === undefined ? {} : {
        patentDocumentDate: simpleText(d.PatentDocumentDate[0]!, [...q, 'com:PatentDocumentDate'], { token: true, pattern: /^\d{4}-\d{2}-\d{2}$/, why: 'is not a YYYY-MM-DD date' }),
      }),
    };
  } else {
    const p = [...where, 'com:NPLCitation'];
    const n = expectSequence(c.NPLCitation![0]!, p, [[COM, 'NPLCitationText', 1, 1], [COM, 'WebURI', 0, 10]]);
    const npl: NonNullable<ReadCitation['nplCitation']> = { nplCitationText: simpleText(n.NPLCitationText![0]!, [...p, 'com:NPLCitationText'], { min: 1 }) };
    for (const uri of (n.WebURI ?? []).map((u) => simpleText(u, [...p, 'com:WebURI'], { token: true, min: 1 }))) {
      if (uri.startsWith(DOI_RESOLVER) && npl.doi === undefined) npl.doi = uri.slice(DOI_RESOLVER.length);
      else npl.webUri ??= uri;
    }
    out.nplCitation = npl;
  }
  return out;
}

function passages(bag: XmlElement, where: Path): ReadPassage[] {
  return expectSequence(bag, where, [[PAT, 'CitedPassage', 1, 20]]).CitedPassage!.map((e, i) => {
    const at = [...where, `pat:CitedPassage[${i + 1}]`];
    const c = expectSequence(e, at, [[PAT, 'PassageRangeBag', 0, 1], [PAT, 'PassageRelevanceBag', 1, 1]]);
    const out: ReadPassage = { citationCategoryCode: [] };
    const ranges = c.PassageRangeBag?.[0];
    if (ranges !== undefined) {
      const r = [...at, 'pat:PassageRangeBag'];
      out.passageRangeText = expectSequence(ranges, r, [[PAT, 'PassageRangeText', 1, 20]]).PassageRangeText!.map((t) => simpleText(t, [...r, 'pat:PassageRangeText'], { min: 1 })).join('; ');
    }
    const relevance = [...at, 'pat:PassageRelevanceBag'];
    for (const [j, rel] of expectSequence(c.PassageRelevanceBag![0]!, relevance, [[PAT, 'PassageRelevance', 1, 10]]).PassageRelevance!.entries()) {
      const rp = [...relevance, `pat:PassageRelevance[${j + 1}]`];
      const r = expectSequence(rel, rp, [[PAT, 'CitationCategoryCode', 1, 1], [PAT, 'RelatedClaimBag', 0, 1]]);
      out.citationCategoryCode.push(simpleText(r.CitationCategoryCode![0]!, [...rp, 'pat:CitationCategoryCode'], { token: true, pattern: /^[XYAOPTEDL&]$/, why: 'is not an ST.14 category' }));
      const claims = r.RelatedClaimBag?.[0];
      if (claims !== undefined && out.patentClaimRange === undefined) out.patentClaimRange = claimRanges(claims, [...rp, 'pat:RelatedClaimBag']);
    }
    return out;
  });
}

function claimRanges(bag: XmlElement, where: Path): NonNullable<ReadPassage['patentClaimRange']> {
  return expectSequence(bag, where, [[PAT, 'PatentClaimRange', 1, 50]]).PatentClaimRange!.map((e, i) => {
    const at = [...where, `pat:PatentClaimRange[${i + 1}]`];
    const c = expectSequence(e, at, [[PAT, 'PatentClaimStartNumber', 1, 1], [PAT, 'PatentClaimEndNumber', 1, 1]]);
    const number = (x: XmlElement, name: string): number => Number(simpleText(x, [...at, name], { token: true, pattern: /^[1-9][0-9]{0,8}$/, why: 'is not a positive integer' }));
    return { patentClaimStartNumber: number(c.PatentClaimStartNumber![0]!, 'pat:PatentClaimStartNumber'), patentClaimEndNumber: number(c.PatentClaimEndNumber![0]!, 'pat:PatentClaimEndNumber') };
  });
}
