/**
 * `POST /receipts` (openapi/exchange.yaml, tag `receipt`; docs/design.md §4 "Receipts"): the accessing
 * office confirms a verified retrieval with a signed receipt; the answer is the log entry, in a
 * signed response. Idempotent per retrieval. A refused receipt is logged too.
 */
import type { components } from '../../../protocol/generated/exchange.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices } from '../../services/access/index.js';
import { markRefusalAudited } from '../../services/audit/refusal-recorder.js';
import { peerOf, type ExchangeRoutes } from './exchange-call.js';
import { requesterOf } from './accessing-peer.js';
import { sendSignedJson } from './signed-response.js';

type ReceiptRequest = components['schemas']['ReceiptRequest'];

export function receiptRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  const services = accessServices(context);

  routes.on('createReceipt', async (call) => {
    const requester = requesterOf(peerOf(call));
    const body = call.body as ReceiptRequest;
    let accepted;
    try {
      accepted = await services.receipts.accept(requester, body.retrievalId, body.receipt);
    } catch (err) {
      if (err instanceof IpexError) {
        context.db.transaction(() => services.audit.appendInTransaction({
          type: 'receipt.received',
          actor: { kind: 'peer', office: requester.office, keyId: requester.keyId },
          subject: { office: requester.office, retrievalId: body.retrievalId },
          outcome: 'refused',
          code: err.code,
          details: { request: requester.request },
        })).immediate();
        markRefusalAudited(err);
      }
      throw err;
    }
    sendSignedJson(context, call, 200, { logEntry: { index: accepted.logIndex } });
  });
}
