/**
 * Commands that `ipex` prints for a person to run next ("check it with …"), written so that they
 * work exactly as printed: the trust anchor named with an absolute `--data`, never left to the
 * default data folder (which may be another network's node), and every word quoted for a POSIX
 * shell where it needs to be (issue 10, item 7).
 */
import { resolve } from 'node:path';
import { resolveDataDir } from '../config/data-dir.js';

/** `ipex <verb…> OUT --data <absolute data folder>`: the check of what a command just wrote. */
export function checkCommand(verb: readonly string[], out: string, data: string | undefined): string {
  return ['ipex', ...verb, out, '--data', resolve(resolveDataDir(data))].map(shellWord).join(' ');
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
