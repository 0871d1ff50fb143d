/**
 * The ipex certificate profile: the one place that says how an office is bound into its
 * certificates and which key usages each kind of certificate carries (docs/design.md §3).
 *
 * Office binding: every office certificate carries exactly one subjectAltName URI of the form
 * `urn:ipex:office:<ST.3 code>` (for example `urn:ipex:office:EP`). The subject's
 * organizationName holds the office's name for people; only the URI is used for decisions, and
 * it must equal the ST.3 code of the directory entry that lists the certificate's fingerprint.
 */

/** Prefix of the subjectAltName URI that binds a certificate to an office. */
export const OFFICE_URI_PREFIX = 'urn:ipex:office:';

/** Extended key usage object identifiers. */
export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  /** id-kp-documentSigning, RFC 9336. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
  /**
   * ipex directory signing: the network operator's key that signs the directory. An OID under
   * the UUID arc 2.25 (ITU-T X.667), so that it is globally unique without a registration.
   */
  directorySigning: '2.25.269320933271814110182028386430942654784',
} as const;

/** The kinds of certificate in an ipex network and what each must carry. */
export const CERT_PROFILES = {
  /** The network root CA: keyCertSign and cRLSign, basicConstraints CA:true. */
  root: { keyUsage: ['keyCertSign', 'cRLSign'], eku: [] as string[], ca: true },
  /** An office's TLS certificate, used by both listeners and as the mutual-TLS client. */
  tls: { keyUsage: ['digitalSignature'], eku: [EKU.serverAuth, EKU.clientAuth], ca: false },
  /** An office's document- and message-signing certificate. */
  signing: { keyUsage: ['digitalSignature', 'nonRepudiation'], eku: [EKU.documentSigning], ca: false },
  /** The network operator's directory-signing certificate. */
  directory: { keyUsage: ['digitalSignature'], eku: [EKU.directorySigning], ca: false },
} as const;

export type CertKind = keyof typeof CERT_PROFILES;

/** The subjectAltName URI for an office code. */
export function officeUri(code: string): string {
  return `${OFFICE_URI_PREFIX}${code}`;
}
