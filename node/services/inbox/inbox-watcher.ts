/**
 * The watched inbox of the e-filing hook (issue 15; docs/e-filing.md "The inbox folder"): the
 * running node looks into `<inbox.folder>/inbox/` every `inbox.pollSeconds` and deposits each
 * folder a writer has marked complete with a `ready` file, one at a time.
 *
 *   inbox/<name>/   the writer's; picked up once `inbox/<name>/ready` exists
 *   work/<name>/    claimed by the node (one rename: a folder is never taken twice)
 *   done/<name>/    deposited: `receipt.json`, and `secrets.json` (0600) for a new priority document
 *   failed/<name>/  refused: `reason.json` {code, message, failedAt}; nothing was deposited
 *
 * Polling, not file-system events: inboxes are often shares (SMB, NFS) where events are not
 * delivered, and a look is one readdir. A folder without `ready` is never touched, so a
 * half-copied one is never deposited. What stops a pass half-way (the node stops, the disk is
 * full, the database is unavailable) leaves the folder in `work/`; every pass takes up `work/`
 * first, and the journal (inbox-deposit.ts) makes sure nothing is deposited twice.
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isIpexError } from '../../../protocol/errors/index.js';
import { errorSpec } from '../../../protocol/errors/registry.js';
import type { InboxSettings } from '../../config/inbox-settings.js';
import type { DepositService } from '../deposit/deposit-service.js';
import { ImportJournal } from '../import/import-journal.js';
import { depositInboxFolder, writeAtomically, type InboxReceipt } from './inbox-deposit.js';

export type InboxOutcome =
  | { readonly name: string; readonly state: 'done'; readonly receipt: InboxReceipt }
  | { readonly name: string; readonly state: 'failed'; readonly code: string; readonly message: string }
  | { readonly name: string; readonly state: 'retry'; readonly message: string };

export class InboxWatcher {
  readonly #service: DepositService;
  readonly #settings: InboxSettings;
  readonly #warn: (line: string) => void;
  readonly #journal: ImportJournal;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(service: DepositService, settings: InboxSettings, warn: (line: string) => void) {
    this.#service = service;
    this.#settings = settings;
    this.#warn = warn;
    const deps = service.deps;
    this.#journal = new ImportJournal(deps.db, settings.folder, () => deps.clock.now().toISOString());
  }

  /** Makes the four folders (a missing inbox is made, an unusable one stops the start). */
  prepare(): void {
    for (const sub of ['inbox', 'work', 'done', 'failed']) mkdirSync(join(this.#settings.folder, sub), { recursive: true, mode: 0o750 });
  }

  /** Looks now, then every `pollSeconds`, until `stop`. */
  start(): void {
    this.prepare();
    const tick = (): void => {
      this.#running = this.pass().catch((err: unknown) => this.#warn(`inbox ${this.#settings.folder}: ${(err as Error).message}`)).finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#settings.pollSeconds * 1000);
      });
    };
    tick();
  }

  /** Stops looking; resolves once the folder being deposited, if any, is done. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One look: first what a stopped pass left in `work/`, then every ready folder of `inbox/`. */
  async pass(): Promise<InboxOutcome[]> {
    const root = this.#settings.folder;
    const outcomes: InboxOutcome[] = [];
    for (const name of folders(join(root, 'work'))) {
      if (this.#stopped) break;
      outcomes.push(await this.#deposit(name, true));
    }
    for (const name of folders(join(root, 'inbox'))) {
      if (this.#stopped) break;
      if (!existsSync(join(root, 'inbox', name, 'ready'))) continue; // still being written
      try {
        renameSync(join(root, 'inbox', name), join(root, 'work', name));
      } catch (err) {
        this.#warn(`inbox: cannot claim ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); it stays in inbox/`);
        continue;
      }
      outcomes.push(await this.#deposit(name, false));
    }
    return outcomes;
  }

  async #deposit(name: string, resumed: boolean): Promise<InboxOutcome> {
    const root = this.#settings.folder;
    const dir = join(root, 'work', name);
    try {
      const receipt = await depositInboxFolder(this.#service, this.#journal, dir, name, resumed);
      renameSync(dir, freeName(join(root, 'done'), name));
      return { name, state: 'done', receipt };
    } catch (err) {
      // A refusal is the folder's: it goes to failed/. Anything else (5xx: a full disk, the
      // database away, a bug) is the node's: the folder stays in work/ for the next pass.
      if (!isIpexError(err) || errorSpec(err.code).status >= 500) {
        this.#warn(`inbox: ${name} could not be deposited now (${(err as Error).message}); it stays in work/ and is tried again`);
        return { name, state: 'retry', message: (err as Error).message };
      }
      await writeAtomically(join(dir, 'reason.json'), { code: err.code, message: err.message, failedAt: this.#service.deps.clock.now().toISOString() }, 0o644);
      renameSync(dir, freeName(join(root, 'failed'), name));
      return { name, state: 'failed', code: err.code, message: err.message };
    }
  }
}

/** The folders of `dir`, oldest name first; names starting with `.` are a writer's own. */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}

/** `dir/name`, or `dir/name-2`, `-3`, … when a folder of that name is there already. */
function freeName(dir: string, name: string): string {
  let path = join(dir, name);
  for (let n = 2; existsSync(path); n++) path = join(dir, `${name}-${n}`);
  return path;
}
