/**
 * Detached CMS (RFC 5652) signatures of document parts: signing in cms-sign.ts, verification
 * in cms-verify.ts. Each part of a certified copy has one, as `parts/<name>.p7s`.
 */
export { signDigestDetached, signPartDetached, type SignPartOptions } from './cms-sign.js';
export { verifyPartDetached, MAX_P7S_SIZE, type VerifyPartOptions, type PartSigner } from './cms-verify.js';
