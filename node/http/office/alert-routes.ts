/**
 * Staff alerts on the office API (openapi/office.yaml, tag `alert`): the faults that need a
 * person, newest first, and their acknowledgement by an admin (node/services/staff/staff-alerts.ts).
 * Roles come from `x-ipex-roles` (staff-auth.ts); acknowledging is audited there.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { auditActor } from '../../services/deposit/deposit-deps.js';
import { staffAlertsFor } from '../../services/staff/staff-alerts.js';
import { staffActor } from './office-caller.js';

export function alertRoutes(router: Router, context: NodeContext): void {
  const alerts = staffAlertsFor(context);

  router.get('/alerts', (req: Request, res: Response) => {
    const q = req.query as Record<string, unknown>;
    const body: components['schemas']['AlertPage'] = {
      items: alerts.list({ all: q.state === 'all', limit: q.limit === undefined ? 50 : Number(q.limit) }),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/alerts/:alertId/acknowledge', (req: Request, res: Response) => {
    const actor = staffActor(res);
    const by = actor.kind === 'staff' ? `staff:${actor.tokenId}` : 'cli';
    const body: components['schemas']['Alert'] = alerts.acknowledge(Number(req.params.alertId), by, auditActor(actor, context.identity.code));
    res.json(body);
  });
}
