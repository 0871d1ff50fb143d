/**
 * The layout of a certified-copy bundle (docs/design.md §5, docs/certified-copy.md), shared by the
 * folder and ZIP writers and the verifier:
 *
 *   manifest.jws          the signed manifest (compact JWS)
 *   parts/<name>          each part, byte for byte
 *   parts/<name>.p7s      DER detached CMS signature of that part
 *   chain.pem             the signing certificate, then any intermediates
 *   README.txt            how to verify with openssl alone
 */
import { IpexError } from '../errors/index.js';
import { validatePartName } from './manifest.js';

export const BUNDLE_FILES = { manifest: 'manifest.jws', chain: 'chain.pem', readme: 'README.txt', partsDir: 'parts' } as const;

/** Size bounds for the small files of a bundle (parts themselves are unbounded). */
export const BUNDLE_LIMITS = { manifest: 4 * 1024 * 1024, chain: 256 * 1024, readme: 64 * 1024, p7s: 256 * 1024 } as const;

/** What a bundle is made from. */
export interface BundleSpec {
  /** The compact JWS from signManifest. */
  readonly manifestJws: string;
  /** Each part: its name in the manifest and the file that holds its bytes (streamed, never read whole). */
  readonly parts: readonly { readonly name: string; readonly path: string }[];
  /** The DER detached CMS signature of each part, by part name. */
  readonly p7s: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;
  /** PEM: the signing certificate, then any intermediates (the same as the JWS x5c). */
  readonly chainPem: string;
}

/** One file of the bundle: small ones in memory, parts by path. */
export type BundleFile =
  | { readonly path: string; readonly bytes: Uint8Array }
  | { readonly path: string; readonly file: string };

/** The files of a bundle, in writing order; checks names and that every part has its signature. */
export function bundleFiles(spec: BundleSpec): BundleFile[] {
  const p7s = spec.p7s instanceof Map ? spec.p7s : new Map(Object.entries(spec.p7s as Record<string, Uint8Array>));
  const names = new Set<string>();
  const files: BundleFile[] = [
    { path: BUNDLE_FILES.manifest, bytes: Buffer.from(`${spec.manifestJws.trim()}\n`, 'utf8') },
    { path: BUNDLE_FILES.chain, bytes: Buffer.from(spec.chainPem, 'utf8') },
    { path: BUNDLE_FILES.readme, bytes: Buffer.from(BUNDLE_README, 'utf8') },
  ];
  for (const part of spec.parts) {
    validatePartName(part.name);
    if (names.has(part.name.toLowerCase())) throw new IpexError('PART_NAME_INVALID', `part "${part.name}" is given twice`);
    names.add(part.name.toLowerCase());
    const signature = p7s.get(part.name);
    if (signature === undefined) throw new IpexError('PART_MISSING', `no CMS signature given for part "${part.name}"`);
    files.push({ path: `${BUNDLE_FILES.partsDir}/${part.name}`, file: part.path });
    files.push({ path: `${BUNDLE_FILES.partsDir}/${part.name}.p7s`, bytes: signature });
  }
  for (const name of p7s.keys()) {
    if (!spec.parts.some((p) => p.name === name)) throw new IpexError('PART_UNEXPECTED', `a CMS signature is given for "${name}", which is not a part`);
  }
  return files;
}

/** The README.txt of every bundle: verification with openssl and coreutils alone. */
export const BUNDLE_README = `ipex certified copy
===================

This folder (or ZIP) is a certified copy of a document deposited with an intellectual-property
office that takes part in an ipex network. It can be checked without ipex, with OpenSSL and
standard tools alone. You need the network root certificate (root.pem) from the network
operator, obtained through a channel you trust - never from this bundle.

Contents
  manifest.jws       the manifest: what was deposited (bibliographic data, version, deposit
                     time, and the size and SHA-256 of every part), signed by the office as a
                     compact JWS (RFC 7515) with its signing certificate in the x5c header
  parts/<name>       each part of the document, byte for byte, under a safe file name; a part
                     deposited under another name (in another script, say) has that name as
                     "originalName" beside its "name" in the manifest
  parts/<name>.p7s   the office's detached CMS signature (RFC 5652, DER) of that part
  chain.pem          the office signing certificate, then any intermediate certificates
  README.txt         this file

1. Check the office certificate against the network root

     openssl verify -CAfile root.pem -untrusted chain.pem chain.pem

   It must print "chain.pem: OK". Then look at the office it belongs to: the certificate
   carries the URI urn:ipex:office:<ST.3 code> in its subjectAltName.

     openssl x509 -in chain.pem -noout -subject -ext subjectAltName

2. Check the signature of every part (run in this folder, once per part)

     openssl cms -verify -binary -inform DER -in parts/NAME.p7s -content parts/NAME \\
       -CAfile root.pem -purpose any -out /dev/null

   It must print "CMS Verification successful" for every part. ("-purpose any": the office
   certificate is for document signing, not for e-mail.)

3. Read the manifest

   A compact JWS is three base64url fields separated by dots: header.payload.signature.
   The payload is the manifest in canonical JSON (RFC 8785). base64url uses - and _ instead
   of + and /, and has no padding, so translate before decoding:

     cut -d. -f2 manifest.jws | tr '_-' '/+' | base64 -d 2>/dev/null; echo

   (base64 may complain about missing "=" padding at the end; the text is complete.)

4. Check every part against the manifest

     sha256sum parts/*     (on macOS: shasum -a 256 parts/*)

   Each part's SHA-256 and size (ls -l parts) must equal "sha256" and "size" of the part of
   the same "name" in the manifest, and there must be no other part and none missing.

5. Check the manifest signature

   The signature is ECDSA P-256 (alg ES256) or RSA (PS256/RS256) by the first certificate
   of chain.pem over "header.payload" (the bytes before the second dot). Any JOSE library
   verifies it; the ipex command does everything above in one step:

     ipex verify BUNDLE --root root.pem

The format is described in docs/certified-copy.md of ipex.
`;
