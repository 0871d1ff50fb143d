import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { toPem } from '../../../certs/issue.js';
import { writeBundle, writeBundleZip } from '../../../protocol/certification/bundle.js';
import { signPartDetached } from '../../../protocol/certification/cms.js';
import { signManifest } from '../../../protocol/certification/manifest-jws.js';
import { makeOffice, sampleManifest, tempDir } from '../../protocol/certification/helpers.js';

describe('ipex verify', () => {
  let work: string;
  let bundle: string;
  let root: string;
  let ep: Awaited<ReturnType<typeof makeOffice>>;
  const at = '2026-06-01T12:00:00Z';

  before(async () => {
    work = tempDir('ipex-verify-cli-');
    ep = await makeOffice('EP');
    root = join(work, 'root.pem');
    writeFileSync(root, toPem(ep.root));
    const bytes = Buffer.from('%PDF-1.7 priority document');
    const part = join(work, 'pd.pdf');
    writeFileSync(part, bytes);
    const manifestJws = await signManifest(
      sampleManifest([{ name: 'pd.pdf', mediaType: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }]),
      { privateKey: ep.privateKey, chain: [new Uint8Array(ep.certificate.rawData)] },
    );
    const p7s = new Map([['pd.pdf', await signPartDetached(part, { certificate: ep.certificate, privateKey: ep.privateKey })]]);
    bundle = join(work, 'bundle');
    await writeBundle(bundle, { manifestJws, parts: [{ name: 'pd.pdf', path: part }], p7s, chainPem: toPem(ep.certificate) });
  });

  it('exits 0 and prints every check for a good bundle (folder and ZIP)', async () => {
    const r = await runCli(['verify', bundle, '--root', root, '--at', at]);
    expect(r.code, r.err).to.equal(EXIT.ok);
    expect(r.out).to.match(/VERIFIED: all \d+ checks passed/);
    expect(r.out).to.contain('ok    part CMS signature: parts/pd.pdf.p7s');
    const zip = join(work, 'bundle.zip');
    await writeBundleZip(bundle, zip);
    expect((await runCli(['verify', zip, '--root', root, '--at', at])).code).to.equal(EXIT.ok);
  });

  it('takes the root from --data DIR/trust/root.pem', async () => {
    const data = join(work, 'data');
    mkdirSync(join(data, 'trust'), { recursive: true });
    cpSync(root, join(data, 'trust/root.pem'));
    expect((await runCli(['verify', bundle, '--data', data, '--at', at])).code).to.equal(EXIT.ok);
  });

  it('exits non-zero with a JSON report for a tampered bundle', async () => {
    const bad = join(work, 'bad');
    cpSync(bundle, bad, { recursive: true });
    appendFileSync(join(bad, 'parts/pd.pdf'), '!');
    const r = await runCli(['--json', 'verify', bad, '--root', root, '--at', at]);
    expect(r.code).to.equal(EXIT.badInput);
    const report = JSON.parse(r.out);
    expect(report.ok).to.equal(false);
    expect(report.problems.map((p: { code: string }) => p.code)).to.include('PART_DIGEST_MISMATCH');
    expect(r.err).to.contain('[PART_DIGEST_MISMATCH]');
  });

  it('fails when the certificate has expired at --at, or the office is not the expected one', async () => {
    expect((await runCli(['verify', bundle, '--root', root, '--at', '2031-01-01T00:00:00Z'])).code).to.not.equal(EXIT.ok);
    expect((await runCli(['verify', bundle, '--root', root, '--at', at, '--office', 'jp'])).code).to.not.equal(EXIT.ok);
  });

  // issue 10, item 7: verify says which root it trusted, and a root of the same name with another
  // key (every development network used to be called ipex-dev) gives "not issued under this root".
  it('says which root it used: file, subject and SHA-256 (text and JSON)', async () => {
    const sha = createHash('sha256').update(Buffer.from(ep.root.rawData)).digest('hex');
    const r = await runCli(['verify', bundle, '--root', root, '--at', at]);
    expect(r.out).to.contain(`trusted root: ${root}: CN=ipex Test Root, SHA-256 ${sha}`);
    const json = JSON.parse((await runCli(['--json', 'verify', bundle, '--root', root, '--at', at])).out);
    expect(json.trustAnchors).to.deep.equal([{ file: root, subject: 'CN=ipex Test Root', sha256: sha }]);
  });

  it('a root with the same name but another key: CERT_UNTRUSTED, "not issued under this root", never CERT_SIGNATURE_INVALID', async () => {
    const other = await makeOffice('EP'); // a new root named "ipex Test Root" too
    const otherRoot = join(work, 'same-name-root.pem');
    writeFileSync(otherRoot, toPem(other.root));
    const r = await runCli(['--json', 'verify', bundle, '--root', otherRoot, '--at', at]);
    expect(r.code).to.equal(EXIT.refused);
    const report = JSON.parse(r.out);
    const codes = report.problems.map((p: { code: string }) => p.code);
    expect(codes).to.include('CERT_UNTRUSTED');
    expect(codes).to.not.include('CERT_SIGNATURE_INVALID');
    expect(report.problems[0].message).to.contain('was not issued under the trusted root "CN=ipex Test Root"');
    const text = await runCli(['verify', bundle, '--root', otherRoot, '--at', at]);
    expect(text.out).to.contain('the copy was not issued under this root');
    expect(text.err).to.contain('[CERT_UNTRUSTED]');
  });

  it('refuses usage errors: both --root and --data, a bad --at, no root', async () => {
    expect((await runCli(['verify', bundle, '--root', root, '--data', work])).code).to.equal(EXIT.usage);
    expect((await runCli(['verify', bundle, '--root', root, '--at', 'yesterday'])).code).to.equal(EXIT.usage);
    expect((await runCli(['verify', bundle, '--data', join(work, 'nowhere')])).code).to.equal(EXIT.notFound);
  });

  after(() => rmSync(work, { recursive: true, force: true }));
});
