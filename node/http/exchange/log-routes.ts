/**
 * The audit-log operations of the exchange API (openapi/exchange.yaml, tag `log`; docs/design.md §7):
 * the latest signed checkpoint, RFC 9162 inclusion and consistency proofs, ranges of entries,
 * and `POST /witness/add-checkpoint` (C2SP tlog-witness) through which a peer asks this node to
 * cosign its own checkpoint. What these answer needs no response signature: checkpoints are
 * signed notes and proofs are checked against them.
 *
 * Query values are attacker-controlled: the validator checks them against the document, and
 * they are parsed again here as safe integers before use.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
import { encodeBase64, parseVerifierKey } from '../../../protocol/note/index.js';
import { Witness } from '../../services/audit/witness.js';
import { staffAlertsFor } from '../../services/staff/staff-alerts.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { peerOf, type ExchangeCall, type ExchangeRoutes } from './exchange-call.js';
import { replyBody, replyJson } from './exchange-reply.js';
import { prefersJson } from './accept.js';

export function logRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  const { audit } = context;
  const witness = new Witness({
    db: context.db,
    clock: context.clock,
    audit,
    signer: { name: parseVerifierKey(context.identity.log.verifierKey).name, privateKey: context.identity.log.privateKey },
    alert: (alert) => staffAlertsFor(context).raise(alert),
  });

  routes.on('getLogCheckpoint', (call) => {
    sendText(call, 200, 'text/plain; charset=utf-8', audit.latestCheckpoint().note);
  });

  routes.on('getLogInclusionProof', (call) => {
    const index = queryInteger(call, 'index');
    const treeSize = queryInteger(call, 'treeSize');
    const body: components['schemas']['InclusionProof'] = { leafIndex: index, treeSize, hashes: audit.reader.inclusionProof(index, treeSize).map(encodeBase64) };
    replyJson(call, 200, body, { headers: NO_STORE });
  });

  routes.on('getLogConsistencyProof', (call) => {
    const body: components['schemas']['ConsistencyProof'] = { hashes: audit.reader.consistencyProof(queryInteger(call, 'from'), queryInteger(call, 'to')).map(encodeBase64) };
    replyJson(call, 200, body, { headers: NO_STORE });
  });

  routes.on('getLogEntries', (call) => {
    const start = queryInteger(call, 'start', 'AUDIT_RANGE_INVALID');
    const end = queryInteger(call, 'end', 'AUDIT_RANGE_INVALID');
    const lines = audit.reader.entries(start, end);
    // Entries name documents, application numbers and other offices' requests: a peer reads only
    // those of its own exchanges (docs/design.md §4: nobody may probe for unpublished applications).
    // Proofs and checkpoints reveal nothing and stay open to every peer; auditors read the whole
    // log through the office API or an audit bundle.
    const office = peerOf(call).office.code;
    const other = audit.reader.firstNotAbout(office, start, end);
    if (other !== undefined) {
      throw new IpexError('AUDIT_ENTRY_FORBIDDEN', `entry ${other} is not about an exchange of office ${office}`);
    }
    if (prefersJson(call.header('accept'), 'application/jsonl')) {
      replyJson(call, 200, lines.map((b) => b.toString('utf8')), { headers: NO_STORE });
      return;
    }
    // The lines' bytes are the leaf data: send them exactly as stored.
    sendText(call, 200, 'application/jsonl', Buffer.concat(lines.flatMap((b) => [b, NEWLINE])));
  });

  routes.on('addWitnessCheckpoint', (call) => {
    const peer = peerOf(call);
    if (typeof call.body !== 'string') throw new IpexError('WITNESS_REQUEST_MALFORMED', 'send the add-checkpoint request as text/plain');
    const result = witness.addCheckpoint({ code: peer.office.code, logKey: peer.office.logKey }, call.body);
    if (result.kind === 'size-mismatch') {
      sendText(call, 409, 'text/x.tlog.size', `${result.knownSize}\n`);
      return;
    }
    sendText(call, 200, 'text/plain; charset=utf-8', result.cosignature);
  });
}

const NEWLINE = Buffer.from('\n');
const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The type exactly as given (the bytes, not a string, are sent), never stored by a cache. */
function sendText(call: ExchangeCall, status: number, type: string, body: string | Buffer): void {
  replyBody(call, status, type, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, NO_STORE);
}

/** A query parameter as a safe non-negative integer (decimal digits only). */
export function queryInteger(call: ExchangeCall, name: string, code: 'PROOF_REQUEST_INVALID' | 'AUDIT_RANGE_INVALID' = 'PROOF_REQUEST_INVALID'): number {
  const raw = (call.query as Record<string, unknown>)[name];
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new IpexError(code, `query parameter ${name} must be a non-negative integer`);
  }
  return Number(text);
}
