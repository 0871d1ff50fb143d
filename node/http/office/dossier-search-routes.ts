/**
 * Family and dossier search of the office API (openapi/office.yaml, tag `dossier`; issue 12,
 * docs/dossiers.md): run a search across every active peer, read a kept one, and check again
 * that its kept answers are what the peers sent.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { familySearchFor, verifyKeptAnswers } from '../../services/federation/index.js';
import { staffActor } from './office-caller.js';

type Schemas = components['schemas'];

export function dossierSearchRoutes(router: Router, context: NodeContext): void {
  const search = familySearchFor(context);
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

  router.get('/dossier-search', async (req: Request, res: Response) => {
    const result = await search.search({ application: text(req.query.application), priority: text(req.query.priority), family: text(req.query.family) }, staffActor(res));
    res.json(result satisfies Schemas['DossierSearch']);
  });

  router.get('/dossier-searches/:searchId', (req: Request, res: Response) => {
    res.json(search.store.get(String(req.params.searchId)).result);
  });

  router.get('/dossier-searches/:searchId/verification', async (req: Request, res: Response) => {
    res.json(await verifyKeptAnswers(context, search.store, String(req.params.searchId)) satisfies Schemas['DossierSearchVerification']);
  });
}
