/**
 * Family and dossier search across the network (issue 12; docs/architecture.md "A query across the
 * network", docs/dossiers.md): an examiner asks their own node for an application, a priority or a family,
 * and the node asks EVERY active peer at once (the exchange client once per peer, in parallel,
 * each within `federation.peerTimeoutMs`), keeping each peer's signed answer.
 *
 * The family is every application that is, or claims, the same priority, transitively: a round
 * asks every peer about every application and family id learnt so far and not yet asked; what
 * comes back (documents of those applications and of applications claiming them, with their own
 * priority claims and family ids) gives the next round's keys. The depth is bounded: at most
 * FAMILY_SEARCH_ROUNDS rounds of at most 100 applications and 20 family ids each; a search that
 * stops with keys left says so (`complete: false`). This office's own documents are looked up
 * locally in each round. A peer that does not answer a round is listed with its outcome and is
 * not asked again in that search; nobody is ever silently missing.
 */
import { systemRandom, type RandomSource } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { accessServices, dossierDocument } from '../access/index.js';
import { actorLabel, auditActor, type Actor } from '../deposit/deposit-deps.js';
import { exchangeClientFor } from '../retrieval/index.js';
import { peerOutagesFor } from '../peers/peer-outages.js';
import { FamilyCollector, type OfficeGroup } from './family-collector.js';
import { askPeer, type AnswerOutcome, type DossierSearchRequest, type PeerAnswer } from './peer-answer.js';
import { checkSearchQuery, type SearchQueryInput } from './search-query.js';
import { SearchStore } from './search-store.js';

/** Rounds of a family search: the bound on how far the family is followed. */
export const FAMILY_SEARCH_ROUNDS = 4;
const APPLICATIONS_PER_ROUND = 100;
const FAMILIES_PER_ROUND = 20;

export interface PeerSummary {
  ipOfficeCode: string;
  outcome: AnswerOutcome;
  code?: string;
  detail?: string;
  /** Time from asking to the outcome, over the rounds it was asked. */
  elapsedMs: number;
  answers: { round: number; outcome: AnswerOutcome; code?: string; elapsedMs: number; documents: number }[];
}

/** The answer of a search (openapi/office.yaml `DossierSearch`). */
export interface DossierSearchResult {
  searchId: string;
  query: { application?: string; priority?: string; family?: string };
  startedAt: string;
  finishedAt: string;
  rounds: number;
  complete: boolean;
  peers: PeerSummary[];
  offices: OfficeGroup[];
}

export class FamilySearch {
  readonly #context: NodeContext;
  readonly #random: RandomSource;
  readonly store: SearchStore;

  constructor(context: NodeContext, random: RandomSource = systemRandom) {
    this.#context = context;
    this.#random = random;
    this.store = new SearchStore(context.db);
  }

  async search(input: SearchQueryInput, actor: Actor): Promise<DossierSearchResult> {
    const context = this.#context;
    const query = checkSearchQuery(input);
    const own = context.identity.code;
    const startedAt = context.clock.now().toISOString();
    const peers = (await context.trust.refresh()).directory.offices.filter((o) => o.status === 'active' && o.code !== own);
    const timeoutMs = context.config.federation.peerTimeoutMs;
    const client = exchangeClientFor(context, this.#random, { timeoutMs });
    const local = accessServices(context).dossiers;
    const found = new FamilyCollector();
    const asked = { applications: new Set<string>(), families: new Set<string>() };
    const answers: PeerAnswer[] = [];
    const failed = new Set<string>();
    const contacts = peerOutagesFor(context);
    let next = { applications: [...query.applications], families: [...query.patentFamilyIds] };
    let rounds = 0;
    let complete = false;
    try {
      for (;;) {
        const applications = takeNew(next.applications.map((a) => [`${a.ipOfficeCode} ${a.applicationNumberText}`, a] as const), asked.applications, APPLICATIONS_PER_ROUND);
        const families = takeNew(next.families.map((f) => [f, f] as const), asked.families, FAMILIES_PER_ROUND);
        if (applications.length === 0 && families.length === 0) {
          complete = true;
          break;
        }
        if (rounds === FAMILY_SEARCH_ROUNDS) break;
        rounds += 1;
        const body: DossierSearchRequest = { ...(applications.length > 0 ? { applications } : {}), ...(families.length > 0 ? { patentFamilyIds: families } : {}) };
        found.add(local.matching({ applications, patentFamilyIds: families }).map(dossierDocument));
        const round = rounds;
        const got = await Promise.all(peers.filter((p) => !failed.has(p.code)).map((p) => askPeer(context, client, p, round, body, timeoutMs)));
        for (const answer of got) {
          answers.push(answer);
          if (answer.outcome === 'timeout' || answer.outcome === 'unreachable') contacts.failed(answer.office, answer.code ?? 'PEER_UNREACHABLE');
          else contacts.reached(answer.office);
          if (answer.outcome === 'answered') found.add(answer.documents);
          else failed.add(answer.office);
        }
        next = { applications: found.applicationKeys(), families: found.familyIds() };
      }
    } finally {
      client.close();
    }

    const searchId = `search-${this.#random.bytes(12).toString('base64url')}`;
    const result: DossierSearchResult = {
      searchId,
      query: { ...(query.application === undefined ? {} : { application: query.application }), ...(query.priority === undefined ? {} : { priority: query.priority }), ...(query.family === undefined ? {} : { family: query.family }) },
      startedAt,
      finishedAt: context.clock.now().toISOString(),
      rounds,
      complete,
      peers: peers.map((p) => summary(p.code, answers.filter((a) => a.office === p.code))),
      offices: found.groups(),
    };
    this.store.save({ searchId, query: result.query, createdBy: actorLabel(actor), startedAt, finishedAt: result.finishedAt, result }, answers, () => {
      context.audit.appendInTransaction({
        type: 'dossier.search', actor: auditActor(actor, own), outcome: 'ok',
        details: {
          searchId, query: result.query, rounds, complete,
          peers: result.peers.map((p) => ({ office: p.ipOfficeCode, outcome: p.outcome, ...(p.code === undefined ? {} : { code: p.code }) })),
          applications: result.offices.reduce((n, o) => n + o.applications.length, 0), documents: found.documentCount(),
        },
      });
    });
    return result;
  }
}

/** The keys not asked yet, at most `limit` (in key order), now marked asked. */
function takeNew<T>(keyed: readonly (readonly [string, T])[], asked: Set<string>, limit: number): T[] {
  const fresh = new Map(keyed.filter(([key]) => !asked.has(key)));
  const taken = [...fresh].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
  for (const [key] of taken) asked.add(key);
  return taken.map(([, value]) => value);
}

function summary(office: string, answers: readonly PeerAnswer[]): PeerSummary {
  const failure = answers.find((a) => a.outcome !== 'answered');
  return {
    ipOfficeCode: office,
    outcome: failure?.outcome ?? 'answered',
    ...(failure?.code === undefined ? {} : { code: failure.code }),
    ...(failure?.detail === undefined ? {} : { detail: failure.detail }),
    elapsedMs: answers.reduce((n, a) => n + a.elapsedMs, 0),
    answers: answers.map((a) => ({ round: a.round, outcome: a.outcome, ...(a.code === undefined ? {} : { code: a.code }), elapsedMs: a.elapsedMs, documents: a.documents.length })),
  };
}
