/**
 * What an examiner asks for in a family search (issue 12; docs/dossiers.md): exactly one of an
 * application, a priority (both "an office code and a number as printed", for example
 * `EP 23 123 456.8`, `US18/123,456`, `PCT/IB2023/050123`) or a patent family identifier. The
 * number is normalised with protocol/st13 for its office, so that the key sent to peers is the
 * one they store applications and priority claims under.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import { normaliseApplicationNumber } from '../../../protocol/st13/index.js';
import type { ApplicationKey } from '../access/index.js';

/** The query as given (office API query string, CLI options). */
export interface SearchQueryInput {
  readonly application?: string | undefined;
  readonly priority?: string | undefined;
  readonly family?: string | undefined;
}

/** A checked query: what it was, and the first keys to ask for. */
export interface SearchQuery {
  readonly application?: string;
  readonly priority?: string;
  readonly family?: string;
  readonly applications: readonly ApplicationKey[];
  readonly patentFamilyIds: readonly string[];
}

const FAMILY = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * @throws IpexError DOSSIER_QUERY_INVALID (not exactly one form, no office code, a bad family
 *   id); OFFICE_CODE_INVALID and the ST.13 codes for a bad number.
 */
export function checkSearchQuery(input: SearchQueryInput): SearchQuery {
  const given = (['application', 'priority', 'family'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw new IpexError('DOSSIER_QUERY_INVALID', 'give exactly one of an application, a priority (office code and number) or a family id');
  if (input.family !== undefined) {
    if (!FAMILY.test(input.family)) throw new IpexError('DOSSIER_QUERY_INVALID', 'a patent family id is 1-64 of [A-Za-z0-9._:-]');
    return { family: input.family, applications: [], patentFamilyIds: [input.family] };
  }
  const which = given[0] as 'application' | 'priority';
  const key = applicationKeyOf(input[which]!, which);
  const text = `${key.ipOfficeCode} ${key.applicationNumberText}`;
  return { [which]: text, applications: [key], patentFamilyIds: [] };
}

/**
 * `EP 23 123 456.8` → {EP, 23123456}: the office is the two letters in front (`PCT/…` is a WO
 * number), the rest the number as that office prints it.
 */
export function applicationKeyOf(text: string, what = 'application'): ApplicationKey {
  const trimmed = text.trim();
  if (trimmed.length > 80) throw new IpexError('DOSSIER_QUERY_INVALID', `the ${what} is longer than 80 characters`);
  const pct = /^PCT[ /]/i.test(trimmed);
  const match = /^([A-Za-z]{2})[ \t/.,-]*(.*)$/.exec(trimmed);
  if (!pct && (match === null || match[2] === '')) {
    throw new IpexError('DOSSIER_QUERY_INVALID', `the ${what} ${JSON.stringify(trimmed.slice(0, 40))} does not start with an office code: give it as "CC NUMBER", for example "EP 23123456"`);
  }
  const office = pct ? 'WO' : normaliseSt3Code(match![1]!);
  const number = normaliseApplicationNumber(office, pct ? trimmed : match![2]!);
  return { ipOfficeCode: office, applicationNumberText: number.applicationNumberText };
}
