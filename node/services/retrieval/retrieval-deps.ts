/**
 * What the retrieval steps share: the node context, the signed exchange client built from this
 * office's identity (mutual TLS with the TLS certificate, RFC 9421 signatures with the signing
 * key), the job and copy rows, and the audit log (contracts.md "Audit log").
 */
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { ExchangeClient, type ExchangeClientOptions } from '../../../protocol/exchange-client/index.js';
import { IpexError } from '../../../protocol/errors/index.js';
import type { RandomSource } from '../../../protocol/runtime/clock.js';
import { dataPaths } from '../../config/data-dir.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { signatureAlgorithmFor } from '../../trust/trust-service.js';
import type { AuditEvent } from '../audit/entry.js';
import type { CopyStore } from './copy-store.js';
import type { JobStore } from './job-store.js';
import { outboundContacts } from '../peers/peer-contacts.js';

/** The part of the audit log the retrieval job uses. */
export interface AuditSink {
  /** Appends inside the caller's open db transaction; returns the entry index. */
  appendInTransaction(event: AuditEvent): number;
}

export interface RetrievalDeps {
  readonly context: NodeContext;
  readonly client: ExchangeClient;
  readonly jobs: JobStore;
  readonly copies: CopyStore;
  readonly audit: AuditSink | undefined;
  readonly random: RandomSource;
}

/** The exchange client of this office, from its identity. */
export function exchangeClientFor(
  context: NodeContext, random: RandomSource, extra: Pick<ExchangeClientOptions, 'timeoutMs' | 'connect' | 'retry' | 'sleep'> = {},
): ExchangeClient {
  const { identity } = context;
  const alg = signatureAlgorithmFor(createPublicKey(identity.signing.privateKey));
  if (alg === undefined) throw new IpexError('KEY_MALFORMED', 'the signing key has no RFC 9421 algorithm in the ipex profile');
  return new ExchangeClient({
    tls: { certPem: identity.tls.certificatePem, key: identity.tls.privateKey, caPem: identity.rootPem },
    signing: { keyId: identity.signing.sha256, privateKey: identity.signing.privateKey, alg },
    clock: context.clock,
    random,
    onContact: outboundContacts(context),
    ...extra,
  });
}

/** Where a job keeps downloads in progress (kept across restarts, so downloads resume). */
export function jobFolder(context: NodeContext, jobId: string): string {
  return join(dataPaths(context.config.dataDir).retrievals, jobId);
}

/** Appends an audit event with the rows of `work`, in one transaction. */
export function withAudit<T>(deps: RetrievalDeps, event: AuditEvent | undefined, work: () => T): T {
  return deps.context.db.transaction(() => {
    const result = work();
    if (event !== undefined) deps.audit?.appendInTransaction(event);
    return result;
  }).immediate();
}
