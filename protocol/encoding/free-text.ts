/**
 * Free text that ipex certifies and prints: titles, names, the original names of parts (issue 10,
 * item 12; docs/depositing.md "Text"). Such text is signed into a manifest and shown to examiners
 * and courts, so it must mean one thing and look like what it means:
 *
 * - it is normalised to Unicode NFC, so that the same title typed on two systems (é as one code
 *   point or as e + U+0301) is signed, compared and searched as the same bytes;
 * - it may not hold characters that change how the text around them looks without being seen:
 *   C0 and C1 controls (U+0000–U+001F, U+007F–U+009F: line breaks, escapes that drive
 *   terminals), the bidirectional embeddings and overrides U+202A–U+202E and isolates
 *   U+2066–U+2069 (U+202E makes "fdp.exe" print as "exe.pdf"), the line and paragraph separators
 *   U+2028/U+2029, the byte-order mark U+FEFF, noncharacters and lone surrogates.
 *
 * The implicit direction marks U+200E, U+200F and U+061C stay allowed: they only set the
 * direction of neutral characters next to them (digits and punctuation inside Arabic or Hebrew
 * names need them), and cannot reorder letters as the overrides can. Joiners (U+200C/U+200D) are
 * needed to write Persian and Indic scripts and stay allowed too.
 */

const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/** What kind of refused character `codePoint` is, or undefined when it is allowed. */
export function refusedCharacterKind(codePoint: number): string | undefined {
  if (codePoint <= 0x1f || codePoint === 0x7f) return 'a control character';
  if (codePoint >= 0x80 && codePoint <= 0x9f) return 'a C1 control character';
  const bidi = BIDI_NAMES[codePoint];
  if (bidi !== undefined) return `${bidi}, a bidirectional control`;
  if (codePoint === 0x2028 || codePoint === 0x2029) return 'a line or paragraph separator';
  if (codePoint === 0xfeff) return 'a byte-order mark';
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) return 'a noncharacter';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'a lone surrogate (not well-formed Unicode)';
  return undefined;
}

/**
 * Why `text` may not be certified or printed, or undefined when it may. The answer names the
 * character by its code point and position, never by printing it.
 */
export function freeTextProblem(text: string): string | undefined {
  let position = 0;
  for (const char of text) {
    position += 1;
    const codePoint = char.codePointAt(0)!;
    const kind = refusedCharacterKind(codePoint);
    if (kind !== undefined) {
      return `holds U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} (${kind}) at character ${position}`;
    }
  }
  return undefined;
}

/**
 * `text` in NFC when it may be certified; otherwise `undefined` and the reason in `problem`.
 * Callers raise their own code (BIBLIOGRAPHIC_INVALID, PART_NAME_INVALID) with the reason.
 */
export function normaliseFreeText(text: string): { text: string; problem?: undefined } | { text?: undefined; problem: string } {
  const problem = freeTextProblem(text);
  return problem === undefined ? { text: text.normalize('NFC') } : { problem };
}

/** `text` with every refused character written as \u{…}, for printing text signed before issue 10. */
export function printableText(text: string): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    out += refusedCharacterKind(codePoint) === undefined ? char : `\\u{${codePoint.toString(16).toUpperCase()}}`;
  }
  return out;
}
