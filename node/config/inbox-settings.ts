/**
 * `inbox` in ipex.json: the watched inbox folder of the e-filing hook (issue 15; docs/e-filing.md
 * "The inbox folder"). Absent, the node watches nothing. A relative folder is taken from the data
 * folder, as the other paths of ipex.json are.
 */
import { resolve } from 'node:path';
import { checkObject, optionalInteger, requiredString } from './checks.js';

export interface InboxSettings {
  /** The inbox's root: it holds `inbox/`, `work/`, `done/` and `failed/`. */
  readonly folder: string;
  /** Seconds between two looks into `inbox/`. */
  readonly pollSeconds: number;
}

/** Ten seconds: an e-filing system's deposit is certified within seconds, and a look is one readdir. */
export const DEFAULT_INBOX_POLL_SECONDS = 10;

export function inboxSettings(value: unknown, dataDir: string, where: string): InboxSettings | undefined {
  if (value === undefined) return undefined;
  const inbox = checkObject(value, where, ['folder', 'pollSeconds']);
  return {
    folder: resolve(dataDir, requiredString(inbox.folder, `${where}.folder`, /^[^\u0000]{1,4096}$/)),
    pollSeconds: optionalInteger(inbox.pollSeconds, `${where}.pollSeconds`, 1, 3600) ?? DEFAULT_INBOX_POLL_SECONDS,
  };
}
