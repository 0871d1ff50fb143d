/** Splits a command line as a POSIX shell would for the words `ipex` prints (bare, or single-quoted). */
export function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!));
}
