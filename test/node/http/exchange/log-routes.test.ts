/**
 * The log operations of the exchange API on a real EP node (issue 4): checkpoint, proofs and
 * entries as a peer (JP) sees them over mutual TLS with signed requests, verified with the
 * protocol/ verifiers; and JP asking EP to witness its checkpoints (C2SP tlog-witness).
 */
import { request as httpsRequest } from 'node:https';
import { expect } from 'chai';
import { leafHash, verifyConsistency, verifyInclusion } from '../../../../protocol/merkle/index.js';
import {
  cosignatureVerifier, decodeBase64Strict, ed25519NoteVerifier, openCheckpoint, parseVerifierKey, verifyNote,
} from '../../../../protocol/note/index.js';
import { IPEX_TAGS, generateNonce, signRequest } from '../../../../protocol/http-signatures/index.js';
import { systemRandom } from '../../../../protocol/runtime/clock.js';
import { signatureAlgorithmFor } from '../../../../node/trust/index.js';
import { AuditLog, attachCosignature, buildAddCheckpointRequest, type AuditEvent } from '../../../../node/services/audit/index.js';
import { openNodeDatabase } from '../../../../node/storage/open-node-database.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../exchange-peer-fixture.js';
import { join } from 'node:path';
import { auditFixture } from '../../services/audit/fixture.js';

interface Reply { status: number; type: string; body: Buffer }

const event = (n: number, office = 'JP'): AuditEvent => ({ type: 'retrieval.attempt', actor: { kind: 'peer', office }, subject: { documentId: `document-${n}` }, outcome: 'ok' });

describe('exchange API: audit log and witness', function () {
  this.timeout(120_000);
  let net: ExchangeNetwork;

  before(async () => {
    net = await startExchangeNetwork();
  });
  after(async () => {
    await net?.close();
  });

  /** A request signed by JP, with an optional text body and Accept header. */
  function send(method: string, path: string, body?: string, accept?: string): Promise<Reply> {
    const bytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const headers: Record<string, string> = { ...(bytes === undefined ? {} : { 'Content-Type': 'text/plain' }), ...(accept === undefined ? {} : { Accept: accept }) };
    const signed = signRequest({ method, url: `${net.publicUrl}${path}`, headers, body: bytes }, {
      keyId: net.jp.signing.sha256, privateKey: net.jp.signing.privateKey, alg: signatureAlgorithmFor(net.jp.signing.privateKey)!,
      created: net.clock.now(), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
    });
    for (const [k, v] of Object.entries(signed)) if (v !== undefined) headers[k] = v;
    return new Promise((resolve, reject) => {
      const req = httpsRequest({
        host: '127.0.0.1', port: new URL(net.ep.exchangeUrl).port, method, path,
        headers: { ...headers, ...(bytes === undefined ? {} : { 'Content-Length': String(bytes.length) }) },
        cert: net.jp.tls.certificatePem, key: net.jp.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, ca: net.jp.rootPem, agent: false,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(bytes);
    });
  }

  it('serves a signed checkpoint, proofs that verify against it, and the exact entry bytes', async () => {
    const audit = net.ep.context.audit;
    const base = audit.size();
    await Promise.all(Array.from({ length: 11 }, (_, i) => audit.append(event(i))));
    const first = audit.checkpointNow();
    await Promise.all(Array.from({ length: 6 }, (_, i) => audit.append(event(100 + i))));
    audit.checkpointNow();
    const epKey = net.ep.context.identity.log.verifierKey;
    const origin = parseVerifierKey(epKey).name;
    expect(origin).to.equal('ipex/audit/EP');

    const cpReply = await send('GET', '/exchange/v1/log/checkpoint');
    expect(cpReply.status, cpReply.body.toString()).to.equal(200);
    const cp = openCheckpoint(cpReply.body.toString('utf8'), origin, [ed25519NoteVerifier(epKey)]).checkpoint;
    expect(cp.size).to.equal(audit.size());

    const entries = await send('GET', `/exchange/v1/log/entries?start=${base}&end=${cp.size}`);
    expect(entries.status).to.equal(200);
    expect(entries.type).to.match(/^application\/jsonl/);
    const lines = entries.body.toString('utf8').split('\n');
    expect(lines.pop()).to.equal('');
    expect(lines).to.have.length(cp.size - base);
    const asJson = await send('GET', `/exchange/v1/log/entries?start=${base + 2}&end=${base + 4}`, undefined, 'application/json');
    expect(JSON.parse(asJson.body.toString())).to.deep.equal(lines.slice(2, 4));

    const index = base + 7;
    const inc = await send('GET', `/exchange/v1/log/proofs/inclusion?index=${index}&treeSize=${cp.size}`);
    expect(inc.status, inc.body.toString()).to.equal(200);
    const incBody = JSON.parse(inc.body.toString()) as { leafIndex: number; treeSize: number; hashes: string[] };
    expect(incBody).to.include({ leafIndex: index, treeSize: cp.size });
    const path = incBody.hashes.map((h) => decodeBase64Strict(h)!);
    expect(verifyInclusion(index, cp.size, leafHash(Buffer.from(lines[7]!, 'utf8')), path, cp.rootHash)).to.equal(true);

    const cons = await send('GET', `/exchange/v1/log/proofs/consistency?from=${first.size}&to=${cp.size}`);
    expect(cons.status).to.equal(200);
    const consPath = (JSON.parse(cons.body.toString()) as { hashes: string[] }).hashes.map((h) => decodeBase64Strict(h)!);
    expect(verifyConsistency(first.size, cp.size, consPath, first.root, cp.rootHash)).to.equal(true);

    const beyond = await send('GET', `/exchange/v1/log/proofs/inclusion?index=0&treeSize=${cp.size + 1000}`);
    expect(beyond.status).to.equal(400);
    expect(JSON.parse(beyond.body.toString()).code).to.equal('PROOF_REQUEST_INVALID');
    const tooMany = await send('GET', '/exchange/v1/log/entries?start=0&end=5000');
    expect(tooMany.status).to.equal(400);

    // Another office's exchange is not JP's to read.
    const kr = await audit.append(event(999, 'KR'));
    const forbidden = await send('GET', `/exchange/v1/log/entries?start=${base}&end=${kr + 1}`);
    expect(forbidden.status).to.equal(403);
    expect(JSON.parse(forbidden.body.toString()).code).to.equal('AUDIT_ENTRY_FORBIDDEN');
  });

  it('cosigns JP\'s checkpoints as a witness; 409 with its size for a stale old size, 422 for a fork, 403 for another key', async () => {
    const jpDir = join(net.root, 'jp');
    const { db } = openNodeDatabase(jpDir);
    const jpLog = AuditLog.forIdentity(db, net.clock, net.jp);
    try {
      const epPeer = { code: 'EP', logKey: net.ep.context.identity.log.verifierKey };
      for (let i = 0; i < 4; i++) await jpLog.append(event(i));
      jpLog.checkpointNow();
      const req1 = buildAddCheckpointRequest(jpLog, epPeer);
      const r1 = await send('POST', '/exchange/v1/witness/add-checkpoint', req1.body);
      expect(r1.status, r1.body.toString()).to.equal(200);
      const note = attachCosignature(jpLog, epPeer, req1.size, r1.body.toString('utf8'));
      const vk = parseVerifierKey(epPeer.logKey);
      expect(verifyNote(note, [ed25519NoteVerifier(net.jp.log.verifierKey), cosignatureVerifier({ name: vk.name, publicKey: vk.rawPublicKey })]).verified).to.have.length(2);

      for (let i = 4; i < 9; i++) await jpLog.append(event(i));
      jpLog.checkpointNow();
      const stale = await send('POST', '/exchange/v1/witness/add-checkpoint', buildAddCheckpointRequest(jpLog, epPeer, 0).body);
      expect(stale.status).to.equal(409);
      expect(stale.type).to.match(/^text\/x\.tlog\.size/);
      expect(stale.body.toString()).to.equal(`${req1.size}\n`);
      const r2 = await send('POST', '/exchange/v1/witness/add-checkpoint', buildAddCheckpointRequest(jpLog, epPeer).body);
      expect(r2.status, r2.body.toString()).to.equal(200);
      const state = net.ep.context.db.prepare("SELECT size FROM witness_state WHERE office = 'JP'").pluck().get();
      expect(state).to.equal(9);

      // JP's log key signs a second history: EP answers 422 and keeps both notes.
      const fork = auditFixture('JP', { key: { name: 'ipex/audit/JP', privateKey: net.jp.log.privateKey, vkey: net.jp.log.verifierKey } });
      try {
        for (let i = 0; i < 12; i++) await fork.log.append(event(1000 + i));
        fork.log.checkpointNow();
        const forged = await send('POST', '/exchange/v1/witness/add-checkpoint', buildAddCheckpointRequest(fork.log, epPeer, 9).body);
        expect(forged.status, forged.body.toString()).to.equal(422);
        expect(JSON.parse(forged.body.toString()).code).to.equal('WITNESS_INCONSISTENT');
        const evidence = net.ep.context.db.prepare("SELECT note_b FROM witness_evidence WHERE office = 'JP'").pluck().all();
        expect(evidence).to.deep.equal([fork.log.latestCheckpoint().note]);
      } finally {
        await fork.cleanup();
      }
      // A checkpoint signed by another key is refused with 403.
      const other = auditFixture('JP');
      try {
        for (let i = 0; i < 10; i++) await other.log.append(event(i));
        const wrongKey = await send('POST', '/exchange/v1/witness/add-checkpoint', buildAddCheckpointRequest(other.log, epPeer, 9).body);
        expect(wrongKey.status).to.equal(403);
      } finally {
        await other.cleanup();
      }
    } finally {
      await jpLog.close();
      db.close();
    }
  });
});
