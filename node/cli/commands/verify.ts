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
import { existsSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';
import type { Command } from 'commander';
import { verifyBundle, type BundleReport } from '../../../protocol/certification/bundle.js';
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
    .description('verify a certified-copy bundle (folder or ZIP) against the network root')
    .argument('<bundle>', 'bundle folder or ZIP file')
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
