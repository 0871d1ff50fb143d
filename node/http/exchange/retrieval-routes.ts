/**
 * Priority-document retrieval and downloads (openapi/exchange.yaml, tag `retrieval`; docs/design.md §4):
 *
 *   POST /retrievals                                  decision: 200 grant, 202 pending, 404 one answer
 *   GET  /retrievals/{id}/manifest                    the signed manifest (compact JWS)
 *   GET  /retrievals/{id}/chain                       the signing certificate chain (PEM)
 *   GET|HEAD /retrievals/{id}/parts/{name}            the part, with Range (206/416), ETag = SHA-256;
 *                                                     re-hashed before any byte is sent (503 PART_DAMAGED)
 *   GET  /retrievals/{id}/parts/{name}/signature      the detached CMS signature (DER)
 *
 * Every download is bound to the grant and to the office it was made for. Decisions are signed
 * responses bound to the request (signed-response.ts).
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { components } from '../../../protocol/generated/exchange.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices, type Grant, type VersionSummary } from '../../services/access/index.js';
import { DAMAGED_PART_RETRY_AFTER_S, reportDamagedPart } from '../../services/access/damaged-part.js';
import { DamagedPartError } from '../../storage/blob-store.js';
import { problemBody, PROBLEM_MEDIA_TYPE } from '../problem.js';
import type { ExchangeCall, ExchangeRoutes } from './exchange-call.js';
import { peerOf } from './exchange-call.js';
import { replyBody } from './exchange-reply.js';
import { decideRange } from './byte-range.js';
import { PartCache } from './part-cache.js';
import { accessingRequester } from './accessing-peer.js';
import { retrievalPending, retrievalSuccess } from './retrieval-shapes.js';
import { sendSignedJson } from './signed-response.js';

type RetrievalRequest = components['schemas']['RetrievalRequest'];

/** The two operations of every retrieval. */
interface RetrievalHandlers {
  readonly createRetrieval: (call: ExchangeCall) => Promise<void>;
  readonly getPart: (call: ExchangeCall) => Promise<void>;
}

/** Installs the retrieval operations on the exchange router. */
export function retrievalRoutes(routes: ExchangeRoutes, context: NodeContext): void {
  const services = accessServices(context);
  const { createRetrieval, getPart } = retrievalHandlers(context);
  const { granted, manifestOf } = grantLookup(context);

  routes.on('createRetrieval', createRetrieval);

  routes.on('getRetrievalManifest', (call) => {
    replyBody(call, 200, 'application/jose', manifestOf(call), NO_STORE);
  });

  routes.on('getRetrievalChain', (call) => {
    replyBody(call, 200, 'application/pem-certificate-chain', x5cPem(manifestOf(call)), NO_STORE);
  });

  routes.on('getRetrievalPartSignature', (call) => {
    const { grant, part } = granted(call, call.param('partName'));
    const p7s = services.lookup.partSignature(grant.documentId, grant.version, part!.name);
    if (p7s === undefined) throw new IpexError('PART_NOT_FOUND', `part ${part!.name} has no signature`);
    replyBody(call, 200, 'application/pkcs7-signature', p7s, NO_STORE);
  });

  routes.on('headRetrievalPart', (call) => {
    // A refusal goes to the problem handler like any other (and into the audit log); Node sends
    // no body in answer to HEAD (openapi: 401/404 without content).
    const { part } = granted(call, call.param('partName'));
    const { res } = call;
    res.statusCode = 200;
    res.setHeader('ETag', `"${part!.sha256}"`);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', part!.mediaType);
    res.setHeader('Content-Length', String(part!.size));
    res.end();
  });

  routes.on('getRetrievalPart', getPart);
}

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** Lookups of the grant of this request's office and of its document version. */
function grantLookup(context: NodeContext) {
  const services = accessServices(context);
  const grantOf = (call: ExchangeCall): Grant =>
    services.grants.requireGranted(call.param('retrievalId'), peerOf(call).office.code, context.clock.now());
  const available = <T extends VersionSummary>(grant: Grant, document: T | undefined): T => {
    if (document === undefined || document.withdrawn) {
      throw new IpexError('RETRIEVAL_NOT_FOUND', `the document of retrieval ${grant.retrievalId} is no longer available`);
    }
    return document;
  };
  return {
    /** The grant, its document version (without the manifest) and, when named, one part. */
    granted(call: ExchangeCall, partName?: string) {
      const grant = grantOf(call);
      const document = available(grant, services.lookup.summary(grant.documentId, grant.version));
      const part = partName === undefined ? undefined : document.parts.find((p) => p.name === partName);
      if (partName !== undefined && part === undefined) throw new IpexError('PART_NOT_FOUND', `retrieval ${grant.retrievalId} has no part ${partName}`);
      return { grant, document, part };
    },
    /** The manifest JWS of the granted version. */
    manifestOf(call: ExchangeCall): string {
      const grant = grantOf(call);
      return available(grant, services.lookup.version(grant.documentId, grant.version)).manifestJws;
    },
  };
}

function retrievalHandlers(context: NodeContext): RetrievalHandlers {
  const services = accessServices(context);
  const publicUrl = context.config.exchange.publicUrl;
  const partCache = new PartCache(context.blobs);
  const { granted } = grantLookup(context);

  const createRetrieval = async (call: ExchangeCall): Promise<void> => {
    const requester = await accessingRequester(services, call);
    const decision = await services.decider.decide(requester, call.body as RetrievalRequest);
    switch (decision.outcome) {
      case 'success':
        sendSignedJson(context, call, 200, retrievalSuccess(publicUrl, decision.grant, decision.document, decision.logIndex));
        return;
      case 'pending':
        sendSignedJson(context, call, 202, retrievalPending(decision.grant.retrievalId, decision.availableFrom, decision.retryAfterSeconds), {
          headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        });
        return;
      case 'not-allowed':
        // Only a holder of the right access code gets here: the answer reveals nothing more.
        sendSignedJson(context, call, 403, problemBody('OFFICE_NOT_ALLOWED'), { contentType: PROBLEM_MEDIA_TYPE });
        return;
      case 'unavailable':
        // One answer for unknown, wrong code and locked: same status, same bytes.
        sendSignedJson(context, call, 404, problemBody('DOCUMENT_UNAVAILABLE'), { contentType: PROBLEM_MEDIA_TYPE });
        return;
    }
  };

  const getPart = async (call: ExchangeCall): Promise<void> => {
    const { grant, part } = granted(call, call.param('partName'));
    const { res } = call;
    const etag = `"${part!.sha256}"`;
    const range = decideRange(call.header('range'), call.header('if-range'), part!.size, etag);
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${part!.size}`);
      throw new IpexError('RANGE_NOT_SATISFIABLE', `the part has ${part!.size} bytes`);
    }
    // Small parts come from memory (re-hashed when cached); anything else streams from the store
    // after the whole part was re-hashed. Bytes that do not match the certified digest are never
    // sent (issue 10, item 4).
    let whole: Buffer | undefined;
    let stream: Readable | undefined;
    try {
      whole = await partCache.get(part!.sha256, part!.size);
      if (whole === undefined) stream = await context.blobs.openVerified(part!.sha256, range.kind === 'partial' ? { start: range.start, end: range.end } : undefined);
    } catch (err) {
      if (err instanceof DamagedPartError) {
        reportDamagedPart(context, err, { documentId: grant.documentId, version: grant.version, part: part!.name, retrievalId: grant.retrievalId, office: grant.office });
        res.setHeader('Retry-After', String(DAMAGED_PART_RETRY_AFTER_S));
      }
      throw err;
    }
    try {
      // Logged when the bytes start to flow (the blob exists), once per part and grant.
      const now = context.clock.now();
      await services.commits.run(() => services.grants.markServed(grant, part!.name, now, services.audit));
    } catch (err) {
      stream?.destroy();
      throw err;
    }
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', part!.mediaType);
    res.setHeader('Cache-Control', 'no-store');
    if (range.kind === 'partial') {
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${part!.size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.statusCode = 200;
      res.setHeader('Content-Length', String(part!.size));
    }
    if (whole !== undefined) {
      res.end(range.kind === 'partial' ? whole.subarray(range.start, range.end + 1) : whole);
      return;
    }
    try {
      await pipeline(stream!, res);
    } catch {
      // The peer went away or the disk failed mid-part: headers are gone, so end the connection;
      // the client resumes with Range.
      res.destroy();
    }
  };

  return { createRetrieval, getPart };
}

/** The x5c certificates of a compact JWS header as PEM, signing certificate first. */
export function x5cPem(jws: string): string {
  const header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { x5c?: unknown };
  const x5c = Array.isArray(header.x5c) ? header.x5c.filter((c): c is string => typeof c === 'string') : [];
  return x5c.map((b64) => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`).join('');
}
