/**
 * One record in the node's log and one count in its metrics for every request of both APIs
 * (issue 13, docs/operations.md "Logs" and "Metrics"): which operation, for which office, the
 * outcome (`ok` or the problem's registry code), the status and how long it took, under a
 * request id that is also sent back as `X-Request-Id`. On the office listener a sane
 * `X-Request-Id` from the caller (a proxy, the portal) is kept so that its logs and ours meet;
 * a peer's is not taken, as nothing a peer sends is trusted before its signature is checked.
 *
 * Installed first by create-api-app.ts, so it sees every request, refused ones included; it
 * writes when the response has finished (or the connection closed first: `aborted`), so the
 * work of a request is never delayed by its record. Nothing of headers, query or body is
 * logged: the path and the operation say what was asked without carrying a secret.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { authenticatedOffice } from '../http/exchange/peer-auth.js';
import { openapiOf } from '../http/openapi/index.js';
import { problemCodeOf } from '../http/problem.js';
import type { NodeContext } from '../runtime/node-context.js';
import type { OfficeCaller } from '../http/office/staff-auth.js';

export type Listener = 'exchange' | 'office';

const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const MAX_PATH = 256;

/** The id a caller proposed, when it is one that is safe to log and to send back. */
export function saneRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

/** The middleware of one listener, or undefined when the context has neither log nor metrics. */
export function requestTelemetry(context: NodeContext, listener: Listener): RequestHandler | undefined {
  const { log, metrics } = context;
  if (log === undefined && metrics === undefined) return undefined;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = (listener === 'office' ? saneRequestId(req.headers['x-request-id']) : undefined) ?? randomUUID();
    res.setHeader('X-Request-Id', requestId);
    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = (openapiOf(req)?.schema['operationId'] as string | undefined) ?? undefined;
      const status = res.writableFinished ? res.statusCode : 0;
      const outcome = status === 0 ? 'aborted' : problemCodeOf(res) ?? (status < 400 ? 'ok' : `HTTP_${status}`);
      metrics?.observeRequest(listener, operation ?? 'none', status, seconds);
      if (log === undefined) return;
      const level = status >= 500 ? 'error' : 'info';
      log[level]({
        requestId, listener, operation, method: req.method, path: pathOf(req), status, outcome,
        durationMs: Math.round(seconds * 1e4) / 10,
        ...who(context, listener, res),
      }, `${req.method} ${pathOf(req)} ${status === 0 ? 'aborted' : status}`);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

/** Who asked: the authenticated peer office on the exchange API; this office and the caller on the office API. */
function who(context: NodeContext, listener: Listener, res: Response): Record<string, string | undefined> {
  if (listener === 'exchange') return { office: authenticatedOffice(res)?.office };
  const caller = res.locals.caller as OfficeCaller | undefined;
  const actor = caller === undefined ? undefined : caller.kind === 'staff' ? `staff:${caller.token.id}` : caller.kind;
  return { office: context.identity.code, actor, role: caller?.kind === 'staff' ? caller.token.role : undefined };
}

function pathOf(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH - 1)}…` : path;
}
