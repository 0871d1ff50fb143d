/**
 * Committing a deposit (docs/design.md §5, §8): certify the draft and publish it as a document
 * version, durably, before answering.
 *
 * 1. Work out the document id and version: a new document, or version n+1 of `supersedes`
 *    (which must keep kind, office, application number, filing date and IP right).
 * 2. Build the manifest and sign it (JWS with x5c), and sign every part as detached CMS over
 *    the SHA-256 the blob store computed while it wrote the part (never whole in memory).
 * 3. In ONE SQLite savepoint of a group commit (shared with the other commits and part uploads
 *    queued meanwhile; group-commit.ts): re-check the draft is still a draft and the superseded
 *    version still current (a concurrent commit loses cleanly), insert the version and part
 *    rows (and its priority claims, issue 12), for a new priority document the access code, applicant key and default policy, mark
 *    the draft committed and append the audit entries. The parts are already durable in the
 *    blob store; the caller is answered only after the group transaction is durable (WAL
 *    fsynced), so everything acknowledged is on disk.
 *
 * A failure before or inside the transaction leaves no document row; the part blobs stay as
 * content-addressed orphans.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import {
  MANIFEST_FORMAT, namePart, signDigestDetached, signManifest, type BibliographicData, type Manifest, type ManifestPart,
} from '../../../protocol/certification/index.js';
import { priorityClaimsOf } from '../../../protocol/st96/priority-claims.js';
import { groupCommitFor } from '../../storage/group-commit.js';
import { storeDefaultPolicy, storeNewAccessCode, storeNewApplicantKey } from './access-control.js';
import { auditActor, type Actor, type DepositDeps, prepared } from './deposit-deps.js';
import { checkNameAmong, draftParts, insertDraft, loadDraft, recordPart, type StoredPart, type UnsavedDraft } from './deposit-drafts.js';
import { newDocumentId } from './document-id.js';
import { checkSameDocument, documentView, firstVersionView, refuseLivePriority, loadDocumentRow, type DocumentRow, type DocumentView, type PartRow } from './document-rows.js';

/** The committed document; `accessCode` and `applicantKey` only for a new priority document. */
export type CommittedView = DocumentView & { accessCode?: string; applicantKey?: string };

/**
 * `stored` (storePart) are named in the draft inside the commit's own savepoint, before it is
 * certified: for a caller holding every part of a document at once, one group commit instead of
 * one per part and one for the commit, with the same checks (recordPart). Such a caller may also
 * pass an unsaved draft (prepareDraft), whose row is written in that savepoint too, and
 * `alsoInTransaction`, run there last (the import journal's start of the row, issue 15): a
 * throw from it undoes the whole commit.
 */
export async function commitDeposit(
  deps: DepositDeps, target: string | UnsavedDraft, actor: Actor, stored: readonly StoredPart[] = [], alsoInTransaction?: () => void,
): Promise<CommittedView> {
  // An unsaved draft (prepareDraft) is written in the commit's own transaction, with no parts but `stored`.
  const unsaved = typeof target === 'string' ? undefined : target;
  const depositId = unsaved?.depositId ?? (target as string);
  const draft = unsaved?.row ?? loadDraft(deps, depositId);
  const parts = partsAfter(unsaved === undefined ? draftParts(deps, depositId) : [], stored);
  if (parts.length === 0) throw new IpexError('DEPOSIT_EMPTY', `deposit ${depositId} has no parts: upload at least one before committing`);
  const bibliographic = JSON.parse(draft.bibliographic) as BibliographicData;

  let documentId: string;
  let version = 1;
  let previous: DocumentRow | undefined;
  if (draft.supersedes !== null) {
    previous = loadDocumentRow(deps.db, draft.supersedes);
    checkSameDocument(previous, draft.kind, bibliographic);
    documentId = previous.document_id;
    version = previous.current_version + 1;
  } else {
    if (draft.kind === 'priorityDocument') refuseLivePriority(deps.db, bibliographic);
    if (draft.kind === 'searchCopy') await refuseUnlistedAuthority(deps, bibliographic.searchingAuthority as string);
    documentId = newDocumentId(deps.office, draft.kind, bibliographic.applicationNumberText, deps.random);
  }

  // Draft rows hold the names as given; the manifest, the bundle and the URLs use the safe names
  // derived from them, with the original beside it where it differs (issue 10, item 12).
  const certified: ManifestPart[] = parts.map((p) => {
    const { name, originalName } = namePart(p.name);
    return { name, ...(originalName === undefined ? {} : { originalName }), mediaType: p.media_type, size: p.size, sha256: p.sha256 };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const depositedAt = deps.clock.now().toISOString();
  const availableFrom = draft.available_from ?? previous?.available_from ?? undefined;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    office: deps.office,
    documentId,
    version,
    documentKind: draft.kind,
    bibliographicData: bibliographic,
    depositedAt,
    ...(availableFrom === undefined || availableFrom === null ? {} : { availableFrom }),
    ...(previous === undefined ? {} : { supersedes: { documentId, version: previous.current_version } }),
    parts: certified,
  };
  const leafDer = deps.signing.certificate.raw;
  // Every signature at once, each on the thread pool (issue 14): the event loop meanwhile serves
  // the other deposits. The digest of a part was computed from the very bytes the content-addressed
  // store wrote and named (deposit-drafts.ts): signing it is signing the part, without reading it again.
  const [manifestJws, partSignatures] = await Promise.all([
    signManifest(manifest, { privateKey: deps.signing.privateKey, chain: [leafDer] }),
    Promise.all(certified.map((part) => signDigestDetached(Buffer.from(part.sha256, 'hex'), { certificate: leafDer, privateKey: deps.signing.privateKey, clock: deps.clock }))),
  ]);
  const signatures = new Map(certified.map((part, i) => [part.name, partSignatures[i]!]));

  const secrets: { accessCode?: string; applicantKey?: string } = {};
  const bibliographicJson = JSON.stringify(bibliographic);
  // Group commit (node/storage/group-commit.ts): the rows of every commit queued meanwhile land
  // in ONE SQLite transaction, each in its own savepoint, and each caller is answered after the
  // WAL holding it is fsynced, so one fsync acknowledges many deposits.
  await groupCommitFor(deps.db).run(() => {
    if (unsaved !== undefined) insertDraft(deps, unsaved.row);
    for (const part of stored) recordPart(deps, depositId, part);
    const claimed = prepared(deps.db, "UPDATE deposits SET state = 'committed', document_id = ?, version = ? WHERE id = ? AND state = 'draft'")
      .run(documentId, version, depositId);
    if (claimed.changes !== 1) throw new IpexError('DEPOSIT_NOT_DRAFT', `deposit ${depositId} was committed or abandoned meanwhile`);
    if (JSON.stringify(inNameOrder(draftParts(deps, depositId))) !== JSON.stringify(parts)) {
      throw new IpexError('DEPOSIT_PART_CONFLICT', `a part of deposit ${depositId} was uploaded while it was being certified; commit again`);
    }
    if (previous === undefined) {
      if (draft.kind === 'priorityDocument') refuseLivePriority(deps.db, bibliographic);
      prepared(deps.db, `INSERT INTO documents (document_id, office, application_number, filing_date, ip_right_type, kind, patent_family_id,
        current_version, available_from, created_at, searching_authority) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`).run(
        documentId, deps.office, bibliographic.applicationNumberText, bibliographic.filingDate, bibliographic.ipRightType, draft.kind,
        (bibliographic.patentFamilyId as string | undefined) ?? null, availableFrom ?? null, depositedAt, (bibliographic.searchingAuthority as string | undefined) ?? null,
      );
    } else {
      const moved = prepared(deps.db, `UPDATE documents SET current_version = ?, available_from = ?, patent_family_id = ?
        WHERE document_id = ? AND current_version = ? AND withdrawn_at IS NULL`).run(
        version, availableFrom ?? null, (bibliographic.patentFamilyId as string | undefined) ?? previous.patent_family_id, documentId, previous.current_version,
      );
      if (moved.changes !== 1) throw new IpexError('DEPOSIT_NOT_DRAFT', `document ${documentId} changed meanwhile (new version or withdrawal); open a new deposit`);
    }
    prepared(deps.db, `INSERT INTO document_versions (document_id, version, bibliographic, manifest_jws, deposited_at, supersedes, deposit_id)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(documentId, version, bibliographicJson, manifestJws, depositedAt, previous?.current_version ?? null, depositId);
    const insertPart = prepared(deps.db, 'INSERT INTO version_parts (document_id, version, name, media_type, size, sha256, p7s) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const p of certified) insertPart.run(documentId, version, p.name, p.mediaType, p.size, p.sha256, signatures.get(p.name)!);
    // Issue 12: what a peer's family search looks the claims up by (docs/dossiers.md).
    const insertClaim = prepared(deps.db, 'INSERT INTO priority_claims (document_id, version, office, application_number, filing_date) VALUES (?, ?, ?, ?, ?)');
    for (const c of priorityClaimsOf(bibliographic)) insertClaim.run(documentId, version, c.ipOfficeCode, c.applicationNumberText, c.filingDate);

    const subject = { documentId, version, office: deps.office, applicationNumber: bibliographic.applicationNumberText };
    const logIndex = deps.audit.appendInTransaction({
      type: 'deposit.committed', actor: auditActor(actor, deps.office), subject, outcome: 'ok',
      details: { documentKind: draft.kind, depositId, ...searchCopyOf(bibliographic), parts: manifest.parts.map((p) => ({ name: p.name, size: p.size, sha256: p.sha256 })) },
    });
    notifyDeposit(deps, { documentId, version, documentKind: draft.kind, applicationNumber: bibliographic.applicationNumberText, depositedAt, availableFrom: availableFrom ?? undefined, logIndex, ...searchCopyOf(bibliographic) });
    // Issue 12: the peers that track this application hear of each dossier document and version (docs/tracked-files.md).
    if (draft.kind !== 'priorityDocument') {
      deps.tracking?.depositedInTransaction({
        documentId, version, documentKind: draft.kind, applicationNumberText: bibliographic.applicationNumberText,
        filingDate: bibliographic.filingDate, ipRightType: bibliographic.ipRightType, depositedAt, logIndex,
      });
    }
    if (previous === undefined && draft.kind === 'priorityDocument') {
      const issued = storeNewAccessCode(deps, documentId, depositedAt, false);
      secrets.accessCode = issued.accessCode;
      secrets.applicantKey = storeNewApplicantKey(deps, documentId, depositedAt);
      storeDefaultPolicy(deps, documentId, depositedAt);
      deps.audit.appendInTransaction({ type: 'access-code.issued', actor: auditActor(actor, deps.office), subject, outcome: 'ok', details: { format: issued.format } });
    }
    alsoInTransaction?.();
  });

  // A first version's view is what was just written; a later version's lists the earlier ones too.
  const view: CommittedView = previous === undefined
    ? firstVersionView({ documentId, kind: draft.kind, bibliographic: bibliographicJson, depositedAt, availableFrom: availableFrom ?? null, parts: certified }, deps.clock.now())
    : documentView(deps.db, loadDocumentRow(deps.db, documentId), deps.clock);
  if (secrets.accessCode !== undefined) view.accessCode = secrets.accessCode;
  if (secrets.applicantKey !== undefined) view.applicantKey = secrets.applicantKey;
  return view;
}

/**
 * The draft's parts as they will be once `stored` are recorded (a name given again replaces its
 * part), in name order; DEPOSIT_PART_CONFLICT, as an upload would be refused, for a name that
 * collides with another. recordPart checks again inside the transaction.
 */
function partsAfter(current: readonly PartRow[], stored: readonly StoredPart[]): PartRow[] {
  const byName = new Map(current.map((p) => [p.name, p]));
  for (const p of stored) {
    checkNameAmong(byName.keys(), p.naming);
    byName.set(p.name, { name: p.name, media_type: p.mediaType, size: p.size, sha256: p.sha256 });
  }
  return inNameOrder([...byName.values()]);
}

/**
 * Part rows by the bytes of their UTF-8 names: one order whatever the database's collation (a
 * PostgreSQL database may sort by its locale), so that the check inside the transaction compares
 * like with like.
 */
function inNameOrder(rows: readonly PartRow[]): PartRow[] {
  return [...rows].sort((a, b) => Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8')));
}

/**
 * The deposit's notifications (docs/notifications.md), in its transaction: `document.deposited`
 * now, and — when the document becomes available later — `document.available` scheduled for
 * that time (checked again then: a withdrawal or a new date cancels it).
 */
function notifyDeposit(deps: DepositDeps, d: {
  documentId: string; version: number; documentKind: string; applicationNumber: string; depositedAt: string; availableFrom: string | undefined; logIndex: number; searchingAuthority?: string;
}): void {
  if (deps.notify === undefined) return;
  deps.notify.emitInTransaction({
    id: `audit-${d.logIndex}`, type: 'document.deposited', time: d.depositedAt,
    data: { documentId: d.documentId, version: d.version, documentKind: d.documentKind, applicationNumber: d.applicationNumber, depositedAt: d.depositedAt,
      ...(d.availableFrom === undefined ? {} : { availableFrom: d.availableFrom }), logIndex: d.logIndex,
      ...(d.searchingAuthority === undefined ? {} : { searchingAuthority: d.searchingAuthority }) },
  });
  if (d.availableFrom !== undefined && Date.parse(d.availableFrom) > Date.parse(d.depositedAt)) scheduleAvailable(deps.notify, d.documentId, d.applicationNumber, d.availableFrom);
}

/** Queues "now available" for `availableFrom`; the same date twice is one message per recipient. */
export function scheduleAvailable(notify: NonNullable<DepositDeps['notify']>, documentId: string, applicationNumber: string, availableFrom: string): void {
  notify.emitInTransaction({
    id: `available-${documentId}-${Math.floor(Date.parse(availableFrom) / 1000)}`, type: 'document.available', time: availableFrom,
    notBefore: availableFrom, applicant: documentId, data: { documentId, applicationNumber, availableFrom },
  });
}

/** `{searchingAuthority}` of a search copy (for its audit entry and event), else nothing. */
function searchCopyOf(b: BibliographicData): { searchingAuthority?: string } {
  return typeof b.searchingAuthority === 'string' ? { searchingAuthority: b.searchingAuthority } : {};
}

/**
 * Issue 15: a search copy goes only to an office of the signed directory — the office that will
 * retrieve it over the exchange API — else SEARCHING_AUTHORITY_UNKNOWN before anything is written.
 */
async function refuseUnlistedAuthority(deps: DepositDeps, code: string): Promise<void> {
  if (!(await deps.listedOffices()).has(code)) {
    throw new IpexError('SEARCHING_AUTHORITY_UNKNOWN', `searching authority ${code} is not an office of the network directory (\`ipex directory show\`): a search copy goes to a participating office`);
  }
}
