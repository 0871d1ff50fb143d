/**
 * Codes raised by the exchange client (protocol/exchange-client) and the OSF retrieval job
 * (node/services/retrieval): a peer that cannot be reached, does not answer in time, answers
 * with a problem whose code this node does not know, or answers something that breaks the
 * exchange protocol (docs/design.md §4); and a download that ended short or with other bytes.
 */
import { defineCodes } from '../spec.js';

export const exchangeClientCodes = defineCodes({
  PEER_UNREACHABLE: {
    status: 502,
    title: 'The peer office node cannot be reached (connection refused, reset, DNS or TLS failure); it is retried later',
  },
  PEER_TIMEOUT: {
    status: 504,
    title: 'The peer office node did not answer in time; it is retried later',
  },
  PEER_ERROR: {
    status: 502,
    title: 'The peer office node answered with an error this node does not know; see the detail',
  },
  PEER_RESPONSE_INVALID: {
    status: 502,
    title: 'The peer office node answered something the exchange protocol does not allow',
  },
  RECEIPT_NOT_SENT: {
    status: 409,
    title: 'The receipt for a certified copy has not reached the depositing office yet; the node keeps sending it',
  },
  DOWNLOAD_INCOMPLETE: {
    status: 502,
    title: 'A download from the peer ended before all announced bytes arrived, or with other bytes; it is retried',
  },
});
