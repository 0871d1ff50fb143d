/**
 * Wire shapes of retrieval answers (openapi/exchange.yaml `RetrievalSuccess`, `RetrievalPending`,
 * `DossierDocument`), built from grants and document versions. Links are absolute, on the
 * exchange URL that peers address (`exchange.publicUrl`).
 */
import { exchangeApiBase } from '../../../protocol/exchange-client/exchange-url.js';
import type { components } from '../../../protocol/generated/exchange.js';
import type { Grant, VersionSummary } from '../../services/access/index.js';

export { dossierDocument } from '../../services/access/index.js';

type Schemas = components['schemas'];

/** The URL of a retrieval resource, e.g. `…/exchange/v1/retrievals/<id>/parts/<name>`. */
export function retrievalUrl(publicUrl: string, retrievalId: string, ...rest: string[]): string {
  return [`${exchangeApiBase(publicUrl)}/retrievals/${encodeURIComponent(retrievalId)}`, ...rest.map(encodeURIComponent)].join('/');
}

export function retrievalSuccess(publicUrl: string, grant: Grant, document: VersionSummary, logIndex: number): Schemas['RetrievalSuccess'] {
  const id = grant.retrievalId;
  return {
    outcome: 'success',
    retrievalId: id,
    document: {
      documentId: document.documentId,
      version: document.version,
      documentKind: document.kind,
      manifestUrl: retrievalUrl(publicUrl, id, 'manifest'),
      chainUrl: retrievalUrl(publicUrl, id, 'chain'),
      parts: document.parts.map((p) => ({
        name: p.name, mediaType: p.mediaType, size: p.size, sha256: p.sha256,
        url: retrievalUrl(publicUrl, id, 'parts', p.name),
      })),
    },
    logEntry: { index: logIndex },
  };
}

export function retrievalPending(retrievalId: string, availableFrom: string, retryAfterSeconds: number): Schemas['RetrievalPending'] {
  return { outcome: 'pending', retrievalId, availableFrom, retryAfterSeconds };
}

