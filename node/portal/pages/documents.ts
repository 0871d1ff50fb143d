/**
 * The clerk's documents (docs/portal.md "Clerk"): list and search (application number,
 * applicant, title, filing dates, state, kind — `listDocuments`), one document with its parts
 * and versions (`getDocument`), and withdrawal behind a confirmation page that says what it does
 * (`withdrawDocument`).
 */
import { html } from '../html.js';
import { renderPage } from '../layout/page.js';
import { csrfField, select, textField } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, queryField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { KINDS, STATES, applicantNames, applicationNumber, documentSummary, kindLabel, partsTable, stateTag, title, type Document } from './display.js';

const FILTERS = ['applicationNumberText', 'applicant', 'title', 'filedFrom', 'filedTo', 'state', 'documentKind'] as const;

export async function documentsPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const query: Record<string, string> = {};
  for (const name of [...FILTERS, 'cursor']) query[name] = queryField(ctx, name);
  const page = (await ctx.api<components['schemas']['DocumentPage']>('listDocuments', { query: { ...query, limit: '25' } })).body;
  const next = page.nextCursor === undefined ? undefined : `/documents?${new URLSearchParams({ ...query, cursor: page.nextCursor }).toString()}`;
  const searched = FILTERS.some((f) => query[f] !== '');
  ctx.res.send(renderPage(ctx, {
    title: t.t('documents.title'),
    body: html`<h1>${t.t('documents.title')}</h1>
<a class="button" href="/deposits/new">${t.t('documents.deposit')}</a>
<form method="get" action="/documents" role="search" aria-label="${t.t('documents.searchLabel')}">
<h2>${t.t('documents.search')}</h2>
<div class="search">
${textField({ id: 'applicationNumberText', label: t.t('documents.number'), value: query.applicationNumberText, dir: 'ltr' })}
${textField({ id: 'applicant', label: t.t('documents.applicant'), value: query.applicant })}
${textField({ id: 'title', label: t.t('documents.titleField'), value: query.title })}
${textField({ id: 'filedFrom', type: 'date', label: t.t('documents.filedFrom'), value: query.filedFrom })}
${textField({ id: 'filedTo', type: 'date', label: t.t('documents.filedTo'), value: query.filedTo })}
${select({ id: 'state', label: t.t('documents.state'), selected: query.state ?? '', choices: [{ value: '', label: t.t('documents.any') }, ...STATES.map((s) => ({ value: s, label: t.t(`state.${s}`) }))] })}
${select({ id: 'documentKind', label: t.t('documents.kind'), selected: query.documentKind ?? '', choices: [{ value: '', label: t.t('documents.any') }, ...KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))] })}
</div>
<div class="button-group"><button type="submit" class="button button--secondary">${t.t('documents.searchButton')}</button>${searched && html`<a href="/documents">${t.t('documents.clear')}</a>`}</div>
</form>
${page.items.length === 0 ? html`<p>${searched ? t.t('documents.noneFound') : t.t('documents.none')}</p>` : html`<table>
<caption>${t.t('documents.count', { count: page.items.length })}</caption>
<thead><tr><th scope="col">${t.t('doc.application')}</th><th scope="col">${t.t('doc.title')}</th><th scope="col">${t.t('doc.applicants')}</th><th scope="col">${t.t('doc.filingDate')}</th><th scope="col">${t.t('doc.state')}</th></tr></thead>
<tbody>${page.items.map((d) => html`<tr><td><a href="/documents/${d.documentId}">${applicationNumber(d)}</a><br>${kindLabel(t, d.documentKind)}</td><td>${title(d)}</td><td>${applicantNames(d)}</td><td>${t.date(d.bibliographicData.filingDate)}</td><td>${stateTag(t, d.state)}</td></tr>`)}</tbody>
</table>`}
${next !== undefined && html`<nav class="pagination" aria-label="${t.t('documents.pages')}"><a href="${next}" rel="next">${t.t('documents.next')}</a></nav>`}`,
  }));
}

export async function documentPage(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const doc = (await ctx.api<Document>('getDocument', { params: { documentId } })).body;
  const withdrawn = queryField(ctx, 'done') === 'withdrawn';
  ctx.res.send(renderPage(ctx, {
    title: t.t('document.title'),
    body: html`<h1>${t.t('document.title')}</h1>
${withdrawn && html`<div class="notice" role="status"><p>${t.t('document.withdrawnNotice')}</p></div>`}
${documentSummary(t, doc)}
${doc.withdrawnAt !== undefined && html`<p>${t.t('document.withdrawnAt', { date: t.dateTime(doc.withdrawnAt) })}</p>`}
${doc.state !== 'withdrawn' && html`<div class="button-group"><a class="button button--secondary" href="/deposits/new?supersedes=${doc.documentId}">${t.t('document.newVersion')}</a><a class="button button--warning" href="/documents/${doc.documentId}/withdraw">${t.t('document.withdraw')}</a></div>`}
${partsTable(t, doc.parts, t.t('document.parts'))}
${(doc.versions ?? []).length > 1 && html`<h2>${t.t('document.versions')}</h2><ul>${(doc.versions ?? []).map((v) => html`<li>${t.t('doc.versionOf', { version: v.version, date: t.dateTime(v.depositedAt) })}</li>`)}</ul>`}
<p><a href="/documents">${t.t('document.back')}</a></p>`,
  }));
}

export async function withdrawPage(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const doc = (await ctx.api<Document>('getDocument', { params: { documentId } })).body;
  ctx.res.send(renderPage(ctx, {
    title: t.t('withdraw.title'),
    body: html`<h1>${t.t('withdraw.title')}</h1>
<p>${t.t('withdraw.which', { number: `${doc.bibliographicData.ipOfficeCode} ${doc.bibliographicData.applicationNumberText}` })}</p>
<div class="notice notice--warning"><p><strong>${t.t('withdraw.means')}</strong></p><ul>
<li>${t.t('withdraw.noRetrieval')}</li>
${doc.documentKind === 'priorityDocument' && html`<li>${t.t('withdraw.codeDead')}</li>`}
<li>${t.t('withdraw.kept')}</li>
<li>${t.t('withdraw.final')}</li>
</ul></div>
<form method="post" action="/documents/${doc.documentId}/withdraw">
${csrfField(ctx.session?.csrfToken)}
${textField({ id: 'reason', label: t.t('withdraw.reason'), hint: t.t('withdraw.reasonHint') })}
<div class="button-group"><button type="submit" class="button button--warning">${t.t('withdraw.button')}</button><a href="/documents/${doc.documentId}">${t.t('withdraw.cancel')}</a></div>
</form>`,
  }));
}

export async function withdraw(ctx: PageContext, documentId: string): Promise<void> {
  const reason = formField(ctx, 'reason').trim();
  await ctx.api('withdrawDocument', { params: { documentId }, body: reason === '' ? {} : { reason }, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, `/documents/${documentId}?done=withdrawn`);
}
