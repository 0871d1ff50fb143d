/**
 * One signed exchange request to a peer about tracked files, and its signed answer checked as a
 * family search checks one (node/services/federation/peer-answer.ts): the response signature
 * verifies, bound to our request, with a signing key the directory lists for that very office,
 * and the body is the schema of openapi/exchange.yaml the operation promises. What it returns is
 * what the audit entry keeps: our signed request and the peer's key id.
 */
import { exchangeApiBase, type ExchangeClient, type ExchangeRequest, type SignedRequestRecord } from '../../../protocol/exchange-client/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { IPEX_TAGS } from '../../../protocol/http-signatures/index.js';
import { selectSignature } from '../../../protocol/http-signatures/signature-input.js';
import { openapiPath } from '../../http/openapi-path.js';
import type { NodeContext } from '../../runtime/node-context.js';

export interface SignedAnswer<T> {
  readonly body: T;
  readonly request: SignedRequestRecord;
  /** The key id of the peer's response signature. */
  readonly keyId: string;
}

/**
 * Sends `method path` to the active office `office` and checks its signed answer against
 * `schema` (a name under components/schemas of openapi/exchange.yaml).
 * @throws PeerError (a problem answer), IpexError PEER_UNREACHABLE / PEER_TIMEOUT / SIGNATURE_* /
 *   PEER_RESPONSE_INVALID, or an OFFICE_* code when the office is not active in the directory.
 */
export async function signedCall<T>(
  context: NodeContext, client: ExchangeClient, office: string, req: Omit<ExchangeRequest, 'url'> & { path: string }, schema: string,
): Promise<SignedAnswer<T>> {
  const peer = await context.trust.requireActive(office);
  const { path, ...rest } = req;
  const res = await client.request({ ...rest, url: `${exchangeApiBase(peer.exchangeUrl)}${path}` });
  const keyId = selectSignature(header(res.headers['signature-input']), header(res.headers.signature), IPEX_TAGS.exchangeResponse).keyId;
  if (await context.trust.ensureSigningKey(keyId) !== office) throw new IpexError('SIGNATURE_INVALID', `the answer of ${office} is signed with a key of another office`);
  res.verifySignature(context.trust.signingKeyResolver());
  const body = res.json<T>();
  // Loaded on the first call: the deposit service reaches this module (a deposit tells the
  // subscribers), and every CLI command that opens it would otherwise load ajv and the OpenAPI
  // document for nothing (issue 14, CLI start-up).
  const { loadDocument } = await import('../../http/openapi/load-document.js');
  const validate = loadDocument(openapiPath('exchange')).validatorAt(`/components/schemas/${schema}`);
  if (!validate(body)) {
    const first = validate.errors?.[0];
    throw new IpexError('PEER_RESPONSE_INVALID', `the answer of ${office} is not a ${schema}: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim());
  }
  return { body, request: res.signedRequest, keyId };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
