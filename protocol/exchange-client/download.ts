/**
 * Resumable download of a part (docs/design.md §4 "download streams with HTTP Range"): the bytes go
 * to `<dest>.partial`; after a broken connection the next attempt asks for the rest with
 * `Range: bytes=N-` (RFC 9110 §14.2) and `If-Range` with the part's ETag (its SHA-256), so a
 * changed part comes back whole instead of being spliced. Every attempt is signed afresh.
 * Connection failures, timeouts and 5xx are retried with backoff; a 4xx is not (except 429
 * and 503 with Retry-After). Finally the whole file is hashed as a stream, fsynced and renamed.
 * Bytes that do not hash to the announced SHA-256 are PART_DIGEST_MISMATCH, final: the peer sent
 * other bytes than it certified (issue 10, item 4). Only a file joined from several answers (a
 * resumed download) is fetched whole once more first, since a piece of it may be stale or torn.
 */
import { createReadStream, createWriteStream, existsSync, statSync, truncateSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createHash, timingSafeEqual } from 'node:crypto';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { once } from 'node:events';
import { IpexError, isIpexError } from '../errors/index.js';
import { fsyncDir } from '../files/atomic-write.js';
import { storageFullError } from '../files/storage-full.js';
import type { Clock, RandomSource } from '../runtime/clock.js';
import { backoffDelay, sleep as realSleep, type BackoffOptions } from './backoff.js';
import { parseProblem, parseRetryAfter, PeerError, redactUrl } from './peer-error.js';
import { asPeerFailure, readBody, type RawResponse } from './transport.js';

export interface DownloadOptions {
  /** The part URL on the peer's exchange listener. */
  readonly url: string;
  /** Where the verified part ends up (must not be a folder); `<dest>.partial` is used meanwhile. */
  readonly dest: string;
  /** Size and SHA-256 (lower-case hex) announced by the peer's manifest. */
  readonly expectedSize: number;
  readonly expectedSha256: string;
  /** Called with the bytes held so far (resumed bytes included). */
  readonly onProgress?: (received: number, total: number) => void;
}

export interface DownloadResult {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** HTTP requests it took (1 without failures). */
  readonly requests: number;
  /** Bytes that came from an earlier, interrupted attempt. */
  readonly resumedFrom: number;
}

/** The signing sender the download uses (ExchangeClient.send). */
export interface SignedSender {
  send(method: string, url: string, headers: Record<string, string>): Promise<{ raw: RawResponse }>;
}

export interface DownloadPolicy {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly attempts: number;
  readonly backoff: BackoffOptions;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Bound on a Retry-After we honour inside one download (longer waits go back to the job). */
const MAX_INLINE_WAIT_S = 120;

export async function downloadToFile(sender: SignedSender, options: DownloadOptions, policy: DownloadPolicy): Promise<DownloadResult> {
  const { url, dest, expectedSize, expectedSha256 } = options;
  if (!/^[0-9a-f]{64}$/.test(expectedSha256)) throw new IpexError('INVALID_INPUT', 'expectedSha256 is not 64 lower-case hex digits');
  if (!Number.isSafeInteger(expectedSize) || expectedSize < 0) throw new IpexError('INVALID_INPUT', 'expectedSize is not a non-negative integer');
  const partial = `${dest}.partial`;
  const etag = `"${expectedSha256}"`;
  const wait = policy.sleep ?? realSleep;
  const initial = existsSync(partial) ? statSync(partial).size : 0;
  let requests = 0;

  /** Fills `partial` up to the announced size, resuming and retrying; true when it was joined from several answers. */
  const fetchAll = async (): Promise<boolean> => {
    let lastError: IpexError | undefined;
    let joined = false;
    for (let attempt = 0; attempt < policy.attempts; attempt += 1) {
      let offset = existsSync(partial) ? statSync(partial).size : 0;
      if (offset > expectedSize) {
        truncateSync(partial, 0); // more than announced: not ours to keep
        offset = 0;
      }
      if (offset === expectedSize && expectedSize > 0) return true; // complete from earlier answers
      try {
        requests += 1;
        joined = (await fetchInto(sender, url, partial, offset, etag, expectedSize, options.onProgress, policy.clock)) > 0;
        break;
      } catch (err) {
        const failure = asPeerFailure(err, url);
        lastError = failure;
        const delay = retryDelay(failure, attempt, policy);
        if (delay === undefined || attempt + 1 >= policy.attempts) throw failure;
        await wait(delay);
      }
    }
    if (!existsSync(partial)) throw lastError ?? new IpexError('DOWNLOAD_INCOMPLETE', `nothing was downloaded from ${redactUrl(url)}`);
    return joined;
  };

  const joined = await fetchAll();
  try {
    return await finish(partial, dest, options, requests, initial);
  } catch (err) {
    if (!joined || !isIpexError(err, 'PART_DIGEST_MISMATCH')) throw err;
  }
  await fetchAll(); // finish() removed the joined bytes: one whole answer decides
  return finish(partial, dest, options, requests, initial);
}

/** Milliseconds to wait before the next attempt, or undefined when the failure is final. */
function retryDelay(err: IpexError, attempt: number, policy: DownloadPolicy): number | undefined {
  if (err instanceof PeerError) {
    if (err.peerStatus === 429 || err.peerStatus === 503) {
      if (err.retryAfterSeconds !== undefined) return err.retryAfterSeconds <= MAX_INLINE_WAIT_S ? err.retryAfterSeconds * 1000 : undefined;
      return backoffDelay(attempt, policy.random, policy.backoff);
    }
    return err.peerStatus >= 500 ? backoffDelay(attempt, policy.random, policy.backoff) : undefined;
  }
  if (isIpexError(err, 'PEER_UNREACHABLE') || isIpexError(err, 'PEER_TIMEOUT') || isIpexError(err, 'DOWNLOAD_INCOMPLETE')) {
    return backoffDelay(attempt, policy.random, policy.backoff);
  }
  return undefined;
}

/** One request for the rest of the part into `partial`; resolves with the offset the answer started at. */
async function fetchInto(
  sender: SignedSender, url: string, partial: string, offset: number, etag: string, total: number,
  onProgress: DownloadOptions['onProgress'], clock: Clock,
): Promise<number> {
  const headers: Record<string, string> = { Accept: '*/*' };
  if (offset > 0) {
    headers.Range = `bytes=${offset}-`;
    headers['If-Range'] = etag;
  }
  const { raw } = await sender.send('GET', url, headers);
  if (raw.status >= 400) {
    const body = await readBody(raw, 64 * 1024, url).catch(() => Buffer.alloc(0));
    if (raw.status === 416) {
      truncateSync(partial, 0); // our partial file does not fit the peer's part: start again
      throw new IpexError('DOWNLOAD_INCOMPLETE', `the peer refused range ${offset}- of ${redactUrl(url)}; starting again`);
    }
    throw new PeerError(raw.status, parseProblem(body), url, parseRetryAfter(raw.headers['retry-after'], clock.now()));
  }
  let start: number;
  if (raw.status === 206) {
    const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(raw.headers['content-range'] ?? ''));
    if (match === null || Number(match[1]) !== offset || (match[3] !== '*' && Number(match[3]) !== total)) {
      raw.body.destroy();
      throw new IpexError('PEER_RESPONSE_INVALID', `the peer sent Content-Range ${JSON.stringify(String(raw.headers['content-range']).slice(0, 60))} for range ${offset}- of a ${total}-byte part`);
    }
    start = offset;
  } else if (raw.status === 200) {
    start = 0; // the whole part (no range asked, or If-Range did not match)
  } else {
    raw.body.destroy();
    throw new IpexError('PEER_RESPONSE_INVALID', `the peer answered ${raw.status} to a part download`);
  }
  let received = start;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > total) return done(new IpexError('PEER_RESPONSE_INVALID', `the peer sent more than the announced ${total} bytes`));
      onProgress?.(received, total);
      done(null, chunk);
    },
  });
  if (start === 0 && existsSync(partial)) truncateSync(partial, 0);
  const out = createWriteStream(partial, { flags: 'a' });
  try {
    await pipeline(raw.body, limit, out);
  } catch (err) {
    // A write still in flight lands after the error; the next attempt's Range must start after it.
    if (!out.closed) await once(out, 'close');
    // Our own disk filling up is not the peer's fault: the bytes so far are kept for a resume.
    throw storageFullError(err, partial) ?? asPeerFailure(err, url);
  }
  if (received !== total) {
    throw new IpexError('DOWNLOAD_INCOMPLETE', `${received} of ${total} bytes arrived from ${redactUrl(url)}`);
  }
  return start;
}

async function finish(partial: string, dest: string, options: DownloadOptions, requests: number, resumedFrom: number): Promise<DownloadResult> {
  const size = statSync(partial).size;
  const hash = createHash('sha256');
  await pipeline(createReadStream(partial), hash);
  const digest = hash.digest();
  const expected = Buffer.from(options.expectedSha256, 'hex');
  if (size !== options.expectedSize || !timingSafeEqual(digest, expected)) {
    await rm(partial, { force: true }); // wrong bytes: never resume from them
    throw new IpexError('PART_DIGEST_MISMATCH', `the part from ${redactUrl(options.url)} has ${size} bytes with SHA-256 ${digest.toString('hex')}, not the announced ${options.expectedSize} bytes with ${options.expectedSha256}`);
  }
  const fd = await open(partial, 'r+');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
  await rename(partial, options.dest);
  fsyncDir(dirname(dest));
  return { path: dest, size, sha256: options.expectedSha256, requests, resumedFrom };
}
