/**
 * The network half of `npm run demo` (issue 12): JP's examiner searches the family of EP's
 * application across the network (EP's search report carries citations; US's report claims EP's
 * priority), JP tracks EP's application and is notified — signed, through EP's outbox — of EP's
 * next report, which JP's node fetches and alerts its staff to; the applicant's e-mails about the
 * retrievals of their priority document, received by the loopback SMTP server; and the
 * registration certificate of EP's deposit, verified with `ipex verify`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { components } from '../../protocol/generated/office.js';
import type { DemoNetwork } from './network.js';
import type { MailReceiver } from './mail-receiver.js';
import type { DemoReport } from './report.js';
import { runIpex } from './checks.js';
import { minimalPdf } from './sample-parts.js';

type Schemas = components['schemas'];

export interface NetworkScenarioInput {
  readonly outDir: string;
  readonly mail: MailReceiver;
  readonly applicantEmail: string;
  readonly epApp: { ipOfficeCode: string; applicationNumberText: string; filingDate: string; ipRightType: 'patent' };
  /** EP's priority document and its search report (with citations), deposited by the scenario. */
  readonly epPriorityDocumentId: string;
  readonly epReportId: string;
}

/** What the examiner cites: a patent document and non-patent literature (ST.96 ReferenceCitationBag). */
export const DEMO_CITATIONS: Schemas['ReferenceCitationBag'] = { referenceCitation: [
  { patentCitation: { ipOfficeCode: 'WO', documentNumber: '2019000001', patentDocumentKindCode: 'A1', patentDocumentDate: '2019-01-03' },
    citedPassage: [{ passageRangeText: 'page 4, line 3 - page 6, line 12', citationCategoryCode: ['X'], patentClaimRange: [{ patentClaimStartNumber: 1, patentClaimEndNumber: 4 }] }] },
  { nplCitation: { nplCitationText: 'Okafor, "Hydrophobic coatings for photovoltaics", Sol. Energy Mater. 210 (2020) 110-118', doi: '10.1016/demo.2020.110' },
    citedPassage: [{ citationCategoryCode: ['A'] }] },
] };

const pdf = (name: string, lines: string[]) => ({ name, mediaType: 'application/pdf', body: () => Readable.from([minimalPdf(lines)]) });

export async function runNetworkScenario(net: DemoNetwork, report: DemoReport, input: NetworkScenarioInput): Promise<void> {
  const [ep, jp, us] = [net.api('EP'), net.api('JP'), net.api('US')];
  const app = input.epApp;

  report.step('US deposits a search report for its application that claims the EP priority',
    'Priority claims (ST.96 PriorityClaimBag) are what a family is made of: every application that is, or claims, the same priority.');
  const usReport = await us.deposit({ documentKind: 'searchReport', bibliographicData: {
    ipOfficeCode: 'US', applicationNumberText: '18123456', filingDate: '2024-04-30', ipRightType: 'patent', inventionTitle: 'Self-cleaning coating for solar panels',
    priorityClaimBag: { priorityClaim: [{ ipOfficeCode: 'EP', applicationNumberText: app.applicationNumberText, filingDate: app.filingDate }] },
  } }, [pdf('search-report.pdf', ['US search report', 'Application US 18/123,456'])]);
  report.say(`document ${usReport.documentId}, claiming EP ${app.applicationNumberText}`);

  report.step('JP\'s examiner finds the whole family across the network',
    'JP\'s node asks every active peer at once, over signed exchange requests, and follows the priority claims; each peer\'s signed answer is kept.');
  const search = await jp.json<Schemas['DossierSearch']>('GET', `/dossier-search?application=${encodeURIComponent('US 18/123,456')}`);
  for (const p of search.peers) report.say(`${p.ipOfficeCode}  ${p.outcome}  ${p.elapsedMs} ms`);
  const found = search.offices.flatMap((o) => o.applications.flatMap((a) => a.documents.map((d) => ({ office: o.ipOfficeCode, d }))));
  for (const f of found) report.say(`${f.office}  ${f.d.documentKind}  ${f.d.documentId}${f.d.referenceCitationBag === undefined ? '' : `, ${f.d.referenceCitationBag.referenceCitation.length} citation(s)`}`);
  const cited = found.find((f) => f.d.documentId === input.epReportId)?.d.referenceCitationBag?.referenceCitation.length ?? 0;
  report.check('JP', 'family found across EP and US', found.some((f) => f.d.documentId === input.epReportId) && found.some((f) => f.d.documentId === usReport.documentId),
    `${found.length} document(s) in ${search.rounds} round(s); EP's report carries ${cited} citation(s)`);
  report.check('JP', 'citations travel with the report', cited === DEMO_CITATIONS.referenceCitation.length, `${cited} of ${DEMO_CITATIONS.referenceCitation.length}`);
  const verification = await jp.json<Schemas['DossierSearchVerification']>('GET', `/dossier-searches/${search.searchId}/verification`);
  report.check('JP', 'peers\' kept answers verify', verification.verified, `${verification.answers.filter((a) => a.result === 'verified').length} signed answer(s)`);

  report.step('JP tracks EP\'s application, and EP deposits its next report',
    'EP\'s deposit queues a signed notification in its outbox, in the same transaction; JP\'s node takes it once, fetches the report with a retrieval job and alerts its staff.');
  const tracked = await jp.json<Schemas['TrackedFile']>('POST', '/tracked-files', { ipOfficeCode: 'EP', applicationNumberText: app.applicationNumberText });
  report.say(`subscription ${tracked.subscriptionId}`);
  const opinion = await ep.deposit({ documentKind: 'writtenOpinion', bibliographicData: { ...app, inventionTitle: 'Self-cleaning coating for solar panels' } },
    [pdf('written-opinion.pdf', ['Written opinion', `Application EP ${app.applicationNumberText}`])]);
  report.say(`EP deposited ${opinion.documentId}`);
  await report.attempt('JP', 'notified of EP\'s next report, fetched and verified', async () => {
    const deadline = Date.now() + 60_000;
    let t: Schemas['TrackedFile'] | undefined;
    while ((t = (await jp.json<Schemas['TrackedFileList']>('GET', '/tracked-files')).items.find((i) => i.subscriptionId === tracked.subscriptionId && i.notifications > 0)) === undefined) {
      if (Date.now() > deadline) throw new Error('no notification within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const job = await jp.waitForJob(t.lastJobId!, 60_000);
    if (job.state !== 'done' || job.copyId === undefined) throw new Error(`job ${job.jobId} ended ${job.state} ${job.error?.code ?? ''}`);
    const copy = await jp.copy(job.copyId);
    if (copy.documentId !== opinion.documentId) throw new Error(`the job fetched ${copy.documentId}`);
    const alerts = await jp.json<Schemas['AlertPage']>('GET', '/alerts');
    if (!alerts.items.some((a) => a.kind === 'dossier.updated' && a.subject.startsWith(opinion.documentId))) throw new Error('no dossier.updated alert');
    // Other alerts may reach the same address first (a witness that was slow to cosign): wait for this one.
    const isAlert = (m: { subject: string; text: string }): boolean => m.subject.startsWith('ipex alert at') && m.text.includes('dossier.updated');
    const [staffMail] = await input.mail.waitFor('ipex-ops@jp.example', 1, 60_000, isAlert);
    if (staffMail === undefined) throw new Error('JP\'s staff got no e-mail of the alert');
    return `signed notification, job ${job.jobId} done, staff alert e-mailed: "${staffMail.subject}"`;
  });

  report.step('The applicant\'s e-mails about the retrievals of their priority document',
    'EP\'s node e-mails the applicant on every retrieval, through its outbox; the demo\'s loopback SMTP server received them:');
  const mails = await input.mail.waitFor(input.applicantEmail, 3);
  for (const m of mails) report.say(`to ${m.to.join(', ')}: ${m.subject}`);
  const about = (re: RegExp): boolean => mails.some((m) => re.test(m.subject));
  report.check('EP', 'applicant e-mailed for each retrieval', about(/retrieved by JP/) && about(/retrieved by US/) && about(/was refused/),
    `${mails.length} e-mail(s) received by the loopback SMTP server: retrieved by JP, by US, and the refused wrong code`);

  report.step('EP gives the applicant a registration certificate of the deposit',
    'A JWS signed with EP\'s signing key stating office, document, version, application, dates and digests; `ipex verify` checks it against the network root.');
  const file = join(input.outDir, 'EP', `registration-${input.epPriorityDocumentId}.jws`);
  await report.attempt('EP', 'registration certificate verified', async () => {
    const cert = await ep.json<Schemas['RegistrationCertificate']>('GET', `/documents/${input.epPriorityDocumentId}/registration-certificate`);
    writeFileSync(file, `${cert.jws}\n`);
    const run = await runIpex(['verify', file, '--data', net.office('JP').dataDir, '--office', 'EP']);
    if (run.exitCode !== 0) throw new Error((run.stderr || run.stdout).split('\n').find((l) => l.trim() !== '') ?? `exit ${run.exitCode}`);
    return `${file}: ${cert.certificate.documentId} v${cert.certificate.version}, ${cert.certificate.parts.length} part digest(s), manifest ${cert.certificate.manifestSha256.slice(0, 12)}…`;
  });
}
