/**
 * Witnessing (C2SP tlog-witness / tlog-cosignature, issue 4): EP's log asks DE to cosign its
 * checkpoints; DE checks consistency with what it cosigned before, keeps both notes as evidence
 * and alerts when EP shows a forked history.
 */
import { expect } from 'chai';
import { cosignatureVerifier, ed25519NoteVerifier, parseVerifierKey, verifyNote } from '../../../../protocol/note/index.js';
import { IpexError } from '../../../../protocol/errors/index.js';
import { Witness, attachCosignature, buildAddCheckpointRequest, lastCosignedSize, type AuditEvent } from '../../../../node/services/audit/index.js';
import { auditFixture, type AuditFixture } from './fixture.js';

const event = (n: number): AuditEvent => ({ type: 'deposit.committed', actor: { kind: 'staff', tokenId: 1 }, subject: { documentId: `document-${n}` }, outcome: 'ok' });

async function grow(f: AuditFixture, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) await f.log.append(event(i));
  f.log.checkpointNow();
}

function thrownCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as IpexError).code;
  }
  return 'nothing thrown';
}

describe('node/services/audit Witness', () => {
  let ep: AuditFixture;
  let de: AuditFixture;
  let alerts: string[];
  let witness: Witness;
  const epPeer = (): { code: string; logKey: string } => ({ code: 'EP', logKey: ep.key.vkey });
  const dePeer = (): { code: string; logKey: string } => ({ code: 'DE', logKey: de.key.vkey });

  beforeEach(() => {
    ep = auditFixture('EP');
    de = auditFixture('DE');
    alerts = [];
    witness = new Witness({
      db: de.db, clock: de.clock, audit: de.log,
      signer: { name: de.key.name, privateKey: de.key.privateKey },
      alert: (a) => alerts.push(`${a.kind} ${a.subject}: ${a.detail}`),
    });
  });
  afterEach(async () => {
    await ep.cleanup();
    await de.cleanup();
  });

  it('cosigns a first checkpoint and then only consistent growth; the log keeps the cosignature', async () => {
    await grow(ep, 0, 5);
    const first = buildAddCheckpointRequest(ep.log, dePeer());
    expect(first).to.include({ oldSize: 0, size: 5 });
    const r1 = witness.addCheckpoint(epPeer(), first.body);
    expect(r1.kind).to.equal('cosigned');
    if (r1.kind !== 'cosigned') return;
    const note = attachCosignature(ep.log, dePeer(), 5, r1.cosignature);
    const vk = parseVerifierKey(de.key.vkey);
    const verified = verifyNote(note, [ed25519NoteVerifier(ep.key.vkey), cosignatureVerifier({ name: vk.name, publicKey: vk.rawPublicKey })]);
    expect(verified.verified).to.have.length(2);
    expect(lastCosignedSize(ep.log, dePeer())).to.equal(5);
    expect(witness.state('EP')?.size).to.equal(5);

    await grow(ep, 5, 12);
    const second = buildAddCheckpointRequest(ep.log, dePeer());
    expect(second).to.include({ oldSize: 5, size: 12 });
    expect(witness.addCheckpoint(epPeer(), second.body).kind).to.equal('cosigned');
    expect(witness.state('EP')?.size).to.equal(12);
    // The same checkpoint again is cosigned again (idempotent retry).
    expect(witness.addCheckpoint(epPeer(), buildAddCheckpointRequest(ep.log, dePeer(), 12).body).kind).to.equal('cosigned');
  });

  it('answers a wrong old size with the size on record', async () => {
    await grow(ep, 0, 4);
    witness.addCheckpoint(epPeer(), buildAddCheckpointRequest(ep.log, dePeer()).body);
    await grow(ep, 4, 6);
    const r = witness.addCheckpoint(epPeer(), buildAddCheckpointRequest(ep.log, dePeer(), 0).body);
    expect(r).to.deep.equal({ kind: 'size-mismatch', knownSize: 4 });
    expect(witness.state('EP')?.size).to.equal(4);
  });

  it('refuses a checkpoint signed by another key than the peer\'s directory log key', async () => {
    await grow(de, 0, 3); // DE's own checkpoint submitted as if it were EP's
    const body = buildAddCheckpointRequest(de.log, epPeer()).body;
    expect(thrownCode(() => witness.addCheckpoint(epPeer(), body))).to.equal('WITNESS_SIGNATURE_INVALID');
    expect(witness.state('EP')).to.equal(undefined);
  });

  it('keeps both notes as evidence, logs witness.inconsistent and alerts on a forked history', async () => {
    await grow(ep, 0, 6);
    witness.addCheckpoint(epPeer(), buildAddCheckpointRequest(ep.log, dePeer()).body);
    const cosignedNote = witness.state('EP')?.note;
    // EP's key signs a second, different history (same key, other entries).
    const fork = auditFixture('EP', { key: ep.key });
    try {
      fork.clock.advance(1000);
      await grow(fork, 0, 9);
      const forged = buildAddCheckpointRequest(fork.log, dePeer(), 6);
      expect(thrownCode(() => witness.addCheckpoint(epPeer(), forged.body))).to.equal('WITNESS_INCONSISTENT');
      const evidence = witness.evidence('EP');
      expect(evidence).to.have.length(1);
      expect(evidence[0]!.noteA).to.equal(cosignedNote);
      expect(evidence[0]!.noteB).to.equal(fork.log.latestCheckpoint().note);
      expect(alerts).to.have.length(1);
      expect(alerts[0]).to.match(/^witness\.inconsistent log of EP: ALERT: office EP showed an inconsistent/);
      expect(witness.state('EP')?.size).to.equal(6); // nothing cosigned
      const logged = de.db.prepare("SELECT entry FROM audit_entries WHERE type = 'witness.inconsistent'").pluck().all() as Buffer[];
      expect(logged).to.have.length(1);
      expect(JSON.parse(logged[0]!.toString())).to.deep.include({ outcome: 'refused', code: 'WITNESS_INCONSISTENT' });

      // Same size, other root: also evidence.
      const fork6 = auditFixture('EP', { key: ep.key });
      try {
        fork6.clock.advance(5000);
        await grow(fork6, 0, 6);
        expect(thrownCode(() => witness.addCheckpoint(epPeer(), buildAddCheckpointRequest(fork6.log, dePeer(), 6).body))).to.equal('WITNESS_INCONSISTENT');
        expect(witness.evidence('EP')[1]!.reason).to.match(/two different roots/);
      } finally {
        await fork6.cleanup();
      }
    } finally {
      await fork.cleanup();
    }
  });

  it('refuses a checkpoint smaller than the one on record and a malformed body', async () => {
    await grow(ep, 0, 8);
    witness.addCheckpoint(epPeer(), buildAddCheckpointRequest(ep.log, dePeer()).body);
    const small = auditFixture('EP', { key: ep.key });
    try {
      await grow(small, 0, 3);
      const body = `old 8\n\n${small.log.latestCheckpoint().note}`;
      expect(thrownCode(() => witness.addCheckpoint(epPeer(), body))).to.equal('WITNESS_CHECKPOINT_REFUSED');
    } finally {
      await small.cleanup();
    }
    expect(thrownCode(() => witness.addCheckpoint(epPeer(), 'old 01\n\nx'))).to.equal('WITNESS_REQUEST_MALFORMED');
  });
});
