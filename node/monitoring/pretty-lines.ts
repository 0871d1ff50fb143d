/**
 * The node's log for a person at a terminal (node-log.ts): each JSON record pino writes becomes
 * one line `HH:MM:SS.mmm LEVEL message key=value …`, and an error's stack follows it, indented.
 * A dozen lines instead of pino-pretty and its dependencies in every installation; anything that
 * reads logs by machine gets the JSON lines (`log.format: json`, or a log that is not a terminal).
 */
import type { LogSink } from './node-log.js';

/** Fields shown in the head of the line, not again as key=value. */
const HEAD = new Set(['time', 'level', 'msg', 'node', 'pid', 'hostname', 'err']);

export function prettyLines(sink: LogSink): LogSink {
  return {
    isTTY: sink.isTTY === true,
    write(chunk: string): void {
      for (const line of chunk.split('\n')) if (line !== '') sink.write(`${prettyLine(line)}\n`);
    },
  };
}

export function prettyLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 23) : '';
  const level = String(record.level ?? '').toUpperCase().padEnd(5);
  const fields = Object.entries(record).filter(([k]) => !HEAD.has(k)).map(([k, v]) => `${k}=${show(v)}`);
  const head = [time, level, String(record.msg ?? ''), ...fields].filter((s) => s !== '').join(' ');
  const err = record.err as { stack?: unknown; message?: unknown } | undefined;
  const stack = typeof err?.stack === 'string' ? err.stack : typeof err?.message === 'string' ? err.message : undefined;
  return stack === undefined ? head : `${head}\n    ${stack.split('\n').join('\n    ')}`;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[^\s"=]*$/.test(text) ? text : JSON.stringify(text);
}
