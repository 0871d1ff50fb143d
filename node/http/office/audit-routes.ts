/**
 * The auditors' operations of the office API (openapi/office.yaml, tag `audit`; docs/design.md §7):
 * `GET /audit/entries` — entries oldest first, filtered by time, office, document, event type
 * and outcome, paged by cursor (the index to continue from) — `GET /audit/checkpoint`, and for
 * the auditor's pages (issue 11) an entry's inclusion proof, so that a browser checks it against
 * the signed checkpoint itself, and the offline audit bundle as one ZIP download.
 * Roles (auditor, admin) are enforced by staff-auth from `x-ipex-roles`; this module only reads.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Router } from 'express';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { queryAuditEntries, type AuditEntryFilter } from '../../services/audit/audit-query.js';
import { exportAuditBundle } from '../../services/audit/export-bundle.js';
import { zipFolder } from './zip-folder.js';

export function auditRoutes(router: Router, context: NodeContext): void {
  router.get('/audit/entries', (req, res) => {
    const page: components['schemas']['AuditPage'] = queryAuditEntries(context.db, filterOf(req));
    res.setHeader('Cache-Control', 'no-store');
    res.json(page);
  });

  router.get('/audit/proofs/inclusion', (req, res) => {
    const index = Number(req.query.index);
    const treeSize = Number(req.query.treeSize);
    const body: components['schemas']['AuditInclusionProof'] = {
      leafIndex: index, treeSize, hashes: context.audit.inclusionProof(index, treeSize).map((h) => h.toString('base64')),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.get('/audit/bundle', async (_req, res) => {
    const dir = mkdtempSync(join(tmpdir(), 'ipex-audit-bundle-'));
    try {
      const info = await exportAuditBundle({ audit: context.audit, identity: context.identity, clock: context.clock, out: join(dir, 'bundle') });
      res.status(200).setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="audit-${info.office}-${info.size}.zip"`);
      res.setHeader('Cache-Control', 'no-store');
      await zipFolder(join(dir, 'bundle'), res);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  router.get('/audit/checkpoint', (_req, res) => {
    res.status(200).setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(Buffer.from(context.audit.latestCheckpoint().note, 'utf8'));
  });
}

function filterOf(req: Request): AuditEntryFilter {
  const q = req.query as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v === 'number') return String(v); // the validator coerces integer parameters
    if (typeof v !== 'string') throw new IpexError('INVALID_INPUT', `query parameter ${name} must be given once`);
    return v;
  };
  const limitText = text('limit');
  const limit = limitText === undefined ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new IpexError('INVALID_INPUT', 'limit must be an integer from 1 to 500');
  const filter: { -readonly [K in keyof AuditEntryFilter]: AuditEntryFilter[K] } = { limit };
  const from = text('from');
  const to = text('to');
  const office = text('office');
  const documentId = text('documentId');
  const eventType = text('eventType');
  const outcome = text('outcome');
  const cursor = text('cursor');
  if (from !== undefined) filter.from = isoTime(from, 'from');
  if (to !== undefined) filter.to = isoTime(to, 'to');
  if (office !== undefined) filter.office = office;
  if (documentId !== undefined) filter.documentId = documentId;
  if (eventType !== undefined) filter.eventType = eventType;
  if (outcome !== undefined) filter.outcome = outcome;
  if (cursor !== undefined) filter.cursor = cursor;
  return filter;
}

/** Entries store `time` as toISOString(); a filter in another offset is brought to the same form. */
function isoTime(value: string, name: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new IpexError('INVALID_INPUT', `${name} must be an RFC 3339 date-time`);
  return new Date(ms).toISOString();
}
