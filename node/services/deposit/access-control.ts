/**
 * Access codes, applicant keys and access policies of priority documents (docs/design.md §6).
 *
 * - The access code is stored only as HMAC-SHA-256 under the node secret (protocol/access-code
 *   hash.ts); it is returned once, when issued or regenerated, and a regeneration replaces the
 *   hash in the same statement, so the old code stops working at once.
 * - The applicant key is 32 random bytes (base64url, prefix `ipexak_`), stored as SHA-256; it
 *   is compared in constant time against the keys of the one document it is used on.
 * - The policy is "any participating office" (the default on deposit: the access code is what
 *   the applicant hands out) or an explicit list of ST.3 codes, each listed in the signed
 *   directory (issue 10, item 11: an office that is not in the network could never retrieve,
 *   so naming one is a mistake, most likely a typo for another office).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import { formatAccessCode, generateAccessCode, hashAccessCode, accessCodeMatches, parseAccessCode } from '../../../protocol/access-code/index.js';
import { isSt3Code } from '../../../protocol/st3/index.js';
import { auditActor, type Actor, type CodeFormatSetting, type DepositDeps, prepared } from './deposit-deps.js';
import { loadDocumentRow, type DocumentRow } from './document-rows.js';
import type { SqliteDatabase } from '../../storage/database.js';

export const APPLICANT_KEY_PREFIX = 'ipexak_';

/** A newly issued access code, shown once. */
export interface IssuedCode {
  readonly accessCode: string;
  readonly format: CodeFormatSetting;
  readonly issuedAt: string;
}

export type AccessPolicyView = { allowedOffices: string[] } | { anyParticipatingOffice: true };

export interface AccessStateView {
  policy: AccessPolicyView;
  lockedOffices: { office: string; until: string }[];
  codeFormat?: CodeFormatSetting;
  codeIssuedAt?: string;
}

/** Draws a code and stores its keyed hash; call inside the transaction that creates the document. */
export function storeNewAccessCode(deps: DepositDeps, documentId: string, at: string, replace: boolean): IssuedCode {
  const format = deps.codeFormat;
  const code = generateAccessCode(deps.random, format === 'das-hex' ? 'das' : 'crockford');
  const hash = hashAccessCode(code, deps.accessCodeKey()).toString('hex');
  if (replace) {
    prepared(deps.db, 'UPDATE access_codes SET code_hash = ?, format = ?, regenerated_at = ? WHERE document_id = ?').run(hash, format, at, documentId);
  } else {
    prepared(deps.db, 'INSERT INTO access_codes (document_id, code_hash, format, issued_at) VALUES (?, ?, ?, ?)').run(documentId, hash, format, at);
  }
  return { accessCode: formatAccessCode(code), format, issuedAt: at };
}

/** Draws an applicant key and stores its SHA-256; call inside the creating transaction. */
export function storeNewApplicantKey(deps: DepositDeps, documentId: string, at: string): string {
  const key = `${APPLICANT_KEY_PREFIX}${deps.random.bytes(32).toString('base64url')}`;
  prepared(deps.db, 'INSERT INTO applicant_keys (document_id, key_sha256, created_at) VALUES (?, ?, ?)').run(documentId, sha256Hex(key), at);
  return key;
}

/** The default policy of a new priority document is to allow every participating office. */
export function storeDefaultPolicy(deps: DepositDeps, documentId: string, at: string): void {
  prepared(deps.db, "INSERT INTO access_policies (document_id, any_participating, allowed_offices, updated_at) VALUES (?, 1, '[]', ?)").run(documentId, at);
}

/** True when `key` is a live applicant key of `documentId` (constant-time comparison of hashes). */
export function applicantKeyMatches(deps: DepositDeps, documentId: string, key: string): boolean {
  const presented = Buffer.from(sha256Hex(key), 'hex');
  const rows = prepared(deps.db, 'SELECT key_sha256 FROM applicant_keys WHERE document_id = ? AND revoked_at IS NULL').all(documentId) as { key_sha256: string }[];
  let ok = false;
  for (const row of rows) {
    const stored = Buffer.from(row.key_sha256, 'hex');
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) ok = true;
  }
  return ok;
}

/**
 * True when `key` is a live applicant key of some document: found by its SHA-256, like a staff
 * token (a 256-bit random key cannot be guessed from the timing of an index look-up). Used only
 * to tell a caller that a key is an applicant key, never which document it belongs to.
 */
export function isLiveApplicantKey(db: SqliteDatabase, key: string): boolean {
  if (!key.startsWith(APPLICANT_KEY_PREFIX)) return false;
  return prepared(db, 'SELECT 1 FROM applicant_keys WHERE key_sha256 = ? AND revoked_at IS NULL').get(sha256Hex(key)) !== undefined;
}

/** True when `input` is the current access code of `documentId` (for the retrieval side). */
export function accessCodeMatchesDocument(deps: DepositDeps, documentId: string, input: string): boolean {
  const row = prepared(deps.db, 'SELECT code_hash, format FROM access_codes WHERE document_id = ?').get(documentId) as { code_hash: string; format: CodeFormatSetting } | undefined;
  if (row === undefined) return false;
  let code;
  try {
    code = parseAccessCode(input, row.format === 'das-hex' ? 'das' : 'crockford');
  } catch {
    return false;
  }
  return accessCodeMatches(code, Buffer.from(row.code_hash, 'hex'), deps.accessCodeKey());
}

/** The access state of a priority document. */
export function accessState(deps: DepositDeps, documentId: string): AccessStateView {
  priorityDocument(deps, documentId);
  const policy = prepared(deps.db, 'SELECT any_participating, allowed_offices FROM access_policies WHERE document_id = ?').get(documentId) as
    { any_participating: number; allowed_offices: string } | undefined;
  const code = prepared(deps.db, 'SELECT format, issued_at, regenerated_at FROM access_codes WHERE document_id = ?').get(documentId) as
    { format: CodeFormatSetting; issued_at: string; regenerated_at: string | null } | undefined;
  const now = deps.clock.now().toISOString();
  const locks = prepared(deps.db, 'SELECT office, locked_until FROM access_locks WHERE document_id = ? AND locked_until > ? ORDER BY office').all(documentId, now) as
    { office: string; locked_until: string }[];
  const view: AccessStateView = {
    policy: policy === undefined || policy.any_participating === 1
      ? { anyParticipatingOffice: true }
      : { allowedOffices: JSON.parse(policy.allowed_offices) as string[] },
    lockedOffices: locks.map((l) => ({ office: l.office, until: l.locked_until })),
  };
  if (code !== undefined) {
    view.codeFormat = code.format;
    view.codeIssuedAt = code.regenerated_at ?? code.issued_at;
  }
  return view;
}

/** Sets the policy; bad input changes nothing. */
export async function setAccessPolicy(deps: DepositDeps, documentId: string, input: unknown, actor: Actor): Promise<AccessStateView> {
  const policy = checkPolicy(input);
  priorityDocument(deps, documentId); // an unknown document is named before the offices (checked again below)
  if ('allowedOffices' in policy && policy.allowedOffices.length > 0) {
    const listed = await deps.listedOffices();
    const unknown = policy.allowedOffices.filter((office) => !listed.has(office));
    if (unknown.length > 0) {
      throw new IpexError('ACCESS_OFFICE_UNKNOWN',
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the network directory; an access policy may name only participating offices (see \`ipex directory show\`)`);
    }
  }
  const at = deps.clock.now().toISOString();
  deps.db.transaction(() => {
    const doc = priorityDocument(deps, documentId);
    if (doc.withdrawn_at !== null) throw new IpexError('DOCUMENT_WITHDRAWN', `document ${documentId} is withdrawn; its access cannot change`);
    const any = 'anyParticipatingOffice' in policy ? 1 : 0;
    const list = 'allowedOffices' in policy ? policy.allowedOffices : [];
    prepared(deps.db, `INSERT INTO access_policies (document_id, any_participating, allowed_offices, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (document_id) DO UPDATE SET any_participating = excluded.any_participating, allowed_offices = excluded.allowed_offices, updated_at = excluded.updated_at`)
      .run(documentId, any, JSON.stringify(list), at);
    deps.audit.appendInTransaction({
      type: 'access.changed', actor: auditActor(actor, deps.office), outcome: 'ok',
      subject: { documentId, office: deps.office, applicationNumber: doc.application_number },
      details: { policy },
    });
  })();
  return accessState(deps, documentId);
}

/** Issues a new code; the old one stops working when this returns. */
export function regenerateAccessCode(deps: DepositDeps, documentId: string, actor: Actor): IssuedCode {
  const at = deps.clock.now().toISOString();
  return deps.db.transaction(() => {
    const doc = priorityDocument(deps, documentId);
    if (doc.withdrawn_at !== null) throw new IpexError('DOCUMENT_WITHDRAWN', `document ${documentId} is withdrawn; no new access code is issued`);
    const exists = prepared(deps.db, 'SELECT 1 FROM access_codes WHERE document_id = ?').get(documentId) !== undefined;
    const issued = storeNewAccessCode(deps, documentId, at, exists);
    const logIndex = deps.audit.appendInTransaction({
      type: 'access-code.regenerated', actor: auditActor(actor, deps.office), outcome: 'ok',
      subject: { documentId, office: deps.office, applicationNumber: doc.application_number },
      details: { format: issued.format },
    });
    // The applicant hears of every new code (never the code itself): one they did not ask for is a warning.
    deps.notify?.emitInTransaction({
      id: `audit-${logIndex}`, type: 'document.access_code_regenerated', time: at, applicant: documentId,
      data: { documentId, applicationNumber: doc.application_number, logIndex },
    });
    return issued;
  })();
}

/** Checks an access policy from the wire or the CLI. */
export function checkPolicy(input: unknown): AccessPolicyView {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new IpexError('INVALID_INPUT', 'the access policy must be an object');
  const p = input as Record<string, unknown>;
  const keys = Object.keys(p);
  if (keys.length === 1 && p.anyParticipatingOffice === true) return { anyParticipatingOffice: true };
  if (keys.length === 1 && Array.isArray(p.allowedOffices)) {
    const list = p.allowedOffices as unknown[];
    if (list.length > 300) throw new IpexError('INVALID_INPUT', 'at most 300 offices may be listed');
    const offices = list.map((o) => {
      if (typeof o !== 'string' || !isSt3Code(o.toUpperCase())) throw new IpexError('OFFICE_CODE_INVALID', `${JSON.stringify(String(o).slice(0, 8))} is not an ST.3 office code`);
      return o.toUpperCase();
    });
    return { allowedOffices: [...new Set(offices)].sort() };
  }
  throw new IpexError('INVALID_INPUT', 'the access policy is either {"allowedOffices": [...]} or {"anyParticipatingOffice": true}');
}

function priorityDocument(deps: DepositDeps, documentId: string): DocumentRow {
  const doc = loadDocumentRow(deps.db, documentId);
  if (doc.kind !== 'priorityDocument') throw new IpexError('NOT_PRIORITY_DOCUMENT', `document ${documentId} is a ${doc.kind}, not a priority document`);
  return doc;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
