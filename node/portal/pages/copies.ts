/**
 * Certified copies retrieved from peer offices (docs/portal.md "Examiner"): the list
 * (`listCopies`), one copy with its parts to open or download and its bundle (`getCopy`;
 * the files come straight from the office API: `getCopyPart`, `getCopyBundle`), and the copy
 * verified again check by check — manifest, chain, each part, layout, receipt and the depositing
 * office's log proof (`verifyCopy`) — each check with what it means and, when it failed, its code.
 */
import { html, type Html } from '../html.js';
import { renderPage } from '../layout/page.js';
import { select, textField } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import type { Translator } from '../i18n/translator.js';
import type { MessageKey } from '../messages/index.js';
import { queryField } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { KINDS, kindLabel, rightLabel, title } from './display.js';
import { officeName, officeNames } from './office-names.js';

type Copy = components['schemas']['Copy'];
type Verification = components['schemas']['CopyVerification'];

const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'text/plain']);

function copyNumber(copy: Copy): Html {
  return html`<bdi dir="ltr">${copy.bibliographicData.ipOfficeCode} ${copy.bibliographicData.applicationNumberText}</bdi>`;
}

export async function copiesPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const query = { ipOfficeCode: queryField(ctx, 'ipOfficeCode'), applicationNumberText: queryField(ctx, 'applicationNumberText'), documentKind: queryField(ctx, 'documentKind') };
  const [page, names] = await Promise.all([
    ctx.api<components['schemas']['CopyPage']>('listCopies', { query: { ...query, limit: '25', cursor: queryField(ctx, 'cursor') } }).then((a) => a.body),
    officeNames(ctx),
  ]);
  const searched = Object.values(query).some((v) => v !== '');
  ctx.res.send(renderPage(ctx, {
    title: t.t('copies.title'),
    body: html`<h1>${t.t('copies.title')}</h1>
<form method="get" action="/copies" role="search" aria-label="${t.t('copies.searchLabel')}">
<div class="search">
${select({ id: 'ipOfficeCode', label: t.t('jobs.office'), selected: query.ipOfficeCode, choices: [{ value: '', label: t.t('documents.any') }, ...[...names].filter(([code]) => code !== ctx.officeCode).map(([code, name]) => ({ value: code, label: `${name} (${code})` }))] })}
${textField({ id: 'applicationNumberText', label: t.t('documents.number'), value: query.applicationNumberText, dir: 'ltr' })}
${select({ id: 'documentKind', label: t.t('documents.kind'), selected: query.documentKind, choices: [{ value: '', label: t.t('documents.any') }, ...KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))] })}
</div>
<div class="button-group"><button type="submit" class="button button--secondary">${t.t('documents.searchButton')}</button>${searched && html`<a href="/copies">${t.t('documents.clear')}</a>`}</div>
</form>
${page.items.length === 0 ? html`<p>${t.t('copies.none')}</p>` : html`<table>
<caption>${t.t('copies.count', { count: page.items.length })}</caption>
<thead><tr><th scope="col">${t.t('doc.application')}</th><th scope="col">${t.t('jobs.office')}</th><th scope="col">${t.t('doc.kind')}</th><th scope="col">${t.t('copies.retrievedAt')}</th></tr></thead>
<tbody>${page.items.map((c) => html`<tr><td><a href="/copies/${c.copyId}">${copyNumber(c)}</a></td><td>${officeName(names, c.sourceOffice)}</td><td>${kindLabel(t, c.documentKind)}</td><td>${t.dateTime(c.retrievedAt)}</td></tr>`)}</tbody>
</table>`}
${page.nextCursor !== undefined && html`<nav class="pagination" aria-label="${t.t('documents.pages')}"><a href="/copies?${new URLSearchParams({ ...query, cursor: page.nextCursor }).toString()}" rel="next">${t.t('documents.next')}</a></nav>`}
<p><a href="/retrievals">${t.t('job.back')}</a></p>`,
  }));
}

export async function copyPage(ctx: PageContext, copyId: string): Promise<void> {
  const { t } = ctx;
  const [copy, names] = await Promise.all([ctx.api<Copy>('getCopy', { params: { copyId } }).then((a) => a.body), officeNames(ctx)]);
  const b = copy.bibliographicData;
  const api = `/api/v1/copies/${encodeURIComponent(copy.copyId)}`;
  ctx.res.send(renderPage(ctx, {
    title: t.t('copy.title'),
    body: html`<h1>${t.t('copy.title')}</h1>
<div class="notice" role="status"><p>${t.t('copy.verifiedOnArrival', { date: t.dateTime(copy.retrievedAt) })}</p></div>
<dl class="summary">
<dt>${t.t('jobs.office')}</dt><dd>${officeName(names, copy.sourceOffice)}</dd>
<dt>${t.t('doc.application')}</dt><dd>${copyNumber(copy)}</dd>
<dt>${t.t('doc.kind')}</dt><dd>${kindLabel(t, copy.documentKind)}</dd>
<dt>${t.t('doc.filingDate')}</dt><dd>${t.date(b.filingDate)}</dd>
<dt>${t.t('doc.right')}</dt><dd>${rightLabel(t, b.ipRightType)}</dd>
<dt>${t.t('doc.title')}</dt><dd>${title(copy)}</dd>
<dt>${t.t('doc.version')}</dt><dd>${t.number(copy.version)}</dd>
<dt>${t.t('copy.receipt')}</dt><dd>${copy.receiptSent === true ? t.t('copy.receiptSent') : t.t('copy.receiptPending')}</dd>
</dl>
<p><a class="button" href="/copies/${copy.copyId}/verification">${t.t('copy.verify')}</a></p>
<table>
<caption>${t.t('copy.parts', { count: copy.parts.length })}</caption>
<thead><tr><th scope="col">${t.t('parts.name')}</th><th scope="col">${t.t('parts.type')}</th><th scope="col">${t.t('parts.size')}</th><th scope="col">${t.t('copy.files')}</th></tr></thead>
<tbody>${copy.parts.map((p) => html`<tr><td><bdi>${p.originalName ?? p.name}</bdi></td><td><bdi dir="ltr">${p.mediaType}</bdi></td><td>${t.bytes(p.size)}</td><td>${INLINE_TYPES.has(p.mediaType) && html`<a href="${api}/parts/${encodeURIComponent(p.name)}?disposition=inline">${t.t('copy.open')}<span class="visually-hidden"> ${p.name}</span></a> · `}<a href="${api}/parts/${encodeURIComponent(p.name)}" download>${t.t('copy.download')}<span class="visually-hidden"> ${p.name}</span></a></td></tr>`)}</tbody>
</table>
<p><a class="button button--secondary" href="${api}/bundle" download>${t.t('copy.bundle')}</a></p>
<p class="hint">${t.t('copy.bundleHint')}</p>
<p><a href="/copies">${t.t('copy.back')}</a></p>`,
  }));
}

export async function verificationPage(ctx: PageContext, copyId: string): Promise<void> {
  const { t } = ctx;
  const v = (await ctx.api<Verification>('verifyCopy', { params: { copyId } })).body;
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(renderPage(ctx, {
    title: t.t('verify.title'),
    body: html`<h1>${t.t('verify.title')}</h1>
<div class="notice${v.ok ? '' : ' notice--warning'}" role="status"><p><strong>${v.ok ? t.t('verify.allPassed') : t.t('verify.someFailed')}</strong></p><p>${t.t('verify.checkedAt', { date: t.dateTime(v.checkedAt) })}</p></div>
<table>
<caption>${t.t('verify.checks', { count: v.checks.length })}</caption>
<thead><tr><th scope="col">${t.t('verify.check')}</th><th scope="col">${t.t('verify.about')}</th><th scope="col">${t.t('verify.result')}</th></tr></thead>
<tbody>${v.checks.map((c) => html`<tr><td>${t.t(`verify.${c.check}` as MessageKey)}</td><td><bdi dir="ltr">${c.where}</bdi></td><td>${checkResult(t, c)}</td></tr>`)}</tbody>
</table>
<p><a href="/copies/${v.copyId}">${t.t('verify.back')}</a></p>`,
  }));
}

function checkResult(t: Translator, c: Verification['checks'][number]): Html {
  if (!c.ok) return html`<strong class="tag tag--red">${t.t('verify.failed')}</strong> <code>${c.code ?? ''}</code>`;
  const d = c.detail;
  return html`<strong class="tag">${t.t('verify.passed')}</strong>${d?.sentAt !== undefined && html` ${t.t('verify.receiptAt', { date: t.dateTime(d.sentAt) })}`}${c.check === 'log-proof' && d?.logIndex !== undefined && html` ${t.t('verify.logEntry', { index: d.logIndex, size: d.treeSize ?? 0 })}`}`;
}
