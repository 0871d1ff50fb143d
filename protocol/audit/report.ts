/**
 * The report of the audit verifier (docs/design.md §7, docs/auditing.md "Verifying an audit
 * bundle"): every check that ran, every problem with a stable registry code and the place it
 * names (file, line, entry index), and — when the evidence allows — the first bad entry.
 * Building the report is kept apart from deciding what is wrong, so both the bundle verifier
 * and a live-node verifier fill it the same way.
 */
import type { ErrorCode } from '../errors/index.js';

/** Where a problem is: a bundle file, a line of `entries.jsonl` (1-based) and/or a log index (0-based). */
export interface AuditWhere {
  readonly file?: string;
  /** 1-based line number in `entries.jsonl`; always `index + 1` when both are given. */
  readonly line?: number;
  /** 0-based index of the entry in the log (the Merkle leaf index). */
  readonly index?: number;
  /** A tree size the problem is about (for example a kept checkpoint's size). */
  readonly size?: number;
}

/** One thing that is wrong. `code` is from the error registry (docs/errors.md). */
export interface AuditProblem {
  readonly code: ErrorCode;
  readonly where: AuditWhere;
  readonly message: string;
}

/** One check that ran, for people reading `ipex audit verify` output. */
export interface AuditCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The result of {@link verifyAuditBundle} / {@link verifyAuditLog}. */
export interface AuditReport {
  /** True only when every check passed and there is no problem. */
  readonly ok: boolean;
  readonly office?: string;
  readonly origin?: string;
  /** The tree size of the verified checkpoint. */
  readonly size?: number;
  /** The base64 root hash of the verified checkpoint. */
  readonly root?: string;
  /** Number of entries (lines) found. */
  readonly entries: number;
  readonly checks: readonly AuditCheck[];
  readonly problems: readonly AuditProblem[];
  /**
   * 0-based index of the first entry that is proven bad (malformed, not matching a kept
   * checkpoint or proof, missing, or not covered by the checkpoint). Absent when nothing is bad
   * or when the evidence only shows that *some* entry is bad (see `suspectRange`).
   */
  readonly firstBadEntry?: number;
  /**
   * When the tree does not match: the first bad entry has an index in [from, to). Entries
   * before `from` are proven good (by a kept checkpoint or a proof); `to` is an upper bound.
   */
  readonly suspectRange?: { readonly from: number; readonly to: number };
  /** Clues that are not proofs (for example entry times going backwards). */
  readonly hints: readonly string[];
}

/** Most entry problems listed in one report; the rest are counted in one summary problem. */
export const MAX_ENTRY_PROBLEMS = 100;

/** Mutable collector used while verifying; `finish` freezes it into an {@link AuditReport}. */
export class ReportBuilder {
  readonly checks: AuditCheck[] = [];
  readonly problems: AuditProblem[] = [];
  readonly hints: string[] = [];
  #entryProblems = 0;

  /** Records one check and whether it passed. */
  check(check: string, ok: boolean, detail: string): void {
    this.checks.push({ check, ok, detail });
  }

  /** Records one problem (any count; entry problems go through {@link entryProblem}). */
  problem(code: ErrorCode, where: AuditWhere, message: string): void {
    this.problems.push({ code, where, message });
  }

  /** Records an entry problem, keeping at most {@link MAX_ENTRY_PROBLEMS} of them. */
  entryProblem(code: ErrorCode, index: number, message: string): void {
    this.#entryProblems += 1;
    if (this.#entryProblems <= MAX_ENTRY_PROBLEMS) {
      this.problem(code, { file: 'entries.jsonl', line: index + 1, index }, message);
    }
  }

  /** How many entry problems were seen, listed or not. */
  get entryProblemCount(): number {
    return this.#entryProblems;
  }

  /** Freezes the collected checks, problems and hints with the given fields into a report. */
  finish(fields: Omit<AuditReport, 'ok' | 'checks' | 'problems' | 'hints'>): AuditReport {
    if (this.#entryProblems > MAX_ENTRY_PROBLEMS) {
      this.problem('AUDIT_ENTRY_MALFORMED', { file: 'entries.jsonl' }, `${this.#entryProblems - MAX_ENTRY_PROBLEMS} more entry problem(s) not listed`);
    }
    const ok = this.problems.length === 0 && this.checks.every((c) => c.ok);
    return { ok, ...fields, checks: [...this.checks], problems: [...this.problems], hints: [...this.hints] };
  }
}
