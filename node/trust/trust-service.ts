/**
 * Trust decisions of a node, taken from the installed directory (docs/design.md §3, docs/trust.md):
 * which offices exist and may act in which role, whether a peer certificate is acceptable
 * (path validation against the network root with the published CRL, then the certificate's
 * SHA-256 must be listed for that office and use), and the keys of HTTP message signatures.
 * During a rotation an office lists two certificates of the same use; both are accepted.
 *
 * Decisions are kept for the installed directory's lifetime (issue 14: an exchange request asked
 * for them several times over): the offices by code, which office lists a signing key, and each
 * peer TLS certificate that passed validation. They are dropped as soon as the store hands out
 * another directory — a new directory or CRL installed, or the periodic re-verification — so a
 * revocation takes effect with the next request, also on a kept-alive connection.
 */
import { createHash, type KeyObject } from 'node:crypto';
import type { DirectoryOffice, OfficeRole } from '../../protocol/directory/index.js';
import { IpexError } from '../../protocol/errors/index.js';
import type { KeyResolver, ResolvedKey } from '../../protocol/http-signatures/index.js';
import type { SignatureAlgorithm } from '../../protocol/http-signatures/algorithms.js';
import type { CertificateInput, ParsedCertificate } from '../../protocol/pki/cert-input.js';
import { validatePath, type CertificatePurpose } from '../../protocol/pki/path-validation.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import type { DirectoryStore, InstalledDirectory } from './directory-store.js';

export interface TrustServiceOptions {
  readonly store: DirectoryStore;
  readonly clock: Clock;
  /** Told once per directory this service has not seen yet (for the audit log). */
  readonly onDirectory?: (installed: InstalledDirectory) => void;
}

export interface VerifyPeerOptions {
  readonly use: 'tls' | 'signing';
  /** When given, the certificate must bind this office. */
  readonly officeCode?: string;
  readonly purpose: CertificatePurpose;
  readonly intermediates?: readonly CertificateInput[];
}

/** `refreshed`: the caller has just called {@link TrustService.refresh} for this request (one look at the files). */
export interface DecisionOptions {
  readonly refreshed?: boolean;
}

export interface VerifiedPeer {
  readonly office: DirectoryOffice;
  /** Lowercase hex SHA-256 of the certificate DER: the key id of its signatures. */
  readonly sha256: string;
  readonly chain: readonly ParsedCertificate[];
  readonly publicKey: KeyObject;
}

const PURPOSES_OF_USE = { tls: ['tls-server', 'tls-client'], signing: ['signing'] } as const;

/** The RFC 9421 algorithm registered for a signing key (never taken from the message). */
export function signatureAlgorithmFor(key: KeyObject): SignatureAlgorithm | undefined {
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (type === 'ec' && curve === 'prime256v1') return 'ecdsa-p256-sha256';
  if (type === 'ec' && curve === 'secp384r1') return 'ecdsa-p384-sha384';
  if (type === 'rsa' || type === 'rsa-pss') return 'rsa-pss-sha512';
  if (type === 'ed25519') return 'ed25519';
  return undefined;
}

export class TrustService {
  readonly #store: DirectoryStore;
  readonly #clock: Clock;
  /** Signing certificates that passed verifyPeerCertificate, by SHA-256. */
  readonly #signingKeys = new Map<string, { officeCode: string; key: ResolvedKey; notAfter: number; serial: string }>();
  #offices: ReadonlyMap<string, DirectoryOffice> = new Map();
  /** The directory the decisions below were taken from. */
  #decidedFor: InstalledDirectory | undefined;
  /** Signing key id → the office that lists it, for the current directory. */
  #signingKeyOffices: ReadonlyMap<string, DirectoryOffice> = new Map();
  /** TLS client certificates (by SHA-256) that passed validation, until when they stay valid. */
  readonly #tlsClients = new Map<string, { office: string; until: number }>();

  readonly #onDirectory: ((installed: InstalledDirectory) => void) | undefined;
  #seenSerial: number | undefined;

  constructor(options: TrustServiceOptions) {
    this.#store = options.store;
    this.#clock = options.clock;
    this.#onDirectory = options.onDirectory;
  }

  /**
   * Reloads the installed directory (verified at the clock's time) and drops every cached
   * signing key that is no longer listed for an active office or is now revoked.
   */
  async refresh(): Promise<InstalledDirectory> {
    const installed = await this.#store.current();
    if (installed === this.#decidedFor) return installed; // the same verified files: the same decisions
    const { directory, crl } = installed;
    if (directory.serial !== this.#seenSerial) {
      this.#seenSerial = directory.serial;
      this.#onDirectory?.(installed);
    }
    this.#decidedFor = installed;
    this.#offices = new Map(directory.offices.map((o) => [o.code, o]));
    const keyOffices = new Map<string, DirectoryOffice>();
    for (const o of directory.offices) for (const c of o.certificates) if (c.use === 'signing' && !keyOffices.has(c.sha256)) keyOffices.set(c.sha256, o);
    this.#signingKeyOffices = keyOffices;
    this.#tlsClients.clear();
    for (const [sha256, entry] of this.#signingKeys) {
      const office = this.#offices.get(entry.officeCode);
      const listed = office?.status === 'active' && office.certificates.some((c) => c.use === 'signing' && c.sha256 === sha256);
      if (!listed || crl.revoked.has(entry.serial)) this.#signingKeys.delete(sha256);
    }
    return installed;
  }

  /** The directory entry of an office, or undefined when it is not listed. */
  async office(code: string, options: DecisionOptions = {}): Promise<DirectoryOffice | undefined> {
    if (options.refreshed !== true) await this.refresh();
    return this.#offices.get(code);
  }

  /**
   * The entry of an office that may act now, in `role` when given.
   * @throws IpexError OFFICE_UNKNOWN, OFFICE_SUSPENDED, OFFICE_REVOKED, OFFICE_ROLE_NOT_ALLOWED.
   */
  async requireActive(code: string, role?: OfficeRole, options: DecisionOptions = {}): Promise<DirectoryOffice> {
    const office = await this.office(code, options);
    return requireActiveEntry(office, code, role);
  }

  /**
   * Validates a peer certificate for `purpose` (chain to the root, validity, usages, office
   * binding, revocation with the published CRL), requires its office to be active, and its
   * SHA-256 to be listed for that office and use.
   * @throws IpexError a CERT_* / CRL_* code, an OFFICE_* code, or CERT_NOT_IN_DIRECTORY.
   */
  async verifyPeerCertificate(der: CertificateInput, options: VerifyPeerOptions): Promise<VerifiedPeer> {
    if (!(PURPOSES_OF_USE[options.use] as readonly string[]).includes(options.purpose)) {
      throw new IpexError('INVALID_INPUT', `purpose ${options.purpose} does not fit a ${options.use} certificate`);
    }
    const { crl } = await this.refresh();
    const path = await validatePath({
      leaf: der,
      intermediates: options.intermediates ?? [],
      trustAnchors: this.#store.trustAnchors(),
      purpose: options.purpose,
      at: this.#clock.now(),
      crls: [crl],
      requireCrl: true,
      ...(options.officeCode === undefined ? {} : { officeCode: options.officeCode }),
    });
    const code = path.officeCode ?? '';
    const office = requireActiveEntry(this.#offices.get(code), code);
    if (!office.certificates.some((c) => c.use === options.use && c.sha256 === path.leafSha256)) {
      throw new IpexError('CERT_NOT_IN_DIRECTORY', `certificate ${path.leafSha256} is not listed as a ${options.use} certificate of ${code}`);
    }
    const leaf = path.chain[0]!;
    const publicKey = leaf.node.publicKey;
    if (options.use === 'signing') {
      const alg = signatureAlgorithmFor(publicKey);
      if (alg !== undefined) {
        this.#signingKeys.set(path.leafSha256, {
          officeCode: code, key: { publicKey, alg }, notAfter: leaf.notAfter.getTime(),
          serial: leaf.serialNumber,
        });
      }
    }
    return { office, sha256: path.leafSha256, chain: path.chain, publicKey };
  }

  /**
   * The office of a peer's TLS client certificate (its DER): validated as a `tls-client`
   * certificate by {@link verifyPeerCertificate} the first time it is seen under the current
   * directory, then remembered until the directory changes or the certificate, its issuer or
   * the CRL would lapse.
   * @throws IpexError as verifyPeerCertificate.
   */
  async tlsClientOffice(der: Buffer, options: DecisionOptions = {}): Promise<string> {
    if (options.refreshed !== true) await this.refresh();
    const sha256 = createHash('sha256').update(der).digest('hex');
    const known = this.#tlsClients.get(sha256);
    const now = this.#clock.now().getTime();
    if (known !== undefined && now < known.until) return known.office;
    const decidedFor = this.#decidedFor;
    const peer = await this.verifyPeerCertificate(der, { use: 'tls', purpose: 'tls-client' });
    const crlUntil = decidedFor?.crl.nextUpdate?.getTime() ?? Infinity;
    const until = Math.min(crlUntil, ...peer.chain.map((c) => c.notAfter.getTime()));
    // A directory installed while this one was validated has cleared the map: keep nothing then.
    if (this.#decidedFor === decidedFor) this.#tlsClients.set(sha256, { office: peer.office.code, until });
    return peer.office.code;
  }

  /**
   * A resolver for protocol/http-signatures: key id = lowercase hex SHA-256 of the signing
   * certificate. It knows the certificates that passed {@link verifyPeerCertificate} with use
   * 'signing' and are still listed for an active office as of the last {@link refresh}.
   */
  signingKeyResolver(): KeyResolver {
    return (keyId) => {
      const entry = this.#signingKeys.get(keyId);
      if (entry === undefined || this.#clock.now().getTime() > entry.notAfter) return undefined;
      const office = this.#offices.get(entry.officeCode);
      if (office?.status !== 'active') return undefined;
      return entry.key;
    };
  }

  /**
   * Makes sure the signing key with this key id is known to {@link signingKeyResolver} and
   * returns the ST.3 code of its office. The key id must be listed as a signing certificate of
   * an active office; an unknown certificate is fetched from the certificate source and
   * validated (path, CRL, office binding, listing).
   * @throws IpexError CERT_NOT_IN_DIRECTORY, OFFICE_SUSPENDED / OFFICE_REVOKED,
   *   SIGNATURE_INVALID (certificate not available), or a CERT_* code of the fetched certificate.
   */
  async ensureSigningKey(keyId: string, options: DecisionOptions = {}): Promise<string> {
    if (options.refreshed !== true) await this.refresh();
    const office = this.#signingKeyOffices.get(keyId);
    if (office === undefined) {
      throw new IpexError('CERT_NOT_IN_DIRECTORY', `key id ${keyId.slice(0, 64)} is not a signing certificate listed in the directory`);
    }
    requireActiveEntry(office, office.code);
    if (this.signingKeyResolver()(keyId) !== undefined) return office.code;
    const listed = office.certificates.find((c) => c.use === 'signing' && c.sha256 === keyId)!;
    const certificate = Buffer.from(listed.certificate, 'base64');
    const peer = await this.verifyPeerCertificate(certificate, { use: 'signing', purpose: 'signing', officeCode: office.code });
    if (peer.sha256 !== keyId) {
      throw new IpexError('CERT_NOT_IN_DIRECTORY', `the certificate found for key id ${keyId} has SHA-256 ${peer.sha256}`);
    }
    return office.code;
  }

  /** The office whose signing certificate has this key id, if known. */
  officeForKeyId(keyId: string): string | undefined {
    return this.#signingKeys.get(keyId)?.officeCode;
  }
}

function requireActiveEntry(office: DirectoryOffice | undefined, code: string, role?: OfficeRole): DirectoryOffice {
  if (office === undefined) throw new IpexError('OFFICE_UNKNOWN', `office ${code} is not in the network directory`);
  if (office.status === 'suspended') throw new IpexError('OFFICE_SUSPENDED', `office ${code} is suspended`);
  if (office.status === 'revoked') throw new IpexError('OFFICE_REVOKED', `office ${code} is revoked`);
  if (role !== undefined && !office.roles.includes(role)) {
    throw new IpexError('OFFICE_ROLE_NOT_ALLOWED', `office ${code} is not a ${role} office in the directory`);
  }
  return office;
}
