/** `GET /exchange/v1/status`: which office this node serves, its version and directory serial. */
import type { Router } from 'express';
import type { NodeContext } from '../../runtime/node-context.js';
import { nodeStatus } from '../node-status.js';

export function exchangeStatusRoutes(router: Router, context: NodeContext): void {
  router.get('/status', async (_req, res) => {
    res.json(await nodeStatus(context));
  });
}
