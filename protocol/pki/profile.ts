/**
 * The ipex certificate profile: the one place that says how an office is bound into its
 * certificates and which key usages each kind of certificate carries (docs/design.md §3,
 * docs/trust.md "Object identifiers").
 *
 * Every certificate ipex issues carries only standard object identifiers (RFC 5280, RFC 9336),
 * so that any X.509 library parses it (openssl, python3-cryptography, Go's crypto/x509). The
 * role of a certificate inside the network is said by one subjectAltName URI:
 *
 * - an office certificate carries exactly one `urn:ipex:office:<ST.3 code>` (for example
 *   `urn:ipex:office:EP`); the subject's organizationName holds the office's name for people,
 *   only the URI is used for decisions, and it must equal the ST.3 code of the directory entry
 *   that lists the certificate's fingerprint;
 * - the network operator's directory-signing certificate carries exactly one
 *   `urn:ipex:directory` and no office URI.
 */

/** Prefix of the subjectAltName URI that binds a certificate to an office. */
export const OFFICE_URI_PREFIX = 'urn:ipex:office:';

/** The subjectAltName URI that only the network's directory-signing certificate carries. */
export const DIRECTORY_URI = 'urn:ipex:directory';

/** Extended key usage object identifiers. */
export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  /** id-kp-documentSigning, RFC 9336: office signing certificates and the directory certificate. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
} as const;

/**
 * The EKU that directory certificates issued before issue 10 carry instead of documentSigning:
 * an OID under the UUID arc 2.25 whose last arc is beyond 2^64, which python3-cryptography 38
 * and Go's crypto/x509 cannot parse. Path validation still accepts it for the `directory`
 * purpose only, so that networks set up earlier keep working until their next `ipex network
 * publish` reissues the certificate (docs/trust.md "Object identifiers"); ipex never issues it.
 */
export const LEGACY_DIRECTORY_EKU = '2.25.269320933271814110182028386430942654784';

/** The kinds of certificate in an ipex network and what each must carry. */
export const CERT_PROFILES = {
  /** The network root CA: keyCertSign and cRLSign, basicConstraints CA:true. */
  root: { keyUsage: ['keyCertSign', 'cRLSign'], eku: [] as string[], ca: true },
  /** An office's TLS certificate, used by both listeners and as the mutual-TLS client. */
  tls: { keyUsage: ['digitalSignature'], eku: [EKU.serverAuth, EKU.clientAuth], ca: false },
  /** An office's document- and message-signing certificate. */
  signing: { keyUsage: ['digitalSignature', 'nonRepudiation'], eku: [EKU.documentSigning], ca: false },
  /** The network operator's directory-signing certificate (bound by DIRECTORY_URI). */
  directory: { keyUsage: ['digitalSignature'], eku: [EKU.documentSigning], ca: false },
} as const;

export type CertKind = keyof typeof CERT_PROFILES;

/** The subjectAltName URI for an office code. */
export function officeUri(code: string): string {
  return `${OFFICE_URI_PREFIX}${code}`;
}
