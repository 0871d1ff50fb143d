/**
 * The deposit service (docs/design.md §5–6): one object over the deposit modules, shared by the
 * office API routes and the `ipex deposit|documents|access|export` commands, so both run the
 * same code. `depositServiceFor(context)` builds it for a running node.
 */
import type { Readable } from 'node:stream';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { dataPaths } from '../../config/data-dir.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { officeAccessCodeKey } from '../../identity/access-code-key.js';
import {
  accessCodeMatchesDocument, accessState, applicantKeyMatches, regenerateAccessCode, setAccessPolicy,
  type AccessStateView, type IssuedCode,
} from './access-control.js';
import type { DepositInput } from './bibliographic.js';
import { commitDeposit, type CommittedView } from './commit-deposit.js';
import type { Actor, DepositDeps } from './deposit-deps.js';
import {
  abandonDraft, createDraft, draftParts, loadDraft, prepareDraft, storePart, uploadPart, type DraftView, type PartProgress, type StoredPart, type UnsavedDraft,
} from './deposit-drafts.js';
import { partView, type DocumentView, type PartView } from './document-rows.js';
import {
  findForRetrieval, getDocument, listDocuments, manifestOf, partBlob, withdrawDocument,
  type DocumentFilter, type PartBlob, type RetrievableDocument, type RetrievalKey,
} from './documents.js';
import { exportBundle, type ExportOptions } from './export-bundle.js';
import { documentHistory, type RetrievalAttemptView } from './history.js';
import { notificationsFor, type ApplicantContact } from '../notifications/index.js';
import { fileSubscribersFor } from '../tracking/file-subscribers-for.js';
import { getApplicantContact, setApplicantContact } from './applicant-contact.js';

export class DepositService {
  readonly deps: DepositDeps;

  constructor(deps: DepositDeps) {
    this.deps = deps;
  }

  createDraft(input: DepositInput, actor: Actor): DraftView {
    return createDraft(this.deps, input, actor);
  }

  /** The parts uploaded so far to a draft. */
  draftParts(depositId: string): PartView[] {
    loadDraft(this.deps, depositId);
    return draftParts(this.deps, depositId).map((row) => partView(row));
  }

  uploadPart(depositId: string, name: string, mediaType: string, source: Readable, onProgress?: PartProgress): Promise<PartView> {
    return uploadPart(this.deps, depositId, name, mediaType, source, onProgress);
  }

  /**
   * Stores and checks a part without naming it in the draft yet: pass what it returns to
   * `commit`, which names it in the commit's own transaction (for callers holding a document's
   * every part at once, such as `ipex import`).
   */
  storePart(draft: string | UnsavedDraft, name: string, mediaType: string, source: Readable, onProgress?: PartProgress): Promise<StoredPart> {
    return storePart(this.deps, draft, name, mediaType, source, onProgress);
  }

  /**
   * Every check of a new draft and its id, without writing it: `storePart` takes it, and `commit`
   * writes it in the commit's own transaction (for callers holding a document's every part at
   * once, such as `ipex import`: one transaction per document).
   */
  prepareDraft(input: DepositInput, actor: Actor): UnsavedDraft {
    return prepareDraft(this.deps, input, actor);
  }

  abandon(depositId: string): void {
    abandonDraft(this.deps, depositId);
  }

  /**
   * Certifies and publishes (an unsaved draft written and `stored` parts named first, and
   * `alsoInTransaction` run last in the same transaction); resolves once durable.
   */
  commit(draft: string | UnsavedDraft, actor: Actor, stored?: readonly StoredPart[], alsoInTransaction?: () => void): Promise<CommittedView> {
    return commitDeposit(this.deps, draft, actor, stored, alsoInTransaction);
  }

  list(filter?: DocumentFilter): { items: DocumentView[]; nextCursor?: string } {
    return listDocuments(this.deps, filter);
  }

  get(documentId: string): DocumentView {
    return getDocument(this.deps, documentId);
  }

  withdraw(documentId: string, reason: string | undefined, actor: Actor): DocumentView {
    return withdrawDocument(this.deps, documentId, reason, actor);
  }

  accessState(documentId: string): AccessStateView {
    return accessState(this.deps, documentId);
  }

  /** Sets who may retrieve; every office named must be listed in the signed directory. */
  setAccess(documentId: string, policy: unknown, actor: Actor): Promise<AccessStateView> {
    return setAccessPolicy(this.deps, documentId, policy, actor);
  }

  /** The applicant's e-mail address and language, if given. */
  applicantContact(documentId: string): ApplicantContact | undefined {
    return getApplicantContact(this.deps, documentId);
  }

  /** Sets, replaces or (null) removes the applicant's e-mail address and language. */
  setApplicantContact(documentId: string, input: { email?: unknown; language?: unknown } | null, actor: Actor): ApplicantContact | undefined {
    return setApplicantContact(this.deps, documentId, input, actor);
  }

  regenerateCode(documentId: string, actor: Actor): IssuedCode {
    return regenerateAccessCode(this.deps, documentId, actor);
  }

  history(documentId: string, cursor?: string, limit?: number): { items: RetrievalAttemptView[]; nextCursor?: string } {
    return documentHistory(this.deps, documentId, cursor, limit);
  }

  /** True when `applicantKey` is a live key of `documentId` (constant-time). */
  applicantMayAccess(documentId: string, applicantKey: string): boolean {
    return applicantKeyMatches(this.deps, documentId, applicantKey);
  }

  /** For the exchange side: the live priority document of an application. */
  findForRetrieval(key: RetrievalKey): RetrievableDocument | undefined {
    return findForRetrieval(this.deps, key);
  }

  /** For the exchange side: true when `accessCode` is the current code of the document. */
  accessCodeMatches(documentId: string, accessCode: string): boolean {
    return accessCodeMatchesDocument(this.deps, documentId, accessCode);
  }

  partBlob(documentId: string, version: number, name: string): PartBlob | undefined {
    return partBlob(this.deps, documentId, version, name);
  }

  manifest(documentId: string, version: number): string {
    return manifestOf(this.deps, documentId, version);
  }

  exportBundle(documentId: string, out: string, options?: ExportOptions): Promise<{ version: number }> {
    return exportBundle(this.deps, documentId, out, options);
  }
}

/** The deposit service of a running node (one per context). */
export function depositServiceFor(context: NodeContext): DepositService {
  const cached = services.get(context);
  if (cached !== undefined) return cached;
  let key: Buffer | undefined;
  const identityDir = dataPaths(context.config.dataDir).identity.dir;
  const service = new DepositService({
    db: context.db,
    blobs: context.blobs,
    clock: context.clock,
    random: systemRandom,
    office: context.identity.code,
    signing: context.identity.signing,
    codeFormat: context.config.access.codeFormat,
    accessCodeKey: () => (key ??= officeAccessCodeKey(context.db, identityDir, systemRandom, true)!),
    listedOffices: async () => new Set((await context.trust.refresh()).directory.offices.map((o) => o.code)),
    audit: context.audit,
    notify: notificationsFor(context).notifier,
    tracking: fileSubscribersFor(context),
  });
  services.set(context, service);
  return service;
}

const services = new WeakMap<NodeContext, DepositService>();
