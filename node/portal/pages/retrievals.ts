/**
 * Retrieving from peer offices (docs/portal.md "Examiner"): the job list with each job's state
 * and the bytes received (`listRetrievalJobs`), one job (`getRetrievalJob`), and the retrieval
 * form (`createRetrievalJob`) — the office chosen by name from the directory, the access code's
 * check symbol checked as it is typed (browser/access-code-check.ts). With scripts the state
 * and the bytes update live (browser/job-progress.ts); without, the page shows them as they
 * were and a reload shows them anew.
 */
import { html, type Html } from '../html.js';
import { ApiError } from '../api-client.js';
import { renderPage } from '../layout/page.js';
import { choices, csrfField, errorOf, select, textField, type FieldError } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import type { Translator } from '../i18n/translator.js';
import type { MessageKey } from '../messages/index.js';
import { formField, queryField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { KINDS, RIGHTS, kindLabel, rightLabel } from './display.js';
import { directoryOffices, officeName, officeNames } from './office-names.js';
import { checkRetrievalFields, fieldOfRefusal, readRetrievalFields, retrievalRequest, type RetrievalFields } from './retrieval-form.js';

type Job = components['schemas']['RetrievalJob'];

const ACTIVE = new Set(['queued', 'pending', 'downloading', 'verifying']);

/** The texts the live script puts on the page, in the reader's language. */
function liveTexts(t: Translator): string {
  const states = ['queued', 'pending', 'downloading', 'verifying', 'done', 'failed'] as const;
  return JSON.stringify({
    ...Object.fromEntries(states.map((s) => [s, t.t(`job.${s}` as MessageKey)])),
    failedToFollow: t.t('job.notFollowed'), progressLabel: t.t('job.progressLabel'),
    // the sentence with its two places kept, for the script to fill with sizes in this language
    bytes: t.t('job.bytes', { received: '{received}', total: '{total}' }),
  });
}

function jobState(t: Translator, job: Job): Html {
  const colour = job.state === 'done' ? '' : job.state === 'failed' ? ' tag--red' : ' tag--blue';
  return html`<strong class="tag${colour}" data-job-state>${t.t(`job.${job.state}` as MessageKey)}</strong>`;
}

/** The bytes received, as a progress bar and in words, updated live by the script. */
function jobProgress(t: Translator, job: Job): Html {
  const p = job.progress;
  if (p === undefined) return html`<span data-job-bytes>${ACTIVE.has(job.state) ? t.t('job.waitingForParts') : '—'}</span>`;
  return html`<progress max="${Math.max(p.totalBytes, 1)}" value="${p.receivedBytes}" aria-label="${t.t('job.progressLabel')}"></progress>
<span data-job-bytes>${t.t('job.bytes', { received: t.bytes(p.receivedBytes), total: t.bytes(p.totalBytes) })}</span>`;
}

function jobAttributes(ctx: PageContext, job: Job): Html {
  return html` data-job="/api/v1/retrievals/${job.jobId}" data-job-active="${ACTIVE.has(job.state) ? 'yes' : 'no'}" data-language="${ctx.t.language}"`;
}

export async function jobsPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const [page, names] = await Promise.all([
    ctx.api<components['schemas']['RetrievalJobPage']>('listRetrievalJobs', { query: { limit: '50', cursor: queryField(ctx, 'cursor') } }).then((a) => a.body),
    officeNames(ctx),
  ]);
  ctx.res.send(renderPage(ctx, {
    title: t.t('jobs.title'),
    body: html`<h1>${t.t('jobs.title')}</h1>
<div class="button-group"><a class="button" href="/retrievals/new">${t.t('jobs.retrieve')}</a><a href="/dossiers">${t.t('jobs.dossiers')}</a></div>
${page.items.length === 0 ? html`<p>${t.t('jobs.none')}</p>` : html`<table data-live-texts="${liveTexts(t)}">
<caption>${t.t('jobs.count', { count: page.items.length })}</caption>
<thead><tr><th scope="col">${t.t('jobs.what')}</th><th scope="col">${t.t('jobs.office')}</th><th scope="col">${t.t('jobs.state')}</th><th scope="col">${t.t('jobs.progress')}</th></tr></thead>
<tbody>${page.items.map((job) => html`<tr${jobAttributes(ctx, job)}><td><a href="/retrievals/${job.jobId}"><bdi dir="ltr">${job.ipOfficeCode} ${job.applicationNumberText ?? ''}</bdi></a><br>${kindLabel(t, job.documentKind ?? 'priorityDocument')}<br><span class="hint">${t.dateTime(job.createdAt)}</span></td><td>${officeName(names, job.ipOfficeCode ?? '')}</td><td>${jobState(t, job)}</td><td class="progress-cell">${jobProgress(t, job)}</td></tr>`)}</tbody>
</table>`}
${page.nextCursor !== undefined && html`<nav class="pagination" aria-label="${t.t('documents.pages')}"><a href="/retrievals?cursor=${encodeURIComponent(page.nextCursor)}" rel="next">${t.t('documents.next')}</a></nav>`}
<p><a href="/copies">${t.t('jobs.copies')}</a></p>`,
  }));
}

export async function jobPage(ctx: PageContext, jobId: string): Promise<void> {
  const { t } = ctx;
  const [job, names] = await Promise.all([ctx.api<Job>('getRetrievalJob', { params: { jobId } }).then((a) => a.body), officeNames(ctx)]);
  const waitUntil = job.state === 'pending' && job.availableFrom !== undefined ? t.dateTime(job.availableFrom) : undefined;
  ctx.res.send(renderPage(ctx, {
    title: t.t('job.title'),
    body: html`<h1>${t.t('job.title')}</h1>
<div${jobAttributes(ctx, job)} data-live-texts="${liveTexts(t)}">
<dl class="summary">
<dt>${t.t('jobs.office')}</dt><dd>${officeName(names, job.ipOfficeCode ?? '')}</dd>
<dt>${t.t('doc.application')}</dt><dd><bdi dir="ltr">${job.ipOfficeCode} ${job.applicationNumberText ?? ''}</bdi></dd>
<dt>${t.t('doc.kind')}</dt><dd>${kindLabel(t, job.documentKind ?? 'priorityDocument')}</dd>
<dt>${t.t('jobs.state')}</dt><dd>${jobState(t, job)}${waitUntil !== undefined && html` ${t.t('job.availableFrom', { date: waitUntil })}`}</dd>
<dt>${t.t('jobs.progress')}</dt><dd class="progress-cell">${jobProgress(t, job)}</dd>
<dt>${t.t('job.asked')}</dt><dd>${t.dateTime(job.createdAt)}</dd>
</dl>
</div>
${job.error !== undefined && html`<div class="notice notice--warning"><p>${ACTIVE.has(job.state) ? t.t('job.retrying') : t.t('job.failedText')}</p><p>${t.t('error.code')} <code>${job.error.code}</code></p></div>`}
${job.copyId !== undefined && html`<p><a class="button" href="/copies/${job.copyId}">${t.t('job.openCopy')}</a></p>`}
<p><a href="/retrievals">${t.t('job.back')}</a></p>`,
  }));
}

export async function newRetrievalPage(ctx: PageContext): Promise<void> {
  const prefilled = readRetrievalFields((name) => queryField(ctx, name));
  await retrievalForm(ctx, prefilled, []);
}

export async function submitRetrieval(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const fields = readRetrievalFields((name) => formField(ctx, name));
  const errors = checkRetrievalFields(t, fields);
  if (errors.length > 0) return retrievalForm(ctx, fields, errors);
  try {
    const accepted = (await ctx.api<components['schemas']['RetrievalJobAccepted']>('createRetrievalJob', { body: retrievalRequest(fields), csrf: formField(ctx, 'csrf') })).body;
    seeOther(ctx, `/retrievals/${accepted.jobId}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
    const field = fieldOfRefusal(err.code, `${err.problem.detail ?? ''} ${(err.problem.errors ?? []).map((e) => e.path).join(' ')}`);
    await retrievalForm(ctx, fields, [{ field, message: err.code.startsWith('ACCESS_CODE') ? t.t('retrieve.codeMistyped') : t.t('retrieve.refused', { code: err.code }) }]);
  }
}

async function retrievalForm(ctx: PageContext, f: RetrievalFields, errors: readonly FieldError[]): Promise<void> {
  const { t } = ctx;
  const offices = (await directoryOffices(ctx))
    .filter((o) => o.code !== ctx.officeCode && o.status === 'active' && o.roles.includes('depositing'))
    .sort((a, b) => a.name.localeCompare(b.name, t.language));
  const checkTexts = JSON.stringify({ short: t.t('code.checkShort', { count: '{count}' }), ok: t.t('code.checkOk'), typo: t.t('code.checkTypo'), das: t.t('code.checkDas') });
  ctx.res.status(errors.length > 0 ? 400 : 200).send(renderPage(ctx, {
    title: t.t('retrieve.title'),
    errors,
    body: html`<h1>${t.t('retrieve.title')}</h1>
<form method="post" action="/retrievals/new" novalidate>
${csrfField(ctx.session?.csrfToken)}
${select({ id: 'ipOfficeCode', label: t.t('retrieve.office'), hint: t.t('retrieve.officeHint'), error: errorOf(errors, 'ipOfficeCode'), selected: f.ipOfficeCode, choices: [{ value: '', label: t.t('retrieve.chooseOffice') }, ...offices.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))] })}
${textField({ id: 'applicationNumberText', label: t.t('deposit.number'), hint: t.t('retrieve.numberHint'), value: f.applicationNumberText, error: errorOf(errors, 'applicationNumberText'), spellcheck: false, dir: 'ltr' })}
${textField({ id: 'filingDate', type: 'date', label: t.t('deposit.filingDate'), hint: t.t('deposit.dateHint'), value: f.filingDate, error: errorOf(errors, 'filingDate') })}
${choices({ id: 'ipRightType', type: 'radio', legend: t.t('deposit.right'), error: errorOf(errors, 'ipRightType'), selected: [f.ipRightType], choices: RIGHTS.map((r) => ({ value: r, label: rightLabel(t, r) })) })}
${select({ id: 'documentKind', label: t.t('retrieve.kind'), hint: t.t('retrieve.kindHint'), error: errorOf(errors, 'documentKind'), selected: f.documentKind, choices: KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })) })}
<div class="field${errorOf(errors, 'accessCode') !== undefined ? ' field--error' : ''}" data-access-code-check="${checkTexts}">
<label for="accessCode">${t.t('retrieve.code')}</label>
<p class="hint" id="accessCode-hint">${t.t('retrieve.codeHint')}</p>
${errorOf(errors, 'accessCode') !== undefined && html`<p class="error-message" id="accessCode-error">${errorOf(errors, 'accessCode')}</p>`}
<input type="text" id="accessCode" name="accessCode" value="${f.accessCode}" class="input--code${errorOf(errors, 'accessCode') !== undefined ? ' input--error' : ''}" autocomplete="off" spellcheck="false" dir="ltr"${errorOf(errors, 'accessCode') !== undefined && html` aria-invalid="true"`} aria-describedby="accessCode-hint accessCode-check${errorOf(errors, 'accessCode') !== undefined ? ' accessCode-error' : ''}">
<p class="hint" id="accessCode-check" aria-live="polite" data-check-result></p>
</div>
<button type="submit" class="button">${t.t('retrieve.button')}</button>
</form>`,
  }));
}
