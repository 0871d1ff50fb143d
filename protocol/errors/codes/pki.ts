/**
 * Codes of the PKI file formats and the network operator's tooling (docs/design.md §3): private-key
 * files (PKCS#8 PEM, RFC 5958 / RFC 7468), certificate PEM files, and the network folder that
 * `ipex network …` manages. Messages never contain key material or passphrases.
 */
import { defineCodes } from '../spec.js';

export const pkiCodes = defineCodes({
  KEY_PASSPHRASE_REQUIRED: {
    status: 400,
    title: 'The private key is encrypted: give its passphrase (--passphrase-file or IPEX_PASSPHRASE)',
  },
  KEY_PASSPHRASE_WRONG: {
    status: 400,
    title: 'The passphrase does not decrypt the private key',
  },
  KEY_MALFORMED: {
    status: 400,
    title: 'The private key file is not a PEM-encoded PKCS#8 private key',
  },
  KEY_ALGORITHM_NOT_ALLOWED: {
    status: 400,
    title: 'The key is of a type ipex does not certify (allowed: ECDSA P-256 or P-384, RSA of at least 2048 bits)',
  },
  CSR_MALFORMED: {
    status: 400,
    title: 'The file is not a PEM-encoded PKCS#10 certificate request (or the enrolment request folder is incomplete)',
  },
  CSR_SIGNATURE_INVALID: {
    status: 400,
    title: 'The certificate request signature does not verify with its own key: no proof of possession of the private key',
  },
  PKCS12_MALFORMED: {
    status: 400,
    title: 'The file is not a PKCS#12 file holding exactly one private key, or its passphrase is wrong',
  },
  ENROLMENT_REQUIRED: {
    status: 409,
    title: 'Not a development network: the office makes its keys (ipex node keygen) and the operator issues certificates from its requests (--request)',
  },
  CERT_PEM_MALFORMED: {
    status: 400,
    title: 'The file is not a PEM-encoded X.509 certificate (or list of certificates)',
  },
  NETWORK_FOLDER_INVALID: {
    status: 400,
    title: 'The folder is not a readable ipex network folder (network.json missing or malformed)',
  },
  NETWORK_STATE_CONFLICT: {
    status: 409,
    title: 'The office is not in a state that allows this operation (for example no rotation in progress)',
  },
});
