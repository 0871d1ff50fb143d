/**
 * The start page and signing in and out (docs/portal.md "Sessions"). Staff sign in once with
 * their staff token, applicants with the applicant key of a document (again, to add another
 * document to the same session); the office API answers with the session cookie, which is
 * passed on to the browser. Nothing typed here is put in a URL, a page or the log.
 */
import { html } from '../html.js';
import { ApiError } from '../api-client.js';
import { renderPage } from '../layout/page.js';
import { csrfField, textField, type FieldError } from '../layout/forms.js';
import type { PageContext, Session } from '../page-context.js';
import { passCookies, formField, seeOther } from '../respond.js';

/** Where a member of staff starts: the first page of what their role is for. */
export function firstPageOf(role: Session['role']): string {
  return role === 'examiner' ? '/retrievals' : role === 'auditor' ? '/audit' : role === 'admin' ? '/admin' : '/documents';
}

export function startPage(ctx: PageContext): void {
  const { t } = ctx;
  if (ctx.session?.kind === 'staff') return seeOther(ctx, firstPageOf(ctx.session.role));
  if (ctx.session?.kind === 'applicant') return seeOther(ctx, '/my-documents');
  const expired = ctx.req.query.ended === '1';
  ctx.res.send(renderPage(ctx, {
    title: t.t('start.title'),
    body: html`<h1>${t.t('start.title')}</h1>
${expired && html`<div class="notice" role="status"><p>${t.t('start.sessionEnded')}</p></div>`}
<p class="lede">${t.t('start.lede')}</p>
<h2>${t.t('start.staffHeading')}</h2>
<p>${t.t('start.staffText')}</p>
<a class="button" href="/sign-in/staff" role="button" draggable="false">${t.t('start.staffButton')}</a>
<h2>${t.t('start.applicantHeading')}</h2>
<p>${t.t('start.applicantText')}</p>
<a class="button" href="/sign-in/applicant" role="button" draggable="false">${t.t('start.applicantButton')}</a>`,
  }));
}

type Kind = 'staff' | 'applicant';

export function signInPage(ctx: PageContext, kind: Kind, errors: readonly FieldError[] = [], status = errors.length > 0 ? 400 : 200): void {
  const { t } = ctx;
  const adding = kind === 'applicant' && ctx.session?.kind === 'applicant';
  const title = kind === 'staff' ? t.t('signIn.staffTitle') : adding ? t.t('signIn.addTitle') : t.t('signIn.applicantTitle');
  const field = kind === 'staff' ? 'staffToken' : 'applicantKey';
  ctx.res.status(status).send(renderPage(ctx, {
    title,
    errors,
    body: html`<h1>${title}</h1>
<form method="post" action="/sign-in/${kind}" novalidate>
${csrfField(ctx.session?.csrfToken)}
${textField({
  id: field, type: 'password', label: kind === 'staff' ? t.t('signIn.staffLabel') : t.t('signIn.applicantLabel'),
  hint: kind === 'staff' ? t.t('signIn.staffHint') : t.t('signIn.applicantHint'), error: errors.find((e) => e.field === field)?.message,
  autocomplete: 'off', spellcheck: false, code: true, dir: 'ltr',
})}
<button type="submit" class="button">${adding ? t.t('signIn.addButton') : t.t('signIn.button')}</button>
</form>
${kind === 'applicant' && html`<p>${t.t('signIn.applicantHelp')}</p>`}`,
  }));
}

export async function signIn(ctx: PageContext, kind: Kind): Promise<void> {
  const { t } = ctx;
  const field = kind === 'staff' ? 'staffToken' : 'applicantKey';
  const value = formField(ctx, field).trim();
  if (value === '') return signInPage(ctx, kind, [{ field, message: kind === 'staff' ? t.t('signIn.staffMissing') : t.t('signIn.applicantMissing') }]);
  let session: Session;
  try {
    if (kind === 'applicant' && ctx.session?.kind === 'applicant') {
      session = (await ctx.api<Session>('addSessionDocument', { body: { applicantKey: value }, csrf: formField(ctx, 'csrf') })).body;
    } else {
      const answer = await ctx.api<Session>('createSession', { body: kind === 'staff' ? { staffToken: value } : { applicantKey: value } });
      passCookies(ctx, answer);
      session = answer.body;
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.code === 'AUTH_INVALID' || err.code === 'INVALID_INPUT') {
      return signInPage(ctx, kind, [{ field, message: kind === 'staff' ? t.t('signIn.staffWrong') : t.t('signIn.applicantWrong') }]);
    }
    if (err.code === 'SIGN_IN_RATE_LIMITED') {
      return signInPage(ctx, kind, [{ field, message: t.t('signIn.rateLimited', { minutes: Math.ceil((err.retryAfterSeconds ?? 60) / 60) }) }], 429);
    }
    throw err;
  }
  seeOther(ctx, session.kind === 'staff' ? firstPageOf(session.role) : '/my-documents');
}

export async function signOut(ctx: PageContext): Promise<void> {
  if (ctx.session !== undefined) passCookies(ctx, await ctx.api('endSession', { csrf: formField(ctx, 'csrf') }));
  seeOther(ctx, '/');
}
