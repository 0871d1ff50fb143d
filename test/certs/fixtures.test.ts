import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures, writeFixtures, type Fixtures } from '../../certs/fixtures.js';

function opensslVerify(dir: string, name: string, crl = true): boolean {
  const args = ['verify', '-CAfile', join(dir, 'root.pem')];
  if (crl) args.push('-crl_check', '-CRLfile', join(dir, 'crl.pem'));
  args.push(join(dir, `${name}.pem`));
  return spawnSync('openssl', args, { encoding: 'utf8' }).status === 0;
}

describe('certs/fixtures', () => {
  let dir: string;
  let fixtures: Fixtures;
  const now = new Date();
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-fixtures-'));
    fixtures = await generateFixtures({ now });
    writeFixtures(dir, fixtures);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['good-tls', 'good-signing', 'good-directory', 'good-jp-tls', 'good-jp-signing', 'rsa2048']) {
    it(`openssl accepts ${name} with CRL checking`, () => expect(opensslVerify(dir, name)).to.equal(true));
  }
  for (const name of ['expired', 'not-yet-valid', 'wrong-ca', 'revoked', 'self-signed']) {
    it(`openssl rejects ${name}`, () => expect(opensslVerify(dir, name)).to.equal(false));
  }
  it('revoked passes without the CRL, so the CRL is what rejects it', () => {
    expect(opensslVerify(dir, 'revoked', false)).to.equal(true);
  });
  it('writes private keys with mode 0600 and a README naming every fixture', () => {
    expect(statSync(join(dir, 'good-signing.key')).mode & 0o777).to.equal(0o600);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const name of ['wrong-office', 'ca-as-leaf', 'no-key-usage', 'wrong-eku', 'rsa1024']) expect(readme).to.contain(`${name}.pem`);
  });
  it('builds the policy failures that OpenSSL alone does not see', () => {
    const ext = (pem: string, e: string) =>
      spawnSync('openssl', ['x509', '-noout', '-ext', e], { input: pem, encoding: 'utf8' }).stdout;
    expect(ext(fixtures.caAsLeaf.pem, 'basicConstraints')).to.contain('CA:TRUE');
    expect(ext(fixtures.noKeyUsage.pem, 'keyUsage')).to.not.contain('Digital Signature');
    expect(ext(fixtures.wrongEku.pem, 'extendedKeyUsage')).to.contain('Server Authentication').and.not.contain('1.3.6.1.5.5.7.3.36');
    expect(ext(fixtures.wrongOffice.pem, 'subjectAltName')).to.contain('urn:ipex:office:JP');
    expect(fixtures.wrongOffice.certificate.subject).to.contain('European Patent Office');
    expect(fixtures.rsa1024.certificate.publicKey.algorithm).to.include({ name: 'RSASSA-PKCS1-v1_5' });
  });
});
