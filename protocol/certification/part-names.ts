/**
 * Names of parts (issue 10, item 12; docs/certified-copy.md "Part names"). A part travels under a
 * safe file name (`validatePartName`: ASCII letters, digits, `. _ -`), because that name is a path
 * in the blob-backed bundle, a URL segment of the exchange API and a file on whatever system
 * unpacks a certified copy. Offices name their files in their own languages, though
 * ("براءة.pdf", "Demande n°123 (copie).pdf"): such a name is kept, in NFC, as the part's
 * `originalName` in the manifest, and the safe name is derived from it deterministically:
 *
 *   1. keep an ASCII extension of 1–16 letters and digits (".pdf"), so media types and tools work;
 *   2. fold the rest to ASCII where Unicode allows it (NFKD, combining marks dropped: é → e),
 *      replace every run of other characters by "_", trim "._-" at both ends, keep 80 characters;
 *   3. append "-" and the first 8 hex digits of the SHA-256 of the original name (UTF-8, NFC),
 *      so that different names that fold alike ("Résumé.pdf", "Resume.pdf") stay apart.
 *
 * "Demande n°123 (copie).pdf" → "Demande_n_123_copie-<8 hex>.pdf", "براءة.pdf" → "part-<8 hex>.pdf".
 * A name that is already safe is used as it is and gets no `originalName`. Two parts of one
 * deposit whose safe names still collide are refused (DEPOSIT_PART_CONFLICT) with the advice to
 * rename one.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { freeTextProblem } from '../encoding/free-text.js';

/** Longest original part name, in characters (a file name on common file systems is ≤ 255). */
export const MAX_ORIGINAL_PART_NAME = 255;

const SAFE_PART_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const ASCII_EXTENSION = /^\.[A-Za-z0-9]{1,16}$/;
const MAX_STEM = 80;

/** How a part is named: the safe name, and the original when it differs. */
export interface PartNaming {
  readonly name: string;
  readonly originalName?: string;
}

/** True when `name` is a safe part name as it is (see the module comment). */
export function isSafePartName(name: string): boolean {
  return SAFE_PART_NAME.test(name);
}

/**
 * Checks that `name` is safe: 1–128 of `[A-Za-z0-9._-]`, no leading dot (so never `.`, `..` or a
 * hidden file). Attacker-controlled: the name becomes a path.
 *
 * @throws IpexError PART_NAME_INVALID
 * @example validatePartName('claims.pdf') // ok;  validatePartName('../x') // throws
 */
export function validatePartName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !SAFE_PART_NAME.test(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 40)) : typeof name;
    throw new IpexError('PART_NAME_INVALID', `part name ${shown} is not a safe file name ([A-Za-z0-9._-], 1-128, no leading dot)`);
  }
}

/**
 * Why `name` cannot be the original name of a part, or undefined when it can: NFC text of
 * 1–255 characters, a file name (no `/` or `\`, not `.` or `..`, no leading or trailing white
 * space), without control or bidirectional override characters.
 */
export function originalPartNameProblem(name: string): string | undefined {
  const problem = freeTextProblem(name);
  if (problem !== undefined) return `${problem}; name the part without control or bidirectional override characters`;
  if (name !== name.normalize('NFC')) return 'is not in Unicode NFC';
  const length = [...name].length;
  if (length === 0 || length > MAX_ORIGINAL_PART_NAME) return `must be 1-${MAX_ORIGINAL_PART_NAME} characters`;
  if (/[/\\]/.test(name)) return 'holds / or \\: a part name is a file name, not a path';
  if (name === '.' || name === '..' || name.trim() !== name) return 'is not a file name (no leading or trailing spaces, not . or ..)';
  return undefined;
}

/**
 * Names a part given by a person or a client: the name as it is when it is safe, else the safe
 * name derived from it with the original (in NFC) beside it.
 *
 * @throws IpexError PART_NAME_INVALID, saying how to name the part.
 * @example namePart('claims.pdf') // { name: 'claims.pdf' }
 * namePart('Résumé.pdf') // { name: 'Resume-<8 hex>.pdf', originalName: 'Résumé.pdf' }
 */
export function namePart(input: unknown): PartNaming {
  if (typeof input !== 'string') throw new IpexError('PART_NAME_INVALID', 'a part name must be text');
  const shown = JSON.stringify(input.slice(0, 40));
  const problem = freeTextProblem(input);
  if (problem !== undefined) {
    throw new IpexError('PART_NAME_INVALID', `part name ${problem}; name the part without control or bidirectional override characters`);
  }
  const original = input.normalize('NFC');
  if (SAFE_PART_NAME.test(original)) return { name: original };
  const why = originalPartNameProblem(original);
  if (why !== undefined) throw new IpexError('PART_NAME_INVALID', `part name ${shown} ${why}`);
  return { name: safePartName(original), originalName: original };
}

/** The safe name derived from an original name in NFC (the steps of the module comment). */
export function safePartName(original: string): string {
  const dot = original.lastIndexOf('.');
  const extension = dot > 0 && ASCII_EXTENSION.test(original.slice(dot)) ? original.slice(dot) : '';
  const stem = original.slice(0, original.length - extension.length)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, MAX_STEM)
    .replace(/^[._-]+|[._-]+$/g, '');
  const tag = createHash('sha256').update(original, 'utf8').digest('hex').slice(0, 8);
  return `${stem === '' ? 'part' : stem}-${tag}${extension}`;
}
