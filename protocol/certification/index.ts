/**
 * Certification of deposited documents (docs/design.md §5): the signed manifest (JWS), detached
 * CMS signatures of parts, and the certified-copy bundle with its verification. Usable on its
 * own, without a node: an office's or an auditor's tool can import it to check a certified copy.
 * The format is documented in docs/certified-copy.md.
 */
export {
  DOCUMENT_KINDS, IP_RIGHT_TYPES, MANIFEST_FORMAT, parseManifest, validatePartName,
  type BibliographicData, type DocumentKind, type IpRightType, type Manifest, type ManifestPart,
} from './manifest.js';
export {
  MAX_ORIGINAL_PART_NAME, isSafePartName, namePart, originalPartNameProblem, safePartName, type PartNaming,
} from './part-names.js';
export { MANIFEST_JWS_TYPE, peekManifest, signManifest, verifyManifestJws, type SignManifestOptions, type VerifiedManifest } from './manifest-jws.js';
export { signDigestDetached, signPartDetached, verifyPartDetached, MAX_P7S_SIZE, type SignPartOptions, type VerifyPartOptions, type PartSigner } from './cms.js';
export { digestFile, digestPart, digestStream, type PartDigest } from './digest.js';
export { algorithmsForKey, type ManifestAlg, type SignerInfo, type TrustOptions } from './signer.js';
export {
  BUNDLE_FILES, BUNDLE_README, verifyBundle, writeBundle, writeBundleZip,
  type BundleCheck, type BundleOptions, type BundleReport, type BundleSpec,
} from './bundle.js';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './bundle-zip.js';
export {
  REGISTRATION_FORMAT, REGISTRATION_JWS_TYPE, isRegistrationJws, parseRegistrationCertificate, signRegistrationCertificate, verifyRegistrationCertificate,
  type RegistrationCertificate, type VerifiedRegistration,
} from './registration-certificate.js';
