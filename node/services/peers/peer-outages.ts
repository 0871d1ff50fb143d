/**
 * Whether peer offices answer (issue 12, `peer.unreachable`; docs/operations.md "Staff alerts"),
 * from the contacts the node makes anyway — retrieval jobs, family searches, witnessing rounds —
 * never from probes of its own. A contact that got no answer (PEER_UNREACHABLE, PEER_TIMEOUT)
 * is `failed`; one that got any answer, even a refusal, is `reached`. When every contact since a
 * first failure has failed, and the latest is `alerts.peerUnreachableMinutes` after it, one
 * `peer.unreachable` staff alert is raised for that episode; the next answer ends it.
 *
 * Bookkeeping is O(1) and off the success path's write lock: `reached` is one primary-key read
 * (peer_outages, migration 015, holds rows only for failing peers; the last-contact times of the
 * administrator's peers page are peer-contacts.ts's, written on every path at most once a minute) and writes only when it ends
 * an episode; `failed` is one upsert on a path that has just waited for a network failure. It
 * never throws into its caller (a full disk is reported by the caller's own write).
 */
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import { staffAlertsFor } from '../staff/staff-alerts.js';

/** The codes of a contact that got no answer at all. */
export const NO_ANSWER: ReadonlySet<string> = new Set(['PEER_UNREACHABLE', 'PEER_TIMEOUT']);

export class PeerOutages {
  readonly #context: NodeContext;
  readonly #sql: (sql: string) => Statement;

  constructor(context: NodeContext) {
    this.#context = context;
    this.#sql = cachedStatements(context.db);
  }

  /** `office` answered: a failing episode, if any, is over. */
  reached(office: string): void {
    try {
      if (this.#sql('SELECT 1 FROM peer_outages WHERE office = ?').get(office) === undefined) return;
      this.#sql('DELETE FROM peer_outages WHERE office = ?').run(office);
    } catch {
      // bookkeeping only: the contact itself went well
    }
  }

  /** A contact with `office` got no answer (`code`: PEER_UNREACHABLE or PEER_TIMEOUT). */
  failed(office: string, code: string): void {
    const { clock, config } = this.#context;
    const now = clock.now();
    let row: { failing_since: string; failures: number } | undefined;
    try {
      row = this.#context.db.transaction(() => {
        const episode = this.#sql(`INSERT INTO peer_outages (office, failing_since, last_failure_at, last_code, failures) VALUES (?, ?, ?, ?, 1)
          ON CONFLICT (office) DO UPDATE SET last_failure_at = excluded.last_failure_at, last_code = excluded.last_code, failures = failures + 1
          RETURNING failing_since, failures, alerted_at`).get(office, now.toISOString(), now.toISOString(), code) as { failing_since: string; failures: number; alerted_at: string | null };
        const due = episode.alerted_at === null && now.getTime() - Date.parse(episode.failing_since) >= config.alerts.peerUnreachableMinutes * 60_000;
        if (!due) return undefined;
        this.#sql('UPDATE peer_outages SET alerted_at = ? WHERE office = ?').run(now.toISOString(), office);
        return episode;
      }).immediate();
    } catch {
      return;
    }
    if (row === undefined) return;
    const minutes = Math.floor((now.getTime() - Date.parse(row.failing_since)) / 60_000);
    staffAlertsFor(this.#context).raise({
      kind: 'peer.unreachable', subject: `office ${office}`,
      detail: `office ${office} has not answered this node for ${minutes} minutes: all ${row.failures} contacts since ${row.failing_since} failed ` +
        `(the last: ${code}). Retrieval jobs from it wait and retry, family searches list it as unreachable. Check the network path to its ` +
        'exchange URL (`ipex directory show`) and ask that office whether its node runs',
    });
  }

  /** The peers failing now, for staff and tests. */
  failing(): { office: string; failingSince: string; lastFailureAt: string; lastCode: string; failures: number; alertedAt: string | null }[] {
    return this.#sql(`SELECT office, failing_since AS failingSince, last_failure_at AS lastFailureAt, last_code AS lastCode, failures,
      alerted_at AS alertedAt FROM peer_outages ORDER BY office`).all() as ReturnType<PeerOutages['failing']>;
  }
}

const byContext = new WeakMap<NodeContext, PeerOutages>();

export function peerOutagesFor(context: NodeContext): PeerOutages {
  let contacts = byContext.get(context);
  if (contacts === undefined) {
    contacts = new PeerOutages(context);
    byContext.set(context, contacts);
  }
  return contacts;
}
