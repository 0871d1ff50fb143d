// C2SP tlog-cosignature v1: the layout of the published example cosignature (key ID, 8-byte
// big-endian timestamp 1679315147, 64-byte signature) and the example signed message from
// c2sp.org/tlog-cosignature §Ed25519 signed message (see vectors.ts); signatures are checked
// against an independent construction with node:crypto using the PeterNeumann seed.
import { expect } from 'chai';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import {
  SIG_TYPE_COSIGNATURE_V1,
  cosignCheckpoint,
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifier,
  ed25519NoteVerifier,
  ed25519RawPublicKey,
  formatVerifierKey,
  parseNote,
  parseSignerKey,
  signNote,
  verifyCosignature,
  verifyNote,
} from '../../../protocol/note/index.js';
import { PETER_SKEY, PETER_VKEY, SOFA_CHECKPOINT, SOFA_LOG_SIG_LINE, SOFA_WITNESS_SIG_LINE, SOFA_WITNESS_TIME } from './vectors.js';
import { expectCode } from '../../helpers/error-code.js';

const WITNESS = 'witness.example.org/w1';
const peter = parseSignerKey(PETER_SKEY);

describe('protocol/note cosignatures (tlog-cosignature v1)', () => {
  it('reads the published example cosignature: key ID, then timestamp 1679315147 big-endian, then 64 bytes', () => {
    const note = parseNote(`${SOFA_CHECKPOINT}\n${SOFA_LOG_SIG_LINE}${SOFA_WITNESS_SIG_LINE}`);
    const w = note.signatures[1]!;
    expect(w.name).to.equal('witness.example.com/w1');
    expect(w.keyId.toString('hex')).to.equal('8d66cf3f');
    expect(w.signature).to.have.length(72);
    expect(cosignatureTimestamp(w.signature)).to.equal(SOFA_WITNESS_TIME);
  });

  it('builds the signed message of the spec example', () => {
    expect(cosignatureMessage(SOFA_CHECKPOINT, SOFA_WITNESS_TIME).toString('utf8')).to.equal(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('produces exactly the bytes of an independent construction (key ID with type 0x04)', () => {
    const line = cosignCheckpoint(SOFA_CHECKPOINT, { name: WITNESS, privateKey: peter.privateKey }, SOFA_WITNESS_TIME);
    const pub = ed25519RawPublicKey(peter.privateKey);
    const keyId = createHash('sha256').update(`${WITNESS}\n`).update(Buffer.from([0x04])).update(pub).digest().subarray(0, 4);
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64BE(BigInt(SOFA_WITNESS_TIME));
    const msg = Buffer.from(`cosignature/v1\ntime ${SOFA_WITNESS_TIME}\n${SOFA_CHECKPOINT}`);
    const expected = `— ${WITNESS} ${Buffer.concat([keyId, ts, sign(null, msg, peter.privateKey)]).toString('base64')}\n`;
    expect(line).to.equal(expected);
  });

  it('verifies with a type-0x04 vkey and returns the timestamp', () => {
    const line = cosignCheckpoint(SOFA_CHECKPOINT, { name: WITNESS, privateKey: peter.privateKey }, 1_800_000_000);
    const vkey = formatVerifierKey(WITNESS, peter.privateKey, SIG_TYPE_COSIGNATURE_V1);
    expect(verifyCosignature(SOFA_CHECKPOINT, line, vkey)).to.deep.equal({ timestamp: 1_800_000_000 });
    expect(verifyCosignature(SOFA_CHECKPOINT, line, { name: WITNESS, publicKey: ed25519RawPublicKey(peter.privateKey) }).timestamp).to.equal(
      1_800_000_000,
    );
  });

  it('fails on another body, another key, a changed timestamp, or a plain 0x01 signature line', () => {
    const line = cosignCheckpoint(SOFA_CHECKPOINT, { name: WITNESS, privateKey: peter.privateKey }, 1000);
    const key = { name: WITNESS, publicKey: peter.privateKey };
    expectCode(() => verifyCosignature(SOFA_CHECKPOINT.replace('20852163', '20852164'), line, key), 'COSIGNATURE_INVALID');
    expectCode(() => verifyCosignature(SOFA_CHECKPOINT, line, { name: WITNESS, publicKey: generateKeyPairSync('ed25519').publicKey }), 'COSIGNATURE_INVALID');
    const bytes = Buffer.from(line.trim().split(' ')[2]!, 'base64');
    bytes[11] = (bytes[11] as number) ^ 1; // last timestamp byte
    expectCode(() => verifyCosignature(SOFA_CHECKPOINT, `— ${WITNESS} ${bytes.toString('base64')}\n`, key), 'COSIGNATURE_INVALID');
    const plain = signNote(SOFA_CHECKPOINT, [{ name: WITNESS, privateKey: peter.privateKey }]).split('\n\n')[1]!;
    expectCode(() => verifyCosignature(SOFA_CHECKPOINT, plain, key), 'COSIGNATURE_INVALID');
    expectCode(() => verifyCosignature(SOFA_CHECKPOINT, 'garbage', key), 'COSIGNATURE_INVALID');
  });

  it('plugs into verifyNote next to the log key; a 0x01 vkey is not a cosigner key', () => {
    const logKey = generateKeyPairSync('ed25519');
    const origin = 'example.com/behind-the-sofa';
    const signed = signNote(SOFA_CHECKPOINT, [{ name: origin, privateKey: logKey.privateKey }]);
    const cosigned = signed + cosignCheckpoint(SOFA_CHECKPOINT, { name: WITNESS, privateKey: peter.privateKey }, 42);
    const logVerifier = ed25519NoteVerifier(formatVerifierKey(origin, logKey.publicKey));
    const witness = cosignatureVerifier({ name: WITNESS, publicKey: peter.privateKey });
    expect(verifyNote(cosigned, [logVerifier, witness]).verified.map((s) => s.name)).to.deep.equal([origin, WITNESS]);
    expect(verifyNote(cosigned, [witness]).unknown.map((s) => s.name)).to.deep.equal([origin]);
    // The same key configured as a plain note key does not match the cosignature's key ID.
    expectCode(() => verifyNote(`${SOFA_CHECKPOINT}\n${cosigned.split('\n\n')[1]!.split('\n')[1]!}\n`, [ed25519NoteVerifier(PETER_VKEY)]), 'NOTE_KEY_UNKNOWN');
    expectCode(() => cosignatureVerifier(PETER_VKEY), 'VERIFIER_KEY_MALFORMED');
  });

  it('refuses bad timestamps and bodies that are not checkpoints', () => {
    const signer = { name: WITNESS, privateKey: peter.privateKey };
    expectCode(() => cosignCheckpoint(SOFA_CHECKPOINT, signer, -1), 'NOTE_MALFORMED');
    expectCode(() => cosignCheckpoint(SOFA_CHECKPOINT, signer, 1.5), 'NOTE_MALFORMED');
    expectCode(() => cosignCheckpoint('not a checkpoint\n', signer, 1), 'CHECKPOINT_MALFORMED');
    expectCode(() => cosignCheckpoint(SOFA_CHECKPOINT, { name: 'a b', privateKey: peter.privateKey }, 1), 'NOTE_MALFORMED');
  });
});
