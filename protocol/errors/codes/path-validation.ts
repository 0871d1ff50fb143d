/**
 * Codes raised by X.509 certification path validation (RFC 5280 §6) and CRL checking
 * (RFC 5280 §5, §6.3) against the ipex certificate profile (protocol/pki/profile.ts). Each
 * check has its own code so that the node log tells the causes apart; a peer is told only the
 * registry title.
 */
import { defineCodes } from '../spec.js';

export const pathValidationCodes = defineCodes({
  CERT_MALFORMED: { status: 400, title: 'A certificate cannot be parsed as DER or PEM X.509' },
  CERT_ALGORITHM_NOT_ALLOWED: {
    status: 401,
    title: 'A certificate uses a key or signature algorithm outside the ipex allowlist',
  },
  CERT_SELF_SIGNED: { status: 401, title: 'The certificate is self-signed and is not a trust anchor' },
  CERT_UNTRUSTED: { status: 401, title: 'The certificate does not chain to a trusted network root' },
  CERT_SIGNATURE_INVALID: { status: 401, title: 'A certificate signature does not verify with its issuer key' },
  CERT_EXPIRED: { status: 401, title: 'A certificate in the chain has expired' },
  CERT_NOT_YET_VALID: { status: 401, title: 'A certificate in the chain is not valid yet; check the clocks' },
  CERT_BASIC_CONSTRAINTS: {
    status: 401,
    title: 'basicConstraints are wrong: a leaf marked as CA, or an issuer that is not a CA',
  },
  CERT_KEY_USAGE: { status: 401, title: 'The certificate keyUsage is missing or does not fit its purpose' },
  CERT_EKU: { status: 401, title: 'The certificate extendedKeyUsage is missing or does not fit its purpose' },
  CERT_OFFICE_MISMATCH: {
    status: 401,
    title: 'The certificate does not bind exactly one office (urn:ipex:office:XX) or binds another office',
  },
  CERT_ROLE_MISMATCH: {
    status: 401,
    title: 'The certificate is bound to another role: an office certificate (urn:ipex:office:XX) used to sign the directory, or the directory certificate (urn:ipex:directory) used as an office certificate',
  },
  CERT_REVOKED: { status: 401, title: 'A certificate in the chain is revoked' },
  CRL_MISSING: { status: 401, title: 'No certificate revocation list is available for an issuer in the chain' },
  CRL_EXPIRED: { status: 401, title: 'The certificate revocation list is past its nextUpdate or not yet valid' },
  CRL_SIGNATURE_INVALID: {
    status: 401,
    title: 'The certificate revocation list is malformed or its signature does not verify',
  },
});
