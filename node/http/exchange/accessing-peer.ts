/**
 * The peer of a request that reads documents (retrievals, dossiers): it must be an active office
 * with the accessing role. A peer that is not is refused with its own code, and the attempt is
 * logged with its signed request like any other.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { AccessServices, Requester } from '../../services/access/index.js';
import { peerOf, type ExchangeCall } from './exchange-call.js';
import type { Peer } from './peer-auth.js';

export function requesterOf(peer: Peer): Requester {
  return { office: peer.office.code, keyId: peer.keyId, request: peer.request };
}

/** The requester, once the directory says it may access; else logs the refusal and throws. */
export async function accessingRequester(services: AccessServices, call: ExchangeCall): Promise<Requester> {
  const peer = peerOf(call);
  const requester = requesterOf(peer);
  // peer-auth established `peer.office` from the directory for this very request (active, the
  // signing key's office): its roles are checked here rather than by a second directory read.
  if (!peer.office.roles.includes('accessing')) {
    const err = new IpexError('OFFICE_ROLE_NOT_ALLOWED', `office ${requester.office} is not an accessing office in the directory`);
    await services.decider.recordRefusal(requester, err);
    throw err;
  }
  return requester;
}
