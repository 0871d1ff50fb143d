/**
 * Small shape checks shared by the ST.96 members (priority-claims.ts, citations.ts): what a
 * verifier reads from a manifest or a peer's answer is attacker-controlled, and each check says
 * where the value breaks the shape rather than just that it does.
 */

/** Where a value breaks the shape, as a path below the member checked, and a reason. */
export interface ShapeProblem {
  readonly path: string;
  readonly why: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a real calendar date `YYYY-MM-DD` (refuses 2023-02-30). */
export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}
