/**
 * What the office listener answers for operators and their tools, outside the office API and
 * without a session (issue 13, docs/operations.md "Health and readiness", "Metrics"):
 *
 * - `GET /healthz`: the process is up and its event loop turns; no check, no authentication;
 * - `GET /readyz`: 200 when the node can work, 503 naming the check that failed (readiness.ts);
 * - `GET /metrics`: the Prometheus exposition, for a staff token of the `auditor` or `admin`
 *   role, unless `metrics.port` moves it to a loopback listener of its own (metrics-listener.ts)
 *   or `metrics.enabled` is false: then it is not here at all.
 *
 * Their shapes are in openapi/office.yaml (paths served at the listener's root). These requests
 * are not written to the request log: probes every few seconds would drown it.
 */
import { Router, type Request, type Response } from 'express';
import { IpexError, type ErrorCode } from '../../protocol/errors/index.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { sendProblem, toProblem } from '../http/problem.js';
import { bearerToken } from '../http/office/staff-auth.js';
import { NODE_VERSION } from '../http/node-status.js';
import type { NodeContext } from '../runtime/node-context.js';
import { StaffTokens } from '../services/staff/staff-tokens.js';
import type { ReadinessProbe } from './readiness.js';

/** Staff roles that may read the metrics (the same as may read the audit log). */
export const METRICS_ROLES: readonly string[] = ['auditor', 'admin'];

export function opsRoutes(context: NodeContext, readiness: ReadinessProbe): Router {
  const router = Router({ strict: true });
  const noStore = (res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
  };
  router.get('/healthz', (_req, res) => {
    noStore(res);
    res.json({ status: 'ok', version: NODE_VERSION });
  });
  router.get('/readyz', async (_req, res) => {
    const result = await readiness.check();
    noStore(res);
    res.status(result.status === 'ready' ? 200 : 503).json(result);
  });
  const { metrics } = context;
  const config = context.config.metrics;
  if (metrics !== undefined && config.enabled && config.listener === undefined) {
    const tokens = new StaffTokens(context.db, context.clock, systemRandom);
    router.get('/metrics', async (req: Request, res: Response) => {
      const refused = refusal(req, tokens);
      if (refused !== undefined) {
        sendProblem(res, toProblem(refused, 'message'));
        return;
      }
      try {
        const { contentType, body } = await metrics.exposition();
        noStore(res);
        res.type(contentType).send(body);
      } catch (err) {
        context.log?.error({ err }, 'GET /metrics failed');
        sendProblem(res, toProblem(err));
      }
    });
  }
  return router;
}

/** Why a scrape is refused, or undefined when its bearer is a live auditor or admin token. */
function refusal(req: Request, tokens: StaffTokens): IpexError | undefined {
  const bearer = bearerToken(req);
  if (bearer === undefined) return refused('AUTH_REQUIRED', 'send `Authorization: Bearer <token>` with a staff token of the auditor or admin role');
  const token = tokens.authenticate(bearer);
  if (token === undefined) return refused('AUTH_INVALID', 'the bearer token is unknown or revoked');
  if (!METRICS_ROLES.includes(token.role)) return refused('ROLE_NOT_ALLOWED', `a ${token.role} token may not read the metrics; it needs auditor or admin`);
  return undefined;
}

function refused(code: ErrorCode, message: string): IpexError {
  return new IpexError(code, message);
}
