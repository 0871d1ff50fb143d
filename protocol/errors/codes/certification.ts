/**
 * Codes raised by certification (docs/design.md §5): the signed manifest (JWS, RFC 7515), the
 * detached CMS signature of each part (RFC 5652) and the certified-copy bundle. A failed
 * signature tells a peer only "signature verification failed"; the reason goes to the log.
 */
import { defineCodes } from '../spec.js';

export const certificationCodes = defineCodes({
  MANIFEST_MALFORMED: {
    status: 400,
    title: 'The manifest is not a well-formed ipex-manifest/1 document',
  },
  MANIFEST_SIGNATURE_INVALID: {
    status: 400,
    title: 'Manifest signature verification failed',
  },
  REGISTRATION_CERTIFICATE_MALFORMED: {
    status: 400,
    title: 'The registration certificate is not a well-formed ipex-registration/1 JWS',
  },
  REGISTRATION_CERTIFICATE_INVALID: {
    status: 400,
    title: 'Registration certificate signature verification failed',
  },
  PART_NAME_INVALID: {
    status: 400,
    title: 'A part name is not a safe file name: use 1 to 128 of A-Z a-z 0-9 . _ - without a leading dot',
  },
  PART_DIGEST_MISMATCH: {
    status: 400,
    title: 'A part does not match the size or SHA-256 digest recorded in the manifest',
  },
  PART_MISSING: {
    status: 400,
    title: 'A part named in the manifest, or its signature, is missing',
  },
  PART_UNEXPECTED: {
    status: 400,
    title: 'The bundle holds a part or file that the manifest does not name',
  },
  CMS_MALFORMED: {
    status: 400,
    title: 'The CMS signature is not a well-formed detached SignedData with one signer',
  },
  CMS_SIGNATURE_INVALID: {
    status: 400,
    title: 'Part signature verification failed',
  },
  BUNDLE_MALFORMED: {
    status: 400,
    title: 'The certified-copy bundle is not laid out as documented (docs/certified-copy.md)',
  },
  CHAIN_MISMATCH: {
    status: 400,
    title: 'chain.pem does not hold the certificates of the manifest signature (x5c)',
  },
});
