/**
 * Asking one peer one round of a family search (issue 12; docs/dossiers.md) over the signed
 * exchange client, within a deadline, and judging what came back. The outcome is always one of:
 *
 * - `answered`: a 200 whose response signature verifies, bound to our request, with a key the
 *   directory lists as a signing certificate of that very office, and whose body is a
 *   `DossierList` (openapi/exchange.yaml) of that office's documents only;
 * - `timeout`: nothing complete within the deadline (the connection is dropped by the client's
 *   own idle timeout of the same length);
 * - `unreachable`: no connection (refused, reset, TLS failure);
 * - `refused`: the peer answered a problem; its registry code is kept;
 * - `invalid`: an answer that fails the checks above (its code says which).
 *
 * An answered round keeps everything needed to show later that the peer sent it (search-store.ts).
 */
import { performance } from 'node:perf_hooks';
import { PeerError, exchangeApiBase, type ExchangeClient, type SignedRequestRecord } from '../../../protocol/exchange-client/index.js';
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
import { IPEX_TAGS } from '../../../protocol/http-signatures/index.js';
import { selectSignature } from '../../../protocol/http-signatures/signature-input.js';
import type { DirectoryOffice } from '../../../protocol/directory/index.js';
import { loadDocument } from '../../http/openapi/load-document.js';
import { openapiPath } from '../../http/openapi-path.js';
import type { NodeContext } from '../../runtime/node-context.js';

export type DossierDocument = components['schemas']['DossierDocument'];
export type DossierSearchRequest = components['schemas']['DossierSearchRequest'];
export type AnswerOutcome = 'answered' | 'timeout' | 'unreachable' | 'refused' | 'invalid';

/** The signed response as received: the fields that prove it, and the exact body. */
export interface ReceivedResponse {
  readonly status: number;
  readonly signature: string;
  readonly signatureInput: string;
  readonly contentDigest: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface PeerAnswer {
  readonly office: string;
  readonly round: number;
  readonly outcome: AnswerOutcome;
  readonly code?: string;
  readonly detail?: string;
  readonly elapsedMs: number;
  readonly receivedAt: string;
  readonly request?: SignedRequestRecord;
  readonly requestBody?: Buffer;
  readonly response?: ReceivedResponse;
  readonly keyId?: string;
  /** DER of the signing certificate the directory lists for `keyId`. */
  readonly certificate?: Buffer;
  readonly documents: readonly DossierDocument[];
}

/** Asks `peer` once; never throws: every failure is an outcome. */
export async function askPeer(
  context: NodeContext, client: ExchangeClient, peer: DirectoryOffice, round: number, body: DossierSearchRequest, timeoutMs: number,
): Promise<PeerAnswer> {
  const started = performance.now();
  const done = (outcome: Omit<PeerAnswer, 'office' | 'round' | 'elapsedMs' | 'receivedAt' | 'documents'> & { documents?: readonly DossierDocument[] }): PeerAnswer => ({
    office: peer.code, round, elapsedMs: Math.round(performance.now() - started), receivedAt: context.clock.now().toISOString(), documents: [], ...outcome,
  });
  const requestBody = Buffer.from(JSON.stringify(body), 'utf8');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IpexError('PEER_TIMEOUT', `${peer.code} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const url = `${exchangeApiBase(peer.exchangeUrl)}/dossier-searches`;
    const res = await Promise.race([client.request({ method: 'POST', url, json: body }), deadline]);
    const response: ReceivedResponse = {
      status: res.status,
      signature: header(res.headers.signature),
      signatureInput: header(res.headers['signature-input']),
      contentDigest: header(res.headers['content-digest']),
      contentType: header(res.headers['content-type']),
      body: res.body,
    };
    const kept = { request: res.signedRequest, requestBody, response };
    try {
      if (res.status !== 200) throw new IpexError('PEER_RESPONSE_INVALID', `${peer.code} answered ${res.status} to a search`);
      const keyId = selectSignature(response.signatureInput || undefined, response.signature || undefined, IPEX_TAGS.exchangeResponse).keyId;
      if (await context.trust.ensureSigningKey(keyId) !== peer.code) {
        throw new IpexError('SIGNATURE_INVALID', `the answer of ${peer.code} is signed with a key of another office`);
      }
      res.verifySignature(context.trust.signingKeyResolver());
      const documents = dossierList(res.json(), peer.code);
      const listed = (await context.trust.office(peer.code))?.certificates.find((c) => c.use === 'signing' && c.sha256 === keyId);
      return done({ outcome: 'answered', ...kept, keyId, ...(listed === undefined ? {} : { certificate: Buffer.from(listed.certificate, 'base64') }), documents });
    } catch (err) {
      return done({ outcome: 'invalid', ...failure(err), ...kept });
    }
  } catch (err) {
    if (err instanceof PeerError) return done({ outcome: 'refused', ...failure(err) });
    if (isIpexError(err, 'PEER_TIMEOUT')) return done({ outcome: 'timeout', ...failure(err) });
    if (isIpexError(err, 'PEER_UNREACHABLE')) return done({ outcome: 'unreachable', ...failure(err) });
    return done({ outcome: 'invalid', ...failure(err) });
  } finally {
    clearTimeout(timer);
  }
}

/** The documents of a `DossierList` answer from `office`, checked against openapi/exchange.yaml. */
export function dossierList(value: unknown, office: string): DossierDocument[] {
  const validate = loadDocument(openapiPath('exchange')).validatorAt('/components/schemas/DossierList');
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new IpexError('PEER_RESPONSE_INVALID', `the search answer of ${office} is not a DossierList: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim());
  }
  const documents = (value as components['schemas']['DossierList']).documents;
  const foreign = documents.find((d) => d.ipOfficeCode !== office);
  // A node certifies only its own office's documents: anything else in its answer is made up.
  if (foreign !== undefined) throw new IpexError('PEER_RESPONSE_INVALID', `${office} listed ${foreign.documentId} as a document of ${foreign.ipOfficeCode}`);
  return documents;
}

function failure(err: unknown): { code: string; detail: string } {
  if (isIpexError(err)) return { code: err.code, detail: err.message.slice(0, 500) };
  return { code: 'INTERNAL', detail: (err as Error).message.slice(0, 500) };
}

function header(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : value ?? '';
}
