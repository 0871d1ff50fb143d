/**
 * The exchange listener's request handler (`/exchange/v1`, openapi/exchange.yaml): what peers
 * call. Served by `node:https` directly (issue 14: express' routing and middleware were a large
 * share of a retrieval's cost), with the document's operations compiled once into a table
 * (exchange/exchange-router.ts) and the same frame as the office API's express app: every
 * request is logged and counted first (node/monitoring/request-telemetry.ts); the body's bytes
 * are read within the limits; peer authentication (exchange/peer-auth.ts) runs before the body
 * is parsed or the request validated, so that every refusal names who was refused; every
 * failure is an RFC 9457 problem (problem.ts) and every refusal is logged
 * (exchange/refusal-audit.ts) through the node's RefusalRecorder.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { EXCHANGE_API_PATH } from '../../protocol/exchange-client/exchange-url.js';
import { exchangeDocsPage } from './exchange/docs-page.js';
import { readBody } from './exchange/exchange-body.js';
import { authenticatedOffice, ExchangeCall, type ExchangeRoutes } from './exchange/exchange-call.js';
import { ExchangeRouter } from './exchange/exchange-router.js';
import { nodeErrorLog } from './fault-log.js';
import { peerAuth } from './exchange/peer-auth.js';
import { exchangeStatusRoutes } from './exchange/status-routes.js';
import { retrievalRoutes } from './exchange/retrieval-routes.js';
import { dossierRoutes } from './exchange/dossier-routes.js';
import { receiptRoutes } from './exchange/receipt-routes.js';
import { subscriptionRoutes } from './exchange/subscription-routes.js';
import { exchangeRefusalAudit } from './exchange/refusal-audit.js';
import { logRoutes } from './exchange/log-routes.js';
import { loadDocument } from './openapi/load-document.js';
import { openapiPath } from './openapi-path.js';
import { problemBody, sendProblem, toProblem } from './problem.js';
import { requestRecorder } from '../monitoring/request-telemetry.js';
import type { NodeContext } from '../runtime/node-context.js';
import type { RefusalRecorder } from '../services/audit/refusal-recorder.js';
import { peerContactsFor } from '../services/peers/peer-contacts.js';
import { SharedReplayCache } from '../trust/replay-nonces.js';

/** Largest `text/plain` body accepted (witness requests). */
const TEXT_LIMIT = 64 * 1024;

/** Every exchange operation, by the route module of its capability. */
function installRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  exchangeStatusRoutes(routes, context);
  retrievalRoutes(routes, context);
  dossierRoutes(routes, context);
  receiptRoutes(routes, context);
  subscriptionRoutes(routes, context);
  logRoutes(routes, context);
}

/** `refusals` is the node's recorder, shared with the exchange listener's handshake gate. */
export function createExchangeApp(context: NodeContext, refusals: RefusalRecorder): RequestListener {
  const { config, trust, clock } = context;
  // shared by every process of the office through the database (docs/operations.md "Several node processes")
  const replayCache = new SharedReplayCache(context.db, { clock, sharedFile: config.exchange.workers > 1 });
  const mount = EXCHANGE_API_PATH;
  const mountLower = mount.toLowerCase();
  const spec = openapiPath('exchange');
  const doc = loadDocument(spec);
  const router = new ExchangeRouter(doc, (routes) => installRoutes(routes, context));
  const docs = exchangeDocsPage(spec, mount);
  const contacts = peerContactsFor(context);
  const authenticate = peerAuth({
    trust, clock,
    replayCache,
    publicUrl: config.exchange.publicUrl,
    mutualTls: config.exchange.mutualTls,
    maxSkewSeconds: config.signatures.maxSkewSeconds,
  });
  const limits = { jsonBytes: config.limits.jsonBodyBytes, textBytes: TEXT_LIMIT };
  const observe = exchangeRefusalAudit(context, refusals, mount);
  const log = nodeErrorLog(context);
  const record = requestRecorder(context, 'exchange');

  const fail = (call: ExchangeCall, err: unknown): void => {
    try {
      const problem = toProblem(err, 'public');
      if (problem.internal) log(err, { method: call.method, path: call.path });
      sendProblem(call.res, problem);
      observe(err, problem, call);
    } catch (fault) {
      // Answering a failure must never take the listener down (express' last handler did this).
      log(fault, { method: call.method, path: call.path });
      if (!call.res.headersSent) sendProblem(call.res, { body: problemBody('INTERNAL'), headers: {}, internal: true });
      else call.res.destroy();
    }
  };

  const serve = async (call: ExchangeCall): Promise<void> => {
    // express matched its mount case-insensitively: `/EXCHANGE/v1/…` is authenticated (and its
    // refusal logged) like any exchange request, and then names no operation (paths are exact).
    const lower = call.path.toLowerCase();
    if (!(lower === mountLower || lower.startsWith(`${mountLower}/`))) {
      if (docs.serve(call)) return;
      sendProblem(call.res, { body: problemBody('NOT_FOUND'), headers: {}, internal: false });
      return;
    }
    await readBody(call, limits);
    const peer = await authenticate(call);
    contacts.inbound(peer.office.code); // an authenticated request is a contact (the administrator's peers page)
    if (call.bodyError !== undefined) throw call.bodyError;
    const relative = call.path.startsWith(mount) ? call.path.slice(mount.length) : '';
    await router.route(call, relative)(call);
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    const call = new ExchangeCall(req, res);
    record?.(req, res, () => ({
      operation: call.operation?.ref.operation['operationId'] as string | undefined,
      path: call.target.split('?')[0] ?? '',
      who: { office: authenticatedOffice(call)?.office },
    }));
    serve(call).catch((err: unknown) => fail(call, err));
  };
}
