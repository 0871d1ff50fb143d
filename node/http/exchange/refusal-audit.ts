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
import type { Request, Response } from 'express';
import { exchangeRequestUrl } from '../../../protocol/exchange-client/exchange-url.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { isRefusalAudited, type RefusalRecorder } from '../../services/audit/refusal-recorder.js';
import type { Problem, ProblemObserver } from '../problem.js';
import { authenticatedOffice } from './peer-auth.js';

const MAX_HEADER = 4096;
const MAX_REASON = 512;
const SIGNED_HEADERS = [['signature-input', 'signatureInput'], ['signature', 'signature'], ['content-digest', 'contentDigest']] as const;

/** The observer the exchange app gives its problem handler. `mount` is `/exchange/v1`. */
export function exchangeRefusalAudit(context: NodeContext, recorder: RefusalRecorder, mount: string): ProblemObserver {
  const publicUrl = context.config.exchange.publicUrl;
  return (err: unknown, problem: Problem, req: Request, res: Response) => {
    const { status, code } = problem.body;
    // 5xx are the node's own failures (logged on its output), not refusals; paths outside the API
    // (the reference at /docs, anything else) are not exchange requests.
    if (status < 400 || status >= 500 || isRefusalAudited(err) || !underMount(req.originalUrl, mount)) return;
    const who = authenticatedOffice(res);
    const remoteAddress = req.socket.remoteAddress;
    const request: Record<string, string> = { method: req.method, targetUri: clip(exchangeRequestUrl(publicUrl, req.originalUrl)) };
    for (const [name, key] of SIGNED_HEADERS) {
      const value = req.get(name);
      if (value !== undefined) request[key] = clip(value);
    }
    recorder.record(who === undefined ? `address:${remoteAddress ?? 'unknown'}` : `office:${who.office}`, {
      type: req.method === 'POST' && req.path === `${mount}/retrievals` ? 'retrieval.attempt' : 'exchange.refused',
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
