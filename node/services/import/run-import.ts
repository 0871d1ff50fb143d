/**
 * `ipex import` (issue 15, docs/importing.md): deposits a digitised archive — a folder with an
 * index.csv and the parts it names, and/or document folders of ST.96 XML and parts under
 * `documents/` (archive-folder-row.ts) — through the deposit service, the same code as the office
 * API, so every rule of a deposit holds for every imported document.
 *
 * Two passes over the index. The first checks every row (archive-row.ts), finds duplicates and
 * reads the journal (import-journal.ts): rows done by an earlier run are skipped, rows it left
 * unfinished are resumed. A dry run stops there. The second deposits the rows that passed, many
 * in flight, so that their part rows and commits share the deposit service's group commits (one
 * WAL fsync for many documents, docs/operations.md "What done means") — each document is still
 * answered only once durable. A row whose deposit fails is reported and the import goes on.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import type { DepositService } from '../deposit/deposit-service.js';
import { checkFolderRow, documentFolders, DOCUMENTS_FOLDER } from './archive-folder-row.js';
import { checkRow, indexColumns, type ImportRow, type RefusedRow } from './archive-row.js';
import { readCsv, type CsvRecord } from './csv.js';
import { partSource } from './part-source.js';
import { ImportJournal } from './import-journal.js';
import { writeImportReport, type ImportCounts, type SkippedRow } from './import-report.js';
import { reissueSecrets, type DocumentSecrets, type SecretsFile } from './import-secrets.js';

const ACTOR = { kind: 'cli' } as const;

export interface ImportOptions {
  readonly dir: string;
  readonly outDir: string;
  readonly dryRun: boolean;
  /** Deposits in flight at once. */
  readonly concurrency?: number;
  /** Rows the check pass keeps for the deposit pass, at most (default HELD_ROWS; tests set it low). */
  readonly heldRows?: number;
  /** Present unless a dry run: where access codes and applicant keys go. */
  readonly secrets?: SecretsFile;
  readonly onEvent?: (event: ImportEvent) => void;
}

export type ImportEvent =
  | { event: 'validated'; rows: number; toDeposit: number; bytesToDeposit: number; skipped: number; refused: number }
  | { event: 'deposited'; line: number; folder?: string; documentId: string; bytes: number }
  | { event: 'refused'; line: number; folder?: string; code: string };

export interface ImportResult {
  readonly counts: ImportCounts;
  readonly report: { csv: string; json: string };
  /** The secrets written, for the letters. */
  readonly secrets: readonly DocumentSecrets[];
}

export async function runImport(service: DepositService, options: ImportOptions): Promise<ImportResult> {
  const deps = service.deps;
  const startedAt = deps.clock.now().toISOString();
  const index = join(options.dir, 'index.csv');
  if (!existsSync(index) && !existsSync(join(options.dir, DOCUMENTS_FOLDER))) {
    throw new IpexError('IMPORT_INDEX_INVALID', `${options.dir} has neither index.csv nor ${DOCUMENTS_FOLDER}/: an archive folder holds index.csv and the parts it names, or a folder per document under ${DOCUMENTS_FOLDER}/ (docs/importing.md)`);
  }
  const journal = new ImportJournal(deps.db, options.dir, () => deps.clock.now().toISOString());
  const context = { dir: options.dir, office: deps.office, now: deps.clock.now(), sniff: true };
  const refused: RefusedRow[] = [];
  const skipped: SkippedRow[] = [];
  const toDeposit = new Set<string>();
  const seen = new Map<string, string>();
  let rows = 0;
  let bytesToDeposit = 0;
  // The rows to deposit, kept from this pass for the next so that the index is read and checked
  // once; an archive with more rows than HELD_ROWS is read again instead, to bound the memory.
  let held: ImportRow[] | undefined = [];

  // Pass 1: check every row, and what the journal knows of it.
  for await (const { row, refusal } of archiveRows(index, context)) {
    rows++;
    if (refusal !== undefined) {
      refused.push(refusal);
      continue;
    }
    const earlier = seen.get(row.key);
    if (earlier !== undefined) {
      refused.push({ ...at(row), applicationNumber: row.printedNumber, code: 'IMPORT_ROW_DUPLICATE', reason: `the same document (kind, number, filing date and parts) as ${earlier}` });
      continue;
    }
    seen.set(row.key, row.folder ?? `line ${row.line}`);
    const entry = journal.get(row.key);
    if (entry?.state === 'done' && entry.row_digest === row.digest) {
      skipped.push({ ...at(row), applicationNumber: row.printedNumber, documentId: entry.document_id ?? '' });
    } else if (entry?.state === 'done') {
      refused.push({ ...at(row), applicationNumber: row.printedNumber, code: 'IMPORT_ROW_CHANGED',
        reason: `imported before as ${entry.document_id ?? '?'} from a row with other content: a correction is a new version (ipex deposit --supersedes), not a second import` });
    } else {
      toDeposit.add(refOf(row));
      bytesToDeposit += row.bytes;
      if (held !== undefined && held.length < (options.heldRows ?? HELD_ROWS)) held.push(row);
      else held = undefined;
    }
  }
  options.onEvent?.({ event: 'validated', rows, toDeposit: toDeposit.size, bytesToDeposit, skipped: skipped.length, refused: refused.length });

  const secrets: DocumentSecrets[] = [];
  let deposited = 0;
  let completed = 0;
  let bytes = 0;
  if (!options.dryRun) {
    const writer = new SecretsBatcher(options.secrets, journal, secrets);
    const writes: Promise<void>[] = [];
    const depositRow = async (row: ImportRow): Promise<void> => {
      const entry = journal.get(row.key);
      if (entry !== undefined) {
        const outcome = journal.outcome(entry.deposit_id);
        if (outcome.state === 'committed') {
          // Deposited by the run that was stopped: only its secrets may be lost. Issue them again.
          const again = row.kind === 'priorityDocument' ? reissueSecrets(deps, outcome.documentId, ACTOR) : undefined;
          await writer.add(row.key, outcome.documentId, again === undefined ? undefined : { documentId: outcome.documentId, applicationNumber: row.applicationNumber, ...again, reissued: true });
          completed++;
          options.onEvent?.({ event: 'deposited', ...at(row), documentId: outcome.documentId, bytes: row.bytes });
          return;
        }
        if (outcome.state === 'draft') service.abandon(entry.deposit_id);
      }
      let depositId: string | undefined;
      let doc;
      try {
        // The draft checked but not written; the parts stored; then the draft, its parts, the
        // document and the journal's start of the row in the commit's one transaction: one group
        // commit (one WAL fsync round) per document, and nothing to resume from a run killed before it.
        const draft = service.prepareDraft(row.input, ACTOR);
        depositId = draft.depositId;
        const stored = [];
        for (const part of row.parts) stored.push(await service.storePart(draft, part.name, part.mediaType, await partSource(part.file, part.size)));
        doc = await service.commit(draft, ACTOR, stored, () => journal.startInTransaction(row.key, row.digest, draft.depositId, row.line));
      } catch (err) {
        if (!isIpexError(err)) throw err;
        if (depositId !== undefined) {
          try { service.abandon(depositId); } catch { /* committed or gone */ }
          await journal.forget(row.key);
        }
        refused.push({ ...at(row), applicationNumber: row.printedNumber, code: err.code, reason: err.message });
        options.onEvent?.({ event: 'refused', ...at(row), code: err.code });
        return;
      }
      // Committed: from here a failure stops the import (the journal keeps the row started, so the
      // next run completes it and issues its secrets again), it never makes the row be deposited again.
      // Not awaited here: the slot goes to the next row while the secrets of many commits are
      // written in one batch (one fsync); the run awaits every batch before it ends.
      const written = writer.add(row.key, doc.documentId, doc.accessCode === undefined || doc.applicantKey === undefined ? undefined
        : { documentId: doc.documentId, applicationNumber: row.applicationNumber, accessCode: doc.accessCode, applicantKey: doc.applicantKey, reissued: false });
      written.catch(() => undefined); // reported by the Promise.all below, not as an unhandled rejection meanwhile
      writes.push(written);
      deposited++;
      bytes += row.bytes;
      options.onEvent?.({ event: 'deposited', ...at(row), documentId: doc.documentId, bytes: row.bytes });
    };

    // Pass 2: deposit, `concurrency` rows in flight; parts are checked again as they stream.
    const inFlight = new Set<Promise<void>>();
    for await (const row of held ?? rowsAgain(index, { ...context, sniff: false }, toDeposit)) {
      const work: Promise<void> = depositRow(row).finally(() => inFlight.delete(work));
      inFlight.add(work);
      if (inFlight.size >= (options.concurrency ?? DEFAULT_CONCURRENCY)) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    await Promise.all(writes);
    await writer.flush();
  }

  const counts: ImportCounts = { rows, deposited, completed, skipped: skipped.length, refused: refused.length, bytes };
  const report = writeImportReport(options.outDir, { archive: options.dir, dryRun: options.dryRun, startedAt, finishedAt: deps.clock.now().toISOString(), counts, refused, skipped });
  return { counts, report, secrets };
}

/**
 * Deposits in flight unless `--concurrency` says otherwise. More in flight make larger group
 * commits, and a larger group commit costs less per document (its WAL frames, locks and fsync are
 * shared): on the benchmark machine 16 gave ~350–400 documents/s, 32 ~400–450 and 64 ~460–530
 * (issue 15). Memory: a part of up to 256 KiB is held whole while it is stored, so at most ~16 MiB.
 */
export const DEFAULT_CONCURRENCY = 64;

/** Rows of the check pass kept for the deposit pass, at most: about 2 KB each. */
const HELD_ROWS = 25_000;

type Checked = { row: ImportRow; refusal?: undefined } | { row?: undefined; refusal: RefusedRow };

/** Where a row is in the archive: its line, or its folder. */
function at(row: ImportRow): { line: number; folder?: string } {
  return row.folder === undefined ? { line: row.line } : { line: row.line, folder: row.folder };
}

function refOf(row: ImportRow): string {
  return row.folder ?? `line ${row.line}`;
}

/** The checked rows of the archive: index.csv's, then the document folders'. */
async function* archiveRows(index: string, context: Parameters<typeof checkRow>[2]): AsyncGenerator<Checked> {
  if (existsSync(index)) yield* rowsOf(index, context);
  for (const name of documentFolders(context.dir)) {
    const result = checkFolderRow(name, context);
    yield result.ok ? { row: result.row } : { refusal: result.refused };
  }
}

/** The rows to deposit, read and checked again (an archive of more than HELD_ROWS rows). */
async function* rowsAgain(index: string, context: Parameters<typeof checkRow>[2], toDeposit: ReadonlySet<string>): AsyncGenerator<ImportRow> {
  for await (const { row } of archiveRows(index, context)) {
    if (row !== undefined && toDeposit.has(refOf(row))) yield row;
  }
}

/** The checked rows of the index, after its header. */
async function* rowsOf(index: string, context: Parameters<typeof checkRow>[2]): AsyncGenerator<Checked> {
  let columns: ReturnType<typeof indexColumns> | undefined;
  for await (const record of readCsv(createReadStream(index)) as AsyncGenerator<CsvRecord>) {
    if (columns === undefined) {
      columns = indexColumns(record);
      continue;
    }
    const result = checkRow(record, columns, context);
    yield result.ok ? { row: result.row } : { refusal: result.refused };
  }
  if (columns === undefined) throw new IpexError('IMPORT_INDEX_INVALID', `${index} is empty: it needs a header row`);
}

/**
 * Collects the secrets of deposits as they commit and writes them in batches: one fsync of the
 * secrets file, then one journal transaction marking the rows done, for every batch.
 */
class SecretsBatcher {
  #pending: { key: string; documentId: string; secrets?: DocumentSecrets }[] = [];
  #flushing: Promise<void> = Promise.resolve();
  readonly #file: SecretsFile | undefined;
  readonly #journal: ImportJournal;
  readonly #all: DocumentSecrets[];

  constructor(file: SecretsFile | undefined, journal: ImportJournal, all: DocumentSecrets[]) {
    this.#file = file;
    this.#journal = journal;
    this.#all = all;
  }

  /** Resolves once the secrets are durable in the file and the row is done in the journal. */
  add(key: string, documentId: string, secrets: DocumentSecrets | undefined): Promise<void> {
    this.#pending.push({ key, documentId, ...(secrets === undefined ? {} : { secrets }) });
    return this.flush();
  }

  flush(): Promise<void> {
    // Chained: a batch is written while the next one gathers (like the group commit).
    this.#flushing = this.#flushing.then(async () => {
      const batch = this.#pending;
      this.#pending = [];
      if (batch.length === 0) return;
      const secrets = batch.flatMap((b) => (b.secrets === undefined ? [] : [b.secrets]));
      if (secrets.length > 0) {
        if (this.#file === undefined) throw new IpexError('INTERNAL', 'an import that deposits needs a secrets file');
        await this.#file.append(secrets);
        this.#all.push(...secrets);
      }
      await this.#journal.finish(batch.map((b) => ({ key: b.key, documentId: b.documentId })));
    });
    return this.#flushing;
  }
}
