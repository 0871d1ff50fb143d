/**
 * The auditors' operations of the office API on a real node (issue 4): filters, cursor paging
 * that neither skips nor repeats, the role check, and the signed checkpoint.
 */
import { expect } from 'chai';
import { ed25519NoteVerifier, openCheckpoint } from '../../../../protocol/note/index.js';
import type { AuditEvent } from '../../../../node/services/audit/index.js';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';

describe('office API: audit entries and checkpoint', function () {
  this.timeout(120_000);
  let n: DepositNode;
  let base: number;

  before(async () => {
    n = await startDepositNode('EP');
    const audit = n.node.context.audit;
    base = audit.size();
    const events: AuditEvent[] = [];
    for (let i = 0; i < 12; i++) {
      events.push({
        type: i % 3 === 0 ? 'retrieval.attempt' : 'part.served',
        actor: { kind: 'peer', office: i % 2 === 0 ? 'JP' : 'KR' },
        subject: { documentId: `document-${i % 4}` },
        outcome: i % 4 === 0 ? 'refused' : 'ok',
      });
    }
    for (const e of events) await audit.append(e);
  });
  after(async () => {
    await n?.close();
  });

  async function get(path: string, token: string): Promise<{ status: number; body: any; text: string }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await fetch(`${n.api}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    return { status: res.status, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  }

  it('filters by office, document, event type and outcome', async () => {
    const jp = await get('/audit/entries?office=JP&eventType=retrieval.attempt&limit=500', n.auditor);
    expect(jp.status, jp.text).to.equal(200);
    expect(jp.body.items.map((e: { index: number }) => e.index - base)).to.deep.equal([0, 6]);
    const refused = await get('/audit/entries?outcome=refused&documentId=document-0', n.auditor);
    expect(refused.body.items.map((e: { index: number }) => e.index - base)).to.deep.equal([0, 4, 8]);
    const item = refused.body.items[0];
    expect(JSON.parse(item.entry)).to.deep.include({ v: 1, office: 'EP', type: 'retrieval.attempt', outcome: 'refused' });
    const future = await get(`/audit/entries?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`, n.auditor);
    expect(future.status, future.text).to.equal(200);
    expect(future.body.items).to.deep.equal([]);
  });

  it('pages by cursor without skipping or repeating', async () => {
    const seen: number[] = [];
    let cursor: string | undefined = String(base);
    while (cursor !== undefined) {
      const page = await get(`/audit/entries?limit=5&cursor=${cursor}`, n.auditor);
      expect(page.status, page.text).to.equal(200);
      seen.push(...page.body.items.map((e: { index: number }) => e.index));
      cursor = page.body.nextCursor;
    }
    expect(seen).to.deep.equal(Array.from({ length: 12 }, (_, i) => base + i));
  });

  it('refuses a clerk token and a bad cursor', async () => {
    expect((await get('/audit/entries', n.clerk)).status).to.equal(403);
    expect((await get('/audit/checkpoint', n.clerk)).status).to.equal(403);
    const bad = await get('/audit/entries?cursor=abc', n.auditor);
    expect(bad.status).to.equal(400);
  });

  it('serves the signed checkpoint', async () => {
    n.node.context.audit.checkpointNow();
    const res = await get('/audit/checkpoint', n.auditor);
    expect(res.status).to.equal(200);
    const vkey = n.node.context.identity.log.verifierKey;
    const cp = openCheckpoint(res.text, 'ipex/audit/EP', [ed25519NoteVerifier(vkey)]).checkpoint;
    expect(cp.size).to.equal(n.node.context.audit.size());
  });
});
