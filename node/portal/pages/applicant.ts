/**
 * The applicant's pages (docs/portal.md "Applicant"): the documents of the session, and for one
 * document its status, the alerts (lock-outs and failed attempts, shown, not just stored), who
 * may retrieve it, and the full history of retrievals — who, when, outcome, receipt — with the
 * offices named as the signed directory names them. Everything is read with the session, which
 * reaches only the documents whose applicant keys were given to it.
 */
import { html, type Html } from '../html.js';
import { renderPage } from '../layout/page.js';
import type { PageContext } from '../page-context.js';
import type { Translator } from '../i18n/translator.js';
import type { MessageKey } from '../messages/index.js';
import { queryField } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { applicationNumber, documentSummary, stateTag, title, type Document } from './display.js';
import { officeName, officeNames } from './office-names.js';

type Schemas = components['schemas'];

export async function myDocumentsPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const docs = await Promise.all((ctx.session?.documents ?? []).map(async (documentId) => (await ctx.api<Document>('getDocument', { params: { documentId } })).body));
  ctx.res.send(renderPage(ctx, {
    title: t.t('mine.title'),
    body: html`<h1>${t.t('mine.title')}</h1>
<table>
<caption>${t.t('mine.count', { count: docs.length })}</caption>
<thead><tr><th scope="col">${t.t('doc.application')}</th><th scope="col">${t.t('doc.title')}</th><th scope="col">${t.t('doc.state')}</th></tr></thead>
<tbody>${docs.map((d) => html`<tr><td><a href="/my-documents/${d.documentId}">${applicationNumber(d)}</a></td><td>${title(d)}</td><td>${stateTag(t, d.state)}</td></tr>`)}</tbody>
</table>
<a class="button button--secondary" href="/sign-in/applicant">${t.t('mine.add')}</a>`,
  }));
}

export async function myDocumentPage(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const params = { documentId };
  const [doc, access, history, alerts, names, contact] = await Promise.all([
    ctx.api<Document>('getDocument', { params }),
    ctx.api<Schemas['AccessState']>('getDocumentAccess', { params }),
    ctx.api<Schemas['HistoryPage']>('getDocumentHistory', { params, query: { limit: '500' } }),
    ctx.api<Schemas['AlertList']>('getDocumentAlerts', { params }),
    officeNames(ctx),
    ctx.api<Schemas['ApplicantContactState']>('getApplicantContact', { params }),
  ]).then(([d, a, h, al, n, c]) => [d.body, a.body, h.body, al.body, n, c.body] as const);
  const failures = history.items.filter((a) => a.outcome === 'refused' || a.outcome === 'locked');
  const done = queryField(ctx, 'done');
  ctx.res.send(renderPage(ctx, {
    title: t.t('mine.documentTitle'),
    body: html`<h1>${t.t('mine.documentTitle')}</h1>
${done === 'offices' && html`<div class="notice" role="status"><p>${t.t('mine.officesSaved')}</p></div>`}
${done === 'contact' && html`<div class="notice" role="status"><p>${t.t('mine.contactSaved')}</p></div>`}
${done === 'contact-removed' && html`<div class="notice" role="status"><p>${t.t('mine.contactRemoved')}</p></div>`}
${alertsBox(t, names, alerts.items, access.lockedOffices, failures.length)}
${documentSummary(t, doc)}
<h2>${t.t('mine.whoMay')}</h2>
<p>${'anyParticipatingOffice' in access.policy ? t.t('mine.anyOffice') : access.policy.allowedOffices.length === 0 ? t.t('mine.noOffice') : t.t('mine.onlyOffices')}</p>
${'allowedOffices' in access.policy && html`<ul>${access.policy.allowedOffices.map((c) => html`<li>${officeName(names, c)}</li>`)}</ul>`}
${doc.state !== 'withdrawn' && html`<p><a href="/my-documents/${doc.documentId}/offices">${t.t('mine.changeOffices')}</a></p>`}
<h2>${t.t('mine.code')}</h2>
${access.codeIssuedAt !== undefined && html`<p>${t.t('mine.codeIssued', { date: t.dateTime(access.codeIssuedAt) })}</p>`}
${doc.state !== 'withdrawn' && html`<p><a href="/my-documents/${doc.documentId}/access-code">${t.t('mine.newCode')}</a></p>`}
<h2>${t.t('mine.contactHeading')}</h2>
<p>${contact.email === undefined ? t.t('mine.contactNone') : html`${t.t('mine.contactTo')} <bdi dir="ltr">${contact.email}</bdi>`}</p>
${doc.state !== 'withdrawn' && html`<p><a href="/my-documents/${doc.documentId}/contact">${t.t('mine.contactLink')}</a></p>`}
<h2>${t.t('mine.history')}</h2>
${history.items.length === 0 ? html`<p>${t.t('mine.noHistory')}</p>` : html`<table>
<caption>${t.t('mine.historyCount', { count: history.items.length })}</caption>
<thead><tr><th scope="col">${t.t('mine.office')}</th><th scope="col">${t.t('mine.when')}</th><th scope="col">${t.t('mine.outcome')}</th><th scope="col">${t.t('mine.receipt')}</th></tr></thead>
<tbody>${history.items.map((a) => html`<tr><td>${officeName(names, a.office)}</td><td>${t.dateTime(a.time)}</td><td>${outcomeTag(t, a.outcome)}</td><td>${a.receipt === undefined ? (a.outcome === 'success' ? t.t('mine.notConfirmed') : '—') : t.t('mine.confirmed', { date: t.dateTime(a.receipt.receivedAt) })}${a.logIndex !== undefined && html`<br><span class="hint">${t.t('mine.logEntry', { index: a.logIndex })}</span>`}</td></tr>`)}</tbody>
</table>`}
<p><a href="/my-documents">${t.t('mine.back')}</a></p>`,
  }));
}

function outcomeTag(t: Translator, outcome: string): Html {
  const colour = outcome === 'success' ? '' : outcome === 'pending' ? ' tag--blue' : ' tag--red';
  return html`<strong class="tag${colour}">${t.t(`outcome.${outcome}` as MessageKey)}</strong>`;
}

function alertsBox(t: Translator, names: ReadonlyMap<string, string>, alerts: readonly Schemas['ApplicantAlert'][], locks: readonly Schemas['AccessLock'][], failures: number): Html {
  if (alerts.length === 0 && locks.length === 0 && failures === 0) return html``;
  return html`<div class="notice notice--warning" role="region" aria-labelledby="alerts-heading">
<h2 id="alerts-heading">${t.t('alerts.title')}</h2>
${failures > 0 && html`<p>${t.t('alerts.failures', { count: failures })}</p>`}
${locks.length > 0 && html`<ul>${locks.map((l) => html`<li>${t.t('alerts.lockedNow', { until: t.dateTime(l.until) })} ${officeName(names, l.office)}</li>`)}</ul>`}
${alerts.length > 0 && html`<ul>${alerts.map((a) => html`<li>${t.t('alerts.locked', { date: t.dateTime(a.createdAt), until: t.dateTime(a.lockedUntil) })} ${officeName(names, a.office)}</li>`)}</ul>`}
<p>${t.t('alerts.advice')}</p>
</div>`;
}
