/**
 * The applicant's e-mail for notifications (docs/portal.md "Applicant", docs/notifications.md):
 * the address and language the node writes to about a priority document — every retrieval, a
 * new access code, its availability — set or replaced with one form (`setApplicantContact`) and
 * removed with another (`removeApplicantContact`). The address is shown only to the holder of
 * the document's key and to staff; it never goes into a URL.
 */
import { html } from '../html.js';
import { ApiError } from '../api-client.js';
import { renderPage } from '../layout/page.js';
import { csrfField, select, textField, type FieldError } from '../layout/forms.js';
import { LANGUAGES, isLanguage } from '../i18n/languages.js';
import type { PageContext } from '../page-context.js';
import { formField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { applicationNumber, type Document } from './display.js';

type Contact = components['schemas']['ApplicantContactState'];

export async function contactPage(ctx: PageContext, documentId: string, errors: readonly FieldError[] = [], typed?: { email: string; language: string }): Promise<void> {
  const { t } = ctx;
  const params = { documentId };
  const [doc, contact] = await Promise.all([ctx.api<Document>('getDocument', { params }), ctx.api<Contact>('getApplicantContact', { params })]).then(([d, c]) => [d.body, c.body] as const);
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.status(errors.length > 0 ? 400 : 200).send(renderPage(ctx, {
    title: t.t('contact.title'),
    errors,
    body: html`<h1>${t.t('contact.title')}</h1>
<p>${t.t('contact.which')} ${applicationNumber(doc)}</p>
<p>${t.t('contact.lede')}</p>
${contact.email === undefined ? html`<p>${t.t('contact.none')}</p>` : html`<dl class="summary"><dt>${t.t('contact.current')}</dt><dd><bdi dir="ltr">${contact.email}</bdi></dd><dt>${t.t('contact.language')}</dt><dd>${LANGUAGES.find((l) => l.code === contact.language)?.name ?? contact.language ?? '—'}</dd></dl>`}
<form method="post" action="/my-documents/${doc.documentId}/contact" novalidate>
${csrfField(ctx.session?.csrfToken)}
${textField({ id: 'email', label: t.t('contact.email'), hint: t.t('contact.emailHint'), value: typed?.email ?? contact.email, error: errors.find((e) => e.field === 'email')?.message, autocomplete: 'email', spellcheck: false, dir: 'ltr' })}
${select({ id: 'language', label: t.t('contact.language'), selected: typed?.language ?? contact.language ?? t.language, choices: LANGUAGES.map((l) => ({ value: l.code, label: l.name })) })}
<button type="submit" class="button">${t.t('contact.save')}</button>
</form>
${contact.email !== undefined && html`<h2>${t.t('contact.stopHeading')}</h2>
<form method="post" action="/my-documents/${doc.documentId}/contact/remove">
${csrfField(ctx.session?.csrfToken)}
<p>${t.t('contact.stopText')}</p>
<button type="submit" class="button button--warning">${t.t('contact.stop')}</button>
</form>`}
<p><a href="/my-documents/${doc.documentId}">${t.t('mine.back')}</a></p>`,
  }));
}

export async function saveContact(ctx: PageContext, documentId: string): Promise<void> {
  const { t } = ctx;
  const email = formField(ctx, 'email').trim();
  const language = formField(ctx, 'language');
  const wrong = (): Promise<void> => contactPage(ctx, documentId, [{ field: 'email', message: t.t('contact.emailWrong') }], { email, language });
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return wrong();
  try {
    await ctx.api('setApplicantContact', { params: { documentId }, body: { email, language: isLanguage(language) ? language : 'en' }, csrf: formField(ctx, 'csrf') });
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'APPLICANT_EMAIL_INVALID' || err.code === 'VALIDATION_FAILED')) return wrong();
    throw err;
  }
  seeOther(ctx, `/my-documents/${documentId}?done=contact`);
}

export async function removeContact(ctx: PageContext, documentId: string): Promise<void> {
  await ctx.api('removeApplicantContact', { params: { documentId }, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, `/my-documents/${documentId}?done=contact-removed`);
}
