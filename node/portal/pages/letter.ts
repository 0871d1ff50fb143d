/**
 * The access-code letter from the portal (docs/portal.md "Access-code letter"): a button on the
 * pages that show a code once — after a deposit, after a new code — posts the code (and the
 * applicant key when the page shows it) back to this handler, which asks the office API for the
 * PDF (`createAccessLetter`, checked there against the stored hashes) in the reader's language
 * with the portal's address as the browser sees it, and hands it to the browser to save or print.
 */
import { html, type Html } from '../html.js';
import { csrfField } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, noStore } from '../respond.js';

/** The button, with the secrets the page already shows in hidden fields of a no-store page. */
export function letterButton(ctx: PageContext, action: string, accessCode: string, applicantKey?: string): Html {
  return html`<form method="post" action="${action}">
${csrfField(ctx.session?.csrfToken)}
<input type="hidden" name="accessCode" value="${accessCode}">
${applicantKey !== undefined && html`<input type="hidden" name="applicantKey" value="${applicantKey}">`}
<button type="submit" class="button">${ctx.t.t('letter.button')}</button>
<p class="hint">${ctx.t.t('letter.hint')}</p>
</form>`;
}

export async function letter(ctx: PageContext, documentId: string): Promise<void> {
  const applicantKey = formField(ctx, 'applicantKey');
  const host = ctx.req.headers.host;
  const answer = await ctx.api<Buffer>('createAccessLetter', {
    params: { documentId }, csrf: formField(ctx, 'csrf'),
    body: {
      accessCode: formField(ctx, 'accessCode'), language: ctx.t.language,
      ...(applicantKey === '' ? {} : { applicantKey }),
      ...(host === undefined ? {} : { portalUrl: `${ctx.req.protocol}://${host}/` }),
    },
  });
  noStore(ctx);
  ctx.res.setHeader('Content-Type', 'application/pdf');
  ctx.res.setHeader('Content-Disposition', answer.contentDisposition ?? 'attachment; filename="access-letter.pdf"');
  ctx.res.end(answer.body);
}
