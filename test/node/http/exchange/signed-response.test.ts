/**
 * Every answer the node signs is declared signed in openapi/exchange.yaml (issue 10, item 19): the
 * test calls every operation of the document on a real EP node, as JP, with the outcomes that
 * matter, and holds each answer to its response object — a signed answer must declare
 * `Signature`, `Signature-Input` and `Content-Digest`, and an answer declared with them as
 * required must be signed. A new operation fails the test until it is called here.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { openapiPath } from '../../../../node/http/openapi-path.js';
import { loadIdentity } from '../../../../node/identity/office-identity.js';
import { dataPaths } from '../../../../node/config/data-dir.js';
import { AuditLog, buildAddCheckpointRequest } from '../../../../node/services/audit/index.js';
import { openNodeDatabase } from '../../../../node/storage/open-node-database.js';
import { signReceipt } from '../../../../protocol/exchange-client/receipt.js';
import { normaliseApplicationNumber } from '../../../../protocol/st13/index.js';
import { TrackingStore } from '../../../../node/services/tracking/tracking-store.js';
import { startExchangeNetwork, type ExchangeNetwork, type PeerResponse } from '../exchange-peer-fixture.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking the YAML tree
const SIGNED_HEADERS = ['Signature', 'Signature-Input', 'Content-Digest'];

const doc = yaml.load(readFileSync(openapiPath('exchange'), 'utf8'), { schema: yaml.CORE_SCHEMA }) as Obj;
const deref = (value: Obj): Obj => {
  let current = value;
  while (typeof current.$ref === 'string') current = (current.$ref as string).slice(2).split('/').reduce((node: Obj, key) => node[key], doc);
  return current;
};
const operations = new Map<string, { path: string; method: string; op: Obj }>();
for (const [path, item] of Object.entries(doc.paths as Obj)) {
  for (const [method, op] of Object.entries(item as Obj)) operations.set((op as Obj).operationId, { path, method: method.toUpperCase(), op: op as Obj });
}

describe('exchange API: signed answers are declared in openapi/exchange.yaml', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  const seen: { operationId: string; status: number; signed: boolean }[] = [];

  before(async () => { net = await startExchangeNetwork(); });
  after(async () => { await net?.close(); });

  async function call(operationId: string, path: string, options: Parameters<ExchangeNetwork['send']>[2] = {}): Promise<PeerResponse> {
    const { method } = operations.get(operationId)!;
    const res = await net.send(method, `/exchange/v1${path}`, options);
    seen.push({ operationId, status: res.status, signed: res.headers.signature !== undefined && res.headers['signature-input'] !== undefined });
    return res;
  }

  const request = (accessCode: string, application: string) => ({
    ipOfficeCode: 'EP', applicationNumberText: normaliseApplicationNumber('EP', application).applicationNumberText,
    filingDate: '2023-05-01', ipRightType: 'patent', accessCode, requestId: randomUUID(),
  });

  // issue 10, item 19
  it('calls every operation with the outcomes that carry decisions', async () => {
    const { documentId, accessCode } = await net.depositPriority({ application: 'EP 23 200 001' });
    const granted = (await call('createRetrieval', '/retrievals', { json: request(accessCode, 'EP 23 200 001') })).json();
    expect(granted.outcome).to.equal('success');
    await call('createRetrieval', '/retrievals', { json: request('0000-0000-0000-0', 'EP 23 200 001') }); // 404 decision
    await net.deposits.setAccess(documentId, { allowedOffices: ['KR'] }, { kind: 'cli' });
    await call('createRetrieval', '/retrievals', { json: request(accessCode, 'EP 23 200 001') }); // 403 decision
    await net.deposits.setAccess(documentId, { anyParticipatingOffice: true }, { kind: 'cli' });
    const later = new Date(net.clock.now().getTime() + 86_400_000).toISOString();
    const pending = await net.depositPriority({ application: 'EP 23 200 002', availableFrom: later });
    await call('createRetrieval', '/retrievals', { json: request(pending.accessCode, 'EP 23 200 002') }); // 202
    await call('createRetrieval', '/retrievals', { json: { ...request(accessCode, 'EP 23 200 001'), ipOfficeCode: 'ep' } }); // 400, no decision

    const id = granted.retrievalId as string;
    const part = granted.document.parts[0].name as string;
    await call('getRetrievalManifest', `/retrievals/${id}/manifest`);
    await call('getRetrievalChain', `/retrievals/${id}/chain`);
    await call('getRetrievalPart', `/retrievals/${id}/parts/${part}`);
    await call('getRetrievalPart', `/retrievals/${id}/parts/${part}`, { headers: { Range: 'bytes=1-' } });
    await call('headRetrievalPart', `/retrievals/${id}/parts/${part}`);
    await call('getRetrievalPartSignature', `/retrievals/${id}/parts/${part}/signature`);
    const receipt = await signReceipt({
      retrievalId: id, documentId: granted.document.documentId, version: granted.document.version,
      parts: granted.document.parts.map((p: { name: string; sha256: string }) => ({ name: p.name, sha256: p.sha256 })), receivedAt: net.clock.now().toISOString(),
    }, { privateKey: net.jp.signing.privateKey, chain: [net.jp.signing.certificate.raw] });
    expect((await call('createReceipt', '/receipts', { json: { retrievalId: id, receipt } })).status).to.equal(200);

    const report = await net.depositPriority({ kind: 'searchReport', application: 'EP 23 200 003' });
    const listed = await call('listDossierDocuments', `/dossiers?ipOfficeCode=EP&applicationNumberText=${normaliseApplicationNumber('EP', 'EP 23 200 003').applicationNumberText}`);
    expect(listed.json().documents.length).to.equal(1);
    await call('getDossierDocument', `/dossiers/${report.documentId}`);
    const searched = await call('searchDossierDocuments', '/dossier-searches', { json: { applications: [{ ipOfficeCode: 'EP', applicationNumberText: normaliseApplicationNumber('EP', 'EP 23 200 003').applicationNumberText }] } });
    expect(searched.json().documents.length).to.equal(1);
    expect((await call('listSearchCopies', '/search-copies')).json().documents).to.deep.equal([]); // issue 15

    // Issue 12: tracked files. JP subscribes to an EP application, lists, cancels; and a
    // notification from JP (as a publisher) to EP (tracking a JP application here).
    const app = normaliseApplicationNumber('EP', 'EP 23 200 003').applicationNumberText;
    const sub = (await call('createSubscription', '/subscriptions', { json: { ipOfficeCode: 'EP', applicationNumberText: app } })).json();
    expect(sub.state).to.equal('active');
    await call('listSubscriptions', '/subscriptions');
    expect((await call('cancelSubscription', `/subscriptions/${sub.subscriptionId as string}`)).json().state).to.equal('cancelled');
    await call('cancelSubscription', '/subscriptions/sub-unknown-00'); // 404
    new TrackingStore(net.ep.context.db).insertTracked({ id: 'sub-from-jp-0001', office: 'JP', applicationNumber: '2024000111', createdAt: net.clock.now().toISOString(), createdBy: 'cli' });
    const notified = await call('receiveNotification', '/notifications', { json: { notificationId: 'cancelled-sub-from-jp-0001', subscriptionId: 'sub-from-jp-0001', type: 'subscription.cancelled', time: net.clock.now().toISOString() } });
    expect(notified.json()).to.deep.equal({ notificationId: 'cancelled-sub-from-jp-0001', result: 'accepted' });
    await call('receiveNotification', '/notifications', { json: { notificationId: 'n-1', subscriptionId: 'sub-nobody-0001', type: 'subscription.cancelled', time: net.clock.now().toISOString() } }); // 404

    await call('getStatus', '/status');
    await net.ep.context.audit.flush();
    net.ep.context.audit.checkpointNow();
    await call('getLogCheckpoint', '/log/checkpoint');
    await call('getLogInclusionProof', '/log/proofs/inclusion?index=0&treeSize=2');
    await call('getLogConsistencyProof', '/log/proofs/consistency?from=1&to=2');
    const index = granted.logEntry.index as number;
    await call('getLogEntries', `/log/entries?start=${index}&end=${index + 1}`);

    // JP's node asks EP to witness JP's log: a real add-checkpoint request from JP's data folder.
    const jpDir = join(net.root, 'jp');
    const { db } = openNodeDatabase(jpDir, net.clock);
    try {
      const jpLog = AuditLog.forIdentity(db, net.clock, loadIdentity(dataPaths(jpDir)));
      await jpLog.append({ type: 'admin.token-created', actor: { kind: 'node' }, outcome: 'ok' });
      jpLog.checkpointNow();
      const epEntry = (await net.ep.context.trust.office('EP'))!;
      const body = buildAddCheckpointRequest(jpLog, { code: 'EP', logKey: epEntry.logKey }).body;
      const cosigned = await call('addWitnessCheckpoint', '/witness/add-checkpoint', { body: Buffer.from(body), headers: { 'Content-Type': 'text/plain' } });
      expect(cosigned.status, cosigned.body.toString()).to.equal(200);
      await jpLog.close();
    } finally {
      db.close();
    }

    expect([...new Set(seen.map((s) => s.operationId))].sort()).to.deep.equal([...operations.keys()].sort());
    expect(seen.filter((s) => s.signed).map((s) => `${s.operationId} ${s.status}`)).to.include.members([
      'createRetrieval 200', 'createRetrieval 202', 'createRetrieval 403', 'createRetrieval 404',
      'createReceipt 200', 'listDossierDocuments 200', 'getDossierDocument 200', 'listSearchCopies 200',
      'createSubscription 200', 'listSubscriptions 200', 'cancelSubscription 200', 'receiveNotification 200',
    ]);
  });

  // issue 10, item 19
  it('declares the signature headers on every answer it signs, and signs every answer that requires them', () => {
    expect(seen.length).to.be.at.least(operations.size);
    for (const { operationId, status, signed } of seen) {
      const { op } = operations.get(operationId)!;
      const response = deref((op.responses[String(status)] ?? op.responses.default) as Obj);
      const headers = (response.headers ?? {}) as Obj;
      const declared = SIGNED_HEADERS.map((h) => (headers[h] === undefined ? undefined : deref(headers[h] as Obj)));
      const where = `${operationId} ${status}`;
      if (signed) expect(declared.every((h) => h !== undefined), `${where} is signed but does not declare ${SIGNED_HEADERS.join(', ')}`).to.equal(true);
      if (declared.some((h) => h?.required === true)) expect(signed, `${where} declares the signature headers required but is not signed`).to.equal(true);
    }
  });
});
