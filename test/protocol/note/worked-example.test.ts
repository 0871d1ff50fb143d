// Keeps docs/audit-formats.md §8 "Worked example" true: every value printed there is recomputed,
// and the page names logs the way the code does (issue 10, item 19).
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { logKeyName } from '../../../certs/network/add-office.js';
import { consistencyProof, inclusionProof, leafHash, rootOf, subtreeHasherFromLeaves, verifyConsistency, verifyInclusion } from '../../../protocol/merkle/index.js';
import {
  SIG_TYPE_COSIGNATURE_V1,
  cosignCheckpoint,
  cosignatureVerifier,
  ed25519NoteVerifier,
  ed25519PrivateKeyFromSeed,
  formatAddCheckpointRequest,
  formatCheckpoint,
  formatVerifierKey,
  openCheckpoint,
  signCheckpoint,
  verifyNote,
} from '../../../protocol/note/index.js';

const ORIGIN = 'ipex/audit/EP';
const WITNESS = 'ipex/audit/DE';
const LOG_VKEY = 'ipex/audit/EP+8eb3e6c3+Ad26KGFB97oSgT5t7nYwcYv3SLtVjkiCr2leVIO0p0NG';
const WITNESS_VKEY = 'ipex/audit/DE+032aa8c7+BPBDC5aARaUgStLmCxNQs4jJjJ+5jQ1NSITXKSOtws38';
const ROOT3 = 'qARD4gjaZZlGhkR6NwrKgxaiz34f6LxzgJnNMmC3/wc=';
const BODY = `${ORIGIN}\n3\n${ROOT3}\n`;
const LOG_LINE = '— ipex/audit/EP jrPmw/99vF5ueYsecw2S976zEA2b+oo2aKYTRAV+uIghOXxx2KPYGHnePL0sAYov2BWWR5rOYrIlA/utHlXxDpYCsw4=\n';
const WITNESS_LINE =
  '— ipex/audit/DE AyqoxwAAAABpJsrwvQOH7fa910KlM3iAoAO4KHenflDEusraPuHTqr6oS2imsWyQbVBa7xTila1aGm3ag6Pysv0xGv6xn5XKdZJ7AQ==\n';
const DOC = readFileSync(fileURLToPath(new URL('../../../docs/audit-formats.md', import.meta.url)), 'utf8');
const PROOF_HASH = '6wdbmOUxx34RH0T+Mv857CK+zTTwBN0GDizjNTgC2n8=';

const seed = (s: string): Buffer => createHash('sha256').update(s).digest();
const entries = ['{"seq":0,"type":"deposit"}', '{"seq":1,"type":"retrieval"}', '{"seq":2,"type":"receipt"}'];

describe('docs/audit-formats.md worked example', () => {
  const leaves = entries.map((e) => leafHash(Buffer.from(e, 'utf8')));
  const hashAt = subtreeHasherFromLeaves(leaves);
  const logKey = ed25519PrivateKeyFromSeed(seed('ipex example log key'));
  const witnessKey = ed25519PrivateKeyFromSeed(seed('ipex example witness key'));

  it('has the documented leaf hashes, roots and proofs', () => {
    expect(leaves.map((l) => l.toString('hex'))).to.deep.equal([
      '163947bb8ceaed2c1a172a11cc65b2a71fe56303ad614724b0298a0aff621186',
      'd2da1b543c6a7ae1f86562e9d5a7a100df78f58dfb6d876bbb7cb7884a0bee6f',
      'eb075b98e531c77e111f44fe32ff39ec22becd34f004dd060e2ce3353802da7f',
    ]);
    expect(rootOf(leaves, 2).toString('base64')).to.equal('/NAHRH9fLI3wcmjHnmQ1Mr7z94fhYV6YxTz8zqN57iQ=');
    expect(rootOf(leaves).toString('base64')).to.equal(ROOT3);
    const incl = inclusionProof(1, 3, hashAt);
    expect(incl.map((h) => h.toString('base64'))).to.deep.equal(['FjlHu4zq7SwaFyoRzGWypx/lYwOtYUcksCmKCv9iEYY=', PROOF_HASH]);
    expect(verifyInclusion(1, 3, leaves[1]!, incl, rootOf(leaves))).to.equal(true);
    const cons = consistencyProof(2, 3, hashAt);
    expect(cons.map((h) => h.toString('base64'))).to.deep.equal([PROOF_HASH]);
    expect(verifyConsistency(2, 3, cons, rootOf(leaves, 2), rootOf(leaves))).to.equal(true);
  });

  // issue 10, item 19
  it('names every log as the code does: ipex/audit/<office>, the name of its log key', () => {
    expect(ORIGIN).to.equal(logKeyName('EP'));
    expect(WITNESS).to.equal(logKeyName('DE'));
    // Every "<prefix>/audit/" or "<prefix>/witness/" on the page; API paths and source paths aside.
    const prefixes = [...DOC.matchAll(/([^\s`'"(]*)\/(audit|witness)\//g)].filter((m) => m[1] !== '').map((m) => `${m[1]}/${m[2]}/`).filter((p) => !p.startsWith('node/'));
    expect(prefixes.length).to.be.greaterThan(5);
    expect([...new Set(prefixes)]).to.deep.equal(['ipex/audit/']);
  });

  // issue 10, item 19
  it('prints the values this test computes', () => {
    for (const value of [LOG_VKEY, WITNESS_VKEY, BODY, LOG_LINE, WITNESS_LINE, `old 2\n${PROOF_HASH}\n\n${BODY}\n${LOG_LINE}`]) {
      expect(DOC, 'docs/audit-formats.md §8').to.contain(value);
    }
  });

  it('has the documented keys, signed checkpoint, cosignature and witness request', () => {
    expect(formatVerifierKey(ORIGIN, logKey)).to.equal(LOG_VKEY);
    expect(formatVerifierKey(WITNESS, witnessKey, SIG_TYPE_COSIGNATURE_V1)).to.equal(WITNESS_VKEY);
    const cp = { origin: ORIGIN, size: 3, rootHash: rootOf(leaves) };
    expect(formatCheckpoint(cp)).to.equal(BODY);
    const signed = signCheckpoint(cp, [{ name: ORIGIN, privateKey: logKey }]);
    expect(signed).to.equal(`${BODY}\n${LOG_LINE}`);
    expect(cosignCheckpoint(BODY, { name: WITNESS, privateKey: witnessKey }, 1764150000)).to.equal(WITNESS_LINE);
    const v = verifyNote(signed + WITNESS_LINE, [ed25519NoteVerifier(LOG_VKEY), cosignatureVerifier(WITNESS_VKEY)]);
    expect(v.verified).to.have.length(2);
    expect(openCheckpoint(signed + WITNESS_LINE, ORIGIN, [ed25519NoteVerifier(LOG_VKEY)]).checkpoint.size).to.equal(3);
    expect(formatAddCheckpointRequest({ oldSize: 2, proof: consistencyProof(2, 3, hashAt), checkpoint: signed })).to.equal(
      `old 2\n${PROOF_HASH}\n\n${signed}`,
    );
  });
});
