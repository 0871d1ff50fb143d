/**
 * The depositing office's side of the exchange (docs/design.md §4, §6): retrieval decisions with
 * access codes and lock-out, dossier access, retrieval grants that bind downloads to the office
 * they were made for, and receipts. One set of services per node context.
 */
import { systemRandom, type RandomSource } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { AccessCodeKey } from './access-code-key.js';
import type { AuditAppender } from './audit-appender.js';
import { DocumentLookup } from './document-lookup.js';
import { DossierMatches } from './dossier-matches.js';
import { DossierService } from './dossiers.js';
import { GrantStore } from './grants.js';
import { Lockout } from './lockout.js';
import { ReceiptService } from './receipts.js';
import { RetrievalDecider } from './retrieval-decision.js';
import { GroupCommit } from '../../storage/group-commit.js';
import { notificationsFor } from '../notifications/index.js';

export { DocumentLookup, type DocumentVersion, type VersionPart, type VersionSummary } from './document-lookup.js';
export { GrantStore, GRANT_TTL_MS, type Grant } from './grants.js';
export { RetrievalDecider, type RetrievalDecision, type RetrievalRequestBody, type Requester } from './retrieval-decision.js';
export { ReceiptService } from './receipts.js';
export { DossierService, type DossierQuery } from './dossiers.js';
export { dossierDocument, DossierMatches, type ApplicationKey, type DossierMatchQuery } from './dossier-matches.js';
export { Lockout, applicantAlerts, applicationLockKey, type ApplicantAlert } from './lockout.js';
export type { AuditAppender } from './audit-appender.js';

export interface AccessServices {
  readonly lookup: DocumentLookup;
  readonly grants: GrantStore;
  readonly lockout: Lockout;
  readonly decider: RetrievalDecider;
  readonly dossiers: DossierService;
  readonly receipts: ReceiptService;
  readonly audit: AuditAppender;
  /** Group commit of the decisions and served-part records on the request path. */
  readonly commits: GroupCommit;
}

const byContext = new WeakMap<NodeContext, AccessServices>();

/** The access services of a node context (built once, shared by the route modules). */
export function accessServices(context: NodeContext, random: RandomSource = systemRandom): AccessServices {
  const known = byContext.get(context);
  if (known !== undefined) return known;
  const { db, clock, config, identity, trust } = context;
  const audit: AuditAppender = context.audit;
  const lookup = new DocumentLookup(db);
  const grants = new GrantStore(db, random);
  const lockout = new Lockout(db, { maxFailures: config.access.maxFailures, lockMinutes: config.access.lockMinutes }, audit);
  // wal-fsync (issue 14): the WAL is fsynced on the thread pool before anyone is answered, so a
  // decision is as durable as with synchronous=FULL while the event loop (TLS, signatures) keeps
  // working. A group of its own, not the connection's shared one: a batch that only reads (a part
  // served again writes nothing) must not fail with the replay cache's or a deposit's rows when
  // the disk is full (docs/operations.md "When the disk fills": reads go on).
  const commits = new GroupCommit(db, { durability: 'wal-fsync' });
  const { notifier: notify } = notificationsFor(context);
  const services: AccessServices = {
    lookup, grants, lockout, audit, commits,
    decider: new RetrievalDecider({ db, clock, officeCode: identity.code, lookup, grants, lockout, audit, commits, notify, codeKey: new AccessCodeKey(db, config.dataDir) }),
    dossiers: new DossierService({ db, clock, officeCode: identity.code, lookup, matches: new DossierMatches(db, lookup, identity.code), grants, audit }),
    receipts: new ReceiptService({ db, clock, trust, grants, lookup, audit, notify }),
  };
  byContext.set(context, services);
  return services;
}
