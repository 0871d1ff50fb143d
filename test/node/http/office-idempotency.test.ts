/**
 * Issue 15, "An e-filing hook": against a real node on loopback, the office API's deposit
 * operations with an `Idempotency-Key` (docs/e-filing.md "Idempotency keys") — a retry gets the
 * first answer again and deposits nothing, another request under the key is refused, two in
 * flight make one deposit, the stored answer is sealed, and keys expire after 24 hours.
 */
import { expect } from 'chai';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { IdempotencyKeys } from '../../../node/services/deposit/idempotency-keys.js';
import { startDepositNode, type DepositNode } from '../services/deposit/deposit-fixture.js';
import { officeCalls, type Answer } from './office-calls.js';

const BIB = { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 123 456.8', filingDate: '2023-05-01', ipRightType: 'patent' };
const bib = (n: number) => ({ ...BIB, applicationNumberText: `EP 23 100 ${String(n).padStart(3, '0')}` });

describe('office API: idempotency keys on deposits (issue 15)', function () {
  this.timeout(120_000);
  let n: DepositNode;
  let api: ReturnType<typeof officeCalls>;
  const clock = new FixedClock(Date.now());
  before(async () => {
    n = await startDepositNode('EP', clock);
    api = officeCalls(n);
  });
  after(async () => {
    await n?.close();
  });

  const count = (sql: string, ...args: unknown[]): number => (n.node.context.db.prepare(sql).get(...args) as { n: number }).n;
  const drafts = () => count('SELECT count(*) AS n FROM deposits');
  const committed = (type = 'deposit.committed') => count('SELECT count(*) AS n FROM audit_entries WHERE type = ?', type);
  const withKey = (key: string) => ({ 'idempotency-key': key });

  async function draftWithPart(number: number, key?: string): Promise<string> {
    const draft = await api.call('POST', '/deposits', { documentKind: 'priorityDocument', bibliographicData: bib(number) }, key === undefined ? {} : withKey(key));
    expect(draft.status, draft.text).to.equal(201);
    expect((await api.upload(draft.body.depositId, 'a.pdf', Buffer.from('%PDF-1.7 a'))).status).to.equal(200);
    return draft.body.depositId as string;
  }

  it('opens one draft for a retried POST /deposits, answering the first answer again', async () => {
    const before = drafts();
    const body = { documentKind: 'priorityDocument', bibliographicData: bib(1) };
    const first = await api.call('POST', '/deposits', body, withKey('ipas-2023-000001-open'));
    const again = await api.call('POST', '/deposits', body, withKey('ipas-2023-000001-open'));
    expect(first.status).to.equal(201);
    expect(first.headers.get('idempotent-replayed')).to.equal(null);
    expect(again.status).to.equal(201);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('location')).to.equal(first.headers.get('location'));
    expect(drafts()).to.equal(before + 1);
  });

  it('answers a retried commit with the first answer, access code included, and deposits once', async () => {
    const id = await draftWithPart(2);
    const audit = committed();
    const first = await api.call('POST', `/deposits/${id}/commit`, undefined, withKey('6f1c2e0a-9b7d-4a53-8e21-3c4d5e6f7a80'));
    expect(first.status, first.text).to.equal(201);
    expect(first.body.accessCode).to.be.a('string');
    const again = await api.call('POST', `/deposits/${id}/commit`, undefined, withKey('6f1c2e0a-9b7d-4a53-8e21-3c4d5e6f7a80'));
    expect(again.status).to.equal(201);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.headers.get('cache-control')).to.equal('no-store');
    expect(again.body).to.deep.equal(first.body);
    expect(committed()).to.equal(audit + 1);
    // Keys are the office's: another staff token retrying gets the same answer; the key may be quoted (RFC 8941 string).
    const { StaffTokens } = await import('../../../node/services/staff/staff-tokens.js');
    const { systemRandom } = await import('../../../protocol/runtime/clock.js');
    const admin = new StaffTokens(n.node.context.db, n.node.context.clock, systemRandom).create('admin', 'second system').token;
    const other = await api.call('POST', `/deposits/${id}/commit`, undefined, withKey('"6f1c2e0a-9b7d-4a53-8e21-3c4d5e6f7a80"'), admin);
    expect(other.headers.get('idempotent-replayed')).to.equal('true');
    expect(other.body).to.deep.equal(first.body);
    // Without the key a second commit is refused as ever.
    expect((await api.call('POST', `/deposits/${id}/commit`)).body.code).to.equal('DEPOSIT_NOT_DRAFT');
    // The stored answer does not show the secrets: it is sealed under the node secret and the key.
    const stored = n.node.context.db.prepare('SELECT response FROM idempotency_keys').all() as { response: Buffer | null }[];
    const code = first.body.accessCode as string;
    for (const row of stored) expect(Buffer.from(row.response ?? Buffer.alloc(0)).includes(code)).to.equal(false);
    expect(JSON.stringify(n.node.context.db.prepare('SELECT * FROM idempotency_keys').all())).not.to.include('6f1c2e0a-9b7d');
  });

  it('refuses the same key with another request (422), changing nothing', async () => {
    const before = drafts();
    const key = withKey('ipas-2023-000003-open');
    expect((await api.call('POST', '/deposits', { documentKind: 'priorityDocument', bibliographicData: bib(3) }, key)).status).to.equal(201);
    const other = await api.call('POST', '/deposits', { documentKind: 'priorityDocument', bibliographicData: bib(4) }, key);
    expect(other.status).to.equal(422);
    expect(other.body.code).to.equal('IDEMPOTENCY_KEY_MISMATCH');
    const id = await draftWithPart(5);
    const elsewhere = await api.call('POST', `/deposits/${id}/commit`, undefined, key); // another path
    expect(elsewhere.body.code).to.equal('IDEMPOTENCY_KEY_MISMATCH');
    expect(drafts()).to.equal(before + 2);
    expect(count("SELECT count(*) AS n FROM deposits WHERE id = ? AND state = 'draft'", id)).to.equal(1);
  });

  it('makes exactly one deposit of two identical commits in flight', async () => {
    const id = await draftWithPart(6);
    const audit = committed();
    const key = withKey('ipas-2023-000006-commit');
    const answers: Answer[] = await Promise.all([api.call('POST', `/deposits/${id}/commit`, undefined, key), api.call('POST', `/deposits/${id}/commit`, undefined, key)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).to.deep.equal([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).to.equal('IDEMPOTENCY_KEY_IN_USE');
    expect(committed()).to.equal(audit + 1);
    const later = await api.call('POST', `/deposits/${id}/commit`, undefined, key);
    expect(later.status).to.equal(201);
    expect(later.body).to.deep.equal(answers.find((a) => a.status === 201)!.body);

    const before = drafts();
    const body = { documentKind: 'priorityDocument', bibliographicData: bib(7) };
    const opened = await Promise.all([1, 2, 3].map(() => api.call('POST', '/deposits', body, withKey('ipas-2023-000007-open'))));
    expect(opened.filter((a) => a.status === 201)).to.have.length(1);
    expect(drafts()).to.equal(before + 1);
  });

  it('frees the key of a refused request, so the corrected retry runs', async () => {
    const draft = await api.call('POST', '/deposits', { documentKind: 'priorityDocument', bibliographicData: bib(8) });
    const key = withKey('ipas-2023-000008-commit');
    const empty = await api.call('POST', `/deposits/${draft.body.depositId}/commit`, undefined, key);
    expect(empty.body.code).to.equal('DEPOSIT_EMPTY');
    await api.upload(draft.body.depositId, 'a.pdf', Buffer.from('%PDF-1.7 a'));
    const done = await api.call('POST', `/deposits/${draft.body.depositId}/commit`, undefined, key);
    expect(done.status, done.text).to.equal(201);
    expect(done.headers.get('idempotent-replayed')).to.equal(null);
  });

  it('refuses a key of the wrong form with INVALID_INPUT', async () => {
    const before = drafts();
    for (const bad of ['short', 'has space in it', 'x'.repeat(256), 'quote"in-middle']) {
      const answer = await api.call('POST', '/deposits', { documentKind: 'priorityDocument', bibliographicData: bib(9) }, withKey(bad));
      expect(answer.status, bad).to.equal(400);
      expect(answer.body.code).to.equal('INVALID_INPUT');
    }
    expect(drafts()).to.equal(before);
  });

  it('forgets a key after 24 hours, and after five minutes the reservation of a request that died', async () => {
    const body = { documentKind: 'priorityDocument', bibliographicData: bib(10) };
    const key = withKey('ipas-2023-000010-open');
    const first = await api.call('POST', '/deposits', body, key);
    clock.advance(23 * 3_600_000);
    expect((await api.call('POST', '/deposits', body, key)).body.depositId).to.equal(first.body.depositId);
    clock.advance(2 * 3_600_000);
    const fresh = await api.call('POST', '/deposits', body, key);
    expect(fresh.status).to.equal(201);
    expect(fresh.headers.get('idempotent-replayed')).to.equal(null);
    expect(fresh.body.depositId).not.to.equal(first.body.depositId);

    // A reservation whose request never answered (its node stopped): in use for five minutes, then free.
    const keys = new IdempotencyKeys(n.service.deps);
    const dead = { method: 'POST', path: '/api/v1/deposits', body: body };
    const dying = keys.run('ipas-2023-000011-open', dead, () => new Promise(() => undefined)); // never answers
    void dying;
    await new Promise((r) => setTimeout(r, 50));
    const busy = await api.call('POST', '/deposits', body, withKey('ipas-2023-000011-open'));
    expect(busy.status).to.equal(409);
    expect(busy.body.code).to.equal('IDEMPOTENCY_KEY_IN_USE');
    clock.advance(5 * 60_000);
    expect((await api.call('POST', '/deposits', body, withKey('ipas-2023-000011-open'))).status).to.equal(201);
  });
});
