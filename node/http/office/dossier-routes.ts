/**
 * The dossier of an application at a peer office, for retrieving staff (openapi/office.yaml
 * `listPeerDossier`; issue 11, the examiner's dossier page): what the peer lists, asked over the
 * signed exchange client by node/services/retrieval/peer-dossier.ts. Issue 15: the search copies a
 * receiving office deposited for this office (`listPeerSearchCopies`).
 */
import type { Request, Response, Router } from 'express';
import type { NodeContext } from '../../runtime/node-context.js';
import { listPeerDossier, listPeerSearchCopies } from '../../services/retrieval/peer-dossier.js';

export function dossierRoutes(router: Router, context: NodeContext): void {
  router.get('/offices/:officeCode/dossier', async (req: Request, res: Response) => {
    const dossier = await listPeerDossier(context, String(req.params.officeCode), String(req.query.applicationNumberText));
    res.setHeader('Cache-Control', 'no-store');
    res.json(dossier);
  });

  // Issue 15: the search copies a receiving office deposited for this office.
  router.get('/offices/:officeCode/search-copies', async (req: Request, res: Response) => {
    const list = await listPeerSearchCopies(context, String(req.params.officeCode), typeof req.query.since === 'string' ? req.query.since : undefined);
    res.setHeader('Cache-Control', 'no-store');
    res.json(list);
  });
}
