/**
 * issue 13, "Structured logs": no secrets, access codes, applicant keys, tokens or private keys
 * in the logs. Two real nodes log at the most detailed level while a document is deposited and
 * retrieved and a sign-in fails and one succeeds; every secret that was used is then looked for
 * in everything they wrote. The same run is scraped for the retrieval it counted.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutput } from '../../node/cli/output.js';
import { dataPaths } from '../../node/config/data-dir.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { logRecords } from '../helpers/log-records.js';
import { parseExposition, valueOf } from '../helpers/prometheus.js';
import { DemoNetwork } from '../../scripts/demo/network.js';
import { EP_APP, depositPriorityDocument } from './network-fixture.js';

/** What a key file holds that must never be seen: its base64 lines (PEM), or its bytes in hex and base64. */
function keyMaterial(file: string): string[] {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  if (text.includes('-----BEGIN')) return text.split('\n').filter((l) => l.length >= 24 && !l.startsWith('-----'));
  return [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')];
}

describe('integration: no secret in the logs (issue 13)', function () {
  this.timeout(120_000);
  const chunks: string[] = [];
  let baseDir: string;
  let net: DemoNetwork;
  const level = process.env.IPEX_LOG_LEVEL;

  before(async () => {
    process.env.IPEX_LOG_LEVEL = 'trace';
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-secrets-'));
    const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (s: string) => chunks.push(s) } }, true);
    net = await DemoNetwork.create({ baseDir, offices: ['EP', 'JP'], output });
    await net.startAll();
  });
  after(async () => {
    if (level === undefined) delete process.env.IPEX_LOG_LEVEL;
    else process.env.IPEX_LOG_LEVEL = level;
    await net?.stopAll();
    rmSync(baseDir, { recursive: true, force: true });
  });

  it('logs a deposit, a retrieval and sign-ins without any secret that was used', async () => {
    const secrets: Record<string, string> = {};
    const ep = net.api('EP');
    const jp = net.api('JP');
    secrets['EP admin token'] = ep.token;
    secrets['JP admin token'] = jp.token;

    const doc = await depositPriorityDocument(ep, 300_000);
    secrets['access code'] = doc.accessCode!;
    secrets['access code, grouped differently'] = doc.accessCode!.replace(/-/g, '');
    secrets['applicant key'] = doc.applicantKey!;
    const job = await jp.waitForJob((await jp.retrieve({ ...EP_APP, accessCode: doc.accessCode! })).jobId, 60_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');

    // A sign-in that fails (a token that looks real but is not), then one that succeeds.
    const officeApi = net.node('EP').officeApiUrl;
    const wrong = `ipex_${'Q'.repeat(43)}`;
    secrets['attempted token'] = wrong;
    const signIn = (body: unknown): Promise<Response> => fetch(`${officeApi}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await signIn({ staffToken: wrong })).status).to.equal(401);
    const clerk = new StaffTokens(net.node('EP').context.db, net.node('EP').context.clock, systemRandom).create('clerk', 'sign-in').token;
    secrets['clerk token'] = clerk;
    const session = await signIn({ staffToken: clerk });
    expect(session.status).to.equal(201);
    secrets['CSRF token'] = ((await session.json()) as { csrfToken: string }).csrfToken;
    secrets['session cookie'] = /=([^;]+)/.exec(session.headers.get('set-cookie') ?? '')![1]!;
    expect((await signIn({ applicantKey: doc.applicantKey })).status).to.equal(201);

    // Every private key and key file of both nodes.
    for (const code of ['EP', 'JP']) {
      const identity = dataPaths(net.office(code).dataDir).identity.dir;
      for (const name of readdirSync(identity).filter((n) => /key/.test(n) && !n.endsWith('.vkey'))) {
        keyMaterial(join(identity, name)).forEach((m, i) => { secrets[`${code} ${name} #${i}`] = m; });
      }
    }
    expect(Object.keys(secrets).filter((k) => k.includes('signing.key'))).to.not.be.empty;

    const text = chunks.join('');
    const records = logRecords(chunks);
    // The run was logged: both sides of the retrieval, the deposit and the refused sign-in.
    expect(records.some((r) => r.operation === 'createRetrieval' && r.node === 'EP' && r.office === 'JP' && r.outcome === 'ok')).to.equal(true);
    expect(records.some((r) => r.operation === 'commitDeposit' && r.node === 'EP')).to.equal(true);
    expect(records.some((r) => r.operation === 'createSession' && r.status === 401)).to.equal(true);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).to.be.at.least(8);
      expect(text.includes(secret), `${what} is in the log`).to.equal(false);
    }

    // And the same run as metrics: JP counts its finished retrieval job.
    const res = await fetch(`${net.node('JP').officeApiUrl}/metrics`, { headers: { authorization: `Bearer ${jp.token}` } });
    expect(valueOf(parseExposition(await res.text()), 'ipex_retrieval_jobs', { state: 'done' })).to.equal(1);
  });
});
