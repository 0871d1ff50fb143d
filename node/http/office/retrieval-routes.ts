/**
 * Retrieval operations of the office API (openapi/office.yaml, tag `retrieval`): staff ask the
 * node to retrieve a document from a peer office, list the jobs and follow one, with the bytes
 * received so far (docs/design.md §4). The work itself is done by the node's retrieval worker
 * (node/services/retrieval); the certified copies it makes are served by copy-routes.ts.
 */
import type { Request, Response, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { jobView, partsProgress, retrievalJobsFor, type JobRow, type RetrievalJobs } from '../../services/retrieval/index.js';
import { copyRoutes } from './copy-routes.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { staffActor } from './office-caller.js';

type Schemas = components['schemas'];

export function retrievalRoutes(router: Router, context: NodeContext, service?: RetrievalJobs): void {
  const jobs = service ?? retrievalJobsFor(context);
  jobs.start();

  router.post('/retrievals', async (req: Request, res: Response) => {
    const actor = staffActor(res);
    const job = await jobs.enqueue(req.body as Schemas['RetrievalJobRequest'], { createdBy: `staff:${actor.kind === 'staff' ? actor.tokenId : '?'}` });
    const body: Schemas['RetrievalJobAccepted'] = { jobId: job.jobId };
    res.setHeader('Cache-Control', 'no-store');
    res.status(202).location(`${req.baseUrl}/retrievals/${job.jobId}`).json(body);
  });

  // Issue 11: the examiner's job list, newest first.
  router.get('/retrievals', async (req: Request, res: Response) => {
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    const cursor = req.query.cursor === undefined ? undefined : decodeCursor(String(req.query.cursor));
    const rows = jobs.jobs.list(limit + 1, cursor === undefined ? undefined : { createdAt: cursor[0], jobId: cursor[1] });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const body: Schemas['RetrievalJobPage'] = {
      items: await Promise.all(page.map((job) => viewWithProgress(context, job))),
      ...(rows.length > limit && last !== undefined ? { nextCursor: encodeCursor(last.createdAt, last.jobId) } : {}),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.get('/retrievals/:jobId', async (req: Request, res: Response) => {
    const job = jobs.get(String(req.params.jobId));
    if (job === undefined) throw new IpexError('NOT_FOUND', `no retrieval job ${String(req.params.jobId)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await viewWithProgress(context, job));
  });

  copyRoutes(router, context, jobs);
}

/** A job with the bytes of its parts received so far (issue 11: live progress in the portal). */
async function viewWithProgress(context: NodeContext, job: JobRow): Promise<Schemas['RetrievalJob']> {
  const parts = await partsProgress(context, job);
  if (parts.length === 0) return jobView(job);
  return { ...jobView(job), progress: { receivedBytes: parts.reduce((n, p) => n + p.received, 0), totalBytes: parts.reduce((n, p) => n + p.total, 0) } };
}
