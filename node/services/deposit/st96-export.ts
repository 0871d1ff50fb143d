/**
 * The ST.96 bibliographic XML of a document (issue 15; docs/certified-copy.md "ST.96 bibliographic
 * XML"): derived from the bibliographic data certified in a version's manifest (or in the manifest
 * of a certified copy retrieved from a peer) by protocol/st96/bibliographic-xml.ts, never stored or
 * signed on its own — the manifest is what is certified, and anyone can derive the same bytes from
 * it. The office API (`GET /documents/{id}/st96`, `GET /copies/{id}/st96`) and `ipex documents st96`
 * share it.
 */
import { bibliographicXml, type St96BibliographicSource } from '../../../protocol/st96/bibliographic-xml.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { loadDocumentRow, loadVersionRow } from './document-rows.js';

/** The XML of a version of one of this office's documents (default: the current one). */
export function documentSt96(db: SqliteDatabase, documentId: string, version?: number): string {
  const row = loadDocumentRow(db, documentId);
  const v = loadVersionRow(db, documentId, version ?? row.current_version);
  return bibliographicXml(JSON.parse(v.bibliographic) as St96BibliographicSource);
}

/** The XML of the bibliographic data in a certified copy's manifest. */
export function copySt96(copy: { bibliographicData: object }): string {
  return bibliographicXml(copy.bibliographicData as St96BibliographicSource);
}
