/**
 * Deposit operations of the office API (openapi/office.yaml, tag `deposit`): open a draft,
 * stream its parts (the request body goes straight into the blob store, never buffered), and
 * commit — which answers only after the certified version is durable (docs/design.md §8).
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import { staffActor } from './office-caller.js';

type DepositRequest = components['schemas']['DepositRequest'];
type DepositDraft = components['schemas']['DepositDraft'];

function draftBody(baseUrl: string, depositId: string, parts: DepositDraft['parts']): DepositDraft {
  const base = `${baseUrl}/deposits/${depositId}`;
  return { depositId, state: 'draft', uploadUrl: `${base}/parts/{partName}`, commitUrl: `${base}/commit`, ...(parts === undefined ? {} : { parts }) };
}

export function depositRoutes(router: Router, context: NodeContext): void {
  const service = depositServiceFor(context);

  router.post('/deposits', (req: Request, res: Response) => {
    const draft = service.createDraft(req.body as DepositRequest, staffActor(res));
    res.status(201).location(`${req.baseUrl}/deposits/${draft.depositId}`).json(draftBody(req.baseUrl, draft.depositId, []));
  });

  // Issue 11: the portal's parts page shows what a draft holds so far.
  router.get('/deposits/:depositId', (req: Request, res: Response) => {
    staffActor(res);
    const depositId = String(req.params.depositId);
    res.json(draftBody(req.baseUrl, depositId, service.draftParts(depositId)));
  });

  router.put('/deposits/:depositId/parts/:partName', async (req: Request, res: Response) => {
    staffActor(res);
    const depositId = String(req.params.depositId);
    const partName = String(req.params.partName);
    const mediaType = String(req.query.mediaType);
    const part = await service.uploadPart(depositId, partName, mediaType, req);
    res.status(200).json(part);
  });

  router.post('/deposits/:depositId/commit', async (req: Request, res: Response) => {
    const committed = await service.commit(String(req.params.depositId), staffActor(res));
    res.setHeader('Cache-Control', 'no-store'); // the access code and applicant key are in this answer only
    res.status(201).location(`${req.baseUrl}/documents/${committed.documentId}`).json(committed);
  });
}
