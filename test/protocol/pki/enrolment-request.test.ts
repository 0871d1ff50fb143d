/**
 * issue 10, item 14: the operator's checks of an enrolment request folder
 * (protocol/pki/enrolment-request.ts, certificate-request.ts): proof of possession, allowed keys,
 * two different keys, a log key named for the office; requests made by OpenSSL are read too.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateRequest, readCertificateRequest } from '../../../protocol/pki/certificate-request.js';
import { readEnrolmentRequest, writeEnrolmentRequest } from '../../../protocol/pki/enrolment-request.js';
import { expectCode } from '../../helpers/error-code.js';

const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;

describe('protocol/pki/enrolment-request (issue 10, item 14)', () => {
  let tmp: string;
  before(() => { tmp = mkdtempSync(join(tmpdir(), 'ipex-enrolment-request-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const folder = (name: string, keys: Parameters<typeof writeEnrolmentRequest>[3], code = 'EP'): string => {
    const dir = join(tmp, name);
    mkdirSync(dir);
    writeEnrolmentRequest(dir, code, 'enrol', keys);
    return dir;
  };

  it('returns the requested public keys and the log key of a well-formed request', () => {
    const keys = { tls: ec(), signing: ec(), log: generateKeyPairSync('ed25519').privateKey };
    const read = readEnrolmentRequest(folder('good', keys), 'EP', 'enrol');
    const der = (k: KeyObject) => (k.type === 'public' ? k : createPublicKey(k)).export({ format: 'der', type: 'spki' });
    expect(der(read.tls).equals(der(keys.tls))).to.equal(true);
    expect(der(read.signing).equals(der(keys.signing))).to.equal(true);
    expect(read.logKey).to.match(/^ipex\/audit\/EP\+[0-9a-f]{8}\+/);
  });

  it('refuses one key for both uses, another office, the wrong purpose, and a log key of another office', () => {
    const same = ec();
    expectCode(() => readEnrolmentRequest(folder('same', { tls: same, signing: same, log: generateKeyPairSync('ed25519').privateKey }), 'EP', 'enrol'), 'INVALID_INPUT');
    const dir = folder('jp', { tls: ec(), signing: ec(), log: generateKeyPairSync('ed25519').privateKey }, 'JP');
    expectCode(() => readEnrolmentRequest(dir, 'EP', 'enrol'), 'INVALID_INPUT');
    expectCode(() => readEnrolmentRequest(dir, 'JP', 'rotate'), 'INVALID_INPUT');
    const ep = folder('ep-log', { tls: ec(), signing: ec(), log: generateKeyPairSync('ed25519').privateKey });
    writeFileSync(join(ep, 'log.vkey'), readFileSync(join(dir, 'log.vkey')));
    expectCode(() => readEnrolmentRequest(ep, 'EP', 'enrol'), 'INVALID_INPUT');
    expectCode(() => readEnrolmentRequest(join(tmp, 'nowhere'), 'EP', 'enrol'), 'CSR_MALFORMED');
  });

  it('reads an OpenSSL request, refuses a P-521 key and a request that is not PEM PKCS#10', () => {
    const p256 = join(tmp, 'p256.csr');
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(tmp, 'p256.key'), '-subj', '/CN=x', '-out', p256], { stdio: 'ignore' });
    const key = readCertificateRequest(readFileSync(p256, 'utf8'), 'p256.csr');
    expect(key.export({ format: 'der', type: 'spki' }).equals(createPublicKey(createPrivateKey(readFileSync(join(tmp, 'p256.key')))).export({ format: 'der', type: 'spki' }))).to.equal(true);
    const p521 = join(tmp, 'p521.csr');
    execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-nodes', '-keyout', join(tmp, 'p521.key'), '-subj', '/CN=x', '-out', p521], { stdio: 'ignore' });
    expectCode(() => readCertificateRequest(readFileSync(p521, 'utf8'), 'p521.csr'), 'KEY_ALGORITHM_NOT_ALLOWED');
    expectCode(() => createCertificateRequest(createPrivateKey(readFileSync(join(tmp, 'p521.key'))), 'x'), 'KEY_ALGORITHM_NOT_ALLOWED');
    expectCode(() => readCertificateRequest('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n', 'junk'), 'CSR_MALFORMED');
    expectCode(() => readCertificateRequest('hello', 'junk'), 'CSR_MALFORMED');
  });
});
