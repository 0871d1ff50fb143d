/**
 * The secrets of an import (issue 15, docs/importing.md "The secrets file"): the access code and
 * applicant key of every priority document it deposits, written to `secrets.csv` in the run's
 * output folder — created with mode 0600, refused if it exists — and never to the terminal or a
 * log. Lines are appended in batches and fsynced before the journal records the rows as done, so
 * a run killed before that issues those documents' secrets again (`reissueSecrets`) instead of
 * losing them. The node itself keeps only hashes.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { IpexError } from '../../../protocol/errors/index.js';
import { storeNewAccessCode, storeNewApplicantKey } from '../deposit/access-control.js';
import { auditActor, prepared, type Actor, type DepositDeps } from '../deposit/deposit-deps.js';

export interface DocumentSecrets {
  readonly documentId: string;
  readonly applicationNumber: string;
  readonly accessCode: string;
  readonly applicantKey: string;
  /** Issued again by this run for a document an earlier, killed run deposited. */
  readonly reissued: boolean;
}

export const SECRETS_HEADER = 'documentId,applicationNumber,accessCode,applicantKey,reissued';

export class SecretsFile {
  readonly path: string;
  readonly #file: FileHandle;
  #written = 0;

  private constructor(path: string, file: FileHandle) {
    this.path = path;
    this.#file = file;
  }

  /** Creates the file, 0600 from its first byte; ALREADY_EXISTS when it exists. */
  static async create(path: string): Promise<SecretsFile> {
    let file: FileHandle;
    try {
      file = await open(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new IpexError('ALREADY_EXISTS', `${path} already exists: ipex never overwrites a secrets file`, { cause: err });
      throw err;
    }
    const secrets = new SecretsFile(path, file);
    await file.write(`${SECRETS_HEADER}\n`);
    return secrets;
  }

  get count(): number {
    return this.#written;
  }

  /** Appends the secrets and fsyncs the file: when this resolves they survive a power cut. */
  async append(entries: readonly DocumentSecrets[]): Promise<void> {
    if (entries.length === 0) return;
    // Document ids, numbers, codes and keys hold no comma, quote or line break (their formats forbid them).
    const text = entries.map((e) => `${e.documentId},${e.applicationNumber},${e.accessCode},${e.applicantKey},${e.reissued ? 'yes' : 'no'}\n`).join('');
    await this.#file.write(text);
    await this.#file.sync();
    this.#written += entries.length;
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}

/**
 * A new access code and applicant key for a document an earlier import run deposited but may not
 * have written the secrets of: the old code stops working, the old keys are revoked, in one
 * transaction with the audit entry `import.secrets-reissued`.
 */
export function reissueSecrets(deps: DepositDeps, documentId: string, actor: Actor): { accessCode: string; applicantKey: string } {
  const at = deps.clock.now().toISOString();
  return deps.db.transaction(() => {
    const doc = prepared(deps.db, 'SELECT application_number FROM documents WHERE document_id = ?').get(documentId) as { application_number: string } | undefined;
    if (doc === undefined) throw new IpexError('DOCUMENT_NOT_FOUND', `no document ${documentId}`);
    const issued = storeNewAccessCode(deps, documentId, at, true);
    prepared(deps.db, 'UPDATE applicant_keys SET revoked_at = ? WHERE document_id = ? AND revoked_at IS NULL').run(at, documentId);
    const applicantKey = storeNewApplicantKey(deps, documentId, at);
    deps.audit.appendInTransaction({
      type: 'import.secrets-reissued', actor: auditActor(actor, deps.office), outcome: 'ok',
      subject: { documentId, office: deps.office, applicationNumber: doc.application_number },
      details: { format: issued.format, reason: 'an earlier import run stopped before the secrets were safely written' },
    });
    return { accessCode: issued.accessCode, applicantKey };
  })();
}
