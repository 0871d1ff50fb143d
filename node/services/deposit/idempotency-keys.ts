/**
 * Idempotency keys of the office API's deposit operations (issue 15, migration 019;
 * docs/e-filing.md "Idempotency keys"): an office's e-filing system that retries a call whose
 * answer it lost gets the first answer again instead of a second draft, and the one answer that
 * carries an access code and an applicant key (the commit) is not lost to a dropped connection.
 *
 * A key is reserved (a `pending` row) before the request runs, in the same group-committed
 * transaction that looks it up, so two requests in flight with one key cannot both run: the
 * second is IDEMPOTENCY_KEY_IN_USE (a reservation left by a process that stopped lapses after five
 * minutes). A successful answer is stored durably before it is sent; a
 * refused request frees its key (it changed nothing, so running it again is safe). The same key
 * with another method, path or body is IDEMPOTENCY_KEY_MISMATCH. Keys are per office and kept
 * 24 hours.
 *
 * The stored answer may hold an access code and an applicant key, which the node otherwise keeps
 * only as hashes: it is sealed with AES-256-GCM under a key derived (HKDF) from the node secret
 * `identity/access-code.key` and the idempotency key, whose SHA-256 alone is stored — the
 * database alone never reveals it, and only a caller presenting the key gets it back.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import { canonicalJson } from '../../../protocol/encoding/canonical-json.js';
import { groupCommitFor } from '../../storage/group-commit.js';
import { prepared, type DepositDeps } from './deposit-deps.js';

/** How long a key is remembered after its first use. */
export const IDEMPOTENCY_KEY_HOURS = 24;
/** A reservation this old belongs to a request that will never answer (no deposit call takes minutes). */
const ABANDONED_AFTER_MS = 5 * 60_000;
/** 8–255 characters of letters, digits and `. _ : -`; a UUID fits. Quotes around it (RFC 8941 string, as the IETF draft writes it) are allowed. */
const KEY = /^"?([A-Za-z0-9._:-]{8,255})"?$/;

/** What a request is, for telling a retry from another request under the same key. */
export interface IdempotentRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** An answer to store and replay. */
export interface StoredAnswer {
  readonly status: number;
  readonly location?: string;
  readonly body: unknown;
}

interface Row { request_sha256: string; state: 'pending' | 'done'; response: Buffer | null }

/** The key of an `Idempotency-Key` header; INVALID_INPUT when it is not one. */
export function idempotencyKey(header: string): string {
  const match = KEY.exec(header);
  if (match === null || (header.startsWith('"') !== header.endsWith('"'))) {
    throw new IpexError('INVALID_INPUT', 'Idempotency-Key must be 8–255 characters of letters, digits and . _ : - (a UUID, or the id of the filing in your system)');
  }
  return match[1]!;
}

export class IdempotencyKeys {
  readonly #deps: DepositDeps;

  constructor(deps: DepositDeps) {
    this.#deps = deps;
  }

  /**
   * Runs `work` once per key: the first answer again (`replayed`) for a retry, or the refusal.
   * @throws IpexError IDEMPOTENCY_KEY_MISMATCH, IDEMPOTENCY_KEY_IN_USE, or whatever `work` throws
   */
  async run(key: string, request: IdempotentRequest, work: () => Promise<StoredAnswer>): Promise<StoredAnswer & { replayed: boolean }> {
    const { db, office, clock } = this.#deps;
    const keySha = sha256(key);
    const requestSha = sha256(`${request.method}\n${request.path}\n${request.body === undefined ? '' : canonicalJson(request.body)}`);
    const found = await groupCommitFor(db).run(() => {
      const now = clock.now();
      // Expired keys, and reservations of requests that died with their process (a node stopped
      // mid-request; several processes may share a PostgreSQL database, so none can clear all).
      prepared(db, "DELETE FROM idempotency_keys WHERE expires_at <= ? OR (state = 'pending' AND created_at <= ?)")
        .run(now.toISOString(), new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString());
      const row = prepared(db, 'SELECT request_sha256, state, response FROM idempotency_keys WHERE office = ? AND key_sha256 = ?').get(office, keySha) as Row | undefined;
      if (row !== undefined) return row;
      const expires = new Date(now.getTime() + IDEMPOTENCY_KEY_HOURS * 3_600_000).toISOString();
      prepared(db, "INSERT INTO idempotency_keys (office, key_sha256, request_sha256, state, created_at, expires_at) VALUES (?, ?, ?, 'pending', ?, ?)")
        .run(office, keySha, requestSha, now.toISOString(), expires);
      return undefined;
    });
    if (found !== undefined) {
      if (found.request_sha256 !== requestSha) {
        throw new IpexError('IDEMPOTENCY_KEY_MISMATCH', `this Idempotency-Key was used within the last ${IDEMPOTENCY_KEY_HOURS} hours for another request (method, path or body): a new request needs a new key`);
      }
      if (found.state === 'pending') throw new IpexError('IDEMPOTENCY_KEY_IN_USE', 'a request with this Idempotency-Key is still being answered: retry in a moment to get its answer');
      return { ...this.#open(key, keySha, Buffer.from(found.response!)), replayed: true };
    }
    let answer: StoredAnswer;
    try {
      answer = await work();
    } catch (err) {
      // Refused: nothing was done, so the key is free for the corrected request or a retry.
      await groupCommitFor(db).run(() => prepared(db, "DELETE FROM idempotency_keys WHERE office = ? AND key_sha256 = ? AND state = 'pending'").run(office, keySha));
      throw err;
    }
    // Durable before it is sent: a retry after a lost answer finds it.
    const sealed = this.#seal(key, keySha, answer);
    await groupCommitFor(db).run(() => prepared(db, "UPDATE idempotency_keys SET state = 'done', response = ? WHERE office = ? AND key_sha256 = ?").run(sealed, office, keySha));
    return { ...answer, replayed: false };
  }

  #cipherKey(key: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#deps.accessCodeKey(), 'ipex idempotency answer v1', `${this.#deps.office}\n${key}`, 32));
  }

  #seal(key: string, keySha: string, answer: StoredAnswer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#cipherKey(key), iv);
    cipher.setAAD(Buffer.from(keySha));
    const text = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), text]);
  }

  #open(key: string, keySha: string, sealed: Buffer): StoredAnswer {
    const decipher = createDecipheriv('aes-256-gcm', this.#cipherKey(key), sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(keySha));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as StoredAnswer;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
