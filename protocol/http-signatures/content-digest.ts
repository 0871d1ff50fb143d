/**
 * Content-Digest (RFC 9530 §2): the digest of the message content, as a Structured Field
 * Dictionary `sha-256=:<base64>:`. ipex writes `sha-256`; it accepts `sha-256` and `sha-512`
 * (the two "Active" algorithms of the RFC 9530 §5 registry) and ignores the others, including the
 * deprecated ones (md5, sha, unixsum, …), as §2 allows.
 *
 * The digest is what the HTTP message signature covers, so the signature binds the body; bodies
 * of any size are digested as a stream (docs/design.md §9), never held whole.
 */
import { createHash, timingSafeEqual, type Hash } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { parseDictionary } from './structured-fields-parse.js';
import { serialiseDictionary } from './structured-fields-serialise.js';
import { sfBytes, StructuredFieldError } from './structured-fields.js';

/** The Content-Digest algorithms ipex accepts (RFC 9530 §5). */
export type DigestAlgorithm = 'sha-256' | 'sha-512';

/** Digests of one body by algorithm; what a streaming digester produces. */
export type ContentDigests = Partial<Record<DigestAlgorithm, Buffer>>;

const NODE_HASH: Readonly<Record<DigestAlgorithm, { name: string; length: number }>> = {
  'sha-256': { name: 'sha256', length: 32 },
  'sha-512': { name: 'sha512', length: 64 },
};

function isDigestAlgorithm(name: string): name is DigestAlgorithm {
  return Object.prototype.hasOwnProperty.call(NODE_HASH, name);
}

/** The Content-Digest field value for digests already computed. */
export function formatContentDigest(digests: ContentDigests): string {
  const dict = new Map<string, ReturnType<typeof sfBytes>>();
  for (const algorithm of ['sha-256', 'sha-512'] as const) {
    const digest = digests[algorithm];
    if (digest !== undefined) dict.set(algorithm, sfBytes(digest));
  }
  return serialiseDictionary(dict);
}

/**
 * The Content-Digest field value of a body held in memory.
 *
 * @example contentDigest(Buffer.from('{"hello": "world"}'))
 * // 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'  (RFC 9530 Appendix B.1)
 */
export function contentDigest(body: Uint8Array, algorithms: readonly DigestAlgorithm[] = ['sha-256']): string {
  const digester = createContentDigester(algorithms);
  digester.update(body);
  return digester.header();
}

/** A digester fed chunk by chunk, for streamed bodies. */
export interface ContentDigester {
  update(chunk: Uint8Array): void;
  /** The digests; ends the digester. */
  digests(): ContentDigests;
  /** The Content-Digest field value; ends the digester. */
  header(): string;
}

/** Starts a streaming digester over `algorithms` (default `sha-256`). */
export function createContentDigester(algorithms: readonly DigestAlgorithm[] = ['sha-256']): ContentDigester {
  const hashes = new Map<DigestAlgorithm, Hash>(algorithms.map((a) => [a, createHash(NODE_HASH[a].name)]));
  let result: ContentDigests | undefined;
  const finish = (): ContentDigests => {
    if (result === undefined) {
      const out: ContentDigests = {};
      for (const [algorithm, hash] of hashes) out[algorithm] = hash.digest();
      result = out;
    }
    return result;
  };
  return {
    update(chunk) {
      if (result !== undefined) throw new Error('content digester already finished');
      for (const hash of hashes.values()) hash.update(chunk);
    },
    digests: finish,
    header: () => formatContentDigest(finish()),
  };
}

/**
 * Reads a Content-Digest field (attacker-controlled). Unknown algorithms are ignored; a known
 * algorithm whose value is not a byte sequence of the right length makes the field invalid.
 *
 * @throws IpexError DIGEST_MISMATCH when the field is not a valid Dictionary.
 */
export function parseContentDigest(field: string | readonly string[]): ContentDigests {
  let dict;
  try {
    dict = parseDictionary(field);
  } catch (err) {
    if (err instanceof StructuredFieldError) {
      throw new IpexError('DIGEST_MISMATCH', `Content-Digest is malformed: ${err.message}`, { cause: err });
    }
    throw err;
  }
  const out: ContentDigests = {};
  for (const [name, member] of dict) {
    if (!isDigestAlgorithm(name)) continue;
    if (member.kind !== 'item' || member.value.type !== 'bytes' || member.value.value.length !== NODE_HASH[name].length) {
      throw new IpexError('DIGEST_MISMATCH', `Content-Digest ${name} is not a ${NODE_HASH[name].length}-byte sequence`);
    }
    out[name] = member.value.value;
  }
  return out;
}

/**
 * Checks a Content-Digest field against the body, or against digests computed while streaming
 * it. At least one algorithm must be known to both sides, and every such one must match.
 *
 * @throws IpexError DIGEST_MISMATCH when the field is missing, malformed, names no accepted
 *   algorithm, or does not match.
 */
export function verifyContentDigest(
  field: string | readonly string[] | undefined,
  bodyOrDigests: Uint8Array | ContentDigests,
): void {
  if (field === undefined || field.length === 0) throw new IpexError('DIGEST_MISMATCH', 'Content-Digest is missing');
  const claimed = parseContentDigest(field);
  const claimedAlgorithms = (Object.keys(claimed) as DigestAlgorithm[]).filter((a) => claimed[a] !== undefined);
  const actual: ContentDigests =
    bodyOrDigests instanceof Uint8Array
      ? createContentDigesterWith(claimedAlgorithms, bodyOrDigests)
      : bodyOrDigests;
  let compared = 0;
  for (const algorithm of claimedAlgorithms) {
    const expected = claimed[algorithm];
    const computed = actual[algorithm];
    if (expected === undefined || computed === undefined) continue;
    compared++;
    if (computed.length !== expected.length || !timingSafeEqual(computed, expected)) {
      throw new IpexError('DIGEST_MISMATCH', `Content-Digest ${algorithm} does not match the body`);
    }
  }
  if (compared === 0) throw new IpexError('DIGEST_MISMATCH', 'Content-Digest names no algorithm in common (sha-256, sha-512)');
}

function createContentDigesterWith(algorithms: readonly DigestAlgorithm[], body: Uint8Array): ContentDigests {
  const digester = createContentDigester(algorithms);
  digester.update(body);
  return digester.digests();
}
