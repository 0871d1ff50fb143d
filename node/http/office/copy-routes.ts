/**
 * Certified-copy operations of the office API (openapi/office.yaml, tag `copy`; docs/design.md
 * §5): list the copies retrieved from peer offices, read one, download its bundle or one of its
 * parts, and verify it again check by check (issue 11: the examiner's copy page). A part is
 * bytes a peer office certified, not a page of this site: it is served as an attachment, or
 * inline only for types a browser shows without running them, always sandboxed and unsniffed.
 */
import { createReadStream, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { copyView, writeCopyBundle, type CopyRow, type RetrievalJobs } from '../../services/retrieval/index.js';
import { verifyCopy } from '../../services/retrieval/copy-verification.js';
import { reportDamagedPart } from '../../services/access/damaged-part.js';
import { DamagedPartError } from '../../storage/blob-store.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** Media types a browser displays itself without running anything of the document's. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'text/plain']);

export function copyRoutes(router: Router, context: NodeContext, jobs: RetrievalJobs): void {
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
      ...(before === undefined ? {} : { before: { retrievedAt: before[0], copyId: before[1] } }),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const body: components['schemas']['CopyPage'] = {
      items: page.map(copyView),
      ...(rows.length > limit && last !== undefined ? { nextCursor: encodeCursor(last.retrievedAt, last.copyId) } : {}),
    };
    res.json(body);
  });

  router.get('/copies/:copyId', (req: Request, res: Response) => {
    res.json(copyView(requireCopy(jobs, String(req.params.copyId))));
  });

  router.get('/copies/:copyId/verification', async (req: Request, res: Response) => {
    requireCopy(jobs, String(req.params.copyId));
    const verification = await verifyCopy(context, String(req.params.copyId));
    res.setHeader('Cache-Control', 'no-store');
    res.json(verification);
  });

  router.get('/copies/:copyId/parts/:partName', async (req: Request, res: Response) => {
    const copy = requireCopy(jobs, String(req.params.copyId));
    const part = copy.parts.find((p) => p.name === String(req.params.partName));
    if (part === undefined) throw new IpexError('PART_NOT_FOUND', `copy ${copy.copyId} has no part ${String(req.params.partName).slice(0, 128)}`);
    const inline = req.query.disposition === 'inline' && INLINE_TYPES.has(part.mediaType);
    const stream = await context.blobs.openVerified(part.sha256).catch(damaged(context, copy));
    res.status(200);
    res.setHeader('Content-Type', part.mediaType);
    res.setHeader('Content-Length', String(part.size));
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${part.name}"`);
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await pipeline(stream, res);
  });

  router.get('/copies/:copyId/bundle', async (req: Request, res: Response) => {
    const copy = requireCopy(jobs, String(req.params.copyId));
    const dir = mkdtempSync(join(tmpdir(), 'ipex-bundle-'));
    const zip = join(dir, `${copy.copyId}.zip`);
    try {
      await writeCopyBundle(copy, context.blobs, zip).catch(damaged(context, copy));
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

/** Reports a stored part of the copy that no longer hashes to its digest (staff alert, log), then rethrows. */
function damaged(context: NodeContext, copy: CopyRow): (err: unknown) => never {
  return (err) => {
    if (err instanceof DamagedPartError) {
      const part = copy.parts.find((p) => p.sha256 === err.sha256)?.name ?? err.sha256;
      reportDamagedPart(context, err, { documentId: copy.documentId, version: copy.version, part });
    }
    throw err;
  };
}

function requireCopy(jobs: RetrievalJobs, copyId: string): CopyRow {
  const copy = jobs.copies.get(copyId);
  if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${copyId}`);
  return copy;
}
