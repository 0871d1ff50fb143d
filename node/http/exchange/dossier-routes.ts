/**
 * Dossier access (openapi/exchange.yaml, tag `dossier`; docs/design.md §4, the WIPO CASE model):
 * `GET /dossiers` lists the search and examination documents of an application or patent family,
 * `GET /dossiers/{documentId}` grants one for download through the `/retrievals/{id}/…` routes.
 * Issue 12: `POST /dossier-searches` answers one round of a family search.
 * Open to every active office with the accessing role; no access code.
 */
import type { components } from '../../../protocol/generated/exchange.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices, type DossierQuery, type Requester } from '../../services/access/index.js';
import { accessingRequester } from './accessing-peer.js';
import type { ExchangeCall, ExchangeRoutes } from './exchange-call.js';
import { dossierDocument, retrievalSuccess } from './retrieval-shapes.js';
import { sendSignedJson } from './signed-response.js';

export function dossierRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  const services = accessServices(context);

  const accessing = (call: ExchangeCall): Promise<Requester> => accessingRequester(services, call);

  routes.on('listDossierDocuments', async (call) => {
    const requester = await accessing(call);
    const query: DossierQuery = {
      ...(typeof call.query.ipOfficeCode === 'string' ? { ipOfficeCode: call.query.ipOfficeCode } : {}),
      ...(typeof call.query.applicationNumberText === 'string' ? { applicationNumberText: call.query.applicationNumberText } : {}),
      ...(typeof call.query.patentFamilyId === 'string' ? { patentFamilyId: call.query.patentFamilyId } : {}),
    };
    const { documents } = services.dossiers.list(requester, query);
    sendSignedJson(context, call, 200, { documents: documents.map(dossierDocument) });
  });

  // Issue 12: one round of another office's family search (docs/dossiers.md).
  routes.on('searchDossierDocuments', async (call) => {
    const requester = await accessing(call);
    const body = call.body as components['schemas']['DossierSearchRequest'];
    const { documents } = services.dossiers.search(requester, { applications: body.applications ?? [], patentFamilyIds: body.patentFamilyIds ?? [] });
    sendSignedJson(context, call, 200, { documents: documents.map(dossierDocument) });
  });

  // Issue 15: the search copies deposited here for the requesting office as searching authority.
  routes.on('listSearchCopies', async (call) => {
    const requester = await accessing(call);
    const { documents } = services.dossiers.searchCopies(requester, typeof call.query.since === 'string' ? call.query.since : undefined);
    sendSignedJson(context, call, 200, { documents: documents.map(dossierDocument) });
  });

  routes.on('getDossierDocument', async (call) => {
    const requester = await accessing(call);
    const { grant, document, logIndex } = services.dossiers.grant(requester, call.param('documentId'));
    sendSignedJson(context, call, 200, retrievalSuccess(context.config.exchange.publicUrl, grant, document, logIndex));
  });
}
