import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { toPem } from '../../../certs/issue.js';
import { verifyBundle, writeBundle, writeBundleZip, type BundleSpec } from '../../../protocol/certification/bundle.js';
import { signPartDetached } from '../../../protocol/certification/cms.js';
import { signManifest } from '../../../protocol/certification/manifest-jws.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { makeOffice, NOW, sampleManifest, tempDir, writePems, type Office } from './helpers.js';

async function makeSpec(office: Office, dir: string): Promise<BundleSpec> {
  const contents = { 'application.pdf': Buffer.alloc(70_000, 1), 'sequence.xml': Buffer.from('<ST26SequenceListing/>') };
  const parts = Object.entries(contents).map(([name, bytes]) => {
    const path = join(dir, `src-${name}`);
    writeFileSync(path, bytes);
    return { name, path, meta: { name, mediaType: name.endsWith('.pdf') ? 'application/pdf' : 'application/xml', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } };
  });
  const chain = [new Uint8Array(office.certificate.rawData)];
  const manifestJws = await signManifest(sampleManifest(parts.map((p) => p.meta)), { privateKey: office.privateKey, chain });
  const p7s = new Map<string, Uint8Array>();
  for (const p of parts) p7s.set(p.name, await signPartDetached(p.path, { certificate: office.certificate, privateKey: office.privateKey }));
  return { manifestJws, parts: parts.map(({ name, path }) => ({ name, path })), p7s, chainPem: toPem(office.certificate) };
}

async function zipOf(entries: { name: string; data?: Buffer; mode?: number }[], path: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data ?? Buffer.alloc(0), e.name, e.mode === undefined ? {} : { mode: e.mode });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

describe('certification/bundle', () => {
  let ep: Office;
  let work: string;
  let spec: BundleSpec;
  let bundle: string;
  let pems: { root: string };
  const trust = (): { trustAnchors: [typeof ep.root]; at: Date } => ({ trustAnchors: [ep.root], at: NOW });

  before(async () => {
    ep = await makeOffice('EP');
    work = tempDir();
    pems = writePems(work, ep);
    spec = await makeSpec(ep, work);
    bundle = join(work, 'bundle');
    await writeBundle(bundle, spec);
  });

  function copy(name: string): string {
    const target = join(work, name);
    cpSync(bundle, target, { recursive: true });
    return target;
  }

  it('writes the documented layout and verifies it', async () => {
    expect(readdirSync(bundle).sort()).to.deep.equal(['README.txt', 'chain.pem', 'manifest.jws', 'parts']);
    expect(readdirSync(join(bundle, 'parts')).sort()).to.deep.equal(['application.pdf', 'application.pdf.p7s', 'sequence.xml', 'sequence.xml.p7s']);
    const report = await verifyBundle(bundle, trust());
    expect(report.problems).to.deep.equal([]);
    expect(report).to.include({ ok: true, document: 'EP-23123456-PD', version: 1, office: 'EP' });
    expect(report.parts.map((p) => p.ok)).to.deep.equal([true, true]);
  });

  it('README instructions work with openssl alone', () => {
    const verify = spawnSync('openssl', ['verify', '-CAfile', pems.root, '-untrusted', join(bundle, 'chain.pem'), join(bundle, 'chain.pem')], { encoding: 'utf8' });
    expect(verify.status, verify.stderr).to.equal(0);
    const cms = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(bundle, 'parts/sequence.xml.p7s'),
      '-content', join(bundle, 'parts/sequence.xml'), '-CAfile', pems.root, '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(cms.status, cms.stderr).to.equal(0);
    const payload = spawnSync('sh', ['-c', `cut -d. -f2 '${join(bundle, 'manifest.jws')}' | tr '_-' '/+' | base64 -d 2>/dev/null; true`], { encoding: 'utf8' });
    expect(JSON.parse(payload.stdout).documentId).to.equal('EP-23123456-PD');
  });

  it('refuses to overwrite, and writes nothing when a signature is missing', async () => {
    let code: string | undefined;
    try {
      await writeBundle(bundle, spec);
    } catch (err) {
      code = (err as NodeJS.ErrnoException).code;
    }
    expect(code).to.equal('EEXIST');
    const target = join(work, 'incomplete');
    try {
      await writeBundle(target, { ...spec, p7s: new Map([...(spec.p7s as Map<string, Uint8Array>)].slice(0, 1)) });
    } catch (err) {
      code = isIpexError(err) ? err.code : 'other';
    }
    expect(code).to.equal('PART_MISSING');
    expect(existsSync(target)).to.equal(false);
  });

  it('reports a changed part (digest and CMS), a missing part and an extra file', async () => {
    const b = copy('tampered');
    appendFileSync(join(b, 'parts/application.pdf'), 'x');
    unlinkSync(join(b, 'parts/sequence.xml'));
    writeFileSync(join(b, 'parts/extra.exe'), 'MZ');
    const report = await verifyBundle(b, trust());
    expect(report.ok).to.equal(false);
    const codes = report.problems.map((p) => `${p.code} ${p.where}`);
    expect(codes).to.include.members([
      'PART_DIGEST_MISMATCH parts/application.pdf',
      'PART_DIGEST_MISMATCH parts/application.pdf.p7s',
      'PART_MISSING parts/sequence.xml',
      'PART_UNEXPECTED parts/extra.exe',
    ]);
  });

  it('reports a chain.pem that is not the x5c, a bad manifest, and a symlink', async () => {
    const other = await makeOffice('EP');
    const b = copy('chain');
    writeFileSync(join(b, 'chain.pem'), toPem(other.certificate));
    expect((await verifyBundle(b, trust())).problems.map((p) => p.code)).to.deep.equal(['CHAIN_MISMATCH']);

    const m = copy('manifest');
    const jws = readFileSync(join(m, 'manifest.jws'), 'utf8').trim().split('.');
    writeFileSync(join(m, 'manifest.jws'), `${jws[0]}.${jws[1]}x.${jws[2]}`);
    const report = await verifyBundle(m, trust());
    expect(report.ok).to.equal(false);
    expect(report.problems[0]!.where).to.equal('manifest.jws');
    expect(report.parts.every((p) => p.ok)).to.equal(true); // the part signatures themselves are still good

    const s = copy('symlink');
    symlinkSync('/etc/passwd', join(s, 'parts/link'));
    expect((await verifyBundle(s, trust())).problems.map((p) => p.code)).to.deep.equal(['BUNDLE_MALFORMED']);
  });

  it('refuses a bundle signed under another root', async () => {
    const other = await makeOffice('EP');
    const report = await verifyBundle(bundle, { trustAnchors: [other.root], at: NOW });
    expect(report.ok).to.equal(false);
    expect(report.problems.length).to.equal(3); // manifest and both part signatures
  });

  it('writes the same bundle as a ZIP, from the folder and from the spec, and verifies it', async () => {
    const fromDir = join(work, 'from-dir.zip');
    const fromSpec = join(work, 'from-spec.zip');
    await writeBundleZip(bundle, fromDir);
    await writeBundleZip(spec, fromSpec);
    expect(readFileSync(fromDir).equals(readFileSync(fromSpec))).to.equal(true);
    const report = await verifyBundle(fromDir, trust());
    expect(report.problems).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    let code: string | undefined;
    try {
      await writeBundleZip(bundle, fromDir);
    } catch (err) {
      code = isIpexError(err) ? err.code : 'other';
    }
    expect(code).to.equal('ALREADY_EXISTS');
  });

  it('verifies a ZIP made with zip -r from the bundle folder (one top folder)', async function () {
    if (spawnSync('zip', ['-v']).status !== 0) this.skip();
    const path = join(work, 'by-hand.zip');
    expect(spawnSync('zip', ['-qr', path, 'bundle'], { cwd: work }).status).to.equal(0);
    const report = await verifyBundle(path, trust());
    expect(report.problems).to.deep.equal([]);
    expect(report.ok).to.equal(true);
  });

  it('refuses ZIPs with traversal, symlinks, duplicates or too many entries', async () => {
    const cases: [string, { name: string; data?: Buffer; mode?: number }[]][] = [
      ['symlink', [{ name: 'manifest.jws', data: Buffer.from('x') }, { name: 'parts/a', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]],
      ['duplicate', [{ name: 'manifest.jws' }, { name: 'parts/a' }, { name: 'parts/A' }]],
      ['many', Array.from({ length: 20 }, (_, i) => ({ name: `parts/p${i}` }))],
      ['large', [{ name: 'manifest.jws' }, { name: 'parts/big', data: Buffer.alloc(2000) }]],
      ['total', Array.from({ length: 9 }, (_, i) => ({ name: `parts/p${i}`, data: Buffer.alloc(1000) }))],
    ];
    for (const [what, entries] of cases) {
      const path = join(work, `${what}.zip`);
      await zipOf(entries, path);
      const report = await verifyBundle(path, { ...trust(), zipLimits: { maxEntries: 10, maxEntrySize: 1000, maxTotalSize: 5000 } });
      expect(report.ok, what).to.equal(false);
      expect(report.problems.map((p) => p.code), what).to.deep.equal(['BUNDLE_MALFORMED']);
      expect(report.problems[0]!.message, what).to.match(/ZIP is refused/); // refused on reading, not for a missing manifest
    }
    // yazl refuses to write "..", so patch the name of a written entry: same length, both headers.
    const path = join(work, 'traversal.zip');
    await zipOf([{ name: 'xx/evil', data: Buffer.from('x') }], path);
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.from(bytes.toString('latin1').replaceAll('xx/evil', '../evil'), 'latin1'));
    const report = await verifyBundle(path, trust());
    expect(report.problems.map((p) => p.code)).to.deep.equal(['BUNDLE_MALFORMED']);
    expect(report.problems[0]!.message).to.match(/ZIP (is refused|cannot be read)/);
  });

  after(() => rmSync(work, { recursive: true, force: true }));
});
