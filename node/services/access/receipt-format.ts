/**
 * The format of a receipt (docs/exchange.md §4): a compact JWS whose protected header and payload
 * are the `ReceiptProtectedHeader` and `ReceiptPayload` schemas of openapi/exchange.yaml — the one
 * place that states wire shapes (docs/design.md §4), also for the bytes inside a JWS — and whose
 * payload bytes are exactly their RFC 8785 canonical serialisation, so that one receipt has one
 * byte string. Only the shape is checked here; who signed it and whether it matches the grant is
 * receipts.ts's business.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { canonicalJsonBytes } from '../../../protocol/encoding/canonical-json.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { components } from '../../../protocol/generated/exchange.js';
// The OpenAPI loader of the HTTP frame: the document, not this module, says what a receipt is.
import { loadDocument } from '../../http/openapi/load-document.js';
import { openapiPath } from '../../http/openapi-path.js';

export type ReceiptProtectedHeader = components['schemas']['ReceiptProtectedHeader'];
export type ReceiptPayload = components['schemas']['ReceiptPayload'];

function validator(name: 'ReceiptProtectedHeader' | 'ReceiptPayload'): ValidateFunction {
  // loadDocument prepares the document once per process; validatorAt compiles once.
  return loadDocument(openapiPath('exchange')).validatorAt(`/components/schemas/${name}`);
}

/** The protected header of a receipt JWS, checked against `ReceiptProtectedHeader`. */
export function readReceiptHeader(jws: string): ReceiptProtectedHeader {
  const segments = jws.split('.');
  if (segments.length !== 3) throw invalid('it is not a compact JWS');
  const header = parseJson(Buffer.from(segments[0]!, 'base64url'), 'header');
  return checked(validator('ReceiptProtectedHeader'), header, 'its header') as ReceiptProtectedHeader;
}

/**
 * The payload of a receipt, from the verified JWS payload bytes: UTF-8 JSON that is a
 * `ReceiptPayload` and in RFC 8785 canonical form.
 */
export function readReceiptPayload(bytes: Uint8Array): ReceiptPayload {
  const value = parseJson(Buffer.from(bytes), 'payload');
  const payload = checked(validator('ReceiptPayload'), value, 'its payload') as ReceiptPayload;
  if (Number.isNaN(Date.parse(payload.receivedAt))) throw invalid('its payload: receivedAt is not a date');
  if (!canonicalJsonBytes(payload).equals(Buffer.from(bytes))) {
    throw invalid('its payload is not in RFC 8785 canonical form (sorted members, no whitespace)');
  }
  return payload;
}

function checked(validate: ValidateFunction, value: unknown, what: string): unknown {
  if (!validate(value)) throw invalid(`${what} ${describe(validate.errors?.[0])}`);
  return value;
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'does not follow the receipt format';
  const where = error.instancePath === '' ? '' : ` at ${error.instancePath}`;
  const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
  return `does not follow the receipt format${where}: ${error.message ?? error.keyword}${extra}`;
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw invalid(`its ${what} is not a JSON object`);
  }
}

function invalid(why: string): IpexError {
  return new IpexError('RECEIPT_INVALID', `the receipt is refused: ${why}`, { publicDetail: `the receipt is refused: ${why}` });
}
