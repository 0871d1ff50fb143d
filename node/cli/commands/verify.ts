/**
 * `ipex verify BUNDLE`: checks a certified-copy bundle, folder or ZIP (docs/design.md §5,
 * docs/certified-copy.md) against a trusted network root — the manifest JWS and its signer,
 * chain.pem, every part's digest and CMS signature, and the layout. It prints every check;
 * the exit status is 0 only when all of them pass. Works offline, without a running node.
 *
 * It always says which root it trusted (file, subject, SHA-256): networks are told apart by
 * their root's key, not its name, and a copy checked against the wrong network's root must be
 * recognisable as such ("not issued under this root"), not look forged (issue 10, item 7).
 */
import { existsSync, statSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';
import type { Command } from 'commander';
import { verifyBundle, type BundleReport } from '../../../protocol/certification/bundle.js';
import { isRegistrationJws, verifyRegistrationCertificate } from '../../../protocol/certification/registration-certificate.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { normaliseSt3Code } from '../../../protocol/st3/index.js';
import { dataPaths, resolveDataDir } from '../../config/data-dir.js';
import type { CliContext } from '../main.js';
import { readInputFile } from '../file-options.js';

interface VerifyOptions {
  root?: string;
  data?: string;
  crl: string[];
  at?: string;
  office?: string;
}

export function registerVerifyCommands(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('verify a certified-copy bundle (folder or ZIP), or a registration certificate (JWS file), against the network root')
    .argument('<bundle>', 'bundle folder or ZIP file, or a registration certificate (.jws)')
    .option('--root <file>', 'network root certificate(s), PEM')
    .option('--data <dir>', 'take the root (and CRL) from this node data folder: trust/root.pem, trust/crl.pem')
    .option('--crl <file>', 'a CRL to check the signer against (PEM or DER; may be repeated)', (v: string, all: string[]) => [...all, v], [])
    .option('--at <instant>', 'check certificate validity at this ISO 8601 instant instead of now')
    .option('--office <code>', 'require the document to be certified by this ST.3 office')
    .action(async (bundle: string, opts: VerifyOptions) => {
      const out = context.output();
      const { trustAnchors, crls, roots } = loadTrust(opts);
      const at = parseAt(opts.at);
      out.progress(`verifying ${bundle} at ${at.toISOString()}`);
      const certificate = registrationText(bundle);
      if (certificate !== undefined) {
        // Issue 12: a registration certificate (docs/registration-certificate.md).
        const expectedOffice = opts.office === undefined ? undefined : normaliseSt3Code(opts.office);
        const { certificate: c, signer } = await verifyRegistrationCertificate(certificate, { trustAnchors, at, ...(crls.length === 0 ? {} : { crls }), ...(expectedOffice === undefined ? {} : { expectedOffice }) });
        const lines = [
          `${bundle}: registration certificate of ${c.documentId} version ${c.version} (${c.documentKind}), signed by ${c.office} (${signer.certificate.subject})`,
          ...roots.map((r) => `trusted root: ${r.file}: ${r.subject}, SHA-256 ${r.sha256}`),
          `application ${c.office} ${c.applicationNumberText}, filed ${c.filingDate}, ${c.ipRightType}; deposited ${c.depositedAt}; issued ${c.issuedAt}`,
          `manifest SHA-256 ${c.manifestSha256}`,
          ...c.parts.map((p) => `part ${p.name}  ${p.size} bytes  SHA-256 ${p.sha256}`),
          'VERIFIED: the signature, the signing certificate\'s path to the root and its office',
        ];
        out.result(lines.join('\n'), { ok: true, kind: 'registration-certificate', certificate: c, office: c.office, trustAnchors: roots });
        return;
      }
      const report = await verifyBundle(bundle, {
        trustAnchors,
        at,
        ...(crls.length === 0 ? {} : { crls }),
        ...(opts.office === undefined ? {} : { expectedOffice: normaliseSt3Code(opts.office) }),
      });
      out.result(describe(bundle, report, roots), { ...report, trustAnchors: roots });
      if (!report.ok) {
        const first = report.problems[0];
        throw new IpexError(first?.code ?? 'BUNDLE_MALFORMED', `${bundle} did not verify: ${report.problems.length} problem(s)`);
      }
    });
}

/** The text of `path` when it is a registration certificate (a small file whose JWS header says so). */
function registrationText(path: string): string | undefined {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined; // verifyBundle reports the missing path
  }
  if (size > 4 * 2 ** 20) return undefined;
  const text = readInputFile(path, 'the file').toString('utf8');
  return isRegistrationJws(text) ? text : undefined;
}

/** A trusted root as the command reports it. */
interface RootInfo {
  readonly file: string;
  readonly subject: string;
  /** Lowercase hex SHA-256 of the DER: what tells two roots of the same name apart. */
  readonly sha256: string;
}

function loadTrust(opts: VerifyOptions): { trustAnchors: string[]; crls: (string | Buffer)[]; roots: RootInfo[] } {
  if (opts.root !== undefined && opts.data !== undefined) throw new IpexError('USAGE', 'give --root or --data, not both');
  const trust = dataPaths(resolveDataDir(opts.data)).trust;
  const rootFile = opts.root ?? trust.root;
  if (opts.root === undefined && !existsSync(rootFile)) {
    throw new IpexError('FILE_NOT_FOUND', `no network root at ${rootFile}; give it with --root root.pem (obtained from the network operator)`);
  }
  const trustAnchors = pemBlocks(readInputFile(rootFile, opts.root === undefined ? '--data' : '--root').toString('utf8'));
  if (trustAnchors.length === 0) throw new IpexError('INVALID_INPUT', `${rootFile} holds no PEM certificate`);
  const roots = trustAnchors.map((pem) => rootInfo(rootFile, pem));
  const crlFiles = [...opts.crl];
  if (opts.root === undefined && crlFiles.length === 0 && existsSync(trust.crl)) crlFiles.push(trust.crl);
  const crls = crlFiles.map((file) => {
    const bytes = readInputFile(file, '--crl');
    return bytes.subarray(0, 11).toString('latin1') === '-----BEGIN ' ? bytes.toString('utf8') : bytes;
  });
  return { trustAnchors, crls, roots };
}

function rootInfo(file: string, pem: string): RootInfo {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (err) {
    throw new IpexError('CERT_PEM_MALFORMED', `${file} holds a PEM block that is not an X.509 certificate`, { cause: err });
  }
  return { file, subject: cert.subject.replace(/\n/g, ', '), sha256: createHash('sha256').update(cert.raw).digest('hex') };
}

function pemBlocks(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g)].map((m) => `${m[0]}\n`);
}

function parseAt(text: string | undefined): Date {
  if (text === undefined) return new Date(); // the CLI edge: the one place that reads the system clock
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text) || Number.isNaN(at.getTime())) {
    throw new IpexError('USAGE', `--at ${JSON.stringify(text)} is not an ISO 8601 date or instant`);
  }
  return at;
}

function describe(bundle: string, report: BundleReport, roots: readonly RootInfo[]): string {
  const lines = report.checks.map((c) => (c.ok ? `  ok    ${c.check}: ${c.where}` : `  FAIL  ${c.check}: ${c.where}\n        ${c.message ?? ''} [${c.code ?? ''}]`));
  const head = report.document === undefined
    ? `${bundle}: certified copy (manifest not verified)`
    : `${bundle}: ${report.document} version ${report.version}, certified by ${report.office} (${report.signer?.subject ?? ''})`;
  const trusted = roots.map((r) => `trusted root: ${r.file}: ${r.subject}, SHA-256 ${r.sha256}`);
  const tail = report.ok ? [`VERIFIED: all ${report.checks.length} checks passed`] : [`NOT VERIFIED: ${report.problems.length} problem(s)`];
  if (report.problems.some((p) => p.code === 'CERT_UNTRUSTED')) {
    tail.push('the copy was not issued under this root: give the root of the network that certified it with --root FILE, or --data of a node of that network');
  }
  return [head, ...trusted, ...lines, ...tail].join('\n');
}
