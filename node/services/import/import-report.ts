/**
 * The validation report of an import (issue 15, docs/importing.md "The report"): every row refused,
 * with its line, application number, code and reason, as `report.csv` (for a spreadsheet) and
 * `report.json` (with the counts and the rows skipped as imported before). Written at the end of
 * every run, a dry run included, into the run's output folder; never with a secret in it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RefusedRow } from './archive-row.js';

export interface SkippedRow {
  readonly line: number;
  readonly folder?: string;
  readonly applicationNumber: string;
  readonly documentId: string;
}

export interface ImportCounts {
  readonly rows: number;
  readonly deposited: number;
  /** Deposited by an earlier run that was stopped; completed (secrets issued again) by this one. */
  readonly completed: number;
  readonly skipped: number;
  readonly refused: number;
  readonly bytes: number;
}

export interface ImportReport {
  readonly archive: string;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly counts: ImportCounts;
  readonly refused: readonly RefusedRow[];
  readonly skipped: readonly SkippedRow[];
}

/** Writes report.csv and report.json into `outDir`; returns their paths. */
export function writeImportReport(outDir: string, report: ImportReport): { csv: string; json: string } {
  const csv = join(outDir, 'report.csv');
  const json = join(outDir, 'report.json');
  // Rows of index.csv by line, then document folders by name (their `line` is empty).
  const order = (r: RefusedRow): string => (r.folder === undefined ? `0${String(r.line).padStart(12, '0')}` : `1${r.folder}`);
  const lines = ['line,applicationNumber,code,reason,folder', ...[...report.refused].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map((r) => [r.folder === undefined ? String(r.line) : '', r.applicationNumber, r.code, r.reason, r.folder ?? ''].map(csvField).join(','))];
  writeFileSync(csv, `${lines.join('\n')}\n`, { flag: 'wx' });
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`, { flag: 'wx' });
  return { csv, json };
}

/** A CSV field, quoted when it must be (RFC 4180); a leading = + - @ is prefixed so a spreadsheet shows it as text. */
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
