/**
 * issue 10, item 14: PKCS#12 import with node-forge, interoperating with `openssl pkcs12`: an
 * office enrols keys it already holds (exported from an existing CA or HSM) with
 * `ipex node keygen --tls-p12 / --signing-p12`. ECDSA keys, which forge itself cannot parse, come
 * through its kept PrivateKeyInfo into node:crypto; RSA keys through forge's own parser.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPkcs12Key } from '../../../node/identity/pkcs12-key.js';
import { EXIT } from '../../../node/cli/exit-codes.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { expectCode } from '../../helpers/error-code.js';
import { runCli } from '../cli/run-cli.js';

const spki = (key: Parameters<typeof createPublicKey>[0]): Buffer => createPublicKey(key).export({ format: 'der', type: 'spki' });

describe('PKCS#12 import (node/identity/pkcs12-key.ts, issue 10, item 14)', function () {
  this.timeout(60_000);
  let tmp: string;
  const p12 = (name: string, keyArgs: string[], extra: string[] = []): { p12: string; key: string } => {
    const key = join(tmp, `${name}.key`);
    const cert = join(tmp, `${name}.crt`);
    execFileSync('openssl', ['req', '-x509', '-newkey', ...keyArgs, '-nodes', '-keyout', key, '-subj', `/CN=${name} from an HSM`, '-days', '30', '-out', cert], { stdio: 'ignore' });
    const file = join(tmp, `${name}.p12`);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', file, '-passout', 'pass:p12 secret', ...extra]);
    return { p12: file, key };
  };

  before(function () {
    if (spawnSync('openssl', ['version']).status !== 0) this.skip();
    tmp = mkdtempSync(join(tmpdir(), 'ipex-p12-'));
  });
  after(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

  it('reads the key of an ECDSA P-256, a P-384 and an RSA-2048 PKCS#12 made by openssl (PBES2/AES-256, SHA-256 MAC)', () => {
    for (const [name, args] of [['p256', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']], ['p384', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384']], ['rsa', ['rsa:2048']]] as const) {
      const made = p12(name, [...args]);
      const read = readPkcs12Key(made.p12, 'p12 secret');
      expect(read.certificates, name).to.equal(1);
      expect(spki(read.privateKey).equals(spki(createPrivateKey(readFileSync(made.key)))), name).to.equal(true);
    }
  });

  it('refuses a wrong passphrase, a file that is not PKCS#12, one without a key, and a key ipex does not certify', () => {
    const made = p12('again', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    expectCode(() => readPkcs12Key(made.p12, 'wrong'), 'PKCS12_MALFORMED');
    writeFileSync(join(tmp, 'not.p12'), 'not a pfx');
    expectCode(() => readPkcs12Key(join(tmp, 'not.p12'), ''), 'PKCS12_MALFORMED');
    const certOnly = join(tmp, 'cert-only.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', join(tmp, 'again.crt'), '-out', certOnly, '-passout', 'pass:x']);
    expectCode(() => readPkcs12Key(certOnly, 'x'), 'PKCS12_MALFORMED');
    const p521 = p12('p521', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-521']);
    expectCode(() => readPkcs12Key(p521.p12, 'p12 secret'), 'KEY_ALGORITHM_NOT_ALLOWED');
    expectCode(() => readPkcs12Key(join(tmp, 'missing.p12'), ''), 'FILE_NOT_FOUND');
  });

  it('ipex node keygen --tls-p12 --signing-p12 requests certificates for the imported keys and keeps them; a bad file writes nothing', async () => {
    const tls = p12('tls', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const signing = p12('signing', ['rsa:2048']);
    const pass = join(tmp, 'p12.pass');
    writeFileSync(pass, 'p12 secret\n');
    const data = join(tmp, 'data');
    const bad = await runCli(['node', 'keygen', '--office', 'EP', '--data', data, '--out', join(tmp, 'req-bad'), '--tls-p12', tls.p12]);
    expect(bad.code).to.equal(EXIT.badInput);
    expect(bad.err).to.contain('[PKCS12_MALFORMED]');
    expect(existsSync(dataPaths(data).enrolment) || existsSync(join(tmp, 'req-bad'))).to.equal(false);

    const r = await runCli(['node', 'keygen', '--office', 'EP', '--data', data, '--out', join(tmp, 'req'),
      '--tls-p12', tls.p12, '--signing-p12', signing.p12, '--p12-passphrase-file', pass]);
    expect(r.code, r.err).to.equal(EXIT.ok);
    for (const [use, made] of [['tls', tls], ['signing', signing]] as const) {
      const csrKey = execFileSync('openssl', ['req', '-pubkey', '-noout', '-in', join(tmp, 'req', `${use}.csr`)], { encoding: 'utf8' });
      expect(spki(csrKey).equals(spki(createPrivateKey(readFileSync(made.key)))), use).to.equal(true);
      const kept = createPrivateKey(readFileSync(join(dataPaths(data).enrolment, `${use}.key`)));
      expect(spki(kept).equals(spki(createPrivateKey(readFileSync(made.key)))), use).to.equal(true);
    }
  });
});
