/**
 * `ipex documents certificate ID [--version N] [--out FILE] [--pdf FILE]`: the signed registration
 * certificate of a deposited version (issue 12; docs/registration-certificate.md), on the data
 * folder, whether or not the node runs. Prints the statement and the JWS (`--json`: both); writes
 * the JWS to `--out` and the PDF rendering to `--pdf` (never over an existing file).
 */
import type { Command } from 'commander';
import { writeFileAtomic } from '../../../protocol/files/atomic-write.js';
import { depositServiceFor } from '../../services/deposit/deposit-service.js';
import { issueRegistration } from '../../services/deposit/registration.js';
import type { CliContext } from '../main.js';
import { requireNewPath } from '../file-options.js';
import { parseInteger } from '../parse.js';
import { withNodeContext, type WorkspaceOptions } from '../workspace.js';

export function registerRegistrationCommand(documents: Command, context: CliContext, common: (cmd: Command) => Command): void {
  common(documents.command('certificate')
    .description('the signed registration certificate of a deposited version (JWS), and its PDF rendering with --pdf')
    .argument('<documentId>')
    .option('--version <n>', 'the version (default: the current one)')
    .option('--out <file>', 'write the JWS to this file (verify it with `ipex verify FILE`)')
    .option('--pdf <file>', 'write the PDF rendering to this file'))
    .action(async (id: string, opts: WorkspaceOptions & { version?: string; out?: string; pdf?: string }) => {
      const out = context.output();
      const version = opts.version === undefined ? undefined : parseInteger(opts.version, '--version', 1, 1_000_000);
      for (const [path, what] of [[opts.out, '--out'], [opts.pdf, '--pdf']] as const) if (path !== undefined) requireNewPath(path, what);
      await withNodeContext(opts, async (node) => {
        const issued = issueRegistration(depositServiceFor(node).deps, id, version);
        if (opts.out !== undefined) writeFileAtomic(opts.out, `${issued.jws}\n`);
        if (opts.pdf !== undefined) {
          out.progress(`rendering the PDF to ${opts.pdf}`);
          const { registrationPdf } = await import('../../services/letters/registration-pdf.js');
          writeFileAtomic(opts.pdf, await registrationPdf(issued.certificate, issued.jws, node.config.office.name));
        }
        const c = issued.certificate;
        const lines = [
          `registration certificate of ${c.documentId} version ${c.version} (${c.documentKind}), office ${c.office}`,
          `application ${c.office} ${c.applicationNumberText}, filed ${c.filingDate}, ${c.ipRightType}; deposited ${c.depositedAt}; issued ${c.issuedAt}`,
          `manifest SHA-256 ${c.manifestSha256}`,
          ...c.parts.map((p) => `part ${p.name}  ${p.size} bytes  SHA-256 ${p.sha256}`),
          ...(opts.out === undefined ? [issued.jws] : [`JWS written to ${opts.out}`]),
          ...(opts.pdf === undefined ? [] : [`PDF written to ${opts.pdf}`]),
        ];
        out.result(lines.join('\n'), issued);
      }, out);
    });
}
