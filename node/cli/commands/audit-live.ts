/**
 * Fetches a live node's audit log for `ipex audit verify --node URL --token T` (docs/design.md §7,
 * openapi/office.yaml tag `audit`, auditor role): the latest signed checkpoint first, then the
 * entries' exact JSON texts (`AuditEntry.entry`, the leaf data) page by page up to the
 * checkpoint's size, so entries appended meanwhile are not mistaken for extra ones. Nothing the
 * node sends is trusted: the texts are handed to protocol/audit's verifier as `entries.jsonl`
 * bytes, and the checkpoint is verified with the auditor's trusted key.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { parseCheckpoint } from '../../../protocol/note/checkpoint.js';
import { parseNote } from '../../../protocol/note/signed-note.js';
import type { components } from '../../../protocol/generated/office.js';

type AuditPage = components['schemas']['AuditPage'];

/** What the node served. */
export interface LiveLog {
  readonly checkpoint: string;
  /** The entries up to the checkpoint size as `entries.jsonl` bytes. */
  readonly entries: Buffer;
  /** Indexes the node skipped or repeated (each makes the tree check fail too). */
  readonly gaps: number;
}

const PAGE = 500;
const TIMEOUT_MS = 30_000;

/** The office API base: `URL` itself when it has a path, else `URL/api/v1`. */
export function officeApiBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new IpexError('USAGE', `--node ${JSON.stringify(url)} is not a URL (e.g. http://127.0.0.1:8444)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new IpexError('USAGE', '--node must be an http(s) URL');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.origin}${path === '' ? '/api/v1' : path}`;
}

/**
 * The office a live node says it serves (`GET /status` of its office API). A claim: it only
 * chooses which office's key from the trusted directory the log must verify with.
 */
export async function fetchNodeOffice(url: string, token: string): Promise<string> {
  const base = officeApiBase(url);
  const status = (await get(`${base}/status`, token).then((r) => r.json())) as { office?: unknown };
  if (typeof status.office !== 'string' || !/^[A-Z]{2}$/.test(status.office)) {
    throw new IpexError('PEER_RESPONSE_INVALID', `${base}/status does not name the office the node serves`);
  }
  return status.office;
}

/** Fetches the checkpoint and the entries it covers. */
export async function fetchLiveLog(url: string, token: string): Promise<LiveLog> {
  const base = officeApiBase(url);
  const checkpoint = await get(`${base}/audit/checkpoint`, token).then((r) => r.text());
  let size: number;
  try {
    size = parseCheckpoint(parseNote(checkpoint).text).size;
  } catch (cause) {
    throw new IpexError('CHECKPOINT_MALFORMED', `${base}/audit/checkpoint did not return a checkpoint note`, { cause });
  }
  const lines: string[] = [];
  let gaps = 0;
  let cursor: string | undefined;
  while (lines.length < size) {
    const query = new URLSearchParams({ limit: String(PAGE), ...(cursor === undefined ? {} : { cursor }) });
    const page = (await get(`${base}/audit/entries?${query.toString()}`, token).then((r) => r.json())) as AuditPage;
    if (!Array.isArray(page.items) || page.items.length === 0) break;
    for (const item of page.items) {
      if (lines.length >= size) break;
      if (typeof item.entry !== 'string') throw new IpexError('AUDIT_ENTRY_MALFORMED', `the node sent entry ${item.index} without its text`);
      if (item.index !== lines.length) gaps += 1;
      lines.push(item.entry);
    }
    if (page.nextCursor === undefined || page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  }
  return { checkpoint, entries: Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8'), gaps };
}

async function get(url: string, token: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause) {
    throw new IpexError('PEER_UNREACHABLE', `cannot reach ${url}: ${(cause as Error).message}`, { cause });
  }
  if (response.status === 401) throw new IpexError('AUTH_REQUIRED', `${url} refused the token: give an auditor or admin token (\`ipex token create --role auditor\`)`);
  if (response.status === 403) throw new IpexError('ROLE_NOT_ALLOWED', `${url}: the token's role may not read the audit log; an auditor or admin token is needed`);
  if (!response.ok) throw new IpexError('PEER_ERROR', `${url} answered HTTP ${response.status}`);
  return response;
}
