/**
 * X.509 certification path validation for ipex (RFC 5280 §6, docs/design.md §3), explicit and in a
 * fixed order, each failure with its own code:
 *
 *   1. parse every input                                  CERT_MALFORMED
 *   2. leaf key in the allowlist                          CERT_ALGORITHM_NOT_ALLOWED
 *   3. leaf not self-signed                               CERT_SELF_SIGNED
 *   4. build the path to an anchor (name + signature,     CERT_UNTRUSTED, CERT_SIGNATURE_INVALID,
 *      anchor by exact DER), keys and signatures allowed  CERT_ALGORITHM_NOT_ALLOWED
 *   5. validity of every certificate at `at`              CERT_EXPIRED, CERT_NOT_YET_VALID
 *   6. no unknown critical extension                      CERT_MALFORMED
 *   7. basicConstraints / keyCertSign, pathLen            CERT_BASIC_CONSTRAINTS
 *   8. leaf keyUsage and extendedKeyUsage (CERT_PROFILES) CERT_KEY_USAGE, CERT_EKU
 *   9. role binding: an office certificate one           CERT_OFFICE_MISMATCH,
 *      urn:ipex:office:XX, the directory certificate     CERT_ROLE_MISMATCH
 *      urn:ipex:directory, never both
 *  10. revocation, per issuer                             CRL_MISSING, CRL_SIGNATURE_INVALID,
 *                                                         CRL_EXPIRED, CERT_REVOKED
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { isSt3Code } from '../st3/index.js';
import { publicKeyProblem } from './cert-algorithms.js';
import {
  basicConstraints, extendedKeyUsages, keyUsageBits, parseCertificate, sanUris, unknownCriticalExtensions,
  type CertificateInput, type ParsedCertificate,
} from './cert-input.js';
import { buildChain, isSelfSigned } from './chain-builder.js';
import { isRevoked, parseCrl, verifyCrl, type ParsedCrl } from './crl.js';
import { sameBytes } from './der.js';
import { CERT_PROFILES, DIRECTORY_URI, EKU, LEGACY_DIRECTORY_EKU, OFFICE_URI_PREFIX } from './profile.js';

/** What a certificate is being accepted for. */
export type CertificatePurpose = 'tls-server' | 'tls-client' | 'signing' | 'directory';

export interface ValidatePathOptions {
  readonly leaf: CertificateInput | ParsedCertificate;
  readonly intermediates?: readonly (CertificateInput | ParsedCertificate)[];
  /** The network roots, trusted by exact DER equality. */
  readonly trustAnchors: readonly (CertificateInput | ParsedCertificate)[];
  readonly purpose: CertificatePurpose;
  /** The moment of validation (from the injected Clock). */
  readonly at: Date;
  /** When given, the leaf must bind exactly this ST.3 code. */
  readonly officeCode?: string;
  /** CRLs (PEM, DER or parsed); each applies to the CA whose subject it names. */
  readonly crls?: readonly (string | Uint8Array | ParsedCrl)[];
  /** Refuse when a CA in the path has no CRL among `crls`. */
  readonly requireCrl?: boolean;
}

export interface ValidatedPath {
  /** [leaf, …intermediates, anchor]. */
  readonly chain: ParsedCertificate[];
  /** The ST.3 code the leaf binds (absent for the directory certificate). */
  readonly officeCode?: string;
  /** Lowercase hex SHA-256 of the leaf DER: the fingerprint the directory lists. */
  readonly leafSha256: string;
}

/**
 * Per purpose: the profile, the EKU that must be present (the first of `eku` found decides),
 * whether Ed25519 is allowed, and the role the subjectAltName URI must bind. The directory
 * purpose also accepts the legacy EKU of directory certificates issued before issue 10.
 */
const PROFILE_OF = {
  'tls-server': { profile: CERT_PROFILES.tls, eku: [EKU.serverAuth], ed25519: false, role: 'office' },
  'tls-client': { profile: CERT_PROFILES.tls, eku: [EKU.clientAuth], ed25519: false, role: 'office' },
  signing: { profile: CERT_PROFILES.signing, eku: [EKU.documentSigning], ed25519: true, role: 'office' },
  directory: { profile: CERT_PROFILES.directory, eku: [EKU.documentSigning, LEGACY_DIRECTORY_EKU], ed25519: false, role: 'directory' },
} as const;

/**
 * Validates `leaf` for `purpose` at `at`. Resolves with the path, or rejects with an IpexError
 * whose code names the first failed check (see the module comment for the order).
 */
export async function validatePath(options: ValidatePathOptions): Promise<ValidatedPath> {
  const rule = PROFILE_OF[options.purpose];
  if (rule === undefined) throw new IpexError('INVALID_INPUT', `unknown certificate purpose ${String(options.purpose)}`);
  const leaf = parseCertificate(options.leaf, 'leaf certificate');
  const intermediates = (options.intermediates ?? []).map((c) => parseCertificate(c, 'intermediate certificate'));
  const anchors = options.trustAnchors.map((c) => parseCertificate(c, 'trust anchor'));

  const keyProblem = publicKeyProblem(leaf.node.publicKey, rule.ed25519);
  if (keyProblem !== undefined) throw new IpexError('CERT_ALGORITHM_NOT_ALLOWED', `leaf certificate: ${keyProblem}`);
  if (isSelfSigned(leaf)) throw new IpexError('CERT_SELF_SIGNED', `"${leaf.subject}" is self-signed; only a network root may be`);

  const chain = buildChain(leaf, intermediates, anchors);
  for (const cert of chain.slice(1)) {
    const problem = publicKeyProblem(cert.node.publicKey, false);
    if (problem !== undefined) throw new IpexError('CERT_ALGORITHM_NOT_ALLOWED', `CA "${cert.subject}": ${problem}`);
  }
  for (const cert of chain) checkValidity(cert, options.at);
  for (const cert of chain) {
    const unknown = unknownCriticalExtensions(cert);
    if (unknown.length > 0) throw new IpexError('CERT_MALFORMED', `"${cert.subject}" has unrecognised critical extensions ${unknown.join(', ')}`);
  }
  checkBasicConstraints(chain);
  const eku = checkLeafUsage(leaf, rule.profile.keyUsage, rule.eku);
  const officeCode = rule.role === 'directory'
    ? checkDirectoryBinding(leaf, eku === LEGACY_DIRECTORY_EKU)
    : checkOffice(leaf, options.officeCode);
  checkRevocation(chain, options.crls ?? [], options.requireCrl === true, options.at);

  return {
    chain,
    leafSha256: createHash('sha256').update(leaf.der).digest('hex'),
    ...(officeCode === undefined ? {} : { officeCode }),
  };
}

function checkValidity(cert: ParsedCertificate, at: Date): void {
  const t = at.getTime();
  if (t < cert.notBefore.getTime()) {
    throw new IpexError('CERT_NOT_YET_VALID', `"${cert.subject}" is valid only from ${cert.notBefore.toISOString()}`);
  }
  if (t > cert.notAfter.getTime()) {
    throw new IpexError('CERT_EXPIRED', `"${cert.subject}" expired at ${cert.notAfter.toISOString()}`);
  }
}

function checkBasicConstraints(chain: readonly ParsedCertificate[]): void {
  const leaf = chain[0]!;
  if (basicConstraints(leaf).ca) throw new IpexError('CERT_BASIC_CONSTRAINTS', `leaf "${leaf.subject}" is a CA certificate`);
  chain.slice(1).forEach((ca, index) => {
    const bc = basicConstraints(ca);
    if (!bc.ca) throw new IpexError('CERT_BASIC_CONSTRAINTS', `issuer "${ca.subject}" is not a CA (basicConstraints)`);
    if (!(keyUsageBits(ca)?.has('keyCertSign') ?? false)) {
      throw new IpexError('CERT_BASIC_CONSTRAINTS', `issuer "${ca.subject}" may not sign certificates (keyCertSign)`);
    }
    // index = number of CA certificates between this one and the leaf.
    if (bc.pathLength !== undefined && index > bc.pathLength) {
      throw new IpexError('CERT_BASIC_CONSTRAINTS', `issuer "${ca.subject}" allows a path of ${bc.pathLength} intermediates at most`);
    }
  });
}

/** Checks keyUsage and EKU; returns the EKU of `accepted` that the leaf carries. */
function checkLeafUsage(leaf: ParsedCertificate, required: readonly string[], accepted: readonly string[]): string {
  const usage = keyUsageBits(leaf);
  if (usage === undefined) throw new IpexError('CERT_KEY_USAGE', `"${leaf.subject}" has no keyUsage extension`);
  const missing = required.filter((name) => !usage.has(name));
  if (missing.length > 0) throw new IpexError('CERT_KEY_USAGE', `"${leaf.subject}" lacks keyUsage ${missing.join(', ')}`);
  if (usage.has('keyCertSign') || usage.has('cRLSign')) {
    throw new IpexError('CERT_KEY_USAGE', `leaf "${leaf.subject}" carries CA key usages (keyCertSign/cRLSign)`);
  }
  const ekus = extendedKeyUsages(leaf) ?? [];
  const found = accepted.find((oid) => ekus.includes(oid));
  if (found === undefined) {
    throw new IpexError('CERT_EKU', `"${leaf.subject}" does not carry the extended key usage ${accepted[0]!}`);
  }
  return found;
}

/**
 * The directory purpose: exactly one urn:ipex:directory URI and no office URI, so that no
 * office certificate (which also carries documentSigning) can sign a directory. A legacy
 * directory certificate (old EKU, issued before the URI existed) needs no URI but still no office.
 */
function checkDirectoryBinding(leaf: ParsedCertificate, legacy: boolean): undefined {
  const uris = sanUris(leaf);
  if (uris.some((uri) => uri.startsWith(OFFICE_URI_PREFIX))) {
    throw new IpexError('CERT_ROLE_MISMATCH', `"${leaf.subject}" is an office certificate (urn:ipex:office); it may not sign the directory`);
  }
  const bindings = uris.filter((uri) => uri === DIRECTORY_URI).length;
  if (bindings !== 1 && !(legacy && bindings === 0)) {
    throw new IpexError('CERT_ROLE_MISMATCH', `"${leaf.subject}" does not carry exactly one ${DIRECTORY_URI} URI; only the network's directory certificate may sign the directory`);
  }
  return undefined;
}

/** Office purposes: exactly one urn:ipex:office URI with an ST.3 code, and never the directory URI. */
function checkOffice(leaf: ParsedCertificate, expected: string | undefined): string {
  const all = sanUris(leaf);
  if (all.includes(DIRECTORY_URI)) {
    throw new IpexError('CERT_ROLE_MISMATCH', `"${leaf.subject}" is the network's directory certificate (${DIRECTORY_URI}), not an office certificate`);
  }
  const uris = all.filter((uri) => uri.startsWith(OFFICE_URI_PREFIX));
  if (uris.length !== 1) {
    throw new IpexError('CERT_OFFICE_MISMATCH', `"${leaf.subject}" binds ${uris.length} offices; exactly one urn:ipex:office URI is required`);
  }
  const code = uris[0]!.slice(OFFICE_URI_PREFIX.length);
  if (!isSt3Code(code)) throw new IpexError('CERT_OFFICE_MISMATCH', `"${leaf.subject}" binds "${code}", which is not an ST.3 code`);
  if (expected !== undefined && code !== expected) {
    throw new IpexError('CERT_OFFICE_MISMATCH', `the certificate belongs to office ${code}, not ${expected}`);
  }
  return code;
}

function checkRevocation(chain: readonly ParsedCertificate[], crlInputs: readonly (string | Uint8Array | ParsedCrl)[], required: boolean, at: Date): void {
  const crls = crlInputs.map((crl) => parseCrl(crl));
  for (let i = 0; i < chain.length - 1; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    const forIssuer = crls.filter((crl) => sameBytes(crl.parts.issuer, issuer.parts.subject ?? new Uint8Array()));
    if (forIssuer.length === 0) {
      if (required) throw new IpexError('CRL_MISSING', `no CRL from "${issuer.subject}" is available`);
      continue;
    }
    for (const crl of forIssuer) {
      verifyCrl(crl, issuer, at);
      if (isRevoked(crl, cert.serialNumber)) {
        throw new IpexError('CERT_REVOKED', `"${cert.subject}" (serial ${cert.serialNumber}) is revoked`);
      }
    }
  }
}
