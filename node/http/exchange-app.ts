/**
 * The exchange app (`/exchange/v1`, openapi/exchange.yaml): what peers call. Peer authentication
 * (exchange/peer-auth.ts) runs on every request before its body is parsed or validated; every
 * refusal is logged (exchange/refusal-audit.ts) through the node's RefusalRecorder; the routes of
 * each capability live in their own module and are listed here.
 */
import type { Express, Router } from 'express';
import { EXCHANGE_API_PATH } from '../../protocol/exchange-client/exchange-url.js';
import { createApiApp } from './create-api-app.js';
import { nodeErrorLog } from './fault-log.js';
import { peerAuth } from './exchange/peer-auth.js';
import { exchangeStatusRoutes } from './exchange/status-routes.js';
import { retrievalRoutes } from './exchange/retrieval-routes.js';
import { dossierRoutes } from './exchange/dossier-routes.js';
import { receiptRoutes } from './exchange/receipt-routes.js';
import { subscriptionRoutes } from './exchange/subscription-routes.js';
import { exchangeRefusalAudit } from './exchange/refusal-audit.js';
import { logRoutes } from './exchange/log-routes.js';
import { openapiPath } from './openapi-path.js';
import { requestTelemetry } from '../monitoring/request-telemetry.js';
import type { NodeContext } from '../runtime/node-context.js';
import type { RefusalRecorder } from '../services/audit/refusal-recorder.js';
import { peerContactsFor } from '../services/peers/peer-contacts.js';
import { SharedReplayCache } from '../trust/replay-nonces.js';
import type { Peer } from './exchange/peer-auth.js';

/** `refusals` is the node's recorder, shared with the exchange listener's handshake gate. */
export function createExchangeApp(context: NodeContext, refusals: RefusalRecorder): Express {
  const { config, trust, clock } = context;
  // shared by every process of the office through the database (docs/operations.md "Several node processes")
  const replayCache = new SharedReplayCache(context.db, { clock });
  const mount = EXCHANGE_API_PATH;
  const contacts = peerContactsFor(context);
  const authenticate = peerAuth({
    trust, clock, replayCache,
    publicUrl: config.exchange.publicUrl,
    mutualTls: config.exchange.mutualTls,
    maxSkewSeconds: config.signatures.maxSkewSeconds,
  });
  return createApiApp({
    spec: openapiPath('exchange'),
    mount,
    jsonLimit: config.limits.jsonBodyBytes,
    errorDetail: 'public',
    // an authenticated request is a contact from that peer (the administrator's peers page)
    authenticate: (req, res, next) => authenticate(req, res, (err?: unknown) => {
      if (err === undefined) contacts.inbound((res.locals.peer as Peer).office.code);
      next(err);
    }),
    observeProblems: exchangeRefusalAudit(context, refusals, mount),
    observeRequests: requestTelemetry(context, 'exchange'),
    log: nodeErrorLog(context),
    routes: (router: Router) => {
      exchangeStatusRoutes(router, context);
      retrievalRoutes(router, context);
      dossierRoutes(router, context);
      receiptRoutes(router, context);
      subscriptionRoutes(router, context);
      logRoutes(router, context);
    },
  });
}
