/**
 * Tracked files on the exchange API (openapi/exchange.yaml, tag `tracking`; issue 12,
 * docs/tracked-files.md): a peer subscribes to, lists and cancels its subscriptions to this
 * office's applications, and a publishing peer delivers its signed notifications here. Open to
 * every active office with the accessing role; every answer is signed and bound to the request,
 * so each side holds the other's word for what was agreed.
 */
import type { Request, Response, Router } from 'express';
import type { components } from '../../../protocol/generated/exchange.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices, type Requester } from '../../services/access/index.js';
import { trackingFor, type Subscription } from '../../services/tracking/index.js';
import { accessingRequester } from './accessing-peer.js';
import { sendSignedJson } from './signed-response.js';

type Wire = components['schemas'];

export function subscriptionRoutes(router: Router, context: NodeContext): void {
  const services = accessServices(context);
  const { subscribers, tracked } = trackingFor(context);
  const accessing = (res: Response): Promise<Requester> => accessingRequester(services, res);
  const wire = (s: Subscription): Wire['Subscription'] => ({
    subscriptionId: s.subscriptionId, office: s.office, ipOfficeCode: context.identity.code, applicationNumberText: s.applicationNumberText,
    state: s.state, createdAt: s.createdAt, ...(s.cancelledAt === undefined ? {} : { cancelledAt: s.cancelledAt }), ...(s.cancelledBy === undefined ? {} : { cancelledBy: s.cancelledBy }),
  });

  router.get('/subscriptions', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    sendSignedJson(context, req, res, 200, { subscriptions: subscribers.listFor(requester.office).slice(0, 1000).map(wire) } satisfies Wire['SubscriptionList']);
  });

  router.post('/subscriptions', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    sendSignedJson(context, req, res, 200, wire(subscribers.subscribe(requester, req.body as Wire['ApplicationKey'])));
  });

  router.delete('/subscriptions/:subscriptionId', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    sendSignedJson(context, req, res, 200, wire(subscribers.cancelBySubscriber(requester, String(req.params.subscriptionId))));
  });

  router.post('/notifications', async (req: Request, res: Response) => {
    const requester = await accessing(res);
    sendSignedJson(context, req, res, 200, await tracked.receive(requester, req.body as Wire['Notification']));
  });
}
