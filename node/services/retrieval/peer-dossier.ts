/**
 * The dossier of an application at a peer office (docs/design.md §4, the WIPO CASE model; issue
 * 11, the examiner's dossier page; openapi/office.yaml `listPeerDossier`): the search and
 * examination documents the peer lists for it, asked over the signed exchange client. Reading
 * the list grants nothing; each document is then retrieved as a certified copy by a retrieval
 * job with its `documentKind`.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { components as exchange } from '../../../protocol/generated/exchange.js';
import type { components } from '../../../protocol/generated/office.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/application-number.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { exchangeBase } from './peer-links.js';
import { exchangeClientFor } from './retrieval-deps.js';

export async function listPeerDossier(context: NodeContext, officeInput: string, applicationNumberInput: string): Promise<components['schemas']['PeerDossier']> {
  const office = normaliseSt3Code(officeInput);
  if (office === context.identity.code) throw new IpexError('INVALID_INPUT', `office ${office} is this office: its dossiers are in its own documents`);
  const { applicationNumberText } = normaliseApplicationNumber(office, applicationNumberInput);
  const peer = await context.trust.requireActive(office, 'depositing');
  const client = exchangeClientFor(context, systemRandom);
  try {
    const query = new URLSearchParams({ ipOfficeCode: office, applicationNumberText });
    const list = (await client.request({ method: 'GET', url: `${exchangeBase(peer.exchangeUrl)}/dossiers?${query.toString()}` })).json<exchange['schemas']['DossierList']>();
    return { office, applicationNumberText, documents: peerDocuments(list) };
  } finally {
    client.close();
  }
}

/**
 * Issue 15: the search copies a receiving office deposited for this office as searching
 * authority (the peer's `GET /search-copies`), deposited after `since`. Each is then retrieved by
 * a retrieval job of kind `searchCopy` with its document id, without an access code.
 */
export async function listPeerSearchCopies(context: NodeContext, officeInput: string, since?: string): Promise<components['schemas']['PeerSearchCopies']> {
  const office = normaliseSt3Code(officeInput);
  if (office === context.identity.code) throw new IpexError('INVALID_INPUT', `office ${office} is this office: a search copy comes from another office`);
  if (since !== undefined && !Number.isFinite(Date.parse(since))) throw new IpexError('INVALID_INPUT', 'since must be a date-time such as 2024-05-01T00:00:00Z');
  const peer = await context.trust.requireActive(office, 'depositing');
  const client = exchangeClientFor(context, systemRandom);
  try {
    const query = since === undefined ? '' : `?${new URLSearchParams({ since: new Date(Date.parse(since)).toISOString() }).toString()}`;
    const list = (await client.request({ method: 'GET', url: `${exchangeBase(peer.exchangeUrl)}/search-copies${query}` })).json<exchange['schemas']['DossierList']>();
    return { office, documents: peerDocuments(list) };
  } finally {
    client.close();
  }
}

function peerDocuments(list: exchange['schemas']['DossierList']): components['schemas']['PeerDocument'][] {
  return (list.documents ?? []).map((d) => ({
    documentId: d.documentId, version: d.version, documentKind: d.documentKind, ipOfficeCode: d.ipOfficeCode, applicationNumberText: d.applicationNumberText,
    ...(d.depositedAt === undefined ? {} : { depositedAt: d.depositedAt }),
    parts: d.parts.map((p) => ({ name: p.name, mediaType: p.mediaType, size: p.size, sha256: p.sha256 })),
  }));
}
