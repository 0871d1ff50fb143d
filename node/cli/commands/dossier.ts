/**
 * `ipex dossier search|search-copies|show|verify`: family and dossier search across the network on the command
 * line (issue 12; docs/dossiers.md), with the same service as the office API, on the data folder
 * (the search runs in this process, signed with the office's keys, whether or not the node runs).
 * Each document found comes with the `ipex retrieve` command that fetches and verifies it.
 */
import type { Command } from 'commander';
import { printableText } from '../../../protocol/encoding/free-text.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { formatPriorityClaim } from '../../../protocol/st96/priority-claims.js';
import { familySearchFor, verifyKeptAnswers, type DossierSearchResult, type SearchVerification } from '../../services/federation/index.js';
import type { CliContext } from '../main.js';
import { withNodeContext } from '../workspace.js';
import { listPeerSearchCopies } from '../../services/retrieval/peer-dossier.js';

interface DataOptions { data?: string; passphraseFile?: string }

function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)');
}

export function registerDossierCommands(program: Command, context: CliContext): void {
  const dossier = program.command('dossier').description('search and examination dossiers across the network');
  common(dossier.command('search')
    .description('find the dossiers of an application\'s family at every active peer and at this office, and keep the peers\' signed answers')
    .option('--application <number>', 'an application: office code and number as printed, e.g. "EP 23 123 456.8"')
    .option('--priority <number>', 'a priority: office code and number as printed; finds every application that is or claims it')
    .option('--family <id>', 'a patent family id'))
    .action(async (opts: DataOptions & { application?: string; priority?: string; family?: string }) => {
      const out = context.output();
      await withNodeContext(opts, async (ctx) => {
        out.progress('asking every active peer of the directory');
        const result = await familySearchFor(ctx).search({ application: opts.application, priority: opts.priority, family: opts.family }, { kind: 'cli' });
        out.result(describeSearch(result), result);
      }, out);
    });
  // Issue 15: the search copies a receiving office deposited for this office as searching authority.
  common(dossier.command('search-copies')
    .description('list the search copies a receiving office deposited for this office as searching authority; each is retrieved with `ipex retrieve --kind searchCopy --document ID`')
    .requiredOption('--office <code>', 'the receiving office, e.g. EP')
    .option('--since <date-time>', 'only those deposited after this instant'))
    .action(async (opts: DataOptions & { office: string; since?: string }) => {
      const out = context.output();
      await withNodeContext(opts, async (ctx) => {
        out.progress(`asking ${opts.office.toUpperCase()} for its search copies addressed to this office`);
        const list = await listPeerSearchCopies(ctx, opts.office, opts.since);
        const lines = list.documents.map((d) => `${d.documentId}  ${d.ipOfficeCode} ${d.applicationNumberText}  deposited ${d.depositedAt ?? '-'}\n  ipex retrieve --office ${d.ipOfficeCode} --application ${d.applicationNumberText} --filing-date DATE --ip-right patent --kind searchCopy --document ${d.documentId}`);
        out.result(lines.length === 0 ? `no search copies from ${list.office}` : lines.join('\n'), list);
      }, out);
    });
  common(dossier.command('show').description('a kept search, as it was answered').argument('<searchId>'))
    .action(async (searchId: string, opts: DataOptions) => {
      const out = context.output();
      await withNodeContext(opts, (ctx) => {
        const result = familySearchFor(ctx).store.get(searchId).result as DossierSearchResult;
        out.result(describeSearch(result), result);
      }, out);
    });
  common(dossier.command('verify')
    .description('check again, from the kept bytes, that each peer\'s answer of a search is what it signed (exit 0 only when every one verifies)')
    .argument('<searchId>'))
    .action(async (searchId: string, opts: DataOptions) => {
      const out = context.output();
      await withNodeContext(opts, async (ctx) => {
        const verification = await verifyKeptAnswers(ctx, familySearchFor(ctx).store, searchId);
        out.result(describeVerification(verification), verification);
        const failed = verification.answers.filter((a) => a.result === 'failed');
        if (failed.length > 0) {
          const first = failed[0]!;
          throw new IpexError((first.code ?? 'SIGNATURE_INVALID') as 'SIGNATURE_INVALID',
            `${failed.length} kept answer(s) of ${searchId} did not verify; the first: ${first.ipOfficeCode} round ${first.round}: ${printableText(first.detail ?? '')}`);
        }
      }, out);
    });
}

function describeSearch(r: DossierSearchResult): string {
  const asked = r.query.application !== undefined ? `application ${r.query.application}` : r.query.priority !== undefined ? `priority ${r.query.priority}` : `family ${r.query.family ?? ''}`;
  const lines = [`search ${r.searchId}: ${asked}, ${r.rounds} round(s)${r.complete ? '' : ', stopped at the round limit with applications left to ask about'}`, 'peers:'];
  for (const p of r.peers) {
    const why = p.code === undefined ? '' : `  ${p.code}${p.detail === undefined ? '' : `: ${printableText(p.detail).slice(0, 160)}`}`;
    lines.push(`  ${p.ipOfficeCode}  ${p.outcome.padEnd(11)} ${p.elapsedMs} ms${why}`);
  }
  if (r.peers.length === 0) lines.push('  (no active peer in the directory)');
  if (r.offices.length === 0) lines.push('no dossier documents found');
  for (const office of r.offices) {
    lines.push(office.ipOfficeCode);
    for (const app of office.applications) {
      const family = app.patentFamilyIds.length === 0 ? '' : `  family ${app.patentFamilyIds.join(', ')}`;
      lines.push(`  ${app.applicationNumberText}  filed ${app.filingDate ?? '?'}  ${app.ipRightType ?? ''}${family}`);
      for (const claim of app.priorityClaimBag?.priorityClaim ?? []) lines.push(`    claims the priority of ${formatPriorityClaim(claim)}`);
      for (const d of app.documents) {
        lines.push(`    ${d.documentKind.padEnd(17)} ${d.documentId} v${d.version}  deposited ${d.depositedAt ?? '?'}`);
        if (app.filingDate !== undefined && app.ipRightType !== undefined) {
          lines.push(`      ipex retrieve --office ${office.ipOfficeCode} --application ${app.applicationNumberText} --filing-date ${app.filingDate} --ip-right ${app.ipRightType} --kind ${d.documentKind} --document ${d.documentId} --wait`);
        }
      }
    }
  }
  return lines.join('\n');
}

function describeVerification(v: SearchVerification): string {
  const lines = [`search ${v.searchId}: ${v.verified ? 'every kept answer verifies' : 'some kept answers do NOT verify'} (checked ${v.checkedAt})`];
  for (const a of v.answers) {
    const what = a.result === 'not-answered' ? `not answered (${a.outcome}${a.code === undefined ? '' : ` ${a.code}`})`
      : a.result === 'verified' ? `verified, signed with key ${a.keyId ?? '?'}` : `FAILED ${a.code ?? ''}: ${printableText(a.detail ?? '')}`;
    lines.push(`  round ${a.round}  ${a.ipOfficeCode}  ${what}`);
  }
  return lines.join('\n');
}
