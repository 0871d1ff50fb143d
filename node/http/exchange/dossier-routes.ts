/**
 * Dossier access (openapi/exchange.yaml, tag `dossier`; docs/design.md §4, the WIPO CASE model):
 * `GET /dossiers` lists the search and examination documents of an application or patent family,
 * `GET /dossiers/{documentId}` grants one for download through the `/retrievals/{id}/…` routes.
 * Issue 12: `POST /dossier-searches` answers one round of a family search.
 * Open to every active office with the accessing role; no access code.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/exchange.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices, type DossierQuery, type Requester } from '../../services/access/index.js';
import { accessingRequester } from './accessing-peer.js';
import { dossierDocument, retrievalSuccess } from './retrieval-shapes.js';
import { sendSignedJson } from './signed-response.js';

export function dossierRoutes(router: Router, context: NodeContext): void {
  const services = accessServices(context);

  const accessing = (res: Response): Promise<Requester> => accessingRequester(services, res);

  router.get('/dossiers', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    const query: DossierQuery = {
      ...(typeof req.query.ipOfficeCode === 'string' ? { ipOfficeCode: req.query.ipOfficeCode } : {}),
      ...(typeof req.query.applicationNumberText === 'string' ? { applicationNumberText: req.query.applicationNumberText } : {}),
      ...(typeof req.query.patentFamilyId === 'string' ? { patentFamilyId: req.query.patentFamilyId } : {}),
    };
    const { documents } = services.dossiers.list(requester, query);
    sendSignedJson(context, req, res, 200, { documents: documents.map(dossierDocument) });
  });

  // Issue 12: one round of another office's family search (docs/dossiers.md).
  router.post('/dossier-searches', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    const body = req.body as components['schemas']['DossierSearchRequest'];
    const { documents } = services.dossiers.search(requester, { applications: body.applications ?? [], patentFamilyIds: body.patentFamilyIds ?? [] });
    sendSignedJson(context, req, res, 200, { documents: documents.map(dossierDocument) });
  });

  // Issue 15: the search copies deposited here for the requesting office as searching authority.
  router.get('/search-copies', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    const { documents } = services.dossiers.searchCopies(requester, typeof req.query.since === 'string' ? req.query.since : undefined);
    sendSignedJson(context, req, res, 200, { documents: documents.map(dossierDocument) });
  });

  router.get('/dossiers/:documentId', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    const { grant, document, logIndex } = services.dossiers.grant(requester, String(req.params.documentId));
    sendSignedJson(context, req, res, 200, retrievalSuccess(context.config.exchange.publicUrl, grant, document, logIndex));
  });
}
