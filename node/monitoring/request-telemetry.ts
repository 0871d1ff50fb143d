/**
 * One record in the node's log and one count in its metrics for every request of both APIs
 * (issue 13, docs/operations.md "Logs" and "Metrics"): which operation, for which office, the
 * outcome (`ok` or the problem's registry code), the status and how long it took, under a
 * request id that is also sent back as `X-Request-Id`. On the office listener a sane
 * `X-Request-Id` from the caller (a proxy, the portal) is kept so that its logs and ours meet;
 * a peer's is not taken, as nothing a peer sends is trusted before its signature is checked.
 *
 * Installed first by create-api-app.ts (and called first by the exchange listener,
 * exchange-app.ts), so it sees every request, refused ones included; it
 * writes when the response has finished (or the connection closed first: `aborted`), so the
 * work of a request is never delayed by its record. Nothing of headers, query or body is
 * logged: the path and the operation say what was asked without carrying a secret.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
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

/** What the record of a finished request says about it, read when it is written. */
export interface RequestFacts {
  readonly operation: string | undefined;
  /** The request path as sent, without the query. */
  readonly path: string;
  readonly who: Record<string, string | undefined>;
}

/**
 * Starts the record of one request (it sets `X-Request-Id` now and writes when the response has
 * finished or the connection closed), or undefined when the context has neither log nor metrics.
 * The exchange listener calls it directly; `requestTelemetry` wraps it for express.
 */
export function requestRecorder(context: NodeContext, listener: Listener): ((req: IncomingMessage, res: ServerResponse, facts: () => RequestFacts) => void) | undefined {
  const { log, metrics } = context;
  if (log === undefined && metrics === undefined) return undefined;
  return (req, res, facts) => {
    const started = process.hrtime.bigint();
    const requestId = (listener === 'office' ? saneRequestId(req.headers['x-request-id']) : undefined) ?? randomUUID();
    res.setHeader('X-Request-Id', requestId);
    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { operation, path, who } = facts();
      const status = res.writableFinished ? res.statusCode : 0;
      const outcome = status === 0 ? 'aborted' : problemCodeOf(res) ?? (status < 400 ? 'ok' : `HTTP_${status}`);
      metrics?.observeRequest(listener, operation ?? 'none', status, seconds);
      if (log === undefined) return;
      const level = status >= 500 ? 'error' : 'info';
      const shown = path.length > MAX_PATH ? `${path.slice(0, MAX_PATH - 1)}…` : path;
      log[level]({
        requestId, listener, operation, method: req.method, path: shown, status, outcome,
        durationMs: Math.round(seconds * 1e4) / 10,
        ...who,
      }, `${req.method} ${shown} ${status === 0 ? 'aborted' : status}`);
    };
    res.once('finish', record);
    res.once('close', record);
  };
}

/** The middleware of the office listener (express), or undefined when the context has neither log nor metrics. */
export function requestTelemetry(context: NodeContext, listener: Listener): RequestHandler | undefined {
  const start = requestRecorder(context, listener);
  if (start === undefined) return undefined;
  return (req, res, next) => {
    start(req, res, () => ({
      operation: (openapiOf(req)?.schema['operationId'] as string | undefined) ?? undefined,
      path: req.originalUrl.split('?')[0] ?? '',
      who: officeCaller(context, res),
    }));
    next();
  };
}

/** Who asked on the office API: this office and the caller. */
function officeCaller(context: NodeContext, res: Response): Record<string, string | undefined> {
  const caller = res.locals.caller as OfficeCaller | undefined;
  const actor = caller === undefined ? undefined : caller.kind === 'staff' ? `staff:${caller.token.id}` : caller.kind;
  return { office: context.identity.code, actor, role: caller?.kind === 'staff' ? caller.token.role : undefined };
}
