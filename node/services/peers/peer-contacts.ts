/**
 * When this node last had contact with each peer office (docs/portal.md "Administrator": the
 * peers page). Three kinds of contact: a request from the peer passed authentication (inbound),
 * the peer answered one of our requests (outbound, with the HTTP status), or our request got no
 * answer (failure, with the error code). They are noticed on the exchange's busiest paths, so
 * each office and kind is written at most once a minute (kept in memory between writes): a
 * thousand retrievals a second cost one small write a minute per peer, and the times shown may
 * be up to a minute old. Recording is best effort: a write that fails (a full disk) is dropped,
 * never the request that was observed.
 */
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { exchangeOrigin, type ContactOutcome } from '../../../protocol/exchange-client/index.js';

export interface PeerContact {
  readonly lastInboundAt?: string;
  readonly lastOutboundAt?: string;
  readonly lastOutboundStatus?: number;
  readonly lastFailureAt?: string;
  readonly lastFailureCode?: string;
}

type Kind = 'inbound' | 'outbound' | 'failure';

const WRITES: Readonly<Record<Kind, string>> = {
  inbound: `INSERT INTO peer_contacts (office, last_inbound_at) VALUES (?, ?)
    ON CONFLICT (office) DO UPDATE SET last_inbound_at = excluded.last_inbound_at`,
  outbound: `INSERT INTO peer_contacts (office, last_outbound_at, last_outbound_status) VALUES (?, ?, ?)
    ON CONFLICT (office) DO UPDATE SET last_outbound_at = excluded.last_outbound_at, last_outbound_status = excluded.last_outbound_status`,
  failure: `INSERT INTO peer_contacts (office, last_failure_at, last_failure_code) VALUES (?, ?, ?)
    ON CONFLICT (office) DO UPDATE SET last_failure_at = excluded.last_failure_at, last_failure_code = excluded.last_failure_code`,
};

/** At most one write per office and kind in this time. */
export const CONTACT_WRITE_INTERVAL_MS = 60_000;

interface Row {
  office: string;
  last_inbound_at: string | null;
  last_outbound_at: string | null;
  last_outbound_status: number | null;
  last_failure_at: string | null;
  last_failure_code: string | null;
}

export class PeerContacts {
  /** `office kind` → when it was last written (ms). */
  readonly #written = new Map<string, number>();

  constructor(private readonly db: SqliteDatabase, private readonly clock: Clock) {}

  /** A request from `office` passed authentication. */
  inbound(office: string): void {
    this.#note(office, 'inbound', []);
  }

  /** `office` answered a request of ours with `status`. */
  outbound(office: string, status: number): void {
    this.#note(office, 'outbound', [status]);
  }

  /** A request of ours to `office` got no answer. */
  failure(office: string, code: string): void {
    this.#note(office, 'failure', [code.slice(0, 64)]);
  }

  /** Every office's recorded contact. */
  list(): Map<string, PeerContact> {
    const rows = this.db.prepare('SELECT * FROM peer_contacts').all() as Row[];
    return new Map(rows.map((r) => [r.office, {
      ...(r.last_inbound_at === null ? {} : { lastInboundAt: r.last_inbound_at }),
      ...(r.last_outbound_at === null ? {} : { lastOutboundAt: r.last_outbound_at, lastOutboundStatus: r.last_outbound_status ?? 0 }),
      ...(r.last_failure_at === null ? {} : { lastFailureAt: r.last_failure_at, lastFailureCode: r.last_failure_code ?? '' }),
    }]));
  }

  #note(office: string, kind: Kind, values: readonly (string | number)[]): void {
    const now = this.clock.now();
    const key = `${office} ${kind}`;
    const last = this.#written.get(key);
    if (last !== undefined && now.getTime() - last < CONTACT_WRITE_INTERVAL_MS) return;
    this.#written.set(key, now.getTime());
    try {
      this.db.prepare(WRITES[kind]).run(office, now.toISOString(), ...values);
    } catch {
      // best effort (see the header): the next contact after the interval tries again
    }
  }
}

const byContext = new WeakMap<NodeContext, PeerContacts>();

/** The peer contacts of a node context (one record per data folder in use). */
export function peerContactsFor(context: NodeContext): PeerContacts {
  let contacts = byContext.get(context);
  if (contacts === undefined) {
    contacts = new PeerContacts(context.db, context.clock);
    byContext.set(context, contacts);
  }
  return contacts;
}

/**
 * The exchange client's `onContact` for this node: finds the office by the origin of the URL it
 * asked (the directory's exchange URLs, looked up again only for an origin not seen yet) and
 * records the answer or the failure. A URL of no listed office is not a peer contact.
 */
export function outboundContacts(context: NodeContext): (url: URL, outcome: ContactOutcome) => void {
  const contacts = peerContactsFor(context);
  let offices = new Map<string, string>();
  const record = (office: string, outcome: ContactOutcome): void => {
    if ('status' in outcome) contacts.outbound(office, outcome.status);
    else contacts.failure(office, outcome.failure);
  };
  return (url, outcome) => {
    const known = offices.get(url.origin);
    if (known !== undefined) return record(known, outcome);
    void context.trust.refresh().then(({ directory }) => {
      offices = new Map(directory.offices.flatMap((o) => {
        try {
          return [[new URL(exchangeOrigin(o.exchangeUrl)).origin, o.code] as const];
        } catch {
          return []; // an office with an unusable URL is never asked
        }
      }));
      const office = offices.get(url.origin);
      if (office !== undefined) record(office, outcome);
    }, () => undefined); // no usable directory: no office to record against
  };
}
