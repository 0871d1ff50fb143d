/**
 * Deposit operations of the office API (openapi/office.yaml, tag `deposit`): open a draft,
 * stream its parts (the request body goes straight into the blob store, never buffered), and
 * commit — which answers only after the certified version is durable (docs/design.md §8).
 * Opening and committing take an `Idempotency-Key` (issue 15, docs/e-filing.md): a retry gets
 * the first answer again, marked `Idempotent-Replayed: true`, and deposits nothing.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import { IdempotencyKeys, idempotencyKey, type StoredAnswer } from '../../services/deposit/idempotency-keys.js';
import { staffActor } from './office-caller.js';

type DepositRequest = components['schemas']['DepositRequest'];
type DepositDraft = components['schemas']['DepositDraft'];

function draftBody(baseUrl: string, depositId: string, parts: DepositDraft['parts']): DepositDraft {
  const base = `${baseUrl}/deposits/${depositId}`;
  return { depositId, state: 'draft', uploadUrl: `${base}/parts/{partName}`, commitUrl: `${base}/commit`, ...(parts === undefined ? {} : { parts }) };
}

export function depositRoutes(router: Router, context: NodeContext): void {
  const service = depositServiceFor(context);
  const keys = new IdempotencyKeys(service.deps);

  /** Answers `work`'s answer, once per Idempotency-Key when the request has one. */
  async function answer(req: Request, res: Response, work: () => Promise<StoredAnswer>): Promise<void> {
    const header = req.get('idempotency-key');
    const result = header === undefined
      ? { ...(await work()), replayed: false }
      : await keys.run(idempotencyKey(header), { method: req.method, path: req.originalUrl, body: req.body as unknown }, work);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (result.location !== undefined) res.location(result.location);
    res.setHeader('Cache-Control', 'no-store'); // a commit's answer holds the access code and applicant key
    res.status(result.status).json(result.body);
  }

  router.post('/deposits', async (req: Request, res: Response) => {
    const actor = staffActor(res);
    await answer(req, res, async () => {
      const draft = service.createDraft(req.body as DepositRequest, actor);
      return { status: 201, location: `${req.baseUrl}/deposits/${draft.depositId}`, body: draftBody(req.baseUrl, draft.depositId, []) };
    });
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
    const actor = staffActor(res);
    await answer(req, res, async () => {
      const committed = await service.commit(String(req.params.depositId), actor);
      return { status: 201, location: `${req.baseUrl}/documents/${committed.documentId}`, body: committed };
    });
  });
}
