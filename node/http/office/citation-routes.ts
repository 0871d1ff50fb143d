/**
 * Citations of the office API (openapi/office.yaml `getDocumentCitations`, `getCopyCitations`;
 * issue 12, docs/certified-copy.md "Citations"): what a search or examination report cites, as
 * certified, as ST.96 XML or JSON — of a document this office deposited, or of a certified copy
 * retrieved from a peer. Issue 15: the whole bibliographic data as ST.96 XML (`getDocumentSt96`,
 * `getCopySt96`), derived from the same certified manifest.
 */
import type { Request, Response, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { citationFormat, copyCitations, documentCitations, renderCitations, type DocumentCitations } from '../../services/deposit/citation-export.js';
import { CopyStore } from '../../services/retrieval/copy-store.js';
import { copySt96, documentSt96 } from '../../services/deposit/st96-export.js';

export function citationRoutes(router: Router, context: NodeContext): void {
  const copies = new CopyStore(context.db);

  router.get('/documents/:documentId/citations', (req: Request, res: Response) => {
    const version = req.query.version === undefined ? undefined : Number(req.query.version);
    send(req, res, documentCitations(context.db, String(req.params.documentId), version));
  });

  router.get('/copies/:copyId/citations', (req: Request, res: Response) => {
    const copy = copies.get(String(req.params.copyId));
    if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${String(req.params.copyId).slice(0, 64)}`);
    send(req, res, copyCitations(copy));
  });

  router.get('/documents/:documentId/st96', (req: Request, res: Response) => {
    const version = req.query.version === undefined ? undefined : Number(req.query.version);
    res.type('application/xml').send(documentSt96(context.db, String(req.params.documentId), version));
  });

  router.get('/copies/:copyId/st96', (req: Request, res: Response) => {
    const copy = copies.get(String(req.params.copyId));
    if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${String(req.params.copyId).slice(0, 64)}`);
    res.type('application/xml').send(copySt96(copy));
  });
}

function send(req: Request, res: Response, citations: DocumentCitations): void {
  const format = citationFormat(typeof req.query.format === 'string' ? req.query.format : undefined, 'INVALID_INPUT');
  if (format === 'json') {
    res.json(citations);
    return;
  }
  const xml = renderCitations(citations, format);
  res.type(xml.mediaType).send(xml.body);
}
