/**
 * The citations of a document as they were certified, for export (issue 12; docs/certified-copy.md
 * "Citations"): of a version this office deposited, or of a certified copy retrieved from a peer
 * (its manifest's bibliographic data, verified when the copy was made). As JSON — the ST.96
 * `referenceCitationBag` with the document it belongs to — or as ST.96 XML
 * (protocol/st96/citation-xml.ts). The office API and `ipex documents citations` share it.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { citationsOf, type ReferenceCitation } from '../../../protocol/st96/citations.js';
import { citationsXml } from '../../../protocol/st96/citation-xml.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { loadDocumentRow, loadVersionRow } from './document-rows.js';

export type CitationFormat = 'json' | 'xml';

/** The JSON export (openapi/office.yaml `DocumentCitations`). */
export interface DocumentCitations {
  readonly documentId: string;
  readonly version: number;
  readonly ipOfficeCode: string;
  readonly applicationNumberText: string;
  readonly referenceCitationBag: { readonly referenceCitation: readonly ReferenceCitation[] };
}

/** The citations certified in a version of one of this office's documents (default: the current one). */
export function documentCitations(db: SqliteDatabase, documentId: string, version?: number): DocumentCitations {
  const row = loadDocumentRow(db, documentId);
  const v = loadVersionRow(db, documentId, version ?? row.current_version);
  return citationsIn(documentId, v.version, JSON.parse(v.bibliographic) as Bibliographic);
}

/** The citations in the manifest of a certified copy. */
export function copyCitations(copy: { documentId: string; version: number; bibliographicData: object }): DocumentCitations {
  return citationsIn(copy.documentId, copy.version, copy.bibliographicData as Bibliographic);
}

/** The export as a body and its media type. */
export function renderCitations(citations: DocumentCitations, format: CitationFormat): { mediaType: string; body: string } {
  if (format === 'xml') {
    const list = citations.referenceCitationBag.referenceCitation;
    return { mediaType: 'application/xml', body: citationsXml(list.length === 0 ? undefined : { referenceCitation: list }) };
  }
  return { mediaType: 'application/json', body: `${JSON.stringify(citations, null, 2)}\n` };
}

/** `json` or `xml`; anything else is a usage error of the caller's own code. */
export function citationFormat(value: string | undefined, code: 'USAGE' | 'INVALID_INPUT'): CitationFormat {
  if (value === undefined || value === 'json' || value === 'xml') return value ?? 'json';
  throw new IpexError(code, `the format is json or xml, not ${JSON.stringify(value.slice(0, 20))}`);
}

interface Bibliographic { ipOfficeCode: string; applicationNumberText: string }

function citationsIn(documentId: string, version: number, bib: Bibliographic): DocumentCitations {
  return {
    documentId, version, ipOfficeCode: bib.ipOfficeCode, applicationNumberText: bib.applicationNumberText,
    referenceCitationBag: { referenceCitation: citationsOf(bib) },
  };
}
