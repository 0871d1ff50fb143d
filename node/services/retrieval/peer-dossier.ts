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
    const documents = (list.documents ?? []).map((d) => ({
      documentId: d.documentId, version: d.version, documentKind: d.documentKind, ipOfficeCode: d.ipOfficeCode, applicationNumberText: d.applicationNumberText,
      ...(d.depositedAt === undefined ? {} : { depositedAt: d.depositedAt }),
      parts: d.parts.map((p) => ({ name: p.name, mediaType: p.mediaType, size: p.size, sha256: p.sha256 })),
    }));
    return { office, applicationNumberText, documents };
  } finally {
    client.close();
  }
}
