/**
 * The applicant's control of a priority document (docs/portal.md "Applicant"): which offices may
 * retrieve it, chosen by name from the signed directory (`setDocumentAccess`), and a new access
 * code (`regenerateAccessCode`) — the old one stops working at once, and the new one is shown
 * this once, on a page no cache keeps.
 */
import { html } from '../html.js';
import { renderPage } from '../layout/page.js';
import { choices, csrfField, errorOf, type FieldError } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, formList, noStore, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { applicationNumber, type Document } from './display.js';
import { officeName } from './office-names.js';
import { letterButton } from './letter.js';

type Schemas = components['schemas'];

export async function officesPage(ctx: PageContext, documentId: string, submitted?: { mode: string; offices: string[]; errors: FieldError[] }): Promise<void> {
  const { t } = ctx;
  const params = { documentId };
  const [doc, access, list] = await Promise.all([
    ctx.api<Document>('getDocument', { params }), ctx.api<Schemas['AccessState']>('getDocumentAccess', { params }), ctx.api<Schemas['OfficeList']>('listOffices'),
  ]).then(([d, a, l]) => [d.body, a.body, l.body] as const);
  const mode = submitted?.mode ?? ('anyParticipatingOffice' in access.policy ? 'any' : 'only');
  const chosen = submitted?.offices ?? ('allowedOffices' in access.policy ? access.policy.allowedOffices : []);
  const names = new Map(list.items.map((o) => [o.code, o.name]));
  const candidates = list.items
    .filter((o) => (o.status === 'active' && o.roles.includes('accessing')) || chosen.includes(o.code))
    .sort((a, b) => a.name.localeCompare(b.name, t.language));
  const errors = submitted?.errors ?? [];
  ctx.res.status(errors.length > 0 ? 400 : 200).send(renderPage(ctx, {
    title: t.t('offices.title'),
    errors,
    body: html`<h1>${t.t('offices.title')}</h1>
<p>${t.t('offices.lede')} ${applicationNumber(doc)}</p>
<form method="post" action="/my-documents/${documentId}/offices" novalidate>
${csrfField(ctx.session?.csrfToken)}
${choices({ id: 'mode', type: 'radio', legend: t.t('offices.modeLegend'), selected: [mode], choices: [{ value: 'any', label: t.t('offices.any') }, { value: 'only', label: t.t('offices.only') }] })}
${choices({ id: 'offices', type: 'checkbox', legend: t.t('offices.listLegend'), hint: t.t('offices.listHint'), error: errorOf(errors, 'offices'), selected: chosen, choices: candidates.map((o) => ({ value: o.code, label: officeName(names, o.code) })) })}
<button type="submit" class="button">${t.t('offices.save')}</button>
</form>
<p><a href="/my-documents/${documentId}">${t.t('offices.cancel')}</a></p>`,
  }));
}

export async function saveOffices(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const mode = formField(ctx, 'mode');
  const offices = formList(ctx, 'offices');
  if (mode === 'only' && offices.length === 0) {
    return officesPage(ctx, documentId, { mode, offices, errors: [{ field: 'offices', message: t.t('offices.noneChosen') }] });
  }
  const policy = mode === 'only' ? { allowedOffices: offices } : { anyParticipatingOffice: true };
  await ctx.api('setDocumentAccess', { params: { documentId }, body: policy, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, `/my-documents/${documentId}?done=offices`);
}

export async function accessCodePage(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const doc = (await ctx.api<Document>('getDocument', { params: { documentId } })).body;
  ctx.res.send(renderPage(ctx, {
    title: t.t('code.title'),
    body: html`<h1>${t.t('code.title')}</h1>
<p>${t.t('code.for')} ${applicationNumber(doc)}</p>
<div class="notice notice--warning"><ul><li>${t.t('code.oldDies')}</li><li>${t.t('code.tellOffices')}</li><li>${t.t('code.once')}</li></ul></div>
<form method="post" action="/my-documents/${documentId}/access-code">
${csrfField(ctx.session?.csrfToken)}
<div class="button-group"><button type="submit" class="button">${t.t('code.button')}</button><a href="/my-documents/${documentId}">${t.t('code.cancel')}</a></div>
</form>`,
  }));
}

export async function regenerate(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const issued = (await ctx.api<Schemas['IssuedAccessCode']>('regenerateAccessCode', { params: { documentId }, csrf: formField(ctx, 'csrf') })).body;
  noStore(ctx);
  ctx.res.send(renderPage(ctx, {
    title: t.t('code.newTitle'),
    body: html`<div class="panel"><h1>${t.t('code.newTitle')}</h1><p class="secret" data-testid="access-code">${issued.accessCode}</p></div>
<p>${t.t('code.newText', { date: t.dateTime(issued.issuedAt) })}</p>
<div class="notice notice--warning"><p><strong>${t.t('code.once')}</strong></p></div>
${letterButton(ctx, `/my-documents/${documentId}/letter`, issued.accessCode)}
<p><a href="/my-documents/${documentId}">${t.t('code.back')}</a></p>`,
  }));
}
