/**
 * Codes raised by the audit-log formats (docs/design.md §7): RFC 9162 Merkle proofs, C2SP signed
 * notes, tlog-checkpoint bodies, C2SP verifier keys and tlog-cosignature lines. Parsing errors
 * (…_MALFORMED) are kept apart from verification failures (…_INVALID) so that the node log
 * can tell a broken peer from a lying one.
 */
import { defineCodes } from '../spec.js';

export const auditFormatsCodes = defineCodes({
  PROOF_INVALID: {
    status: 422,
    title: 'The Merkle inclusion or consistency proof does not verify against the given root',
  },
  PROOF_REQUEST_INVALID: {
    status: 400,
    title: 'The proof request names an index or tree size that is out of range',
  },
  NOTE_MALFORMED: {
    status: 400,
    title: 'The signed note does not follow the C2SP signed-note format',
  },
  NOTE_SIGNATURE_INVALID: {
    status: 422,
    title: 'Signed note verification failed',
  },
  NOTE_KEY_UNKNOWN: {
    status: 422,
    title: 'The signed note carries no signature from a known key',
  },
  CHECKPOINT_MALFORMED: {
    status: 400,
    title: 'The checkpoint body does not follow the C2SP tlog-checkpoint format',
  },
  CHECKPOINT_ORIGIN_UNKNOWN: {
    status: 404,
    title: 'The checkpoint comes from a log origin that is not the expected or a configured one',
  },
  VERIFIER_KEY_MALFORMED: {
    status: 400,
    title: 'The verifier key is not a valid C2SP Ed25519 verifier key string',
  },
  WITNESS_REQUEST_MALFORMED: {
    status: 400,
    title: 'The add-checkpoint request body does not follow the C2SP tlog-witness format',
  },
  COSIGNATURE_INVALID: {
    status: 422,
    title: 'Cosignature verification failed',
  },
});
