/**
 * `ipex deposit`, `ipex documents list|show|withdraw|citations|st96` (and `certificate`, registration.ts), `ipex access show|allow|regenerate|history`
 * and `ipex export`: depositing and managing documents from the command line (docs/depositing.md),
 * with the same service code as the office API, on the data folder directly.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { namePart } from '../../../protocol/certification/index.js';
import { printableText } from '../../../protocol/encoding/free-text.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { mediaTypeOfName } from '../../../protocol/files/media-type-sniff.js';
import { formatPriorityClaim, priorityClaimsOf, splitPriorityClaim } from '../../../protocol/st96/priority-claims.js';
import { citationsOf, formatClaimRanges, type ReferenceCitation } from '../../../protocol/st96/citations.js';
import type { DocumentView } from '../../services/deposit/document-rows.js';
import type { DocumentFilter } from '../../services/deposit/documents.js';
import { withDepositService, type WorkspaceOptions } from '../deposit-workspace.js';
import { withNodeContext } from '../workspace.js';
import { CopyStore } from '../../services/retrieval/copy-store.js';
import { writeCopyBundle } from '../../services/retrieval/copy-bundle.js';
import type { CliContext } from '../main.js';
import { parseInteger } from '../parse.js';
import { readInputFile, requireInputFile, requireNewPath } from '../file-options.js';
import { checkCommand } from '../printed-command.js';
import { checkContact, type ApplicantContact } from '../../services/notifications/applicant-contacts.js';
import { citationFormat, copyCitations, documentCitations, renderCitations } from '../../services/deposit/citation-export.js';
import { registerRegistrationCommand } from './registration.js';
import { copySt96, documentSt96 } from '../../services/deposit/st96-export.js';

const PROGRESS_STEP = 16 * 1024 * 1024;

interface PartSpec { file: string; name: string; mediaType: string }

/** `FILE[:name[:mediaType]]`; the media type is guessed from the extension when absent. */
export function parsePartSpec(spec: string): PartSpec {
  const [file = '', name, mediaType] = spec.split(':');
  if (file === '') throw new IpexError('USAGE', `--part ${JSON.stringify(spec.slice(0, 60))} names no file`);
  const partName = name === undefined || name === '' ? basename(file) : name;
  return { file, name: partName, mediaType: mediaType ?? mediaTypeOfName(partName) };
}

/**
 * Issue 10, item 11: the same part given twice (`--part a.pdf --part a.pdf`, or two files that
 * land on one part name) silently kept only the second; it is a usage error, found before
 * anything is written. Names are compared as the bundle will hold them: the safe name (Unicode
 * names are derived, part-names.ts), without case, and `X.p7s` is X's signature file.
 */
export function refuseRepeatedParts(parts: readonly PartSpec[]): void {
  const seen = new Map<string, PartSpec>();
  for (const p of parts) {
    const safe = namePart(p.name).name.toLowerCase();
    for (const key of [safe, safe.endsWith('.p7s') ? safe.slice(0, -4) : `${safe}.p7s`]) {
      const earlier = seen.get(key);
      if (earlier === undefined) continue;
      const what = earlier.file === p.file && earlier.name === p.name ? `--part ${JSON.stringify(p.file)} is given twice` :
        `--part ${JSON.stringify(p.file)} (part "${p.name}") collides with --part ${JSON.stringify(earlier.file)} (part "${earlier.name}")`;
      throw new IpexError('USAGE', `${what}: give each part once, under its own name (--part FILE:name)`);
    }
    seen.set(safe, p);
  }
}

/**
 * `--priority "CC NUMBER YYYY-MM-DD"`: the office code, the number as printed (it may hold
 * spaces) and the filing date of a claimed priority. The service checks what the words mean.
 */
export function parsePriorityOption(spec: string): Record<string, string> {
  const claim = splitPriorityClaim(spec);
  if (claim === undefined) {
    throw new IpexError('USAGE', `--priority ${JSON.stringify(spec.slice(0, 60))} is not "CC NUMBER YYYY-MM-DD" (office code, application number as printed, filing date)`);
  }
  return claim;
}

/** The JSON of `--citations FILE`, read before anything is written; its meaning is the service's to check. */
function readCitationsFile(file: string): unknown {
  const bytes = readInputFile(file, '--citations');
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new IpexError('CITATION_INVALID', `--citations ${file} is not JSON (${(err as Error).message.slice(0, 120)}): give the referenceCitationBag object`, { cause: err });
  }
}

/**
 * `--applicant-email` and `--applicant-language`, checked before anything is written: the same
 * contact the office API sets (`PUT …/applicant-contact`), for a priority document only.
 */
function applicantContactOption(opts: { kind: string; applicantEmail?: string; applicantLanguage?: string }): ApplicantContact | undefined {
  if (opts.applicantEmail === undefined) {
    if (opts.applicantLanguage !== undefined) throw new IpexError('USAGE', '--applicant-language goes with --applicant-email ADDRESS');
    return undefined;
  }
  if (opts.kind !== 'priorityDocument') {
    throw new IpexError('USAGE', `--applicant-email is for a priority document (--kind priorityDocument), not a ${opts.kind}: only a priority document has an applicant to tell`);
  }
  return checkContact({ email: opts.applicantEmail, ...(opts.applicantLanguage === undefined ? {} : { language: opts.applicantLanguage }) });
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)');
}

function workspace(opts: { data?: string; passphraseFile?: string }): WorkspaceOptions {
  return { ...(opts.data === undefined ? {} : { data: opts.data }), ...(opts.passphraseFile === undefined ? {} : { passphraseFile: opts.passphraseFile }) };
}

export function registerDepositCommands(program: Command, context: CliContext): void {
  common(program.command('deposit')
    .description('deposit a document: certify its parts and publish it (a priority document gets an access code and applicant key)')
    .requiredOption('--kind <kind>', 'priorityDocument, searchReport, examinationReport, writtenOpinion, officeAction or searchCopy')
    .requiredOption('--application <number>', 'application number as printed, e.g. EP23123456.8')
    .requiredOption('--filing-date <date>', 'filing date YYYY-MM-DD')
    .requiredOption('--ip-right <type>', 'patent, utilityModel, industrialDesign or trademark')
    .option('--title <text>', 'title of the invention')
    .option('--applicant <name>', 'applicant (organisation) name; repeatable', collect, [])
    .option('--family <id>', 'patent family id')
    .option('--searching-authority <code>', 'with --kind searchCopy: the ST.3 code of the searching authority the copy is for, the only office that may retrieve it')
    .option('--citations <file>', 'a JSON file holding the referenceCitationBag of a search or examination report (docs/depositing.md "Citations")')
    .option('--priority <claim>', 'a claimed priority "CC NUMBER YYYY-MM-DD" (office, number as printed, filing date); repeatable', collect, [])
    .option('--available-from <date>', 'not retrievable before this date or date-time')
    .option('--supersedes <documentId>', 'make this the next version of that document')
    .option('--applicant-email <address>', 'a priority document: the applicant\'s e-mail address, told of every retrieval (docs/notifications.md)')
    .option('--applicant-language <code>', 'the language of those e-mails: en, fr, es, ar, zh or ru (default en)')
    .option('--part <file[:name[:mediaType]]>', 'a part of the document; repeatable', collect, []))
    .action(async (opts: {
      kind: string; application: string; filingDate: string; ipRight: string; title?: string; applicant: string[]; family?: string; searchingAuthority?: string;
      priority: string[]; citations?: string; availableFrom?: string; supersedes?: string; part: string[]; data?: string; passphraseFile?: string;
      applicantEmail?: string; applicantLanguage?: string;
    }) => {
      const out = context.output();
      if (opts.part.length === 0) throw new IpexError('USAGE', 'give at least one --part FILE');
      const contact = applicantContactOption(opts);
      const parts = opts.part.map(parsePartSpec);
      refuseRepeatedParts(parts);
      const priorityClaim = opts.priority.map(parsePriorityOption);
      const citations = opts.citations === undefined ? undefined : readCitationsFile(opts.citations);
      for (const p of parts) requireInputFile(p.file, '--part'); // fail before anything is written
      await withDepositService(workspace(opts), async (service) => {
        const bibliographicData: Record<string, unknown> = { ipOfficeCode: service.deps.office, applicationNumberText: opts.application, filingDate: opts.filingDate, ipRightType: opts.ipRight };
        if (opts.title !== undefined) bibliographicData.inventionTitle = opts.title;
        if (opts.applicant.length > 0) bibliographicData.applicantName = opts.applicant.map((organizationName) => ({ organizationName }));
        if (opts.family !== undefined) bibliographicData.patentFamilyId = opts.family;
        if (opts.searchingAuthority !== undefined) bibliographicData.searchingAuthority = opts.searchingAuthority;
        if (priorityClaim.length > 0) bibliographicData.priorityClaimBag = { priorityClaim };
        if (citations !== undefined) bibliographicData.referenceCitationBag = citations;
        const draft = service.createDraft({
          documentKind: opts.kind, bibliographicData,
          ...(opts.availableFrom === undefined ? {} : { availableFrom: opts.availableFrom }),
          ...(opts.supersedes === undefined ? {} : { supersedes: opts.supersedes }),
        }, { kind: 'cli' });
        try {
          for (const p of parts) {
            let next = PROGRESS_STEP;
            const stored = await service.uploadPart(draft.depositId, p.name, p.mediaType, createReadStream(p.file), (bytes) => {
              if (bytes >= next) {
                out.progress(`${p.name}: ${mb(bytes)} hashed`);
                next += PROGRESS_STEP;
              }
            });
            out.progress(`${p.name}: ${mb(stored.size)} stored${stored.originalName === undefined ? '' : ` as ${stored.name}`}, sha256 ${stored.sha256}`);
          }
          out.progress('certifying: signing the manifest and each part');
          const doc = await service.commit(draft.depositId, { kind: 'cli' });
          const lines = [`deposited ${doc.documentId} version ${doc.version} (${doc.state})`];
          if (contact !== undefined) {
            // Checked before the deposit began, so only the disk can fail here (docs/cli.md).
            service.setApplicantContact(doc.documentId, contact, { kind: 'cli' });
            lines.push(`  the applicant is told by e-mail, in ${contact.language}, of every retrieval`);
          }
          if (doc.accessCode !== undefined) {
            lines.push(`  access code:   ${doc.accessCode}`, `  applicant key: ${doc.applicantKey ?? ''}`,
              '  give both to the applicant now: they are not shown again and the node keeps only hashes');
          }
          out.result(lines.join('\n'), doc);
        } catch (err) {
          try { service.abandon(draft.depositId); } catch { /* already committed or gone */ }
          throw err;
        }
      });
    });

  const documents = program.command('documents').description('deposited documents');
  common(documents.command('list').description('list documents, newest first')
    .option('--application <number>', 'only this (normalised) application number')
    .option('--kind <kind>', 'only this document kind')
    .option('--state <state>', 'available, pending or withdrawn')
    .option('--limit <n>', 'at most this many', '50'))
    .action((opts: { application?: string; kind?: string; state?: string; limit: string; data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), (service) => {
        const filter: { -readonly [K in keyof DocumentFilter]: DocumentFilter[K] } = { limit: parseInteger(opts.limit, '--limit', 1, 500) };
        if (opts.application !== undefined) filter.applicationNumberText = opts.application;
        if (opts.kind !== undefined) filter.documentKind = opts.kind;
        if (opts.state !== undefined) filter.state = opts.state as NonNullable<DocumentFilter['state']>;
        const page = service.list(filter);
        const lines = page.items.map((d) => `${d.documentId.padEnd(34)} v${d.version}  ${d.state.padEnd(9)} ${d.documentKind.padEnd(17)} ${d.depositedAt}`);
        context.output().result(lines.length === 0 ? 'no documents' : lines.join('\n'), page);
      }));
  common(documents.command('show').description('one document with its versions and parts').argument('<documentId>'))
    .action((id: string, opts: { data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), (service) => {
        const doc = service.get(id);
        context.output().result(describe(doc), doc);
      }));
  common(documents.command('withdraw').description('withdraw a document (final; the log keeps that it existed)').argument('<documentId>')
    .option('--reason <text>', 'why'))
    .action((id: string, opts: { reason?: string; data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), (service) => {
        const doc = service.withdraw(id, opts.reason, { kind: 'cli' });
        context.output().result(`withdrew ${doc.documentId}`, doc);
      }));

  common(documents.command('citations')
    .description('the citations of a document (or of a copy retrieved from a peer) as certified, as WIPO ST.96 XML or JSON')
    .argument('<id>', 'a document id (`ipex documents list`) or a copy id (`ipex copies list`)')
    .option('--format <format>', 'xml (ST.96 ReferenceCitationBag) or json', 'json')
    .option('--version <n>', 'the version (default: the current one; documents only)'))
    .action(async (id: string, opts: { format: string; version?: string; data?: string; passphraseFile?: string }) => {
      const format = citationFormat(opts.format, 'USAGE');
      await withNodeContext(workspace(opts), (ctx) => {
        let citations;
        if (id.startsWith('copy-')) {
          const copy = new CopyStore(ctx.db).get(id);
          if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${id}: \`ipex copies list\` shows them`);
          citations = copyCitations(copy);
        } else {
          citations = documentCitations(ctx.db, id, opts.version === undefined ? undefined : parseInteger(opts.version, '--version', 1, 1_000_000));
        }
        const rendered = renderCitations(citations, format).body.trimEnd();
        // With --json an XML export travels as a string beside the citations.
        context.output().result(rendered, format === 'xml' ? { ...citations, xml: rendered } : citations);
      }, context.output());
    });

  registerRegistrationCommand(documents, context, common);
  common(documents.command('st96')
    .description('the bibliographic data of a document (or of a copy retrieved from a peer) as WIPO ST.96 XML, derived from its certified manifest')
    .argument('<id>', 'a document id (`ipex documents list`; its current version) or a copy id (`ipex copies list`)'))
    .action(async (id: string, opts: { data?: string; passphraseFile?: string }) => {
      await withNodeContext(workspace(opts), (ctx) => {
        let xml: string;
        if (id.startsWith('copy-')) {
          const copy = new CopyStore(ctx.db).get(id);
          if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${id}: \`ipex copies list\` shows them`);
          xml = copySt96(copy);
        } else {
          xml = documentSt96(ctx.db, id);
        }
        context.output().result(xml.trimEnd(), { id, xml });
      }, context.output());
    });

  const access = program.command('access').description('access codes and policies of priority documents');
  common(access.command('show').argument('<documentId>').description('the access policy and lock-outs'))
    .action((id: string, opts: { data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), (service) => {
        const state = service.accessState(id);
        const policy = 'anyParticipatingOffice' in state.policy ? 'any participating office' : state.policy.allowedOffices.join(', ') || 'no office';
        const locks = state.lockedOffices.map((l) => `${l.office} until ${l.until}`).join(', ') || 'none';
        context.output().result(`allowed: ${policy}\nlocked:  ${locks}\ncode:    ${state.codeFormat ?? '-'} issued ${state.codeIssuedAt ?? '-'}`, state);
      }));
  common(access.command('allow').argument('<documentId>').description('set the offices that may retrieve the document')
    .option('--office <code>', 'an office code; repeatable', collect, [])
    .option('--any', 'any participating office'))
    .action((id: string, opts: { office: string[]; any?: boolean; data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), async (service) => {
        if ((opts.any === true) === (opts.office.length > 0)) throw new IpexError('USAGE', 'give either --any or one or more --office CODE');
        const state = await service.setAccess(id, opts.any === true ? { anyParticipatingOffice: true } : { allowedOffices: opts.office }, { kind: 'cli' });
        context.output().result(`access of ${id} set`, state);
      }));
  common(access.command('regenerate').argument('<documentId>').description('issue a new access code; the old one stops working at once'))
    .action((id: string, opts: { data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), (service) => {
        const issued = service.regenerateCode(id, { kind: 'cli' });
        context.output().result(`new access code: ${issued.accessCode}\n(shown once; the old code no longer works)`, issued);
      }));
  common(access.command('history').argument('<documentId>').description('every retrieval attempt: who, when, outcome, receipt'))
    .action((id: string, opts: { data?: string; passphraseFile?: string }) =>
      withDepositService(workspace(opts), (service) => {
        const page = service.history(id, undefined, 500);
        const lines = page.items.map((a) => `${a.time}  ${a.office}  ${a.outcome.padEnd(8)} ${a.version === undefined ? '' : `v${a.version}`}${a.receipt === undefined ? '' : `  confirmed ${a.receipt.receivedAt}`}`);
        context.output().result(lines.length === 0 ? 'no retrieval attempts yet' : lines.join('\n'), page);
      }));

  common(program.command('export').description('write the certified-copy bundle of a deposited document, or of a copy retrieved from a peer (folder, or ZIP with --zip)')
    .argument('<id>', 'a document id (`ipex documents list`) or a copy id (`ipex copies list`)')
    .requiredOption('--out <path>', 'folder (or .zip file) to create; must not exist')
    .option('--zip', 'write a ZIP file')
    .option('--version <n>', 'the version to export (default: the current one; documents only)'))
    .action(async (id: string, opts: { out: string; zip?: boolean; version?: string; data?: string; passphraseFile?: string }) => {
      const out = context.output();
      requireNewPath(opts.out, '--out');
      if (id.startsWith('copy-')) {
        await withNodeContext(workspace(opts), async (ctx) => {
          const copy = new CopyStore(ctx.db).get(id);
          if (copy === undefined) throw new IpexError('NOT_FOUND', `no certified copy ${id}: \`ipex copies list\` shows them`);
          await writeCopyBundle(copy, ctx.blobs, opts.out, { zip: opts.zip === true });
          out.result(`wrote the copy of ${copy.sourceOffice} ${copy.documentId} version ${copy.version} to ${opts.out}; check it with \`${checkCommand(['verify'], opts.out, opts.data)}\``,
            { copyId: id, documentId: copy.documentId, version: copy.version, sourceOffice: copy.sourceOffice, out: opts.out });
        }, out);
        return;
      }
      await withDepositService(workspace(opts), async (service) => {
        const written = await service.exportBundle(id, opts.out, {
          zip: opts.zip === true,
          ...(opts.version === undefined ? {} : { version: parseInteger(opts.version, '--version', 1, 1_000_000) }),
        });
        out.result(`wrote ${id} version ${written.version} to ${opts.out}; check it with \`${checkCommand(['verify'], opts.out, opts.data)}\``, { documentId: id, ...written, out: opts.out });
      });
    });
}

function describe(doc: DocumentView): string {
  const b = doc.bibliographicData;
  const lines = [
    `${doc.documentId}  ${doc.documentKind}  ${doc.state}`,
    // Titles signed before issue 10 may hold bidi overrides or controls: never print them raw.
    `  ${b.ipOfficeCode} ${b.applicationNumberText}${b.applicationNumberCheckDigit === undefined ? '' : `.${b.applicationNumberCheckDigit}`}  filed ${b.filingDate}  ${b.ipRightType}` +
      `${b.inventionTitle === undefined ? '' : `  "${printableText(b.inventionTitle)}"`}`,
  ];
  for (const claim of priorityClaimsOf(b)) lines.push(`  claims the priority of ${formatPriorityClaim(claim)}`);
  for (const c of citationsOf(b)) lines.push(`  cites ${citationLabel(c)}`);
  if (b.patentFamilyId !== undefined) lines.push(`  patent family ${String(b.patentFamilyId)}`);
  if (doc.availableFrom !== undefined) lines.push(`  available from ${doc.availableFrom}`);
  if (doc.withdrawnAt !== undefined) lines.push(`  withdrawn ${doc.withdrawnAt}`);
  for (const v of doc.versions ?? []) {
    lines.push(`  version ${v.version}  deposited ${v.depositedAt}`);
    for (const p of v.parts) {
      const original = p.originalName === undefined ? '' : ` (${printableText(p.originalName)})`;
      lines.push(`    ${p.name}${original}  ${p.mediaType}  ${p.size} bytes  sha256 ${p.sha256}`);
    }
  }
  return lines.join('\n');
}

/** `US 5401234 A 1995-03-28  X: 1-3, 7` — a citation as a search report lists it. */
function citationLabel(c: ReferenceCitation): string {
  const p = c.patentCitation;
  const what = p !== undefined
    ? `${p.ipOfficeCode} ${p.documentNumber} ${p.patentDocumentKindCode}${p.patentDocumentDate === undefined ? '' : ` ${p.patentDocumentDate}`}`
    : `"${printableText(c.nplCitation?.nplCitationText ?? '').slice(0, 80)}"${c.nplCitation?.doi === undefined ? '' : ` doi:${c.nplCitation.doi}`}`;
  const passages = c.citedPassage.map((x) => `${x.citationCategoryCode.join(',')}${x.patentClaimRange === undefined ? '' : `: ${formatClaimRanges(x.patentClaimRange)}`}`);
  return `${what}  ${passages.join('; ')}`;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
