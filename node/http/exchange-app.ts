/**
 * The exchange app (`/exchange/v1`, openapi/exchange.yaml): what peers call. Every route sits
 * behind peer authentication (exchange/peer-auth.ts); the routes of each capability live in
 * their own module and are listed here.
 */
import type { Express, Router } from 'express';
import { MemoryReplayCache } from '../../protocol/http-signatures/index.js';
import { createApiApp } from './create-api-app.js';
import { nodeErrorLog } from './fault-log.js';
import { peerAuth } from './exchange/peer-auth.js';
import { exchangeStatusRoutes } from './exchange/status-routes.js';
import { retrievalRoutes } from './exchange/retrieval-routes.js';
import { dossierRoutes } from './exchange/dossier-routes.js';
import { receiptRoutes } from './exchange/receipt-routes.js';
import { auditPeerRefusal } from './exchange/refusal-audit.js';
import { logRoutes } from './exchange/log-routes.js';
import { openapiPath } from './openapi-path.js';
import type { NodeContext } from '../runtime/node-context.js';

export function createExchangeApp(context: NodeContext): Express {
  const { config, trust, clock } = context;
  const replayCache = new MemoryReplayCache({ clock });
  return createApiApp({
    spec: openapiPath('exchange'),
    mount: '/exchange/v1',
    jsonLimit: config.limits.jsonBodyBytes,
    errorDetail: 'public',
    log: nodeErrorLog(context),
    routes: (router: Router) => {
      router.use(peerAuth({
        trust, clock, replayCache,
        publicUrl: config.exchange.publicUrl,
        mutualTls: config.exchange.mutualTls,
        maxSkewSeconds: config.signatures.maxSkewSeconds,
        onRefused: auditPeerRefusal(context),
      }));
      exchangeStatusRoutes(router, context);
      retrievalRoutes(router, context);
      dossierRoutes(router, context);
      receiptRoutes(router, context);
      logRoutes(router, context);
    },
  });
}
