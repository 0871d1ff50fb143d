/**
 * Python's jwcrypto as an independent JOSE implementation for interop tests (Debian
 * python3-jwcrypto, /usr/bin/python3): verifies a compact ES256 JWS with the key of a PEM
 * certificate and answers what it read — the payload as JSON and the protected header.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = [
  'import sys, json',
  'from jwcrypto import jwk, jws',
  'key = jwk.JWK.from_pem(open(sys.argv[2], "rb").read())',
  'token = jws.JWS()',
  'token.deserialize(open(sys.argv[1]).read())',
  'token.verify(key, alg="ES256")',
  'print(json.dumps({"payload": json.loads(token.payload), "header": token.jose_header}))',
].join('\n');

/** Whether jwcrypto can be used here (tests skip, saying so, when it cannot). */
export function hasJwcrypto(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import jwcrypto']).status === 0;
}

/** jwcrypto's reading of `jws`, verified with the key of `certificatePem`; throws when it does not verify. */
export function jwcryptoVerify(jws: string, certificatePem: string): { payload: Record<string, unknown>; header: Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'ipex-jwcrypto-'));
  try {
    writeFileSync(join(dir, 'token.jws'), jws);
    writeFileSync(join(dir, 'cert.pem'), certificatePem);
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', SCRIPT, join(dir, 'token.jws'), join(dir, 'cert.pem')], { encoding: 'utf8' })) as ReturnType<typeof jwcryptoVerify>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
