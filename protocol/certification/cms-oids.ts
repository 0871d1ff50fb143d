/**
 * Object identifiers of the detached CMS part signatures (RFC 5652 §5, §11; RFC 5754 for
 * SHA-2; RFC 5758 §3.2 for ECDSA; RFC 8017 Appendix A for RSA), and the signature algorithms
 * accepted on verification, each with the hash it implies and the key type it needs.
 */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/** Accepted signatureAlgorithm OIDs: the hash to verify with (null: take the digestAlgorithm) and key type. */
export const SIGNATURE_ALGORITHMS: ReadonlyMap<string, { readonly hash: string | null; readonly key: 'ec' | 'rsa' }> = new Map([
  ['1.2.840.10045.4.3.2', { hash: 'sha256', key: 'ec' }],
  ['1.2.840.10045.4.3.3', { hash: 'sha384', key: 'ec' }],
  ['1.2.840.10045.4.3.4', { hash: 'sha512', key: 'ec' }],
  // id-ecPublicKey as signatureAlgorithm: seen from some signers; the hash is the digestAlgorithm.
  ['1.2.840.10045.2.1', { hash: null, key: 'ec' }],
  ['1.2.840.113549.1.1.11', { hash: 'sha256', key: 'rsa' }],
  ['1.2.840.113549.1.1.12', { hash: 'sha384', key: 'rsa' }],
  ['1.2.840.113549.1.1.13', { hash: 'sha512', key: 'rsa' }],
  // rsaEncryption as signatureAlgorithm (what OpenSSL writes for RSA): hash from digestAlgorithm.
  ['1.2.840.113549.1.1.1', { hash: null, key: 'rsa' }],
]);
