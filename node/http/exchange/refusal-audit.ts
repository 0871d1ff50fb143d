/**
 * Logs exchange requests that peer authentication refused (docs/design.md §4, issue 3 "each attempt
 * logged"): a bad, stale or replayed signature, a tampered body, a certificate of another office.
 * The entry keeps what the request claimed (method, target URI, signature headers), which is not
 * proof of who sent it; a refused POST /retrievals is a `retrieval.attempt`, anything else an
 * `exchange.refused`. Logging never fails the response.
 */
import type { Request } from 'express';
import type { IpexError } from '../../../protocol/errors/index.js';
import { exchangeRequestUrl } from '../../../protocol/exchange-client/exchange-url.js';
import type { NodeContext } from '../../runtime/node-context.js';

const MAX_HEADER = 4096;

export function auditPeerRefusal(context: NodeContext): (req: Request, err: IpexError) => void {
  return (req, err) => {
    const retrieval = req.method === 'POST' && /\/retrievals\/?$/.test(req.path);
    const request: Record<string, string> = { method: req.method, targetUri: clip(exchangeRequestUrl(context.config.exchange.publicUrl, req.originalUrl)) };
    for (const [name, key] of [['signature-input', 'signatureInput'], ['signature', 'signature'], ['content-digest', 'contentDigest']] as const) {
      const value = req.get(name);
      if (value !== undefined) request[key] = clip(value);
    }
    context.audit.append({
      type: retrieval ? 'retrieval.attempt' : 'exchange.refused',
      actor: { kind: 'peer' },
      outcome: 'refused',
      code: err.code,
      details: { request },
    }).catch((cause: unknown) => context.output.warn(`could not log a refused exchange request: ${(cause as Error).message}`));
  };
}

function clip(text: string): string {
  return text.length > MAX_HEADER ? text.slice(0, MAX_HEADER) : text;
}
