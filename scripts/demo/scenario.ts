/**
 * The story of `npm run demo` (issues 3 and 4): three offices, EP, JP and US, on one network.
 * EP deposits a priority document (a PDF, an XML part and a large generated part) and a search
 * report; US deposits a priority document. JP's node retrieves the EP priority document with the
 * applicant's access code — after a typo caught at JP and a wrong code refused by EP —, verifies
 * it, confirms it with a signed receipt and proves that EP logged the retrieval; JP reads the EP
 * search report as a dossier (no code); EP retrieves the US document. Then each office's history
 * and audit log is shown and checked, and every certified copy is checked with `ipex verify`.
 * Issue 12 (network-scenario.ts): the family search, a tracked file, the applicant's e-mails and
 * the registration certificate.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { generateAccessCode, formatAccessCode } from '../../protocol/access-code/index.js';
import type { DemoNetwork } from './network.js';
import { ApiProblem, type OfficeApi } from './office-api.js';
import type { DemoReport } from './report.js';
import { exportNodeAudit, runIpex, saveCopyBundle, verifyAuditWithCli, verifyCopyWithCli } from './checks.js';
import { WitnessRound } from '../../node/services/audit/witness-round.js';
import { exchangeClientFor, proveCopyLogged } from '../../node/services/retrieval/index.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { generatedPart, generatedPartSha256, minimalPdf, sampleXml } from './sample-parts.js';
import type { MailReceiver } from './mail-receiver.js';
import { DEMO_CITATIONS, runNetworkScenario } from './network-scenario.js';

export interface ScenarioOptions {
  /** Where retrieved bundles (`<office>/<document>/`) and audit bundles (`<office>/audit/`) go. */
  readonly outDir: string;
  /** Size of the large generated part, in MiB. */
  readonly largeMiB: number;
  /** The loopback SMTP server EP's node e-mails the applicant through (issue 12). */
  readonly mail: MailReceiver;
}

/** Where EP's applicant and staff receive e-mail in the demo. */
export const APPLICANT_EMAIL = 'inventor@helios.example';
export const STAFF_EMAIL = 'ipex-ops@ep.example';

const EP_APP = { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' } as const;
const US_APP = { ipOfficeCode: 'US', applicationNumberText: '17654321', filingDate: '2022-03-10', ipRightType: 'patent' } as const;

const pdfPart = (name: string, lines: string[]) => ({ name, mediaType: 'application/pdf', body: () => Readable.from([minimalPdf(lines)]) });

export async function runScenario(net: DemoNetwork, report: DemoReport, options: ScenarioOptions): Promise<void> {
  const ep = net.api('EP');
  const jp = net.api('JP');
  const us = net.api('US');
  const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;

  // ── deposits ────────────────────────────────────────────────────────────────────────────
  report.step('EP deposits a priority document through its office API',
    'The node streams each part to disk while hashing it, then certifies the version: a JWS manifest and a CMS signature per part.');
  const bigSize = options.largeMiB * 2 ** 20;
  const bigSha = await generatedPartSha256(bigSize);
  const started = Date.now();
  const epDoc = await ep.deposit({
    documentKind: 'priorityDocument',
    bibliographicData: { ...EP_APP, inventionTitle: 'Self-cleaning coating for solar panels', applicantName: [{ organizationName: 'Helios Materials GmbH' }] },
  }, [
    pdfPart('application.pdf', ['European patent application EP 23 123 456.8', 'Self-cleaning coating for solar panels', 'Applicant: Helios Materials GmbH']),
    { name: 'bibliographic.xml', mediaType: 'application/xml', body: () => Readable.from([sampleXml('EP', EP_APP.applicationNumberText, 'Self-cleaning coating for solar panels')]) },
    { name: 'sequence-data.bin', mediaType: 'application/octet-stream', body: () => generatedPart(bigSize) },
  ]);
  report.say(`document ${epDoc.documentId}, version ${epDoc.version}, ${epDoc.state} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const p of epDoc.parts ?? []) report.say(`part ${p.name}: ${p.size < 2 ** 20 ? `${p.size} bytes` : mib(p.size)}, sha256 ${p.sha256.slice(0, 16)}…`);
  report.say(`access code for the applicant: ${epDoc.accessCode ?? '(none)'} (shown once; EP keeps only a keyed hash)`);
  report.check('EP', 'large part stored intact', (epDoc.parts ?? []).some((p) => p.sha256 === bigSha && p.size === bigSize), `${mib(bigSize)} streamed, never held in memory`);
  const epCode = epDoc.accessCode ?? '';
  // Issue 12: the applicant gave an e-mail address; EP's node tells them of every retrieval.
  await ep.json('PUT', `/documents/${epDoc.documentId}/applicant-contact`, { email: APPLICANT_EMAIL, language: 'en' });
  report.say(`the applicant's e-mail address: ${APPLICANT_EMAIL} (kept beside the document, never in the certified manifest)`);

  report.step('EP deposits a search report with citations for the same application', 'Search reports are dossier documents (the CASE model), which every participating office may read, no code needed; its citations (ST.96 referenceCitationBag) are certified with it.');
  const epReport = await ep.deposit({ documentKind: 'searchReport', bibliographicData: { ...EP_APP, inventionTitle: 'Self-cleaning coating for solar panels', referenceCitationBag: DEMO_CITATIONS } },
    [pdfPart('search-report.pdf', ['European search report', 'Application EP 23 123 456.8', 'Category X: WO 2019/000001 A1'])]);
  report.say(`document ${epReport.documentId}`);

  report.step('US deposits a priority document', 'Every office is both a depositing and an accessing office.');
  const usDoc = await us.deposit({ documentKind: 'priorityDocument', bibliographicData: { ...US_APP, inventionTitle: 'Modular battery housing' } },
    [pdfPart('application.pdf', ['US application 17/654,321', 'Modular battery housing'])]);
  report.say(`document ${usDoc.documentId}, access code ${usDoc.accessCode ?? '(none)'}`);

  // ── refusals ────────────────────────────────────────────────────────────────────────────
  report.step('JP types the access code with a typo', 'The code carries a check symbol: JP\'s node refuses it before any request leaves JP.');
  const typo = mistype(epCode);
  await expectProblem(report, 'JP', 'typo caught at JP', 'ACCESS_CODE_MALFORMED', () => jp.retrieve({ ...EP_APP, accessCode: typo }));

  report.step('JP tries a well-formed but wrong code', 'EP answers exactly as for an unknown application, so nobody can probe for unpublished ones; the attempt is logged and counted.');
  const wrong = formatAccessCode(generateAccessCode(systemRandom));
  const wrongJob = await jp.waitForJob((await jp.retrieve({ ...EP_APP, accessCode: wrong })).jobId, 60_000);
  report.check('JP', 'wrong code refused by EP', wrongJob.state === 'failed' && wrongJob.error?.code === 'DOCUMENT_UNAVAILABLE', `job ${wrongJob.state}, ${wrongJob.error?.code ?? 'no error'}`);

  // ── the retrieval ───────────────────────────────────────────────────────────────────────
  report.step('JP retrieves the EP priority document with the right code, through its own node',
    'JP\'s node signs the request (RFC 9421, mutual TLS), downloads the parts with resume, verifies manifest, digests, CMS signatures and certificates, keeps the copy and sends a signed receipt.');
  const { jobId } = await jp.retrieve({ ...EP_APP, accessCode: epCode });
  const job = await jp.waitForJob(jobId, 120_000, (j) => report.say(`job ${j.jobId}: ${j.state}${j.error === undefined ? '' : ` (${j.error.code})`}`));
  report.check('JP', 'priority document retrieved and verified', job.state === 'done' && job.copyId !== undefined && job.error === undefined, `job ${job.state}${job.error === undefined ? '' : `: ${job.error.code}`}`);
  if (job.copyId !== undefined) {
    const copy = await jp.copy(job.copyId);
    report.check('JP', 'receipt sent to EP', copy.receiptSent === true, `copy ${copy.copyId}`);
    await checkCopyBundle(net, report, jp, 'JP', job.copyId, epDoc.documentId, options.outDir, 'EP');
    const copyId = job.copyId;
    await report.attempt('JP', 'EP logged the retrieval (inclusion proof)', async () => {
      const proof = await proveCopyLogged(net.node('JP').context, copyId);
      return `entry ${proof.index}, holding JP's signed request, is in EP's signed tree of ${proof.treeSize} entries`;
    });
  }

  report.step('JP reads the EP search report from the dossier', 'No access code: membership of the network is enough. JP\'s node lists EP\'s dossier for the application, takes a grant for the newest search report, downloads, verifies and confirms — the same job as for a priority document.');
  const reportJob = await jp.waitForJob((await jp.retrieve({ ...EP_APP, documentKind: 'searchReport' })).jobId, 60_000);
  report.check('JP', 'search report retrieved from the dossier', reportJob.state === 'done' && reportJob.copyId !== undefined, `job ${reportJob.state}${reportJob.error === undefined ? '' : `: ${reportJob.error.code}`}`);
  if (reportJob.copyId !== undefined) await checkCopyBundle(net, report, jp, 'JP', reportJob.copyId, epReport.documentId, options.outDir, 'EP');

  report.step('EP retrieves the US priority document', 'The same protocol in the other direction.');
  const usJob = await ep.waitForJob((await ep.retrieve({ ...US_APP, accessCode: usDoc.accessCode ?? '' })).jobId, 60_000);
  report.check('EP', 'US priority document retrieved', usJob.state === 'done' && usJob.copyId !== undefined, `job ${usJob.state}${usJob.error === undefined ? '' : `: ${usJob.error.code}`}`);
  if (usJob.copyId !== undefined) await checkCopyBundle(net, report, ep, 'EP', usJob.copyId, usDoc.documentId, options.outDir, 'US');

  report.step('US retrieves the same EP document from the command line',
    '`ipex retrieve --wait` on US\'s data folder records the job; US\'s running node does the work while the command follows it.');
  let usCopyId: string | undefined;
  await report.attempt('US', 'ipex retrieve --wait', async () => {
    const run = await runIpex(['--json', 'retrieve', '--data', net.office('US').dataDir, '--office', 'EP', '--application', 'EP 23 123 456.8',
      '--filing-date', EP_APP.filingDate, '--ip-right', EP_APP.ipRightType, '--access-code', epCode.toLowerCase(), '--wait'], 120_000);
    if (run.exitCode !== 0) throw new Error(lastLine(run.stderr || run.stdout));
    const result = JSON.parse(run.stdout) as { state?: string; copyId?: string };
    if (result.state !== 'done') throw new Error(`the job ended ${String(result.state)}`);
    usCopyId = result.copyId;
    return 'job done (the code typed in lower case: it is normalised)';
  });
  if (usCopyId !== undefined) await checkCopyBundle(net, report, us, 'US', usCopyId, epDoc.documentId, options.outDir, 'EP');

  await runNetworkScenario(net, report, {
    outDir: options.outDir, mail: options.mail, applicantEmail: APPLICANT_EMAIL, epApp: EP_APP,
    epPriorityDocumentId: epDoc.documentId, epReportId: epReport.documentId,
  });

  // ── history and audit ───────────────────────────────────────────────────────────────────
  report.step('The applicant\'s view at EP: who retrieved the priority document', 'Every attempt with its outcome; a retrieval confirmed by a receipt shows as confirmed.');
  const history = await ep.history(epDoc.documentId);
  for (const a of history.items) report.say(`${a.time}  ${a.office}  ${a.outcome}${a.receipt === undefined ? '' : `, confirmed ${a.receipt.receivedAt}`}`);
  report.check('EP', 'history: retrieved by JP, confirmed', history.items.some((a) => a.office === 'JP' && a.outcome === 'success' && a.receipt !== undefined), `${history.items.length} attempt(s)`);
  report.check('EP', 'history: retrieved by US, confirmed', history.items.some((a) => a.office === 'US' && a.outcome === 'success' && a.receipt !== undefined), '');
  report.check('EP', 'history: the wrong code is listed', history.items.some((a) => a.office === 'JP' && a.outcome !== 'success'), '');

  report.step('EP asks JP and US to witness its log',
    'Each witness checks EP\'s signed checkpoint with the log key from the directory, and that it extends the last one it cosigned, then cosigns it: EP can no longer rewrite that history unseen.');
  await report.attempt('EP', 'checkpoint cosigned by JP and US', async () => {
    const ep = net.node('EP').context;
    ep.audit.checkpointNow();
    const results = await new WitnessRound(ep, { client: () => exchangeClientFor(ep, systemRandom) }).run();
    const cosigned = results.filter((r) => r.outcome !== 'failed');
    const lines = ep.audit.latestCheckpoint().note.split('\n').filter((l) => l.startsWith('\u2014 '));
    if (cosigned.length !== 2 || lines.length < 3) throw new Error(`the checkpoint carries ${lines.length} signature line(s): ${JSON.stringify(results)}`);
    return `checkpoint of ${cosigned[0]!.size} entries, ${lines.length} signature lines`;
  });

  report.step('Each office exports its audit log and an auditor verifies it',
    'The bundle holds a signed checkpoint, the entries and the log key; `ipex audit verify` rebuilds the Merkle tree and checks the key against the signed directory.');
  for (const code of net.offices.keys()) {
    const dir = join(options.outDir, code, 'audit');
    const info = await exportNodeAudit(net.node(code), dir);
    const trusting = net.office(code === 'JP' ? 'EP' : 'JP').dataDir; // an auditor who trusts the directory, not the bundle's own key
    const run = await verifyAuditWithCli(dir, trusting);
    report.check(code, 'ipex audit verify', run.exitCode === 0, run.exitCode === 0 ? `${info.size} entries, checkpoint verified` : firstLine(run.stderr || run.stdout));
  }
}

async function checkCopyBundle(net: DemoNetwork, report: DemoReport, api: OfficeApi, office: string, copyId: string, documentId: string, outDir: string, source: string): Promise<void> {
  const dir = join(outDir, office, documentId);
  const saved = await report.attempt(office, 'certified copy exported', async () => {
    await saveCopyBundle(api, copyId, dir);
    return dir;
  });
  if (saved) await verifyBundleCheck(report, office, dir, net.office(office).dataDir, source);
}

async function verifyBundleCheck(report: DemoReport, office: string, dir: string, trustingDataDir: string, source: string): Promise<void> {
  const run = await verifyCopyWithCli(dir, trustingDataDir, source);
  report.check(office, `ipex verify ${dir.split(/[\\/]/).pop() ?? dir}`, run.exitCode === 0, run.exitCode === 0 ? `certified by ${source}, chain and CMS valid` : firstLine(run.stderr || run.stdout));
}

async function expectProblem(report: DemoReport, office: string, check: string, code: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    report.check(office, check, false, 'it was accepted');
  } catch (err) {
    const got = err instanceof ApiProblem ? err.code : (err as Error).message;
    report.check(office, check, got === code, `${got ?? 'no code'}`);
  }
}

/** The code with one symbol changed (the check symbol then no longer matches). */
function mistype(code: string): string {
  const i = code.search(/[0-9A-Z]/);
  if (i < 0) return `${code}X`;
  const c = code[i] === 'A' ? 'B' : 'A';
  return `${code.slice(0, i)}${c}${code.slice(i + 1)}`;
}

function lastLine(text: string): string {
  return text.split('\n').filter((l) => l.trim() !== '').at(-1)?.slice(0, 300) ?? '';
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.slice(0, 200) ?? '';
}
