/**
 * The frame of every portal page (docs/portal.md "Pages"): `lang` and `dir` on <html>, a title
 * that says what the page is for, a skip link, the header with the office's name, the language
 * switcher (plain links that work without scripts) and sign-out, one <main> holding the page's
 * single <h1>, and the one stylesheet and one script, both from this node.
 */
import { html, type Html } from '../html.js';
import { LANGUAGES } from '../i18n/languages.js';
import type { PageContext } from '../page-context.js';
import { csrfField, errorSummary, type Errors } from './forms.js';
import type { MessageKey } from '../messages/index.js';

export interface PageOptions {
  readonly title: string;
  readonly body: Html;
  readonly errors?: Errors;
}

export function renderPage(ctx: PageContext, page: PageOptions): string {
  const { t } = ctx;
  const errors = page.errors ?? [];
  const title = errors.length > 0 ? t.t('page.titleWithErrors', { title: page.title }) : page.title;
  const session = ctx.session;
  const here = ctx.path;
  return `<!doctype html>\n${html`<html lang="${t.language}" dir="${ctx.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.t('page.title', { title, office: ctx.officeName })}</title>
<link rel="stylesheet" href="${ctx.assets.css}">
<script type="module" src="${ctx.assets.js}"></script>
</head>
<body>
<a class="skip-link" href="#main">${t.t('page.skipLink')}</a>
<header class="header">
<div class="header__inner">
<a class="header__office" href="/"><bdi>${ctx.officeName}</bdi></a>
<div class="header__actions">
<nav aria-label="${t.t('page.languages')}"><ul class="languages">${LANGUAGES.map((l) => html`<li><a href="/language?to=${l.code}&amp;return=${encodeURIComponent(here)}" lang="${l.code}" hreflang="${l.code}"${l.code === t.language && html` aria-current="true"`}>${l.name}</a></li>`)}</ul></nav>
${session !== undefined && html`<span class="header__who">${session.kind === 'staff' ? t.t('page.signedInStaff', { role: t.t(`role.${session.role ?? 'clerk'}`) }) : t.t('page.signedInApplicant', { count: session.documents?.length ?? 0 })}</span>
<form method="post" action="/sign-out">${csrfField(session.csrfToken)}<button type="submit" class="link-button">${t.t('page.signOut')}</button></form>`}
</div>
</div>
${sections(ctx)}
</header>
<main class="main" id="main" tabindex="-1">
${errorSummary(t.t('form.errorSummary'), errors)}${page.body}
</main>
<footer class="footer"><div class="footer__inner"><p>${t.t('page.footer')}</p></div></footer>
</body>
</html>`.value}\n`;
}

/** The sections of a member of staff's role, as plain links; the current one marked. */
const SECTIONS: Readonly<Record<string, readonly [href: string, key: MessageKey][]>> = {
  clerk: [['/documents', 'nav.documents'], ['/retrievals', 'nav.retrievals'], ['/copies', 'nav.copies']],
  admin: [['/admin', 'nav.admin'], ['/documents', 'nav.documents'], ['/retrievals', 'nav.retrievals'], ['/copies', 'nav.copies'], ['/audit', 'nav.audit']],
  auditor: [['/audit', 'nav.audit'], ['/audit/checkpoint', 'nav.checkpoint']],
  examiner: [['/retrievals', 'nav.retrievals'], ['/copies', 'nav.copies'], ['/dossiers', 'nav.dossiers']],
};

function sections(ctx: PageContext): Html {
  const links = ctx.session?.kind === 'staff' ? SECTIONS[ctx.session.role ?? ''] ?? [] : [];
  if (links.length === 0) return html``;
  const here = ctx.req.path;
  // the section the page is in: the longest link it is under
  const current = links.map(([href]) => href).filter((href) => here === href || here.startsWith(`${href}/`)).sort((a, b) => b.length - a.length)[0];
  return html`<nav class="sections" aria-label="${ctx.t.t('nav.label')}"><ul class="sections__list">${links.map(([href, key]) => html`<li><a href="${href}"${href === current && html` aria-current="page"`}>${ctx.t.t(key)}</a></li>`)}</ul></nav>`;
}
