/**
 * The dossier of an application at a peer office (docs/portal.md "Examiner", the WIPO CASE
 * model): the examiner names the office, the application, its filing date and right; the page
 * lists the search and examination documents the peer holds for it (`listPeerDossier`), each
 * with a button that retrieves it as a certified copy (`createRetrievalJob` with its kind —
 * dossier documents need no access code).
 */
import { html } from '../html.js';
import { ApiError } from '../api-client.js';
import { renderPage } from '../layout/page.js';
import { choices, csrfField, errorOf, select, textField, type FieldError } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, queryField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { RIGHTS, kindLabel, rightLabel } from './display.js';
import { directoryOffices, officeName } from './office-names.js';
import { checkRetrievalFields, readRetrievalFields, retrievalRequest, type RetrievalFields } from './retrieval-form.js';

type Dossier = components['schemas']['PeerDossier'];

export async function dossierPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const f = { ...readRetrievalFields((name) => queryField(ctx, name)), documentKind: 'searchReport' };
  const asked = queryField(ctx, 'ipOfficeCode') !== '';
  const errors = asked ? checkRetrievalFields(t, f) : [];
  let dossier: Dossier | undefined;
  if (asked && errors.length === 0) {
    try {
      dossier = (await ctx.api<Dossier>('listPeerDossier', { params: { officeCode: f.ipOfficeCode }, query: { applicationNumberText: f.applicationNumberText } })).body;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 401 || err.status === 403) throw err;
      errors.push({ field: 'applicationNumberText', message: t.t('retrieve.refused', { code: err.code }) });
    }
  }
  const offices = (await directoryOffices(ctx))
    .filter((o) => o.code !== ctx.officeCode && o.status === 'active' && o.roles.includes('depositing'))
    .sort((a, b) => a.name.localeCompare(b.name, t.language));
  const names = new Map(offices.map((o) => [o.code, o.name]));
  ctx.res.status(errors.length > 0 ? 400 : 200).send(renderPage(ctx, {
    title: t.t('dossier.title'),
    errors,
    body: html`<h1>${t.t('dossier.title')}</h1>
<p>${t.t('dossier.lede')}</p>
<form method="get" action="/dossiers" novalidate>
${select({ id: 'ipOfficeCode', label: t.t('retrieve.office'), error: errorOf(errors, 'ipOfficeCode'), selected: f.ipOfficeCode, choices: [{ value: '', label: t.t('retrieve.chooseOffice') }, ...offices.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))] })}
${textField({ id: 'applicationNumberText', label: t.t('deposit.number'), hint: t.t('retrieve.numberHint'), value: f.applicationNumberText, error: errorOf(errors, 'applicationNumberText'), spellcheck: false, dir: 'ltr' })}
${textField({ id: 'filingDate', type: 'date', label: t.t('deposit.filingDate'), hint: t.t('dossier.dateHint'), value: f.filingDate, error: errorOf(errors, 'filingDate') })}
${choices({ id: 'ipRightType', type: 'radio', legend: t.t('deposit.right'), error: errorOf(errors, 'ipRightType'), selected: [f.ipRightType], choices: RIGHTS.map((r) => ({ value: r, label: rightLabel(t, r) })) })}
<button type="submit" class="button button--secondary">${t.t('dossier.search')}</button>
</form>
${dossier !== undefined && html`<h2>${t.t('dossier.found', { office: names.get(dossier.office) ?? dossier.office })}</h2>
${dossier.documents.length === 0 ? html`<p>${t.t('dossier.none')}</p>` : html`<table>
<caption>${t.t('dossier.count', { count: dossier.documents.length })}</caption>
<thead><tr><th scope="col">${t.t('doc.kind')}</th><th scope="col">${t.t('doc.version')}</th><th scope="col">${t.t('dossier.parts')}</th><th scope="col">${t.t('dossier.action')}</th></tr></thead>
<tbody>${dossier.documents.map((d) => html`<tr><td>${kindLabel(t, d.documentKind)}<br>${officeName(names, d.ipOfficeCode)}</td><td>${d.depositedAt === undefined ? t.number(d.version) : t.t('doc.versionOf', { version: d.version, date: t.dateTime(d.depositedAt) })}</td><td>${t.number(d.parts.length)}</td><td>${retrieveButton(ctx, f, d.documentKind)}</td></tr>`)}</tbody>
</table>`}`}
<p><a href="/retrievals">${t.t('job.back')}</a></p>`,
  }));
}

function retrieveButton(ctx: PageContext, f: RetrievalFields, kind: string): ReturnType<typeof html> {
  return html`<form method="post" action="/dossiers/retrieve">
${csrfField(ctx.session?.csrfToken)}
${(['ipOfficeCode', 'applicationNumberText', 'filingDate', 'ipRightType'] as const).map((name) => html`<input type="hidden" name="${name}" value="${f[name]}">`)}
<input type="hidden" name="documentKind" value="${kind}">
<button type="submit" class="button button--secondary">${ctx.t.t('dossier.retrieve')}<span class="visually-hidden"> ${kindLabel(ctx.t, kind)}</span></button>
</form>`;
}

/** A dossier document's retrieve button: a retrieval job of its kind, no access code. */
export async function retrieveDossierDocument(ctx: PageContext): Promise<void> {
  const f = readRetrievalFields((name) => formField(ctx, name));
  const errors: FieldError[] = checkRetrievalFields(ctx.t, f);
  if (errors.length > 0 || f.documentKind === 'priorityDocument') return seeOther(ctx, '/dossiers');
  const accepted = (await ctx.api<components['schemas']['RetrievalJobAccepted']>('createRetrievalJob', { body: retrievalRequest(f), csrf: formField(ctx, 'csrf') })).body;
  seeOther(ctx, `/retrievals/${accepted.jobId}`);
}
