/**
 * The shape of one entry of the error registry. Each stable `code` maps to the HTTP status the
 * node answers with, a short title for `application/problem+json` (RFC 9457 §3.1.3), and where
 * one exists the WIPO DAS / TDA status that a DAS-speaking office would expect.
 */
export interface ErrorSpec {
  /** HTTP status used when this error crosses the wire. */
  readonly status: number;
  /** A short, human-readable summary that never changes between occurrences (RFC 9457 "title"). */
  readonly title: string;
  /** The WIPO DAS / TDA status code for the same situation, when there is one. */
  readonly das?: string;
}

/** Helper so that each area file keeps its literal keys while being checked against ErrorSpec. */
export function defineCodes<const T extends Record<string, ErrorSpec>>(codes: T): T {
  return codes;
}
