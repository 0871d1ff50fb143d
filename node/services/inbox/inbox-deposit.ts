/**
 * Depositing one folder of the watched inbox (issue 15; docs/e-filing.md "The inbox folder"),
 * through the deposit service — the same checks, certification, audit entries and notifications
 * as the office API — and without ever depositing it twice, even when the node stops at any
 * instant. The import journal (migration 017, import-journal.ts) holds each folder by its name:
 *
 * 1. `started`, naming the draft, is durable before the first part is stored;
 * 2. the commit marks that draft committed in the transaction that makes the document;
 * 3. `secrets.json` (mode 0600, a new priority document's access code and applicant key) and then
 *    `receipt.json` are written atomically (temporary file, fsync, rename) into the folder;
 * 4. the journal row is `done`, and the folder moves from `work/` to `done/`.
 *
 * A folder found in `work/` (the node stopped while it worked on it) is taken up again from the
 * journal: a committed draft is not deposited again — only its receipt is written, and for a
 * priority document whose `secrets.json` was not written yet a new access code and applicant key
 * are issued (`import.secrets-reissued`), as `ipex import` does.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IpexError } from '../../../protocol/errors/index.js';
import type { DepositService } from '../deposit/deposit-service.js';
import { readDocumentFolder } from '../import/document-folder.js';
import { ImportJournal } from '../import/import-journal.js';
import { reissueSecrets } from '../import/import-secrets.js';

/** Inbox deposits are the node's own: audited with the node as actor, like `ipex import`. */
const ACTOR = { kind: 'cli' } as const;

export interface InboxReceipt {
  readonly documentId: string;
  readonly version: number;
  readonly documentKind: string;
  readonly applicationNumber: string;
  readonly depositedAt: string;
  /** True when the node stopped after the deposit and issued the access code and applicant key again. */
  readonly secretsReissued?: boolean;
}

/** The journal key of an inbox folder: its name. */
export function inboxKey(name: string): string {
  return createHash('sha256').update(`inbox\n${name}`).digest('hex');
}

/**
 * Deposits the folder `dir` (in `work/`) named `name`; resolves with its receipt.
 * @param resumed the folder was in `work/` when this pass began (the node stopped while on it)
 * @throws IpexError why the folder cannot be deposited (it goes to `failed/`)
 */
export async function depositInboxFolder(service: DepositService, journal: ImportJournal, dir: string, name: string, resumed: boolean): Promise<InboxReceipt> {
  const key = inboxKey(name);
  const entry = journal.get(key);
  if (entry !== undefined && !resumed) {
    throw new IpexError('INBOX_NAME_USED', `a folder named ${JSON.stringify(name)} was deposited from the inbox before${entry.document_id === null ? '' : ` (document ${entry.document_id})`}: a new document needs a new folder name; a correction is a new version (deposit.json "supersedes")`);
  }
  if (entry !== undefined) {
    const outcome = journal.outcome(entry.deposit_id);
    if (outcome.state === 'committed') return finish(service, journal, dir, key, outcome.documentId, undefined);
    if (outcome.state === 'draft') service.abandon(entry.deposit_id);
  }
  const folder = readDocumentFolder(dir);
  const draft = service.createDraft(folder.input, ACTOR);
  try {
    await journal.start(key, folder.digest, draft.depositId, 0);
    for (const part of folder.parts) await service.uploadPart(draft.depositId, part.name, part.mediaType, createReadStream(part.file));
    const doc = await service.commit(draft.depositId, ACTOR);
    return await finish(service, journal, dir, key, doc.documentId, doc.accessCode === undefined ? undefined : { accessCode: doc.accessCode, applicantKey: doc.applicantKey! });
  } catch (err) {
    const outcome = journal.outcome(draft.depositId);
    if (outcome.state === 'committed') {
      // Deposited: never a refusal of the folder. Not an IpexError, so it stays in work/ and the
      // next look finishes it from the journal.
      throw new Error(`deposited as ${outcome.documentId}, but its receipt could not be written: ${(err as Error).message}`, { cause: err });
    }
    try { service.abandon(draft.depositId); } catch { /* gone */ }
    await journal.forget(key);
    throw err;
  }
}

/** Writes the secrets and the receipt of a committed folder, then records it done. */
async function finish(service: DepositService, journal: ImportJournal, dir: string, key: string, documentId: string, secrets: { accessCode: string; applicantKey: string } | undefined): Promise<InboxReceipt> {
  const doc = service.get(documentId);
  let reissued = false;
  const secretsFile = join(dir, 'secrets.json');
  if (secrets === undefined && doc.documentKind === 'priorityDocument' && doc.version === 1 && !existsSync(secretsFile) && !existsSync(join(dir, 'receipt.json'))) {
    secrets = reissueSecrets(service.deps, documentId, ACTOR); // the node stopped before they were written
    reissued = true;
  }
  if (secrets !== undefined) await writeAtomically(secretsFile, { documentId, applicationNumber: doc.bibliographicData.applicationNumberText, ...secrets }, 0o600);
  const receipt: InboxReceipt = {
    documentId, version: doc.version, documentKind: doc.documentKind, applicationNumber: doc.bibliographicData.applicationNumberText, depositedAt: doc.depositedAt,
    ...(reissued ? { secretsReissued: true } : {}),
  };
  if (!existsSync(join(dir, 'receipt.json'))) await writeAtomically(join(dir, 'receipt.json'), receipt, 0o644);
  await journal.finish([{ key, documentId }]);
  return receipt;
}

/** Writes JSON to a temporary file created with `mode`, fsyncs it, and renames it into place. */
export async function writeAtomically(file: string, value: unknown, mode: number): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.tmp`); // a dot: never taken for a part
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
