/**
 * Runs libxml2's `xmllint` (Debian: libxml2-utils, installed by .ci/run) on a text, for the ST.96
 * tests: well-formedness, and validity against test/protocol/st96/st96-subset/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ST96_SUBSET = fileURLToPath(new URL('./st96-subset/Patent.xsd', import.meta.url));

export function xmllint(args: string[], input: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ipex-xml-'));
  try {
    const file = join(dir, 'document.xml');
    writeFileSync(file, input);
    const run = spawnSync('xmllint', [...args, file], { encoding: 'utf8' });
    if (run.error !== undefined) throw new Error(`xmllint is needed (Debian: apt-get install libxml2-utils): ${run.error.message}`);
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the subset schema accepts the text. */
export function validAgainstSubset(input: string): boolean {
  return xmllint(['--noout', '--nonet', '--schema', ST96_SUBSET], input).status === 0;
}
