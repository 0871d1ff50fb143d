/**
 * Retrieval and certified-copy operations of the office API (openapi/office.yaml, tags
 * `retrieval` and `copy`): staff ask the node to retrieve a document from a peer office, follow
 * the job, list the certified copies and download one as a bundle (docs/design.md §5). The work
 * itself is done by the node's retrieval worker (node/services/retrieval).
 */
import { mkdtempSync, createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { copyView, jobView, retrievalJobsFor, writeCopyBundle, type CopyRow, type RetrievalJobs } from '../../services/retrieval/index.js';
import { reportDamagedPart } from '../../services/access/damaged-part.js';
import { DamagedPartError } from '../../storage/blob-store.js';
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

  router.get('/retrievals/:jobId', (req: Request, res: Response) => {
    const job = jobs.get(String(req.params.jobId));
    if (job === undefined) throw new IpexError('NOT_FOUND', `no retrieval job ${String(req.params.jobId)}`);
    res.json(jobView(job));
  });

  router.get('/copies', (req: Request, res: Response) => {
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    const before = req.query.cursor === undefined ? undefined : decodeCursor(String(req.query.cursor));
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const office = str(req.query.ipOfficeCode);
    const number = str(req.query.applicationNumberText);
    const kind = str(req.query.documentKind);
    const rows = jobs.copies.list({
      limit: limit + 1,
      ...(office === undefined ? {} : { ipOfficeCode: office }),
      ...(number === undefined ? {} : { applicationNumberText: number }),
      ...(kind === undefined ? {} : { documentKind: kind }),
      ...(before === undefined ? {} : { before }),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const body: Schemas['CopyPage'] = {
      items: page.map(copyView),
      ...(rows.length > limit && last !== undefined ? { nextCursor: encodeCursor(last.retrievedAt, last.copyId) } : {}),
    };
    res.json(body);
  });

  router.get('/copies/:copyId', (req: Request, res: Response) => {
    res.json(copyView(requireCopy(jobs, String(req.params.copyId))));
  });

  router.get('/copies/:copyId/bundle', async (req: Request, res: Response) => {
    const copy = requireCopy(jobs, String(req.params.copyId));
    const dir = mkdtempSync(join(tmpdir(), 'ipex-bundle-'));
    const zip = join(dir, `${copy.copyId}.zip`);
    try {
      await writeCopyBundle(copy, context.blobs, zip).catch((err: unknown) => {
        if (err instanceof DamagedPartError) {
          const part = copy.parts.find((p) => p.sha256 === err.sha256)?.name ?? err.sha256;
          reportDamagedPart(context, err, { documentId: copy.documentId, version: copy.version, part });
        }
        throw err;
      });
      res.status(200).setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${copy.copyId}.zip"`);
      await new Promise<void>((resolve, reject) => {
        const stream = createReadStream(zip);
        stream.on('error', reject);
        res.on('finish', resolve);
        res.on('close', resolve);
        stream.pipe(res);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

function requireCopy(jobs: RetrievalJobs, copyId: string): CopyRow {
  const copy = jobs.copies.get(copyId);
  if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${copyId}`);
  return copy;
}

function encodeCursor(retrievedAt: string, copyId: string): string {
  return Buffer.from(JSON.stringify([retrievedAt, copyId]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { retrievedAt: string; copyId: string } {
  try {
    const [retrievedAt, copyId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof retrievedAt === 'string' && typeof copyId === 'string') return { retrievedAt, copyId };
  } catch {
    // fall through
  }
  throw new IpexError('INVALID_INPUT', 'the cursor is not one this node gave out');
}
