// C2SP tlog-checkpoint bodies: the c2sp.org example (see vectors.ts), the 8-leaf RFC 6962
// reference tree root, strict parsing, and signing/opening with the log key.
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import {
  ed25519NoteVerifier,
  formatCheckpoint,
  formatVerifierKey,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from '../../../protocol/note/index.js';
import { SOFA_CHECKPOINT } from './vectors.js';
import { ROOTS } from '../merkle/vectors.js';
import { expectCode } from '../../helpers/error-code.js';

describe('protocol/note checkpoints', () => {
  it('parses and re-formats the C2SP example checkpoint byte for byte', () => {
    const cp = parseCheckpoint(SOFA_CHECKPOINT);
    expect(cp.origin).to.equal('example.com/behind-the-sofa');
    expect(cp.size).to.equal(20852163);
    expect(Buffer.from(cp.rootHash).toString('base64')).to.equal('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(cp)).to.equal(SOFA_CHECKPOINT);
  });

  it('formats the reference 8-leaf tree head', () => {
    const body = formatCheckpoint({ origin: 'example.com/log', size: 8, rootHash: Buffer.from(ROOTS[8]!, 'hex') });
    expect(body).to.equal('example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n');
  });

  it('keeps extension lines', () => {
    const text = `${SOFA_CHECKPOINT}ext one\next two\n`;
    const cp = parseCheckpoint(text);
    expect(cp.extensions).to.deep.equal(['ext one', 'ext two']);
    expect(formatCheckpoint(cp)).to.equal(text);
  });

  it('rejects malformed bodies (CHECKPOINT_MALFORMED)', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    for (const body of [
      `o\n1\n${root}`, // no final newline
      'o\n1\n', // missing root
      `\n1\n${root}\n`, // empty origin
      `o\n01\n${root}\n`, // leading zero
      `o\n-1\n${root}\n`,
      `o\n+1\n${root}\n`,
      `o\n1.0\n${root}\n`,
      `o\n 1\n${root}\n`,
      `o\n99999999999999999999\n${root}\n`, // beyond 2^53
      `o\n1\n${root.slice(0, -1)}\n`, // bad padding
      `o\n1\nAAAA\n`, // 3 bytes
      `o\n1\n${root}\n\n`, // empty extension line
      `o\n1\n${root.replace('/', '_')}\n`, // URL alphabet
      `o\t\n1\n${root}\n`,
    ]) {
      expectCode(() => parseCheckpoint(body), 'CHECKPOINT_MALFORMED');
    }
    expect(parseCheckpoint(`o\n0\n${root}\n`).size).to.equal(0);
  });

  it('refuses to format out-of-range fields', () => {
    const rootHash = Buffer.alloc(32);
    expectCode(() => formatCheckpoint({ origin: '', size: 1, rootHash }), 'CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: -1, rootHash }), 'CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash }), 'CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: Buffer.alloc(31) }), 'CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'o', size: 1, rootHash, extensions: [''] }), 'CHECKPOINT_MALFORMED');
    expectCode(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash }), 'CHECKPOINT_MALFORMED');
  });

  it('signs with the log key and opens only with that key and the expected origin', () => {
    const origin = 'ipex.example.org/audit/EP';
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const signed = signCheckpoint({ origin, size: 8, rootHash: Buffer.from(ROOTS[8]!, 'hex') }, [{ name: origin, privateKey }]);
    const logKey = ed25519NoteVerifier(formatVerifierKey(origin, publicKey));
    const opened = openCheckpoint(signed, origin, [logKey]);
    expect(opened.checkpoint.size).to.equal(8);
    expect(Buffer.from(opened.checkpoint.rootHash).toString('hex')).to.equal(ROOTS[8]);
    expectCode(() => openCheckpoint(signed, 'ipex.example.org/audit/DE', [logKey]), 'CHECKPOINT_ORIGIN_UNKNOWN');
    expectCode(() => openCheckpoint(signed, origin, [ed25519NoteVerifier(formatVerifierKey(origin, other.publicKey))]), 'NOTE_KEY_UNKNOWN');
    expectCode(() => openCheckpoint(signed.replace('\n8\n', '\n9\n'), origin, [logKey]), 'NOTE_SIGNATURE_INVALID');
  });
});
