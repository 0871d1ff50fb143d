/**
 * How every `ipex` command talks to a person or a script. Results go to stdout (as JSON with
 * `--json`); progress and warnings go to stderr, so that `--json` output stays parseable.
 */
export interface Output {
  readonly json: boolean;
  /** A step of long work, for the person watching ("issuing TLS certificate for EP…"). */
  progress(message: string): void;
  /** Something the user should know but that does not stop the command. */
  warn(message: string): void;
  /** The result: `text` for people, `data` for `--json`. */
  result(text: string, data: unknown): void;
  /** One JSON document on one line of stdout: the events of a long command under `--json` (`ipex import`). */
  jsonLine(data: unknown): void;
  /** Where a running node writes its log (node/monitoring/node-log.ts): the same stderr. */
  readonly logSink: { write(chunk: string): unknown; readonly isTTY?: boolean };
}

export interface OutputStreams {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
}

export function createOutput(json: boolean, streams: OutputStreams = process, quiet = false): Output {
  return {
    json,
    progress(message) {
      if (!quiet) streams.stderr.write(`· ${message}\n`);
    },
    warn(message) {
      streams.stderr.write(`warning: ${message}\n`);
    },
    result(text, data) {
      streams.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
    },
    jsonLine(data) {
      streams.stdout.write(`${JSON.stringify(data)}\n`);
    },
    logSink: streams.stderr,
  };
}
