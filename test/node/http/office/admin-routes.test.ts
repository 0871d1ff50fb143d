/**
 * The administrator's office API (issue 11): staff tokens made (shown once), listed and revoked
 * with the administrator in the audit log and the revoked token's sessions ended; the peers with
 * their last contact in both directions; the witness status after a witnessing round; and the
 * roles that may not do any of it. Two real offices on loopback.
 */
import { expect } from 'chai';
import { systemRandom } from '../../../../protocol/runtime/clock.js';
import { StaffTokens } from '../../../../node/services/staff/staff-tokens.js';
import { WitnessRound } from '../../../../node/services/audit/witness-round.js';
import { exchangeClientFor } from '../../../../node/services/retrieval/index.js';
import { depositPriorityDocument, startTestNetwork, EP_APP, type TestNetwork } from '../../../integration/network-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field

describe('office API for administrators (issue 11)', function () {
  this.timeout(120_000);
  let t: TestNetwork;
  let ep: string;
  let admin: string;

  async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; headers: Headers }> {
    const res = await fetch(`${ep}/api/v1${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? {} : JSON.parse(text) as Json, headers: res.headers };
  }

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    ep = t.net.node('EP').officeApiUrl;
    admin = t.net.api('EP').token;
  });
  after(() => t?.close());

  it('makes a token shown once, lists it without its value, revokes it and ends its sessions, all audited with the administrator', async () => {
    const made = await call(admin, 'POST', '/staff-tokens', { role: 'examiner', label: 'Ana Pérez, examiner' });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.headers.get('cache-control')).to.equal('no-store');
    expect(made.body).to.include({ role: 'examiner', label: 'Ana Pérez, examiner' });
    expect(made.body.token).to.match(/^ipex_[A-Za-z0-9_-]{43}$/);
    // the new token works, with its role
    expect((await call(made.body.token as string, 'GET', '/retrievals')).status).to.equal(200);
    expect((await call(made.body.token as string, 'GET', '/documents')).status).to.equal(403);
    const session = await fetch(`${ep}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffToken: made.body.token }) });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;

    const list = await call(admin, 'GET', '/staff-tokens');
    const listed = (list.body.items as Json[]).find((i) => i.id === made.body.id)!;
    expect(listed).to.deep.equal({ id: made.body.id, role: 'examiner', label: 'Ana Pérez, examiner', createdAt: made.body.createdAt });
    expect(JSON.stringify(list.body)).not.to.include(made.body.token as string);

    const revoked = await call(admin, 'POST', `/staff-tokens/${made.body.id}/revoke`);
    expect(revoked.status).to.equal(200);
    expect(revoked.body.revokedAt).to.be.a('string');
    expect((await call(made.body.token as string, 'GET', '/retrievals')).status).to.equal(401);
    const afterRevoke = await fetch(`${ep}/api/v1/sessions/current`, { headers: { cookie } });
    expect(afterRevoke.status).to.equal(401);
    // a second revocation, or of no token, is refused and changes nothing
    for (const id of [made.body.id, 999_999]) {
      const again = await call(admin, 'POST', `/staff-tokens/${id}/revoke`);
      expect(again.status).to.equal(404);
      expect(again.body.code).to.equal('NOT_FOUND');
    }

    const log = t.net.node('EP').context.audit;
    await log.flush();
    const adminId = new StaffTokens(t.net.node('EP').context.db, t.net.node('EP').context.clock, systemRandom).authenticate(admin)!.id;
    const entries = (await call(admin, 'GET', '/audit/entries?eventType=admin.token-created&limit=500')).body.items as Json[];
    const created = entries.map((e) => JSON.parse(e.entry as string) as Json).find((e) => e.details.tokenId === made.body.id)!;
    expect(created.actor).to.deep.include({ kind: 'staff', tokenId: adminId });
    expect(JSON.stringify(created)).not.to.include(made.body.token as string);
    const revocations = (await call(admin, 'GET', '/audit/entries?eventType=admin.token-revoked&limit=500')).body.items as Json[];
    expect(revocations.map((e) => JSON.parse(e.entry as string) as Json).filter((e) => e.details.tokenId === made.body.id)).to.have.length(1);
  });

  it('refuses a token with an unknown role or an empty label, and makes nothing', async () => {
    const before = (await call(admin, 'GET', '/staff-tokens')).body.items as Json[];
    for (const body of [{ role: 'root', label: 'x' }, { role: 'clerk', label: '' }, { role: 'clerk' }, { role: 'clerk', label: 'a\u0007b' }]) {
      const refused = await call(admin, 'POST', '/staff-tokens', body);
      expect(refused.status, JSON.stringify(body)).to.equal(400);
      expect(refused.body.code).to.be.oneOf(['INVALID_INPUT', 'VALIDATION_FAILED']);
    }
    expect((await call(admin, 'GET', '/staff-tokens')).body.items).to.deep.equal(before);
  });

  it('lets only an administrator manage tokens; auditors read peers and witnesses', async () => {
    const tokens = new StaffTokens(t.net.node('EP').context.db, t.net.node('EP').context.clock, systemRandom);
    const clerk = tokens.create('clerk', 'c').token;
    const auditor = tokens.create('auditor', 'a').token;
    for (const token of [clerk, auditor]) {
      for (const [method, path, body] of [['GET', '/staff-tokens'], ['POST', '/staff-tokens', { role: 'admin', label: 'me' }], ['POST', '/staff-tokens/1/revoke']] as const) {
        const refused = await call(token, method, path, body);
        expect(refused.status, path).to.equal(403);
        expect(refused.body.code).to.equal('ROLE_NOT_ALLOWED');
      }
    }
    expect((await call(clerk, 'GET', '/peers')).status).to.equal(403);
    expect((await call(auditor, 'GET', '/peers')).status).to.equal(200);
    expect((await call(auditor, 'GET', '/witnesses')).status).to.equal(200);
  });

  it('lists the peers with their last contact in each direction', async () => {
    const before = (await call(admin, 'GET', '/peers')).body.items as Json[];
    expect(before.map((p) => p.code)).to.deep.equal(['JP']);
    // JP retrieves from EP (a contact from JP at EP); EP asks JP to witness (EP's request answered)
    const { accessCode } = await depositPriorityDocument(t.net.api('EP'), 1000);
    const jp = t.net.api('JP');
    const job = await jp.waitForJob((await jp.retrieve({ ...EP_APP, accessCode: accessCode! })).jobId, 60_000);
    expect(job.state).to.equal('done');
    const context = t.net.node('EP').context;
    context.audit.checkpointNow();
    await new WitnessRound(context, { client: () => exchangeClientFor(context, systemRandom) }).run();
    const peers = (await call(admin, 'GET', '/peers')).body.items as Json[];
    expect(peers).to.have.length(1);
    expect(peers[0]).to.include({ code: 'JP', name: t.net.node('JP').context.config.office.name, status: 'active', lastOutboundStatus: 200 });
    expect(Date.parse(peers[0]!.lastInboundAt as string)).to.be.closeTo(Date.now(), 120_000);
    expect(Date.parse(peers[0]!.lastOutboundAt as string)).to.be.closeTo(Date.now(), 120_000);
    // a failure is recorded only when a request got no answer (test/node/services/peers/)
  });

  it('shows the witnesses with what they last cosigned, the logs this node witnesses, and no inconsistency', async () => {
    const context = t.net.node('EP').context;
    context.audit.checkpointNow();
    await new WitnessRound(context, { client: () => exchangeClientFor(context, systemRandom) }).run();
    const status = (await call(admin, 'GET', '/witnesses')).body;
    const latest = context.audit.latestCheckpoint();
    expect(status.checkpoint).to.deep.equal({ size: latest.size, time: latest.createdAt });
    expect(status.witnesses).to.have.length(1);
    expect(status.witnesses[0]).to.include({ code: 'JP', cosignedSize: latest.size, cosignedAt: latest.createdAt });
    expect(status.inconsistencies).to.deep.equal([]);
    // JP's view: it witnesses EP's log at that size
    const jpToken = t.net.api('JP').token;
    const jp = await fetch(`${t.net.node('JP').officeApiUrl}/api/v1/witnesses`, { headers: { authorization: `Bearer ${jpToken}` } }).then((r) => r.json()) as Json;
    expect(jp.witnessed).to.deep.include.members([{ code: 'EP', size: latest.size, updatedAt: jp.witnessed.find((w: Json) => w.code === 'EP').updatedAt }]);
  });

  it('gives the network, serial, publication and expiry of the installed directory', async () => {
    const offices = (await call(admin, 'GET', '/offices')).body;
    const { directory } = await t.net.node('EP').context.trust.refresh();
    expect(offices).to.include({ network: directory.network, directorySerial: directory.serial, issuedAt: directory.issuedAt, expiresAt: directory.expiresAt });
  });
});
