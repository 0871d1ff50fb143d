/**
 * One document as a folder (issue 15; docs/e-filing.md "A document folder"): what an office's
 * e-filing system drops in the watched inbox, and what an archive's `documents/` holds for
 * `ipex import` — "bibliographic XML or JSON and parts" in one place:
 *
 *   deposit.json        the deposit request as `POST /deposits` takes it, or
 *   bibliographic.xml   WIPO ST.96 bibliographic XML (protocol/st96/bibliographic-read.ts), with
 *                       an optional deposit.json for what ST.96 has no element for (documentKind,
 *                       availableFrom, supersedes, bibliographicData.ipRightType|patentFamilyId|
 *                       searchingAuthority); a priority document of a patent by default;
 *   every other file    a part, named as the file, its media type from its extension.
 *
 * Names starting with `.` and the inbox's `ready`, `receipt.json`, `secrets.json` and
 * `reason.json` are not parts. A subfolder, a link or anything else that is not a plain file is
 * refused: a link could make the node certify a file of its own machine. The bibliographic data
 * is read here; its meaning is checked by the deposit service's own rules (bibliographic.ts).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { mediaTypeOfName } from '../../../protocol/files/media-type-sniff.js';
import { readSt96Bibliographic } from '../../../protocol/st96/bibliographic-read.js';
import { MAX_XML_BYTES } from '../../../protocol/st96/xml-reader.js';
import type { DepositInput } from '../deposit/bibliographic.js';
import type { ImportPart } from './archive-row.js';

export const DEPOSIT_JSON = 'deposit.json';
export const ST96_XML = 'bibliographic.xml';
/** Files the inbox writes or reads beside the parts; never parts themselves. */
export const NOT_PARTS = new Set([DEPOSIT_JSON, ST96_XML, 'ready', 'receipt.json', 'secrets.json', 'reason.json']);
const ST96_EXTRAS = ['ipRightType', 'patentFamilyId', 'searchingAuthority'];
const REQUEST_MEMBERS = ['documentKind', 'bibliographicData', 'availableFrom', 'supersedes'];

export interface DocumentFolder {
  readonly input: DepositInput;
  readonly parts: readonly ImportPart[];
  readonly bytes: number;
  /** SHA-256 of the request and the parts' names and sizes: tells a changed folder from the same one. */
  readonly digest: string;
}

/**
 * Reads a document folder.
 * @throws IpexError DOCUMENT_FOLDER_INVALID, ST96_INVALID (the XML, naming line and element)
 */
export function readDocumentFolder(dir: string): DocumentFolder {
  const refuse = (why: string): never => {
    throw new IpexError('DOCUMENT_FOLDER_INVALID', why);
  };
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    return refuse(`cannot read the folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const parts: ImportPart[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const file = join(dir, name);
    const stats = lstatSync(file);
    if (!stats.isFile()) refuse(`${name} is ${stats.isDirectory() ? 'a folder' : stats.isSymbolicLink() ? 'a link' : 'not a plain file'}: a document folder holds plain files only (the parts beside ${DEPOSIT_JSON} or ${ST96_XML})`);
    if (!NOT_PARTS.has(name)) parts.push({ path: name, file, name, mediaType: mediaTypeOfName(name), size: stats.size });
  }
  const json = names.includes(DEPOSIT_JSON) ? requestJson(join(dir, DEPOSIT_JSON), refuse) : undefined;
  let input: DepositInput;
  if (names.includes(ST96_XML)) {
    input = withSt96(join(dir, ST96_XML), json ?? {}, refuse);
  } else if (json !== undefined) {
    input = json as unknown as DepositInput;
  } else {
    return refuse(`the folder holds neither ${DEPOSIT_JSON} (the deposit request) nor ${ST96_XML} (ST.96 bibliographic XML)`);
  }
  if (parts.length === 0) refuse(`the folder holds no part: put the document's files beside ${names.includes(ST96_XML) ? ST96_XML : DEPOSIT_JSON}`);
  const digest = createHash('sha256').update(JSON.stringify([input, parts.map((p) => [p.name, p.size])])).digest('hex');
  return { input, parts, bytes: parts.reduce((n, p) => n + p.size, 0), digest };
}

function requestJson(file: string, refuse: (why: string) => never): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(smallFile(file, refuse).toString('utf8'));
  } catch (err) {
    if (isIpexError(err)) throw err;
    refuse(`${DEPOSIT_JSON} is not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(`${DEPOSIT_JSON} must be a JSON object (the deposit request of POST /deposits)`);
  const unknown = Object.keys(value).filter((k) => !REQUEST_MEMBERS.includes(k));
  if (unknown.length > 0) refuse(`${DEPOSIT_JSON} has the unknown member ${unknown[0]} (it may hold ${REQUEST_MEMBERS.join(', ')})`);
  return value as Record<string, unknown>;
}

/** The request from ST.96 XML, completed by deposit.json's members ST.96 has no element for. */
function withSt96(file: string, json: Record<string, unknown>, refuse: (why: string) => never): DepositInput {
  const extra = (json.bibliographicData ?? {}) as Record<string, unknown>;
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return refuse(`${DEPOSIT_JSON}'s bibliographicData must be an object`);
  const other = Object.keys(extra).filter((k) => !ST96_EXTRAS.includes(k));
  if (other.length > 0) refuse(`${DEPOSIT_JSON} beside ${ST96_XML} may give only ${ST96_EXTRAS.join(', ')} of the bibliographic data (${other[0]} comes from the XML)`);
  let read;
  try {
    read = readSt96Bibliographic(smallFile(file, refuse), typeof extra.ipRightType === 'string' ? { ipRightType: extra.ipRightType } : {});
  } catch (err) {
    if (isIpexError(err) && err.code === 'ST96_INVALID') throw new IpexError('ST96_INVALID', `${ST96_XML}: ${err.message}`);
    throw err;
  }
  return { ...json, documentKind: json.documentKind ?? 'priorityDocument', bibliographicData: { ...read, ...extra } };
}

function smallFile(file: string, refuse: (why: string) => never): Buffer {
  const bytes = readFileSync(file);
  if (bytes.length > MAX_XML_BYTES) refuse(`${file.split('/').pop()} is ${bytes.length} bytes; at most ${MAX_XML_BYTES}`);
  return bytes;
}
