// C2SP signed notes against the golang.org/x/mod sumdb/note and c2sp.org/signed-note vectors
// (see vectors.ts), plus the malformed inputs of note_test.go TestOpen.
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import {
  appendSignatureLines,
  ed25519NoteVerifier,
  formatVerifierKey,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifyNote,
  type NoteVerifier,
} from '../../../protocol/note/index.js';
import { ENOCH_SIG_LINE, ENOCH_VKEY, NOTE_TEXT, PETER_SIGNED, PETER_SIG_LINE, PETER_SKEY, PETER_VKEY, QUASIMODO_NOTE } from './vectors.js';
import { expectCode } from '../../helpers/error-code.js';

const peter = ed25519NoteVerifier(PETER_VKEY);
const enoch = ed25519NoteVerifier(ENOCH_VKEY);

describe('protocol/note signed notes', () => {
  it('signs the published text with the PeterNeumann key byte for byte (Ed25519 is deterministic)', () => {
    const { name, privateKey } = parseSignerKey(PETER_SKEY);
    expect(signNote(NOTE_TEXT, [{ name, privateKey }])).to.equal(PETER_SIGNED);
  });

  it('verifies the published note and reports the signature', () => {
    const v = verifyNote(PETER_SIGNED, [peter]);
    expect(v.text).to.equal(NOTE_TEXT);
    expect(v.verified.map((s) => s.name)).to.deep.equal(['PeterNeumann']);
    expect(v.verified[0]!.keyId.toString('hex')).to.equal('c74f20a3');
  });

  it('keeps signatures of unknown keys aside and verifies both when both keys are known', () => {
    const note = `${NOTE_TEXT}\n${PETER_SIG_LINE}${ENOCH_SIG_LINE}`;
    const one = verifyNote(note, [peter]);
    expect(one.verified.map((s) => s.name)).to.deep.equal(['PeterNeumann']);
    expect(one.unknown.map((s) => s.name)).to.deep.equal(['EnochRoot']);
    const both = verifyNote(note, [peter, enoch]);
    expect(both.verified.map((s) => s.name)).to.deep.equal(['PeterNeumann', 'EnochRoot']);
  });

  it('rejects a note with no signature from a known key (NOTE_KEY_UNKNOWN)', () => {
    expectCode(() => verifyNote(PETER_SIGNED, []), 'NOTE_KEY_UNKNOWN');
    expectCode(() => verifyNote(PETER_SIGNED, [enoch]), 'NOTE_KEY_UNKNOWN');
  });

  it('ignores a key that shares only the name or only the key ID', () => {
    const sameName: NoteVerifier = { ...peter, keyId: Buffer.from('c74f20a4', 'hex') };
    const sameId: NoteVerifier = { ...peter, name: 'PeterNeuman' };
    expectCode(() => verifyNote(PETER_SIGNED, [sameName, sameId]), 'NOTE_KEY_UNKNOWN');
  });

  it('rejects the whole note when a known key signature fails (NOTE_SIGNATURE_INVALID)', () => {
    const tampered = `${NOTE_TEXT}\n${PETER_SIG_LINE.slice(0, 60)}ABCD${PETER_SIG_LINE.slice(60)}`;
    expectCode(() => verifyNote(tampered, [peter]), 'NOTE_SIGNATURE_INVALID');
    expectCode(() => verifyNote(PETER_SIGNED.replace('cryptography', 'cryptographY'), [peter]), 'NOTE_SIGNATURE_INVALID');
  });

  it('reports an ambiguous verifier list', () => {
    expectCode(() => verifyNote(`${NOTE_TEXT}\n${ENOCH_SIG_LINE}`, [enoch, peter, enoch]), 'NOTE_KEY_UNKNOWN');
    expect(verifyNote(PETER_SIGNED, [enoch, peter, enoch]).verified).to.have.length(1);
  });

  it('drops duplicate signatures of the same key', () => {
    const v = verifyNote(`${NOTE_TEXT}\n${PETER_SIG_LINE}${PETER_SIG_LINE}`, [peter]);
    expect(v.verified).to.have.length(1);
  });

  it('rejects the malformed notes of note_test.go TestOpen (NOTE_MALFORMED)', () => {
    const bad = [
      NOTE_TEXT,
      `${NOTE_TEXT}\n`,
      `${NOTE_TEXT}\n${PETER_SIG_LINE.slice(0, -1)}`,
      `\u0001${NOTE_TEXT}\n${PETER_SIG_LINE}`,
      `${NOTE_TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${NOTE_TEXT}\n${PETER_SIG_LINE}Unexpected line.\n`,
      `${NOTE_TEXT}\n${PETER_SIG_LINE.repeat(101)}`,
    ];
    for (const msg of bad) expectCode(() => parseNote(msg), 'NOTE_MALFORMED');
    // "\xff" + text: invalid UTF-8 as bytes.
    expectCode(() => parseNote(Buffer.concat([Buffer.from([0xff]), Buffer.from(PETER_SIGNED)])), 'NOTE_MALFORMED');
  });

  it('rejects other malformed signature lines', () => {
    const sig = PETER_SIG_LINE.slice('— PeterNeumann '.length);
    for (const line of [
      `- PeterNeumann ${sig}`, // hyphen instead of em dash
      `—  PeterNeumann ${sig}`, // two spaces
      `— PeterNeumann  ${sig}`,
      `— PeterNeumann ${sig.replace('=', '')}`, // missing padding
      `— PeterNeumann ${sig.replace('/', '_')}`, // URL alphabet
      '— PeterNeumann AAAA\n', // under 5 bytes
      `— Peter+Neumann ${sig}`,
      `— PeterNeumann ${sig.slice(0, -1)}\r\n`,
    ]) {
      expectCode(() => parseNote(`${NOTE_TEXT}\n${line}`), 'NOTE_MALFORMED');
    }
  });

  it('parses the C2SP example whose text contains an empty line (split at the last one)', () => {
    const n = parseNote(QUASIMODO_NOTE);
    expect(n.text).to.equal('Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n');
    expect(n.signatures.map((s) => s.name)).to.deep.equal(['quasimodo.example/salvatore']);
    expect(parseNote(Buffer.from(QUASIMODO_NOTE, 'utf8')).text).to.equal(n.text);
  });

  it('round-trips with a fresh key whose base64 may contain "+" and with several signers', () => {
    for (let i = 0; i < 8; i++) {
      const a = generateKeyPairSync('ed25519');
      const b = generateKeyPairSync('ed25519');
      const va = ed25519NoteVerifier(parseVerifierKey(formatVerifierKey('ipex.example.org/audit/EP', a.publicKey)));
      const vb = ed25519NoteVerifier(formatVerifierKey('ipex.example.org/witness/DE', b.publicKey));
      const note = signNote('line one\n\nline three\n', [
        { name: 'ipex.example.org/audit/EP', privateKey: a.privateKey },
        { name: 'ipex.example.org/witness/DE', privateKey: b.privateKey },
      ]);
      expect(verifyNote(note, [va, vb]).verified).to.have.length(2);
      expect(verifyNote(note, [vb]).unknown).to.have.length(1);
    }
  });

  it('refuses to sign text that does not end in a newline or holds a control character', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expectCode(() => signNote('no newline', [{ name: 'n', privateKey }]), 'NOTE_MALFORMED');
    expectCode(() => signNote('tab\there\n', [{ name: 'n', privateKey }]), 'NOTE_MALFORMED');
    expectCode(() => signNote('ok\n', []), 'NOTE_MALFORMED');
    expectCode(() => signNote('ok\n', [{ name: 'bad name', privateKey }]), 'NOTE_MALFORMED');
  });

  it('appends signature lines and refuses lines that are not signatures', () => {
    const both = appendSignatureLines(PETER_SIGNED, ENOCH_SIG_LINE);
    expect(verifyNote(both, [peter, enoch]).verified).to.have.length(2);
    expectCode(() => appendSignatureLines(PETER_SIGNED, 'not a signature\n'), 'NOTE_MALFORMED');
    expectCode(() => appendSignatureLines(PETER_SIGNED, `\n${ENOCH_SIG_LINE}`), 'NOTE_MALFORMED');
  });
});
