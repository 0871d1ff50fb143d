/**
 * Cross-check with an independent implementation written from the specifications alone
 * (issue 4 "What must show"): test/protocol/audit/rfc6962_mth.py computes the RFC 6962 MTH of
 * entries.jsonl with Python's hashlib and compares it with the checkpoint, for a bundle that
 * the TypeScript verifier accepts, and disagrees with a tampered one as the verifier does.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyAuditBundle } from '../../../protocol/audit/index.js';
import { jsonl, makeLog, writeAuditBundle } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./rfc6962_mth.py', import.meta.url));

describe('audit bundle root, independent Python RFC 6962 implementation', function () {
  before(function () {
    if (!existsSync(PYTHON)) this.skip();
  });

  for (const n of [0, 1, 2, 3, 7, 8, 13]) {
    it(`agrees with the TypeScript verifier on a good bundle of ${n} entries`, async () => {
      const log = makeLog(n);
      const dir = writeAuditBundle(log);
      expect((await verifyAuditBundle(dir, { trustedVkey: log.vkey })).ok).to.equal(true);
      const py = spawnSync(PYTHON, [SCRIPT, dir], { encoding: 'utf8' });
      expect(py.status, py.stdout + py.stderr).to.equal(0);
      expect(py.stdout).to.contain(`size ${n} entries ${n}`);
    });
  }

  it('disagrees, as the verifier does, when an entry was reordered', async () => {
    const log = makeLog(5);
    const lines = [...log.lines];
    [lines[0], lines[1]] = [lines[1] as string, lines[0] as string];
    const dir = writeAuditBundle(log, { entriesText: jsonl(lines) });
    expect((await verifyAuditBundle(dir, { trustedVkey: log.vkey })).ok).to.equal(false);
    expect(spawnSync(PYTHON, [SCRIPT, dir], { encoding: 'utf8' }).status).to.equal(1);
  });
});
