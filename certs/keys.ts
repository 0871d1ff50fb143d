/**
 * Key helpers for certs/issue.ts: turning Node `KeyObject`s into WebCrypto keys for
 * @peculiar/x509, choosing the signature algorithm for a key (ECDSA P-256 with SHA-256,
 * RSASSA-PKCS1-v1_5 with SHA-256, Ed25519 — RFC 5758, RFC 4055, RFC 8410), random positive
 * serial numbers (RFC 5280 §4.1.2.2) and PEM export.
 */
import { createPublicKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import type * as x509 from '@peculiar/x509';

type WebCryptoKey = webcrypto.CryptoKey;
/** @peculiar/x509 names the DOM types CryptoKey and Algorithm; ipex compiles without the DOM lib. */
type X509SigningKey = x509.X509CertificateCreateWithKeyParams['signingKey'];
type X509Algorithm = NonNullable<x509.X509CertificateCreateParamsBase['signingAlgorithm']>;

/** The import parameters and signing algorithm for a private key's type. */
function algorithmFor(key: KeyObject): { importParams: webcrypto.AlgorithmIdentifier | webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams; sign: { name: string; hash?: string } } {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve !== 'prime256v1') throw new RangeError(`unsupported EC curve ${String(curve)}; use P-256`);
      return { importParams: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } };
    }
    case 'rsa':
      return {
        importParams: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        sign: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      };
    case 'ed25519':
      return { importParams: { name: 'Ed25519' }, sign: { name: 'Ed25519' } };
    default:
      throw new RangeError(`unsupported key type ${String(key.asymmetricKeyType)}`);
  }
}

/** Imports a private KeyObject as a non-extractable WebCrypto signing key. */
export async function toCryptoKey(privateKey: KeyObject): Promise<X509SigningKey> {
  const { importParams } = algorithmFor(privateKey);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const key: WebCryptoKey = await webcrypto.subtle.importKey('pkcs8', der, importParams, false, ['sign']);
  return key as unknown as X509SigningKey;
}

/** The signature algorithm @peculiar/x509 should use with this private key. */
export function signingParams(privateKey: KeyObject): X509Algorithm {
  return algorithmFor(privateKey).sign as X509Algorithm;
}

/** A random, positive, 16-byte serial number as hexadecimal (no leading zero byte). */
export function randomSerialNumber(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = Buffer.from(random(16));
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes.toString('hex');
}

/** PKCS#8 PEM of a private key, unencrypted (see protocol/pki/key-files.ts to write one). */
export function privateKeyPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** SPKI PEM of a public key (or of the public half of a private key). */
export function publicKeyPem(key: KeyObject): string {
  return (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'pem', type: 'spki' }).toString();
}
