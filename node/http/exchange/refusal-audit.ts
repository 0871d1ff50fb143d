/**
 * Logs every exchange request the node refuses (docs/design.md §4, issue 10 item 15): a bad,
 * stale or replayed signature, a tampered body, a certificate of another office, a body or path
 * the OpenAPI document refuses, an unknown grant — whatever answer in 4xx leaves the exchange API,
 * unless the service that refused has logged it already in its own transaction (a retrieval
 * attempt that counts towards a lock-out, a refused receipt). Peer authentication runs first, so
 * the entry names the office whenever either layer authenticated it; it also keeps what the
 * request claimed (method, target URI, signature headers), the remote address and the reason the
 * peer was not told (a failed signature is answered only "Signature verification failed"). A refused
 * POST /retrievals is a `retrieval.attempt`, anything else an `exchange.refused`. Entries go
 * through the node's RefusalRecorder, whose limits keep a flood from filling the disk.
 */
import { exchangeRequestUrl } from '../../../protocol/exchange-client/exchange-url.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { isRefusalAudited, type RefusalRecorder } from '../../services/audit/refusal-recorder.js';
import type { Problem } from '../problem.js';
import { authenticatedOffice, type ExchangeCall } from './exchange-call.js';

const MAX_HEADER = 4096;
const MAX_REASON = 512;
const SIGNED_HEADERS = [['signature-input', 'signatureInput'], ['signature', 'signature'], ['content-digest', 'contentDigest']] as const;

/** Told about every problem the exchange listener answers, with the error behind it. */
export type ExchangeProblemObserver = (err: unknown, problem: Problem, call: ExchangeCall) => void;

/** The observer of the exchange listener's problems. `mount` is `/exchange/v1`. */
export function exchangeRefusalAudit(context: NodeContext, recorder: RefusalRecorder, mount: string): ExchangeProblemObserver {
  const publicUrl = context.config.exchange.publicUrl;
  return (err: unknown, problem: Problem, call: ExchangeCall) => {
    const { status, code } = problem.body;
    // 5xx are the node's own failures (logged on its output), not refusals; paths outside the API
    // (the reference at /docs, anything else) are not exchange requests.
    if (status < 400 || status >= 500 || isRefusalAudited(err) || !underMount(call.target, mount)) return;
    const who = authenticatedOffice(call);
    const remoteAddress = call.req.socket.remoteAddress;
    const request: Record<string, string> = { method: call.method, targetUri: clip(exchangeRequestUrl(publicUrl, call.target)) };
    for (const [name, key] of SIGNED_HEADERS) {
      const value = call.header(name);
      if (value !== undefined) request[key] = clip(value);
    }
    recorder.record(who === undefined ? `address:${remoteAddress ?? 'unknown'}` : `office:${who.office}`, {
      type: call.method === 'POST' && call.path === `${mount}/retrievals` ? 'retrieval.attempt' : 'exchange.refused',
      actor: { kind: 'peer', ...who },
      code,
      details: { request, ...(remoteAddress === undefined ? {} : { remoteAddress }), ...reasonOf(err) },
    });
  };
}

function underMount(url: string, mount: string): boolean {
  const path = url.toLowerCase();
  return path === mount.toLowerCase() || path.startsWith(`${mount.toLowerCase()}/`) || path.startsWith(`${mount.toLowerCase()}?`);
}

function clip(text: string, max = MAX_HEADER): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** The refusal's own message, for whoever reads the log; the peer got only the public detail. */
function reasonOf(err: unknown): { reason?: string } {
  return err instanceof Error && err.message !== '' ? { reason: clip(err.message, MAX_REASON) } : {};
}
