/**
 * The signed directory of participating offices (docs/design.md §3, docs/trust.md): format,
 * signing by the network operator, verification by every node, and lookups.
 */
export * from './format.js';
export { signDirectory, type DirectorySigner } from './sign.js';
export { verifyDirectory, MAX_DIRECTORY_LENGTH, ISSUED_AT_SKEW_MS, type VerifyDirectoryOptions } from './verify.js';
export { DIRECTORY_ALGORITHMS, DIRECTORY_TYP, algorithmFitsKey, algorithmForKey, type DirectoryAlgorithm } from './algorithms.js';
export { crlSummary } from './crl-summary.js';
