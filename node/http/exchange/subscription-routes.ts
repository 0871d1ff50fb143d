/**
 * Tracked files on the exchange API (openapi/exchange.yaml, tag `tracking`; issue 12,
 * docs/tracked-files.md): a peer subscribes to, lists and cancels its subscriptions to this
 * office's applications, and a publishing peer delivers its signed notifications here. Open to
 * every active office with the accessing role; every answer is signed and bound to the request,
 * so each side holds the other's word for what was agreed.
 */
import type { components } from '../../../protocol/generated/exchange.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices, type Requester } from '../../services/access/index.js';
import { trackingFor, type Subscription } from '../../services/tracking/index.js';
import { accessingRequester } from './accessing-peer.js';
import type { ExchangeCall, ExchangeRoutes } from './exchange-call.js';
import { sendSignedJson } from './signed-response.js';

type Wire = components['schemas'];

export function subscriptionRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  const services = accessServices(context);
  const { subscribers, tracked } = trackingFor(context);
  const accessing = (call: ExchangeCall): Promise<Requester> => accessingRequester(services, call);
  const wire = (s: Subscription): Wire['Subscription'] => ({
    subscriptionId: s.subscriptionId, office: s.office, ipOfficeCode: context.identity.code, applicationNumberText: s.applicationNumberText,
    state: s.state, createdAt: s.createdAt, ...(s.cancelledAt === undefined ? {} : { cancelledAt: s.cancelledAt }), ...(s.cancelledBy === undefined ? {} : { cancelledBy: s.cancelledBy }),
  });

  routes.on('listSubscriptions', async (call) => {
    const requester = await accessing(call);
    sendSignedJson(context, call, 200, { subscriptions: subscribers.listFor(requester.office).slice(0, 1000).map(wire) } satisfies Wire['SubscriptionList']);
  });

  routes.on('createSubscription', async (call) => {
    const requester = await accessing(call);
    sendSignedJson(context, call, 200, wire(subscribers.subscribe(requester, call.body as Wire['ApplicationKey'])));
  });

  routes.on('cancelSubscription', async (call) => {
    const requester = await accessing(call);
    sendSignedJson(context, call, 200, wire(subscribers.cancelBySubscriber(requester, call.param('subscriptionId'))));
  });

  routes.on('receiveNotification', async (call) => {
    const requester = await accessing(call);
    sendSignedJson(context, call, 200, await tracked.receive(requester, call.body as Wire['Notification']));
  });
}
