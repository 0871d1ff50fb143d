/**
 * Family and dossier search across the network (issue 12; docs/dossiers.md): the search that
 * fans out to every active peer, its kept answers, and their verification. One search service
 * per node context, shared by the office API and the CLI.
 */
import type { NodeContext } from '../../runtime/node-context.js';
import { FamilySearch } from './family-search.js';

export { FAMILY_SEARCH_ROUNDS, FamilySearch, type DossierSearchResult, type PeerSummary } from './family-search.js';
export { verifyKeptAnswers, type AnswerCheck, type SearchVerification } from './answer-verification.js';
export { applicationKeyOf, checkSearchQuery, type SearchQueryInput } from './search-query.js';
export type { ApplicationGroup, OfficeGroup } from './family-collector.js';

const byContext = new WeakMap<NodeContext, FamilySearch>();

/** The family search of a node context (built once). */
export function familySearchFor(context: NodeContext): FamilySearch {
  let search = byContext.get(context);
  if (search === undefined) {
    search = new FamilySearch(context);
    byContext.set(context, search);
  }
  return search;
}
