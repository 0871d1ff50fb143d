/**
 * Checks one request against its operation (OpenAPI 3.1 §4.8.12 Parameter Object, §4.8.13
 * Request Body Object), as the node configured its validator so far:
 *
 * - path, query and header parameters: a string is read as the type its schema declares
 *   (`"5"` as 5 for an integer, `"true"` as true), nothing else is converted; unknown query
 *   parameters and empty values are refused;
 * - the body by media type: JSON and text bodies (parsed by express before this) against their
 *   schema; other bodies (application/octet-stream uploads) stay unparsed streams, so only their
 *   media type is checked; an undeclared or missing media type is 415 (its message names the
 *   media types the operation accepts), a missing required body 400.
 *
 * Every wire value here is attacker-controlled; ajv stops at the first error of each validator.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorObject } from 'ajv';
import type { CompiledOperation, CompiledParameter } from './compile-operation.js';
import { OpenApiError, invalidInput, type OpenApiIssue } from './openapi-error.js';

const LOCATION_PATH = { path: 'params', query: 'query', header: 'headers' } as const;

/** Media types express parses before the validator (create-api-app.ts). */
export function isParsedMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType) || mediaType === 'text/plain';
}

/** What the checks read of a request: express' Request and the exchange listener's call both have it. */
export interface ValidatedRequest {
  readonly query: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly body?: unknown;
}

/** Throws OpenApiError (400 or 415) when the request breaks the operation. */
export function validateRequest(op: CompiledOperation, req: ValidatedRequest, pathParams: Readonly<Record<string, string>>): void {
  const errors: OpenApiIssue[] = [];
  const query = req.query as Record<string, unknown>;
  for (const name of Object.keys(query)) {
    if (!op.queryNames.has(name)) throw invalidInput([{ path: `/query/${name}`, message: `Unknown query parameter '${name}'` }]);
  }
  for (const p of op.parameters) {
    const raw = p.in === 'path' ? pathParams[p.name] : p.in === 'query' ? query[p.name] : req.headers[p.name];
    const where = `/${LOCATION_PATH[p.in]}/${p.name}`;
    if (raw === undefined) {
      if (p.required) errors.push({ path: where, message: `must have required property '${p.name}'` });
      continue;
    }
    if (p.in === 'query' && raw === '' && !p.allowEmptyValue) {
      throw invalidInput([{ path: where, message: `Empty value found for query parameter '${p.name}'` }]);
    }
    if (p.validate !== undefined && !p.validate(fromString(raw, p))) errors.push(...issues(where, p.validate.errors));
  }
  errors.push(...bodyIssues(op, req));
  if (errors.length > 0) throw invalidInput(errors);
}

/** Issues of the body; throws 415 for a media type the operation does not declare. */
function bodyIssues(op: CompiledOperation, req: ValidatedRequest): OpenApiIssue[] {
  const body = op.body;
  if (body === undefined) return [];
  const header = req.headers['content-type'];
  const mediaType = header === undefined ? undefined : (header.split(';')[0] as string).trim().toLowerCase();
  const accepted = body.mediaTypes.join(', ');
  if (mediaType === undefined || mediaType === '') {
    if (!body.required) return [];
    throw new OpenApiError(415, `the request has a body but no Content-Type header: send Content-Type: ${accepted}`);
  }
  const declared = matchMediaType(body.mediaTypes, mediaType);
  if (declared === undefined) throw new OpenApiError(415, `Content-Type ${mediaType.slice(0, 100)} is not accepted here: send Content-Type: ${accepted}`);
  if (!isParsedMediaType(mediaType)) return []; // a stream for the route; only its media type is checked
  const data: unknown = req.body;
  if (data === undefined) {
    return body.required ? [{ path: '/body', message: "must have required property 'body'" }] : [];
  }
  const validate = body.validatorFor(declared);
  return validate === undefined || validate(data) ? [] : issues('/body', validate.errors);
}

/** The declared media type that covers `mediaType`: exact, then `type/*`, then `*\/*`. */
export function matchMediaType(declared: readonly string[], mediaType: string): string | undefined {
  if (declared.includes(mediaType)) return mediaType;
  const range = `${mediaType.split('/')[0]}/*`;
  if (declared.includes(range)) return range;
  return declared.includes('*/*') ? '*/*' : undefined;
}

/** Reads a parameter string as its schema's type, like a form field; otherwise leaves it as is. */
function fromString(raw: unknown, p: CompiledParameter): unknown {
  if (typeof raw !== 'string') return raw;
  for (const type of p.types) {
    if (type === 'string') return raw;
    if ((type === 'integer' || type === 'number') && raw.trim() !== '' && /^[-+0-9.eE]+$/.test(raw.trim())) {
      const n = Number(raw);
      if (!Number.isNaN(n)) return n;
    }
    if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
    if (type === 'null' && raw === '') return null;
  }
  return raw;
}

/** ajv errors as `{ path, message }`, the path naming the property (as the old validator did). */
export function issues(prefix: string, errors: readonly ErrorObject[] | null | undefined): OpenApiIssue[] {
  return (errors ?? []).map((e) => {
    const params = e.params as { missingProperty?: string; additionalProperty?: string; unevaluatedProperty?: string; allowedValues?: unknown[] };
    const extra = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
    const path = `${prefix}${e.instancePath}${extra === undefined ? '' : `/${extra}`}`;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'enum' && Array.isArray(params.allowedValues)) message = `${message}: ${params.allowedValues.join(', ')}`;
    return { path, message };
  });
}
