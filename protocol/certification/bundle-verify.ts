/**
 * Verification of a certified-copy bundle, folder or ZIP (docs/design.md §5): the manifest JWS and
 * its signer, chain.pem equal to the JWS x5c, every part's size and SHA-256 against the
 * manifest (streamed), every part's detached CMS signature, and the layout (no part missing,
 * nothing extra). Every check is recorded, so that a person sees what passed and what did not;
 * `ok` is true only when all passed. Everything in the bundle is untrusted input; the trust
 * anchors come from the caller.
 */
import { existsSync, statSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { IpexError, isIpexError, type ErrorCode } from '../errors/index.js';
import { BUNDLE_FILES, BUNDLE_LIMITS } from './bundle-layout.js';
import { openBundleDir, readSmall, type BundleSource } from './bundle-source.js';
import { DEFAULT_ZIP_LIMITS, openBundleZip, type ZipLimits } from './bundle-zip.js';
import { verifyPartDetached } from './cms-verify.js';
import { digestStream } from './digest.js';
import type { Manifest } from './manifest.js';
import { verifyManifestJws, type VerifiedManifest } from './manifest-jws.js';
import type { TrustOptions } from './signer.js';

export interface BundleOptions extends TrustOptions {
  readonly zipLimits?: ZipLimits;
}

/** One check and its outcome. */
export interface BundleCheck {
  readonly check: string;
  readonly where: string;
  readonly ok: boolean;
  readonly code?: ErrorCode;
  readonly message?: string;
}

/** What `verifyBundle` found. */
export interface BundleReport {
  readonly ok: boolean;
  readonly document?: string;
  readonly version?: number;
  readonly office?: string;
  readonly signer?: { readonly officeCode: string; readonly subject: string; readonly leafSha256: string };
  readonly parts: { readonly name: string; readonly size?: number; readonly sha256?: string; readonly ok: boolean }[];
  readonly checks: BundleCheck[];
  readonly problems: { readonly code: ErrorCode; readonly where: string; readonly message: string }[];
}

/**
 * Verifies the bundle at `path` (a folder, or a ZIP file).
 *
 * @throws IpexError FILE_NOT_FOUND when nothing is at `path`; every other finding is in the report.
 * @example const report = await verifyBundle('EP-23123456.zip', { trustAnchors: [rootPem], at: new Date() });
 */
export async function verifyBundle(path: string, options: BundleOptions): Promise<BundleReport> {
  if (!existsSync(path)) throw new IpexError('FILE_NOT_FOUND', `no bundle at ${path}`);
  const checks: BundleCheck[] = [];
  const record = (check: string, where: string, err?: unknown): boolean => {
    if (err === undefined) checks.push({ check, where, ok: true });
    else {
      const e = isIpexError(err) ? err : new IpexError('BUNDLE_MALFORMED', (err as Error)?.message ?? String(err), { cause: err });
      checks.push({ check, where, ok: false, code: e.code, message: e.message });
    }
    return err === undefined;
  };
  let source: BundleSource;
  try {
    source = statSync(path).isDirectory() ? await openBundleDir(path) : await openBundleZip(path, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  } catch (err) {
    record('bundle can be read', path, err);
    return report(checks, undefined, []);
  }
  try {
    const verified = await checkManifest(source, options, record);
    if (verified !== undefined) await checkChain(source, verified, record);
    const parts = await checkParts(source, verified?.manifest, options, record);
    checkLayout(source, verified?.manifest, record);
    return report(checks, verified, parts);
  } finally {
    await source.close();
  }
}

type Record = (check: string, where: string, err?: unknown) => boolean;

async function checkManifest(source: BundleSource, options: TrustOptions, record: Record): Promise<VerifiedManifest | undefined> {
  try {
    const text = (await readSmall(source, BUNDLE_FILES.manifest, BUNDLE_LIMITS.manifest)).toString('utf8');
    const verified = await verifyManifestJws(text, options);
    record('manifest signature and signer', BUNDLE_FILES.manifest);
    return verified;
  } catch (err) {
    record('manifest signature and signer', BUNDLE_FILES.manifest, err);
    return undefined;
  }
}

async function checkChain(source: BundleSource, verified: VerifiedManifest, record: Record): Promise<void> {
  try {
    const pem = (await readSmall(source, BUNDLE_FILES.chain, BUNDLE_LIMITS.chain)).toString('utf8');
    const ders = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g)]
      .map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
    const same = ders.length === verified.x5c.length && ders.every((der, i) => der.equals(verified.x5c[i]!));
    if (!same) throw new IpexError('CHAIN_MISMATCH', 'chain.pem does not hold exactly the certificates of the manifest x5c, in order');
    record('chain.pem equals the manifest certificates', BUNDLE_FILES.chain);
  } catch (err) {
    record('chain.pem equals the manifest certificates', BUNDLE_FILES.chain, err);
  }
}

async function checkParts(source: BundleSource, manifest: Manifest | undefined, options: TrustOptions, record: Record): Promise<BundleReport['parts']> {
  // Without a verified manifest, the signatures of whatever parts are present are still checked.
  const listed = manifest?.parts ?? [...source.files.keys()]
    .filter((p) => p.startsWith('parts/') && !p.endsWith('.p7s') && p.split('/').length === 2)
    .map((p) => ({ name: p.slice('parts/'.length), size: undefined, sha256: undefined }));
  const results: BundleReport['parts'][number][] = [];
  for (const part of listed) {
    const where = `parts/${part.name}`;
    if (!source.files.has(where)) {
      record('part present', where, new IpexError('PART_MISSING', `the manifest names part "${part.name}" but the bundle lacks it`));
      results.push({ name: part.name, ok: false });
      continue;
    }
    let digest;
    try {
      digest = await digestStream(await source.open(where));
    } catch (err) {
      record('part readable', where, err);
      results.push({ name: part.name, ok: false });
      continue;
    }
    const hex = digest.sha256.toString('hex');
    let ok = true;
    if (manifest !== undefined) {
      const expected = Buffer.from(part.sha256 ?? '', 'hex');
      const matches = digest.size === part.size && expected.length === 32 && timingSafeEqual(expected, digest.sha256);
      ok = record('part size and SHA-256 match the manifest', where, matches ? undefined
        : new IpexError('PART_DIGEST_MISMATCH', `part "${part.name}" is ${digest.size} bytes with SHA-256 ${hex}; the manifest says ${part.size} bytes, ${part.sha256}`));
    }
    ok = (await checkSignature(source, `${where}.p7s`, digest.sha256, manifest, options, record)) && ok;
    results.push({ name: part.name, size: digest.size, sha256: hex, ok });
  }
  return results;
}

async function checkSignature(source: BundleSource, where: string, sha256: Buffer, manifest: Manifest | undefined, options: TrustOptions, record: Record): Promise<boolean> {
  if (!source.files.has(where)) {
    return record('part CMS signature', where, new IpexError('PART_MISSING', `the signature ${where} is missing`));
  }
  try {
    const der = await readSmall(source, where, BUNDLE_LIMITS.p7s);
    const office = manifest?.office ?? options.expectedOffice;
    await verifyPartDetached(der, { ...options, sha256, ...(office === undefined ? {} : { expectedOffice: office }) });
    return record('part CMS signature', where);
  } catch (err) {
    return record('part CMS signature', where, err);
  }
}

function checkLayout(source: BundleSource, manifest: Manifest | undefined, record: Record): void {
  const expected = new Set<string>([BUNDLE_FILES.manifest, BUNDLE_FILES.chain, BUNDLE_FILES.readme]);
  for (const part of manifest?.parts ?? []) expected.add(`parts/${part.name}`).add(`parts/${part.name}.p7s`);
  const extra = [...source.files.keys()].filter((p) => !expected.has(p) && (manifest !== undefined || !p.startsWith('parts/')));
  if (extra.length === 0) record('no unexpected files', '.');
  for (const p of extra) record('no unexpected files', p, new IpexError('PART_UNEXPECTED', `"${p}" is not part of the certified document`));
}

function report(checks: BundleCheck[], verified: VerifiedManifest | undefined, parts: BundleReport['parts']): BundleReport {
  const problems = checks.filter((c) => !c.ok).map((c) => ({ code: c.code!, where: c.where, message: c.message ?? '' }));
  return {
    ok: verified !== undefined && problems.length === 0,
    ...(verified === undefined ? {} : {
      document: verified.manifest.documentId,
      version: verified.manifest.version,
      office: verified.manifest.office,
      signer: { officeCode: verified.signer.officeCode, subject: verified.signer.certificate.subject, leafSha256: verified.signer.leafSha256 },
    }),
    parts,
    checks,
    problems,
  };
}
