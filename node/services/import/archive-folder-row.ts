/**
 * A document folder of an archive (issue 15, docs/importing.md "Document folders"): instead of (or
 * beside) a row of index.csv, `documents/<name>/` holds one document's ST.96 bibliographic XML
 * (or deposit.json) and its parts, read as the watched inbox reads its folders
 * (document-folder.ts). It becomes an ImportRow like a CSV row — checked by the same deposit
 * rules, the parts' bytes against their extensions, the same journal identity — so the journal,
 * resumption, the report and the secrets treat both alike. Its reference in the report and the
 * events is its folder (`documents/<name>`) instead of a line.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isIpexError } from '../../../protocol/errors/index.js';
import { checkDepositRequest } from '../deposit/bibliographic.js';
import { identified, partBytesRefusal, type RowResult } from './archive-row.js';
import { readDocumentFolder } from './document-folder.js';

export const DOCUMENTS_FOLDER = 'documents';

/** The names of the archive's document folders, in order; none when it has no `documents/`. */
export function documentFolders(dir: string): string[] {
  try {
    return readdirSync(join(dir, DOCUMENTS_FOLDER), { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Checks the folder `documents/<name>` of the archive `context.dir`. */
export function checkFolderRow(name: string, context: { dir: string; office: string; now: Date; sniff: boolean }): RowResult {
  const folder = `${DOCUMENTS_FOLDER}/${name}`;
  let printed = '';
  const refuse = (code: string, reason: string): RowResult => ({ ok: false, refused: { line: 0, folder, applicationNumber: printed, code, reason } });
  try {
    const read = readDocumentFolder(join(context.dir, DOCUMENTS_FOLDER, name));
    const number = (read.input.bibliographicData as { applicationNumberText?: unknown } | undefined)?.applicationNumberText;
    if (typeof number === 'string') printed = number;
    const checked = checkDepositRequest(read.input, context.office, context.now);
    const parts = read.parts.map((p) => ({ ...p, path: `${folder}/${p.name}` }));
    for (const part of parts) {
      const wrong = context.sniff ? partBytesRefusal(part) : undefined;
      if (wrong !== undefined) return refuse('PART_MEDIA_TYPE_MISMATCH', wrong);
    }
    return { ok: true, row: { line: 0, folder, ...identified(checked, parts), input: read.input, printedNumber: printed } };
  } catch (err) {
    if (!isIpexError(err)) throw err;
    return refuse(err.code, err.message);
  }
}
