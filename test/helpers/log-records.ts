/**
 * The records of a node's log as a test captured them (node/monitoring/node-log.ts): the JSON
 * lines among what was written to the Output's stderr, parsed; progress lines are skipped.
 */
export interface LogRecord {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export function logRecords(chunks: readonly string[]): LogRecord[] {
  return chunks.join('').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogRecord);
}

/** The `warn` records whose message contains `text`. */
export function warnRecords(chunks: readonly string[], text: string): LogRecord[] {
  return logRecords(chunks).filter((r) => r.level === 'warn' && r.msg.includes(text));
}
