/**
 * Sessions of the office API (issue 11: the portal's foundation) against a real development node
 * on loopback with an injected clock: cookie flags, CSRF on every state-changing cookie request,
 * idle and absolute expiry, sign-out, the sign-in rate limit and its audit entries, an applicant
 * session that reaches only the documents whose keys it was given, and no token or key in the log.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureDevNode } from '../../../../node/cli/dev-network.js';
import { createOutput } from '../../../../node/cli/output.js';
import { startNode, type RunningNode } from '../../../../node/runtime/start-node.js';
import { depositServiceFor } from '../../../../node/services/deposit/deposit-service.js';
import { Lockout } from '../../../../node/services/access/lockout.js';
import { StaffTokens } from '../../../../node/services/staff/staff-tokens.js';
import { FixedClock, systemRandom } from '../../../../protocol/runtime/clock.js';
import { Readable } from 'node:stream';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field

describe('office API: sessions (issue 11)', function () {
  this.timeout(60_000);
  const clock = new FixedClock(Date.now());
  const printed: string[] = [];
  let root: string;
  let node: RunningNode;
  let api: string;
  let clerk: string;
  let tokens: StaffTokens;
  const docs: { documentId: string; applicantKey: string }[] = [];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-sessions-'));
    const dataDir = join(root, 'data');
    const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);
    await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
    const config = JSON.parse(readFileSync(join(dataDir, 'ipex.json'), 'utf8')) as Json;
    config.sessions = { idleMinutes: 30, absoluteHours: 2, signInFailures: 3, signInWindowMinutes: 15 };
    writeFileSync(join(dataDir, 'ipex.json'), JSON.stringify(config));
    const capture = { write: (line: string) => { printed.push(line); return true; } };
    node = await startNode({ dataDir, clock, output: createOutput(false, { stdout: capture, stderr: capture }, true), ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    api = `${node.officeApiUrl}/api/v1`;
    tokens = new StaffTokens(node.context.db, clock, systemRandom);
    clerk = tokens.create('clerk', 'session test').token;
    const service = depositServiceFor(node.context);
    for (const [number, title, applicant] of [['23123456', 'Солнечное покрытие', { organizationName: 'ООО Ромашка' }], ['23123457', '太阳能涂层', { lastName: 'الخوارزمي', firstName: 'محمد' }]] as const) {
      const draft = service.createDraft({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: number, filingDate: '2023-05-01', ipRightType: 'patent', inventionTitle: title, applicantName: [applicant] } }, { kind: 'cli' });
      await service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7')]));
      const committed = await service.commit(draft.depositId, { kind: 'cli' });
      docs.push({ documentId: committed.documentId, applicantKey: committed.applicantKey! });
    }
  });
  after(async () => {
    await node?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function call(method: string, path: string, options: { cookie?: string; csrf?: string; bearer?: string; body?: unknown; from?: string } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (options.cookie !== undefined) headers.cookie = options.cookie;
    if (options.csrf !== undefined) headers['x-csrf-token'] = options.csrf;
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${api}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json), headers: res.headers };
  }

  async function signIn(credentials: Json): Promise<{ cookie: string; csrf: string; setCookie: string; body: Json }> {
    const res = await call('POST', '/sessions', { body: credentials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const setCookie = res.headers.get('set-cookie')!;
    return { cookie: setCookie.split(';')[0]!, csrf: res.body.csrfToken as string, setCookie, body: res.body };
  }

  it('signs staff in with a __Host- cookie that is HttpOnly, Secure and SameSite=Strict', async () => {
    const s = await signIn({ staffToken: clerk });
    expect(s.setCookie).to.match(/^__Host-ipex-session=[A-Za-z0-9_-]{43}; /);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) expect(s.setCookie).to.include(flag);
    expect(s.setCookie).not.to.include('Domain');
    expect(s.body).to.include({ kind: 'staff', role: 'clerk', label: 'session test' });
    const me = await call('GET', '/sessions/current', { cookie: s.cookie });
    expect(me.status).to.equal(200);
    expect(me.body.csrfToken).to.equal(s.csrf);
    expect((await call('GET', '/documents', { cookie: s.cookie })).status).to.equal(200);
  });

  it('refuses a state-changing cookie request without the CSRF token, and changes nothing', async () => {
    const s = await signIn({ staffToken: clerk });
    const body = { documentKind: 'searchReport', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23999999', filingDate: '2023-05-01', ipRightType: 'patent' } };
    const before = node.context.db.prepare('SELECT count(*) AS n FROM deposits').get() as { n: number };
    for (const csrf of [undefined, 'x'.repeat(43), (await signIn({ staffToken: clerk })).csrf]) {
      const refused = await call('POST', '/deposits', { cookie: s.cookie, body, ...(csrf === undefined ? {} : { csrf }) });
      expect(refused.status).to.equal(403);
      expect(refused.body.code).to.equal('CSRF_TOKEN_INVALID');
    }
    expect(node.context.db.prepare('SELECT count(*) AS n FROM deposits').get()).to.deep.equal(before);
    const ok = await call('POST', '/deposits', { cookie: s.cookie, csrf: s.csrf, body });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    // the draft is readable with its parts (the portal's parts page)
    const draft = await call('GET', `/deposits/${ok.body.depositId as string}`, { cookie: s.cookie });
    expect(draft.status).to.equal(200);
    expect(draft.body.parts).to.deep.equal([]);
    // a bearer token needs no CSRF token: no browser sends one by itself
    expect((await call('POST', '/deposits', { bearer: clerk, body })).status).to.equal(201);
  });

  it('ends a session idle for longer than sessions.idleMinutes, and any session after sessions.absoluteHours', async () => {
    const idle = await signIn({ staffToken: clerk });
    clock.advance(29 * 60_000);
    expect((await call('GET', '/documents', { cookie: idle.cookie })).status).to.equal(200);
    clock.advance(29 * 60_000);
    expect((await call('GET', '/documents', { cookie: idle.cookie })).status).to.equal(200);
    clock.advance(31 * 60_000);
    const expired = await call('GET', '/documents', { cookie: idle.cookie });
    expect(expired.status).to.equal(401);
    expect(expired.body.code).to.equal('SESSION_EXPIRED');

    const busy = await signIn({ staffToken: clerk });
    for (let minutes = 0; minutes < 115; minutes += 20) {
      expect((await call('GET', '/documents', { cookie: busy.cookie })).status).to.equal(200);
      clock.advance(20 * 60_000);
    }
    expect((await call('GET', '/documents', { cookie: busy.cookie })).body.code).to.equal('SESSION_EXPIRED');
  });

  it('signs out at once, and a revoked staff token ends its sessions', async () => {
    const s = await signIn({ staffToken: clerk });
    expect((await call('DELETE', '/sessions/current', { cookie: s.cookie })).body.code).to.equal('CSRF_TOKEN_INVALID');
    const out = await call('DELETE', '/sessions/current', { cookie: s.cookie, csrf: s.csrf });
    expect(out.status).to.equal(204);
    expect(out.headers.get('set-cookie')).to.match(/^__Host-ipex-session=; Max-Age=0;/);
    expect((await call('GET', '/documents', { cookie: s.cookie })).body.code).to.equal('SESSION_EXPIRED');

    const other = tokens.create('clerk', 'to revoke');
    const r = await signIn({ staffToken: other.token });
    tokens.revoke(other.info.id);
    expect((await call('GET', '/documents', { cookie: r.cookie })).body.code).to.equal('SESSION_EXPIRED');
  });

  it('gives an applicant session only the documents whose keys it was given', async () => {
    const [a, b] = docs as [typeof docs[0], typeof docs[0]];
    const s = await signIn({ applicantKey: a.applicantKey });
    expect(s.body).to.deep.include({ kind: 'applicant', documents: [a.documentId] });
    expect((await call('GET', `/documents/${a.documentId}`, { cookie: s.cookie })).status).to.equal(200);
    for (const path of ['', '/history', '/access', '/alerts', '/log']) {
      const refused = await call('GET', `/documents/${b.documentId}${path}`, { cookie: s.cookie });
      expect(refused.status, path).to.equal(401);
      expect(refused.body.code).to.equal('AUTH_INVALID');
      expect(JSON.stringify(refused.body)).not.to.include('太阳能');
    }
    expect((await call('PUT', `/documents/${b.documentId}/access`, { cookie: s.cookie, csrf: s.csrf, body: { allowedOffices: ['JP'] } })).status).to.equal(401);
    // staff operations stay closed to applicants
    expect((await call('GET', '/documents', { cookie: s.cookie })).body.code).to.equal('ROLE_NOT_ALLOWED');
    // a second document joins the session with its own key
    const added = await call('POST', '/sessions/current/documents', { cookie: s.cookie, csrf: s.csrf, body: { applicantKey: b.applicantKey } });
    expect(added.status, JSON.stringify(added.body)).to.equal(200);
    expect(added.body.documents).to.have.members([a.documentId, b.documentId]);
    expect((await call('GET', `/documents/${b.documentId}`, { cookie: s.cookie })).status).to.equal(200);
    // the directory's offices, by name, for applicants too
    const offices = await call('GET', '/offices', { cookie: s.cookie });
    expect(offices.status).to.equal(200);
    expect(offices.body.items.map((o: Json) => o.code)).to.include('EP');
    expect((await call('GET', '/offices', { bearer: a.applicantKey })).status).to.equal(200);
    expect((await call('GET', '/offices', { bearer: `ipexak_${'A'.repeat(43)}` })).body.code).to.equal('AUTH_INVALID');
  });

  it('shows the applicant the alerts of a locked document', async () => {
    const [a] = docs as [typeof docs[0]];
    const lockout = new Lockout(node.context.db, { maxFailures: 1, lockMinutes: 60 }, node.context.audit);
    node.context.db.transaction(() => lockout.recordFailure(a.documentId, 'JP', clock.now(), a.documentId))();
    const alerts = await call('GET', `/documents/${a.documentId}/alerts`, { bearer: a.applicantKey });
    expect(alerts.status).to.equal(200);
    expect(alerts.body.items).to.have.length(1);
    expect(alerts.body.items[0]).to.include({ kind: 'access-locked', office: 'JP' });
  });

  it('finds documents by applicant and title in any script, ignoring case', async () => {
    const s = await signIn({ staffToken: clerk });
    const find = async (query: string): Promise<string[]> => ((await call('GET', `/documents?${query}`, { cookie: s.cookie })).body.items as Json[]).map((d) => d.documentId as string);
    expect(await find(`title=${encodeURIComponent('СОЛНЕЧНОЕ')}`)).to.deep.equal([docs[0]!.documentId]);
    expect(await find(`applicant=${encodeURIComponent('الخوارزمي')}`)).to.deep.equal([docs[1]!.documentId]);
    expect(await find(`title=${encodeURIComponent('涂层')}&applicant=${encodeURIComponent('ромашка')}`)).to.deep.equal([]);
    expect(await find('applicationNumberText=EP%2023%20123%20457')).to.deep.equal([docs[1]!.documentId]);
    expect(await find('filedFrom=2023-05-02')).to.deep.equal([]);
    expect(await find('filedFrom=2023-05-01&filedTo=2023-05-01')).to.have.length(2);
  });

  it('limits failed sign-ins per address, logs the refusals once, and never logs a token or key', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', '/sessions', { body: { staffToken: `ipex_${'x'.repeat(43)}` } });
      expect(res.body.code).to.equal('AUTH_INVALID');
    }
    for (let i = 0; i < 3; i++) {
      const limited = await call('POST', '/sessions', { body: { staffToken: clerk } });
      expect(limited.status).to.equal(429);
      expect(limited.body.code).to.equal('SIGN_IN_RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 900);
    }
    clock.advance(15 * 60_000);
    await signIn({ staffToken: clerk });

    await node.context.audit.flush();
    const entries = (node.context.db.prepare("SELECT entry FROM audit_entries WHERE type LIKE 'session.%' ORDER BY idx").all() as { entry: Buffer | string }[])
      .map((r) => JSON.parse(String(r.entry)) as Json);
    expect(entries.filter((e) => e.code === 'AUTH_INVALID')).to.have.length(3);
    expect(entries.filter((e) => e.code === 'SIGN_IN_RATE_LIMITED')).to.have.length(1);
    expect(entries.filter((e) => e.outcome === 'ok' && e.type === 'session.signed-in').length).to.be.greaterThan(5);
    const everything = (node.context.db.prepare('SELECT entry FROM audit_entries').all() as { entry: Buffer | string }[]).map((r) => String(r.entry)).join('\n') + printed.join('');
    for (const secret of [clerk, ...docs.map((d) => d.applicantKey)]) expect(everything).not.to.include(secret);
  });
});
