/**
 * The office app (`/api/v1`, openapi/office.yaml): staff, applicants and auditors of this
 * office. Every operation is authenticated — by a session cookie (office/session-auth.ts) or a
 * bearer token (office/staff-auth.ts) — with the roles the document lists for it; the routes of each capability live in their own module and are listed here.
 */
import type { Express, Router } from 'express';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { StaffTokens } from '../services/staff/staff-tokens.js';
import type { NodeContext } from '../runtime/node-context.js';
import { createApiApp } from './create-api-app.js';
import { nodeErrorLog } from './fault-log.js';
import { nodeStatus } from './node-status.js';
import { openapiPath } from './openapi-path.js';
import { requestTelemetry } from '../monitoring/request-telemetry.js';
import { staffAuth } from './office/staff-auth.js';
import { isLiveApplicantKey } from '../services/deposit/access-control.js';
import { depositRoutes } from './office/deposit-routes.js';
import { documentRoutes } from './office/document-routes.js';
import { auditRoutes } from './office/audit-routes.js';
import { retrievalRoutes } from './office/retrieval-routes.js';
import { Sessions } from '../services/sessions/sessions.js';
import { SignInLimiter } from '../services/sessions/sign-in-limiter.js';
import { sessionAuth } from './office/session-auth.js';
import { sessionRoutes } from './office/session-routes.js';
import { directoryRoutes } from './office/directory-routes.js';
import { alertRoutes } from './office/alert-routes.js';
import { dossierRoutes } from './office/dossier-routes.js';
import { letterRoutes } from './office/letter-routes.js';
import { outboxRoutes } from './office/outbox-routes.js';
import { webhookRoutes } from './office/webhook-routes.js';
import { dossierSearchRoutes } from './office/dossier-search-routes.js';
import { citationRoutes } from './office/citation-routes.js';
import { adminRoutes } from './office/admin-routes.js';
import { trackingRoutes } from './office/tracking-routes.js';
import { registrationRoutes } from './office/registration-routes.js';

export function createOfficeApp(context: NodeContext): Express {
  const tokens = new StaffTokens(context.db, context.clock, systemRandom);
  const settings = context.config.sessions;
  const sessions = new Sessions(context.db, context.clock, systemRandom, settings, tokens, context.audit, context.identity.code);
  const limiter = new SignInLimiter(context.clock, settings);
  return createApiApp({
    spec: openapiPath('office'),
    mount: '/api/v1',
    jsonLimit: context.config.limits.jsonBodyBytes,
    // Staff are on the office's own network: they get the full message of an error.
    errorDetail: 'message',
    log: nodeErrorLog(context),
    observeRequests: requestTelemetry(context, 'office'),
    routes: (router: Router) => {
      router.use(sessionAuth(sessions));
      router.use(staffAuth(tokens, (bearer) => isLiveApplicantKey(context.db, bearer)));
      sessionRoutes(router, sessions, limiter, settings.idleMinutes);
      directoryRoutes(router, context, sessions);
      depositRoutes(router, context);
      documentRoutes(router, context);
      letterRoutes(router, context);
      registrationRoutes(router, context);
      router.get('/status', async (_req, res) => {
        res.json(await nodeStatus(context));
      });
      auditRoutes(router, context);
      retrievalRoutes(router, context);
      dossierSearchRoutes(router, context);
      citationRoutes(router, context);
      alertRoutes(router, context);
      dossierRoutes(router, context);
      outboxRoutes(router, context);
      webhookRoutes(router, context);
      adminRoutes(router, context);
      trackingRoutes(router, context);
    },
  });
}
