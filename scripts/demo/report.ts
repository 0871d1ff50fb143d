/**
 * How the demo talks to the person watching: numbered steps with what happens and why, indented
 * details, and a list of checks that ends as the summary table of `--smoke` (each check passed
 * or failed, with a short reason). The exit code of the demo is 0 only when every check passed.
 */

export interface CheckResult {
  readonly office: string;
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

export class DemoReport {
  readonly checks: CheckResult[] = [];
  #step = 0;

  constructor(private readonly write: (line: string) => void) {}

  /** A new step: its title and, in a second line, why it matters. */
  step(title: string, why?: string): void {
    this.#step += 1;
    this.write('');
    this.write(`${this.#step}. ${title}`);
    if (why !== undefined) this.write(`   ${why}`);
  }

  /** A detail line of the current step. */
  say(line: string): void {
    this.write(`   · ${line}`);
  }

  /** Records a check and prints it. */
  check(office: string, check: string, ok: boolean, detail: string): boolean {
    this.checks.push({ office, check, ok, detail });
    this.write(`   ${ok ? '✔' : '✘'} ${check}${detail === '' ? '' : ` — ${detail}`}`);
    return ok;
  }

  /** Runs `work` as a check: passes when it resolves (its string is the detail), fails on a throw. */
  async attempt(office: string, check: string, work: () => Promise<string>): Promise<boolean> {
    try {
      return this.check(office, check, true, await work());
    } catch (err) {
      const e = err as { code?: string; message?: string };
      return this.check(office, check, false, `${e.code === undefined ? '' : `${e.code}: `}${(e.message ?? String(err)).split('\n')[0]!.slice(0, 200)}`);
    }
  }

  get passed(): boolean {
    return this.checks.length > 0 && this.checks.every((c) => c.ok);
  }

  /** The summary table (office | check | result | detail). */
  summary(): string {
    const rows = this.checks.map((c) => [c.office, c.check, c.ok ? 'PASS' : 'FAIL', c.detail.slice(0, 70)]);
    const head = ['office', 'check', 'result', 'detail'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
    const failed = this.checks.filter((c) => !c.ok).length;
    return [
      line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '',
      failed === 0 ? `all ${this.checks.length} checks passed` : `${failed} of ${this.checks.length} checks FAILED`,
    ].join('\n');
  }
}
