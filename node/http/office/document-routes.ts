/**
 * Document operations of the office API (openapi/office.yaml, tag `document`): list, show,
 * withdraw, access policy, access-code regeneration, retrieval history, alerts and the document's log entries. The applicant of a
 * priority document may use the operations marked `x-ipex-applicant: true` with its applicant
 * key, on that document only (office-caller.ts).
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import type { DocumentFilter } from '../../services/deposit/documents.js';
import { documentActor, staffActor } from './office-caller.js';
import { queryAuditEntries } from '../../services/audit/audit-query.js';
import { applicantAlerts } from '../../services/access/lockout.js';

type WithdrawRequest = components['schemas']['WithdrawRequest'];

export function documentRoutes(router: Router, context: NodeContext): void {
  const service = depositServiceFor(context);

  router.get('/documents', (req: Request, res: Response) => {
    const q = req.query as Record<string, string | undefined>;
    const filter: { -readonly [K in keyof DocumentFilter]: DocumentFilter[K] } = {};
    if (q.applicationNumberText !== undefined) filter.applicationNumberText = q.applicationNumberText;
    if (q.documentKind !== undefined) filter.documentKind = q.documentKind;
    if (q.state !== undefined) filter.state = q.state as NonNullable<DocumentFilter['state']>;
    if (q.patentFamilyId !== undefined) filter.patentFamilyId = q.patentFamilyId;
    if (q.depositedFrom !== undefined) filter.depositedFrom = q.depositedFrom;
    if (q.depositedTo !== undefined) filter.depositedTo = q.depositedTo;
    if (q.applicant !== undefined) filter.applicant = q.applicant;
    if (q.title !== undefined) filter.title = q.title;
    if (q.filedFrom !== undefined) filter.filedFrom = q.filedFrom;
    if (q.filedTo !== undefined) filter.filedTo = q.filedTo;
    if (q.cursor !== undefined) filter.cursor = q.cursor;
    if (q.limit !== undefined) filter.limit = Number(q.limit);
    res.json(service.list(filter));
  });

  router.get('/documents/:documentId', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    documentActor(res, service, id);
    res.json(service.get(id));
  });

  router.post('/documents/:documentId/withdraw', (req: Request, res: Response) => {
    const body = (req.body ?? {}) as WithdrawRequest;
    res.json(service.withdraw(String(req.params.documentId), body.reason, staffActor(res)));
  });

  router.get('/documents/:documentId/access', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    documentActor(res, service, id);
    res.json(service.accessState(id));
  });

  router.put('/documents/:documentId/access', async (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    res.json(await service.setAccess(id, req.body, documentActor(res, service, id)));
  });

  // Issue 12: where the applicant is told of retrievals (never in the manifest, never logged).
  router.get('/documents/:documentId/applicant-contact', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    documentActor(res, service, id);
    res.setHeader('Cache-Control', 'no-store');
    res.json(service.applicantContact(id) ?? {});
  });
  router.put('/documents/:documentId/applicant-contact', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    res.setHeader('Cache-Control', 'no-store');
    res.json(service.setApplicantContact(id, req.body as { email?: unknown; language?: unknown }, documentActor(res, service, id)) ?? {});
  });
  router.delete('/documents/:documentId/applicant-contact', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    service.setApplicantContact(id, null, documentActor(res, service, id));
    res.json({});
  });

  router.post('/documents/:documentId/access-code', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    res.setHeader('Cache-Control', 'no-store');
    res.json(service.regenerateCode(id, documentActor(res, service, id)));
  });

  router.get('/documents/:documentId/history', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    documentActor(res, service, id);
    const q = req.query as Record<string, string | undefined>;
    res.json(service.history(id, q.cursor, q.limit === undefined ? undefined : Number(q.limit)));
  });

  // Issue 11: the applicant sees the alerts (lock-outs) about their document, not only the log.
  router.get('/documents/:documentId/alerts', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    documentActor(res, service, id);
    service.get(id); // 404 for an unknown document, as the other operations
    const body: components['schemas']['AlertList'] = { items: applicantAlerts(context.db, id) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  // Issue 4: applicants see the log entries about their own documents.
  router.get('/documents/:documentId/log', (req: Request, res: Response) => {
    const id = String(req.params.documentId);
    documentActor(res, service, id);
    const q = req.query as Record<string, string | number | undefined>;
    const page: components['schemas']['AuditPage'] = queryAuditEntries(context.db, {
      documentId: id,
      limit: q.limit === undefined ? 50 : Number(q.limit),
      ...(q.cursor === undefined ? {} : { cursor: String(q.cursor) }),
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });
}
