/**
 * The dossier of an application at a peer office, for retrieving staff (openapi/office.yaml
 * `listPeerDossier`; issue 11, the examiner's dossier page): what the peer lists, asked over the
 * signed exchange client by node/services/retrieval/peer-dossier.ts.
 */
import type { Request, Response, Router } from 'express';
import type { NodeContext } from '../../runtime/node-context.js';
import { listPeerDossier } from '../../services/retrieval/peer-dossier.js';

export function dossierRoutes(router: Router, context: NodeContext): void {
  router.get('/offices/:officeCode/dossier', async (req: Request, res: Response) => {
    const dossier = await listPeerDossier(context, String(req.params.officeCode), String(req.query.applicationNumberText));
    res.setHeader('Cache-Control', 'no-store');
    res.json(dossier);
  });
}
