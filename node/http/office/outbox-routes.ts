/**
 * The outbox on the office API (openapi/office.yaml, tag `outbox`): the messages the node sends,
 * the dead letters by default, and the retry of one by an admin (node/services/outbox). Roles come
 * from `x-ipex-roles` (staff-auth.ts); a retry is audited by the service.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { auditActor } from '../../services/deposit/deposit-deps.js';
import { outboxFor, type OutboxState } from '../../services/outbox/index.js';
import { outboxView } from '../../services/outbox/outbox-view.js';
import { staffActor } from './office-caller.js';

export function outboxRoutes(router: Router, context: NodeContext): void {
  const outbox = outboxFor(context);

  router.get('/outbox', (req: Request, res: Response) => {
    const q = req.query as Record<string, unknown>;
    const state = (q.state ?? 'dead') as OutboxState | 'all';
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    const rows = outbox.list({ ...(state === 'all' ? {} : { state }), limit, ...(q.before === undefined ? {} : { before: Number(q.before) }) });
    const body: components['schemas']['OutboxPage'] = {
      items: rows.map(outboxView),
      ...(rows.length === limit ? { nextBefore: rows[rows.length - 1]!.id } : {}),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/outbox/:messageId/retry', (req: Request, res: Response) => {
    const row = outbox.retry(Number(req.params.messageId), auditActor(staffActor(res), context.identity.code));
    res.json(outboxView(row));
  });
}
