/**
 * The progress of `ipex import` (issue 15): documents and bytes done of those to deposit, the rate
 * and the time left. On a terminal, one line on stderr rewritten four times a second; on a pipe, a
 * progress line every five seconds; under `--json`, a JSON line `{"event":"progress",…}` on stdout
 * every second. Never a secret: only counts.
 */
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { ImportEvent } from '../../services/import/run-import.js';
import type { Output } from '../output.js';

export interface ProgressSnapshot {
  readonly event: 'progress';
  readonly documents: number;
  readonly documentsTotal: number;
  readonly bytes: number;
  readonly bytesTotal: number;
  readonly refused: number;
  readonly documentsPerSecond: number;
  readonly megabytesPerSecond: number;
  /** Undefined until a rate is known. */
  readonly secondsLeft?: number;
}

export class ImportProgress {
  readonly #out: Output;
  readonly #clock: Clock;
  #total = 0;
  #bytesTotal = 0;
  #documents = 0;
  #bytes = 0;
  #refused = 0;
  #started = 0;
  #timer: NodeJS.Timeout | undefined;
  #drawn = false;

  constructor(out: Output, clock: Clock) {
    this.#out = out;
    this.#clock = clock;
  }

  on(e: ImportEvent): void {
    if (e.event === 'validated') {
      this.#total = e.toDeposit;
      this.#bytesTotal = e.bytesToDeposit;
      this.#started = this.#clock.now().getTime();
      const line = { ...e };
      if (this.#out.json) this.#out.jsonLine(line);
      else this.#out.progress(`${e.rows} rows checked: ${e.toDeposit} to deposit (${mb(e.bytesToDeposit)}), ${e.skipped} imported before, ${e.refused} refused`);
      if (e.toDeposit > 0) this.#timer = setInterval(() => this.#tick(), this.#out.json ? 1000 : this.#tty ? 250 : 5000).unref();
    } else if (e.event === 'deposited') {
      this.#documents++;
      this.#bytes += e.bytes;
      // A program reading the JSON lines learns which row became which document, as it happens
      // (never its secrets: those go to the secrets file only).
      if (this.#out.json) this.#out.jsonLine(e);
    } else {
      this.#refused++;
    }
  }

  /** The figures now. */
  snapshot(): ProgressSnapshot {
    const seconds = Math.max((this.#clock.now().getTime() - this.#started) / 1000, 1e-3);
    const rate = this.#documents / seconds;
    const left = this.#total - this.#documents - this.#refused;
    return {
      event: 'progress', documents: this.#documents, documentsTotal: this.#total, bytes: this.#bytes, bytesTotal: this.#bytesTotal, refused: this.#refused,
      documentsPerSecond: Math.round(rate * 10) / 10, megabytesPerSecond: Math.round((this.#bytes / 1e6 / seconds) * 10) / 10,
      ...(rate > 0 ? { secondsLeft: Math.ceil(left / rate) } : {}),
    };
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#tick();
    if (this.#drawn) this.#out.logSink.write('\n');
  }

  get #tty(): boolean {
    return this.#out.logSink.isTTY === true;
  }

  #tick(): void {
    if (this.#total === 0) return;
    const s = this.snapshot();
    if (this.#out.json) {
      this.#out.jsonLine(s);
      return;
    }
    const text = `${s.documents}/${s.documentsTotal} documents, ${mb(s.bytes)} of ${mb(s.bytesTotal)}, ${s.documentsPerSecond} documents/s (${s.megabytesPerSecond} MB/s)` +
      `${s.refused > 0 ? `, ${s.refused} refused` : ''}${s.secondsLeft === undefined ? '' : `, about ${duration(s.secondsLeft)} left`}`;
    if (this.#tty) {
      this.#out.logSink.write(`\r\x1b[2K· ${text}`);
      this.#drawn = true;
    } else {
      this.#out.progress(text);
    }
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
