/** The node's trust service: installed directory and CRL, office status, peer certificates. */
export { DirectoryStore, pemCertificates, type DirectoryStoreOptions, type InstalledDirectory } from './directory-store.js';
export { TrustService, signatureAlgorithmFor, type TrustServiceOptions, type VerifyPeerOptions, type VerifiedPeer } from './trust-service.js';
