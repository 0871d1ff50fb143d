/**
 * Webhook endpoints on the office API (openapi/office.yaml, tag `webhook`): an admin registers the
 * URLs of the office's own systems and the events each wants (node/services/notifications
 * webhook-endpoints.ts); the secret is in the answer to the registration only.
 */
import type { Request, Response, Router } from 'express';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { components } from '../../../protocol/generated/office.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { actorLabel, auditActor } from '../../services/deposit/deposit-deps.js';
import { notificationsFor } from '../../services/notifications/index.js';
import { staffActor } from './office-caller.js';

export function webhookRoutes(router: Router, context: NodeContext): void {
  const { endpoints } = notificationsFor(context);

  router.get('/webhooks', (_req: Request, res: Response) => {
    const body: components['schemas']['WebhookList'] = { items: endpoints.list().map((e) => ({ ...e, events: [...e.events] })) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/webhooks', (req: Request, res: Response) => {
    const actor = staffActor(res);
    const input = req.body as components['schemas']['WebhookRequest'];
    const created = endpoints.add(input, actorLabel(actor), auditActor(actor, context.identity.code), systemRandom);
    res.setHeader('Cache-Control', 'no-store'); // the secret is in this answer only
    res.status(201).json({ ...created, events: [...created.events] } satisfies components['schemas']['WebhookCreated']);
  });

  router.delete('/webhooks/:webhookId', (req: Request, res: Response) => {
    const actor = staffActor(res);
    const removed = endpoints.remove(Number(req.params.webhookId), `removed by ${actorLabel(actor)}`, auditActor(actor, context.identity.code));
    res.json({ ...removed, events: [...removed.events] } satisfies components['schemas']['Webhook']);
  });
}
