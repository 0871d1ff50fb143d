/** `GET /exchange/v1/status`: which office this node serves, its version and directory serial. */
import type { NodeContext } from '../../runtime/node-context.js';
import { nodeStatus } from '../node-status.js';
import type { ExchangeRoutes } from './exchange-call.js';
import { replyJson } from './exchange-reply.js';

export function exchangeStatusRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  routes.on('getStatus', async (call) => {
    replyJson(call, 200, await nodeStatus(context));
  });
}
