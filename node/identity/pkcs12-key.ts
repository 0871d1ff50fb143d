/**
 * Reading an office's private key from a PKCS#12 file (RFC 7292), as an existing CA, an HSM or
 * another tool exports it (`openssl pkcs12 -export`, Windows certificate store, …), so that
 * `ipex node keygen --tls-p12 / --signing-p12` can enrol a key the office already holds instead
 * of making a new one (docs/network-operator.md "Enrolling an office").
 *
 * node-forge decodes the PFX: MAC, PBES2/PBKDF2 (AES) and the legacy PKCS#12 PBE ciphers it
 * knows. It understands only RSA keys itself; for any other key (ECDSA, as ipex and most HSMs
 * use) it keeps the decrypted PrivateKeyInfo's ASN.1, which node:crypto loads as PKCS#8. The
 * certificates in the file are not used: the network root issues the office's certificates
 * from its certificate request.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { IpexError } from '../../protocol/errors/index.js';
import { publicKeyProblem } from '../../protocol/pki/cert-algorithms.js';

/** The largest PKCS#12 file read: a key and a few certificates fit in a few kilobytes. */
const MAX_BYTES = 1024 * 1024;

export interface Pkcs12Key {
  readonly privateKey: KeyObject;
  /** How many certificates the file also held (reported, not used). */
  readonly certificates: number;
}

/**
 * Reads the one private key of a PKCS#12 file.
 * @throws IpexError FILE_NOT_FOUND, PKCS12_MALFORMED (not PKCS#12, wrong passphrase, not exactly one key), KEY_ALGORITHM_NOT_ALLOWED
 */
export function readPkcs12Key(path: string, passphrase: string): Pkcs12Key {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new IpexError('FILE_NOT_FOUND', `PKCS#12 file not found: ${path}`, { cause: err });
    throw new IpexError('FILE_UNREADABLE', `cannot read PKCS#12 file ${path}`, { cause: err });
  }
  if (bytes.length > MAX_BYTES) throw new IpexError('PKCS12_MALFORMED', `${path} is larger than a PKCS#12 key file can be (${MAX_BYTES} bytes)`);
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary'), true), true, passphrase);
  } catch (err) {
    const why = /password|MAC/i.test((err as Error).message) ? 'the passphrase is wrong or the file is damaged' : 'it is not a PKCS#12 file';
    throw new IpexError('PKCS12_MALFORMED', `${path} cannot be read: ${why}`, { cause: err });
  }
  const bags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  if (bags.length !== 1) throw new IpexError('PKCS12_MALFORMED', `${path} holds ${bags.length} private keys; exactly one is needed`);
  const certificates = pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]?.length ?? 0;
  const privateKey = toKeyObject(bags[0]!, path);
  const problem = publicKeyProblem(createPublicKey(privateKey), false);
  if (problem !== undefined) throw new IpexError('KEY_ALGORITHM_NOT_ALLOWED', `the key in ${path}: ${problem}`);
  return { privateKey, certificates };
}

/** A key bag as a KeyObject: forge's RSA key re-wrapped, or the PrivateKeyInfo forge kept as ASN.1. */
function toKeyObject(bag: forge.pkcs12.Bag, path: string): KeyObject {
  // forge's Bag type does not declare `asn1`, which it sets for key types it cannot parse.
  const kept = (bag as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 }).asn1;
  const info = bag.key != null
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))
    : kept;
  if (info === undefined) throw new IpexError('PKCS12_MALFORMED', `${path}: the key bag holds no key`);
  try {
    return createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new IpexError('PKCS12_MALFORMED', `${path}: the private key is not a PKCS#8 key node:crypto can load`, { cause: err });
  }
}
