/**
 * Error pages (docs/portal.md "Errors"): what went wrong in the reader's language, what to do
 * about it, and the stable problem code (docs/errors.md) to quote to the office — never a stack
 * trace. Codes a person meets often have their own advice; any other gets the general one.
 */
import { html } from '../html.js';
import { renderPage } from '../layout/page.js';
import type { PageContext } from '../page-context.js';
import type { MessageKey } from '../messages/index.js';

const ADVICE: Readonly<Record<string, MessageKey>> = {
  NOT_FOUND: 'error.notFound',
  DEPOSIT_NOT_FOUND: 'error.notFound',
  DOCUMENT_NOT_FOUND: 'error.notFound',
  ROLE_NOT_ALLOWED: 'error.roleNotAllowed',
  AUTH_INVALID: 'error.authInvalid',
  CSRF_TOKEN_INVALID: 'error.csrf',
  DOCUMENT_WITHDRAWN: 'error.withdrawn',
  DEPOSIT_NOT_DRAFT: 'error.notDraft',
  NOT_PRIORITY_DOCUMENT: 'error.notPriority',
  INTERNAL: 'error.internal',
};

export function errorPage(ctx: PageContext, status: number, code: string): void {
  const { t } = ctx;
  const title = status === 404 ? t.t('error.notFoundTitle') : t.t('error.title');
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.status(status).send(renderPage(ctx, {
    title,
    body: html`<h1>${title}</h1>
<p>${t.t(ADVICE[code] ?? 'error.general')}</p>
<p>${t.t('error.code')} <code>${code}</code></p>
<p><a href="/">${t.t('error.home')}</a></p>`,
  }));
}
