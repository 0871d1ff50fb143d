/**
 * HTTP Message Signatures (RFC 9421) and Content-Digest (RFC 9530) in the ipex profile;
 * docs/message-signatures.md describes the profile for other implementers.
 */
export { isSignatureAlgorithm, keyFitsAlgorithm, type SignatureAlgorithm } from './algorithms.js';
export {
  componentIdentifier,
  defaultRequestComponents,
  defaultResponseComponents,
  type ComponentId,
} from './components.js';
export {
  contentDigest,
  createContentDigester,
  formatContentDigest,
  parseContentDigest,
  verifyContentDigest,
  type ContentDigester,
  type ContentDigests,
  type DigestAlgorithm,
} from './content-digest.js';
export { staticKeyResolver, type KeyResolver, type ResolvedKey } from './key-resolver.js';
export type { HeaderMap, HeaderValue, HttpRequestMessage, HttpResponseMessage, SignedRequestRecord } from './message.js';
export {
  DEFAULT_MAX_AGE_SECONDS,
  DEFAULT_MAX_FUTURE_SKEW_SECONDS,
  IPEX_SIGNATURE_LABEL,
  IPEX_TAGS,
  NONCE_BYTES,
  generateNonce,
} from './profile.js';
export { MemoryReplayCache, type MemoryReplayCacheOptions, type ReplayCache } from './replay-cache.js';
export { signRequest, signResponse, type SignOptions, type SignResponseOptions, type SignatureHeaders } from './sign.js';
export {
  checkRequestSignature,
  verifyRequest,
  verifyCheckedRequest,
  type CheckedSignature,
  verifyResponse,
  type VerifiedSignature,
  type VerifyOptions,
  type VerifyResponseOptions,
} from './verify.js';
