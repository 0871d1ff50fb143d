/**
 * The running node's log (issue 13, docs/operations.md "Logs"): one JSON object a line through
 * pino, with `time` (ISO 8601), `level` (its name, not pino's number, so that a reader needs no
 * table) and `node` (this office's code) on every record. When the log goes to a terminal it is
 * written for a person instead (pretty-lines.ts), without pulling a pretty-printer into
 * production. The level and the format are settings (log-settings.ts).
 *
 * No record carries a secret: the code never logs headers, bodies or keys, and the redaction
 * below blanks the names a secret would travel under if a later change passed one by mistake.
 */
import { pino, type Logger } from 'pino';
import type { Output } from '../cli/output.js';
import type { LogSettings } from './log-settings.js';
import { prettyLines } from './pretty-lines.js';

export type NodeLog = Logger;

/** Where log lines go: the node's stderr, or what a test captures. */
export interface LogSink {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Names a secret would travel under. */
const SECRET_KEYS = ['authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'accessCode', 'applicantKey', 'staffToken', 'token', 'passphrase', 'privateKey', 'csrfToken'];
/**
 * Where they are blanked: at the top of a record and in `headers`, `body` or `request`. Exact
 * paths, not `*.name` wildcards, which tripled the cost of every request record (about 17 µs
 * instead of 6 here, docs/benchmarks.md).
 */
const REDACTED = ['', 'headers.', 'body.', 'request.'].flatMap((at) => SECRET_KEYS.map((k) => (at === '' ? `["${k}"]` : `${at}["${k}"]`)));

export function createNodeLog(sink: LogSink, settings: LogSettings, bindings: { readonly node: string }): NodeLog {
  const pretty = settings.format === 'pretty' || (settings.format === 'auto' && sink.isTTY === true);
  return pino({
    level: settings.level,
    base: { node: bindings.node },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED, censor: '[redacted]' },
  }, pretty ? prettyLines(sink) : sink);
}

/**
 * The Output the services of a running node write to: what they used to print as `warning:`
 * lines becomes a `warn` record and their progress an `info` record, so that every service
 * logs through the one log without knowing it. Commands that open a data folder without running
 * the node keep their own Output, whose lines are for the person at the terminal.
 */
export function loggingOutput(out: Output, log: NodeLog): Output {
  return {
    json: out.json,
    logSink: out.logSink,
    progress: (message) => log.info(message),
    warn: (message) => log.warn(message),
    result: (text, data) => out.result(text, data),
    jsonLine: (data) => out.jsonLine(data),
  };
}
