/**
 * Writes the test-fixture certificates (certs/fixtures.ts) into a folder, with a README that
 * lists each one and why it must pass or fail path validation.
 *
 * Usage: tsx certs/generate-fixtures.ts OUTDIR
 */
import { resolve } from 'node:path';
import { generateFixtures, writeFixtures } from './fixtures.js';

const out = process.argv[2];
if (out === undefined || out.startsWith('-')) {
  process.stderr.write('usage: tsx certs/generate-fixtures.ts OUTDIR\n');
  process.exit(2);
}
const fixtures = await generateFixtures({ now: new Date() });
writeFixtures(resolve(out), fixtures);
process.stdout.write(`wrote test certificates to ${resolve(out)} (see README.md there)\n`);
