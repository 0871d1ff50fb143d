/**
 * The check the auditor's browser makes (issue 11): a real node's checkpoint, log key and proofs
 * pass for every entry; an altered entry, a wrong index, another key or an altered note fail.
 * It runs here on Node's WebCrypto, the same API as Chromium's.
 */
import { expect } from 'chai';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { checkInclusion } from '../../../../node/portal/common/inclusion.js';
import { leafHash, rootOf } from '../../../../protocol/merkle/index.js';
import { formatVerifierKey, signCheckpoint } from '../../../../protocol/note/index.js';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';

describe('portal: an audit entry\'s inclusion checked with WebCrypto (issue 11)', function () {
  this.timeout(60_000);
  let n: DepositNode;

  before(async () => {
    n = await startDepositNode('EP');
    for (let i = 0; i < 6; i++) await n.node.context.audit.append({ type: 'part.served', actor: { kind: 'peer', office: 'JP' }, subject: { documentId: `d-${i}` }, outcome: 'ok' });
    n.node.context.audit.checkpointNow();
  });
  after(() => n?.close());

  it('holds for every entry of the log, and fails for anything altered', async () => {
    const audit = n.node.context.audit;
    const checkpoint = audit.latestCheckpoint();
    const verifierKey = n.node.context.identity.log.verifierKey;
    const entries = audit.entries(0, checkpoint.size).map((e) => e.toString('utf8'));
    for (const [index, entry] of entries.entries()) {
      const proof = audit.inclusionProof(index, checkpoint.size).map((h) => h.toString('base64'));
      expect(await checkInclusion({ note: checkpoint.note, verifierKey, entry, index, proof }), `entry ${index}`).to.deep.equal({ signature: true, included: true, treeSize: checkpoint.size });
    }
    const proof = audit.inclusionProof(3, checkpoint.size).map((h) => h.toString('base64'));
    const base = { note: checkpoint.note, verifierKey, entry: entries[3]!, index: 3, proof };
    expect((await checkInclusion({ ...base, entry: `${entries[3]!} ` })).included).to.equal(false);
    expect((await checkInclusion({ ...base, index: 2 })).included).to.equal(false);
    expect((await checkInclusion({ ...base, note: checkpoint.note.replace(/\n(\d+)\n/, (_m, s: string) => `\n${Number(s) + 1}\n`) })).signature).to.equal(false);
    const otherKey = verifierKey.replace(/\+([A-Za-z0-9+/=]+)$/, (_m, k: string) => `+${k.slice(0, 10)}${k[10] === 'A' ? 'B' : 'A'}${k.slice(11)}`);
    expect((await checkInclusion({ ...base, verifierKey: otherKey })).signature).to.equal(false);
  });

  // A C2SP verifier key is name+hash+base64, and base64 may hold '+': the key is everything after
  // the second '+' (the first version split on every '+' and failed for about half of all keys).
  it('reads a log key whose base64 holds a plus sign', async () => {
    let key: { publicKey: KeyObject; privateKey: KeyObject };
    let vkey: string;
    do {
      key = generateKeyPairSync('ed25519');
      vkey = formatVerifierKey('ipex/audit/ZZ', key.publicKey);
    } while (!vkey.split('+').slice(2).join('+').includes('+'));
    const entries = ['a', 'b', 'c'].map((e) => `{"entry":"${e}"}`);
    const root = rootOf(entries.map((e) => leafHash(Buffer.from(e))));
    const note = signCheckpoint({ origin: 'ipex/audit/ZZ', size: 3, rootHash: root }, [{ name: 'ipex/audit/ZZ', privateKey: key.privateKey }]);
    const proof = [leafHash(Buffer.from(entries[1]!)), leafHash(Buffer.from(entries[2]!))].map((h) => h.toString('base64'));
    expect(await checkInclusion({ note, verifierKey: vkey, entry: entries[0]!, index: 0, proof })).to.deep.equal({ signature: true, included: true, treeSize: 3 });
  });
});
