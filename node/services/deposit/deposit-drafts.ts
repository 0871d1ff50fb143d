/**
 * Deposit drafts (docs/design.md §5, §9): open a draft with checked bibliographic data, then stream
 * each part into the content-addressed blob store. A part is never held whole in memory: the
 * blob store hashes it while writing. The row that names a part in the draft is written only
 * after its bytes are durable, so a failed upload leaves at most an orphan blob (content-
 * addressed, harmless, reclaimable), never a draft row pointing at missing bytes.
 *
 * Part names (issue 10, item 12): a draft row keeps the name as given, in NFC; the safe name a
 * part is certified and served under is derived from it (protocol/certification part-names.ts)
 * whenever it is needed, so a draft needs no second column and re-uploading under the same
 * name still replaces the part. Collisions are judged on the safe names.
 *
 * Issue 15: a part's declared media type is checked against its leading bytes as they stream
 * (part-inspection.ts) — here, so the office API, the CLI, the portal and `ipex import` all get it.
 */
import type { Readable } from 'node:stream';
import { IpexError } from '../../../protocol/errors/index.js';
import { namePart, type BibliographicData, type DocumentKind, type PartNaming } from '../../../protocol/certification/index.js';
import { groupCommitFor } from '../../storage/group-commit.js';
import { checkDepositRequest, type DepositInput } from './bibliographic.js';
import { actorLabel, type Actor, type DepositDeps, prepared, withoutFsync } from './deposit-deps.js';
import { newDepositId } from './document-id.js';
import { inspectedPart } from './part-inspection.js';
import { checkSt96Part } from './st96-part.js';
import { checkSameDocument, loadDocumentRow, partView, refuseLivePriority, type PartRow, type PartView } from './document-rows.js';

export const MAX_PARTS = 1000;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;

export interface DepositRow {
  id: string;
  kind: DocumentKind;
  bibliographic: string;
  available_from: string | null;
  supersedes: string | null;
  created_by: string;
  state: 'draft' | 'committed' | 'abandoned';
  created_at: string;
  document_id: string | null;
  version: number | null;
}

export interface DraftView {
  depositId: string;
  state: 'draft';
  kind: DocumentKind;
  bibliographicData: BibliographicData;
  parts: PartView[];
}

/**
 * A draft checked and given its id but not yet written (issue 15): `commitDeposit` writes its row
 * in the commit's own transaction, for a caller that holds a document's every part at once
 * (`ipex import`): one transaction per document instead of one for the draft and one for the commit.
 */
export interface UnsavedDraft {
  readonly depositId: string;
  readonly row: DepositRow;
  readonly bibliographic: BibliographicData;
}

/** Every check of a new draft, and its id; nothing is written. */
export function prepareDraft(deps: DepositDeps, input: DepositInput, actor: Actor): UnsavedDraft {
  const request = checkDepositRequest(input, deps.office, deps.clock.now());
  if (request.supersedes !== undefined) {
    checkSameDocument(loadDocumentRow(deps.db, request.supersedes), request.kind, request.bibliographic);
  } else if (request.kind === 'priorityDocument') {
    refuseLivePriority(deps.db, request.bibliographic); // checked again at commit
  }
  const id = newDepositId(deps.random);
  const row: DepositRow = {
    id, kind: request.kind, bibliographic: JSON.stringify(request.bibliographic), available_from: request.availableFrom ?? null,
    supersedes: request.supersedes ?? null, created_by: actorLabel(actor), state: 'draft', created_at: deps.clock.now().toISOString(), document_id: null, version: null,
  };
  return { depositId: id, row, bibliographic: request.bibliographic };
}

/** Writes a prepared draft's row; call inside a transaction. */
export function insertDraft(deps: DepositDeps, row: DepositRow): void {
  prepared(deps.db, `INSERT INTO deposits (id, kind, bibliographic, available_from, supersedes, created_by, state, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'draft', ?)`).run(row.id, row.kind, row.bibliographic, row.available_from, row.supersedes, row.created_by, row.created_at);
}

/** Opens a draft. A `supersedes` document must exist and not be withdrawn. */
export function createDraft(deps: DepositDeps, input: DepositInput, actor: Actor): DraftView {
  const draft = prepareDraft(deps, input, actor);
  withoutFsync(deps.db, () => insertDraft(deps, draft.row));
  return { depositId: draft.depositId, state: 'draft', kind: draft.row.kind, bibliographicData: draft.bibliographic, parts: [] };
}

/** The draft row; DEPOSIT_NOT_FOUND when absent, DEPOSIT_NOT_DRAFT when no longer a draft. */
export function loadDraft(deps: DepositDeps, depositId: string): DepositRow {
  const row = prepared(deps.db, 'SELECT * FROM deposits WHERE id = ?').get(depositId) as DepositRow | undefined;
  if (row === undefined) throw new IpexError('DEPOSIT_NOT_FOUND', `no deposit ${JSON.stringify(depositId.slice(0, 64))}`);
  if (row.state !== 'draft') throw new IpexError('DEPOSIT_NOT_DRAFT', `deposit ${depositId} is ${row.state}`);
  return row;
}

export function draftParts(deps: DepositDeps, depositId: string): PartRow[] {
  return prepared(deps.db, 'SELECT name, media_type, size, sha256 FROM deposit_parts WHERE deposit_id = ? ORDER BY name').all(depositId) as PartRow[];
}

/** Progress of a streamed part: bytes hashed so far. */
export type PartProgress = (bytes: number) => void;

/**
 * Streams one part into the draft; uploading the same name again replaces it. Safe names are
 * compared without case (a bundle may land on a case-insensitive filesystem), and `X.p7s` may
 * not sit beside `X` (it would be X's signature file in a bundle).
 */
export async function uploadPart(
  deps: DepositDeps, depositId: string, givenName: string, mediaType: string, source: Readable, onProgress?: PartProgress,
): Promise<PartView> {
  const part = await storePart(deps, depositId, givenName, mediaType, source, onProgress);
  // The part row is durable before the upload is answered (a lost row would let a later commit
  // certify the document without this part); group-committed with concurrent uploads/commits.
  await groupCommitFor(deps.db).run(() => recordPart(deps, depositId, part));
  return partView({ name: part.name, media_type: part.mediaType, size: part.size, sha256: part.sha256 });
}

/** A part whose bytes are durable in the blob store and checked, not yet named in its draft. */
export interface StoredPart {
  /** The row's key: the name as given, in NFC. */
  readonly name: string;
  readonly naming: PartNaming;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The first half of an upload: every check of the name, media type and draft, then the bytes
 * streamed into the blob store (checked against the media type as they stream, and an ST.96
 * part against the subset). Nothing names the part yet: `recordPart` does, in a transaction —
 * uploadPart's own, or the commit's (commitDeposit with parts, for callers that hold every part
 * of a document at once: one group commit per document instead of one per part and one more).
 */
export async function storePart(
  deps: DepositDeps, draft: string | UnsavedDraft, givenName: string, mediaType: string, source: Readable, onProgress?: PartProgress,
): Promise<StoredPart> {
  // An unsaved draft has no row and no parts yet: the commit checks its parts' names among each other.
  const draftRow = (): DepositRow => (typeof draft === 'string' ? loadDraft(deps, draft) : draft.row);
  let naming: PartNaming;
  try {
    naming = namePart(givenName);
    if (typeof mediaType !== 'string' || !MEDIA_TYPE.test(mediaType)) throw new IpexError('INVALID_INPUT', 'mediaType must be a lower-case media type such as application/pdf');
    draftRow();
    if (typeof draft === 'string') checkNameFree(deps, draft, naming);
  } catch (err) {
    source.resume(); // drain, so the client sees the answer instead of a reset
    throw err;
  }
  // Counted for progress and checked against the declared media type as it streams (issue 15).
  const inspected = inspectedPart(source, naming.originalName ?? naming.name, mediaType, onProgress);
  const info = await deps.blobs.put(inspected);
  await checkSt96Part(deps, mediaType, info, () => draftRow().bibliographic, givenName); // issue 15: an ST.96 part is held to the subset
  return { name: naming.originalName ?? naming.name, naming, mediaType, size: info.size, sha256: info.sha256 };
}

/**
 * Names a stored part in its draft; call inside a transaction. The draft may have been committed,
 * or a colliding part uploaded, while the bytes streamed: both are checked again here.
 */
export function recordPart(deps: DepositDeps, depositId: string, part: StoredPart): void {
  loadDraft(deps, depositId);
  checkNameFree(deps, depositId, part.naming);
  const count = (prepared(deps.db, 'SELECT count(*) AS n FROM deposit_parts WHERE deposit_id = ? AND name <> ?').get(depositId, part.name) as { n: number }).n;
  if (count >= MAX_PARTS) throw new IpexError('INVALID_INPUT', `a document has at most ${MAX_PARTS} parts`);
  prepared(deps.db, `INSERT INTO deposit_parts (deposit_id, name, media_type, size, sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (deposit_id, name) DO UPDATE SET media_type = excluded.media_type, size = excluded.size, sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at`)
    .run(depositId, part.name, part.mediaType, part.size, part.sha256, deps.clock.now().toISOString());
}

/** Marks a draft abandoned (its blobs stay as content-addressed orphans). */
export function abandonDraft(deps: DepositDeps, depositId: string): void {
  loadDraft(deps, depositId);
  prepared(deps.db, "UPDATE deposits SET state = 'abandoned' WHERE id = ? AND state = 'draft'").run(depositId);
}

function checkNameFree(deps: DepositDeps, depositId: string, naming: PartNaming): void {
  checkNameAmong(draftParts(deps, depositId).map((p) => p.name), naming);
}

/** DEPOSIT_PART_CONFLICT when a part named `naming` may not join parts of these (given) names. */
export function checkNameAmong(names: Iterable<string>, naming: PartNaming): void {
  const given = naming.originalName ?? naming.name;
  const lower = naming.name.toLowerCase();
  for (const other of names) {
    if (other === given) continue; // the same name again: a replacement
    const otherName = namePart(other).name;
    const o = otherName.toLowerCase();
    if (o === lower || o === `${lower}.p7s` || lower === `${o}.p7s`) {
      const stored = (n: string, safe: string): string => (n === safe ? `"${n}"` : `"${n}" (stored as "${safe}")`);
      throw new IpexError('DEPOSIT_PART_CONFLICT', `part ${stored(given, naming.name)} collides with part ${stored(other, otherName)} of this deposit ` +
        '(names are compared without case, and X.p7s is the signature file of X): give one of them another name');
    }
  }
}
