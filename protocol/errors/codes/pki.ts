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
