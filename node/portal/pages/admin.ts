/**
 * The administrator's pages (docs/portal.md "Administrator"), part one: the overview of what needs
 * attention, the installed directory and its expiry, the peers with their last contact, and the
 * witness status — read-only pages over `listOffices`, `listAlerts`, `listOutbox`, `listPeers` and
 * `getWitnessStatus`. Every administrator page carries the same list of the administration's
 * pages (`adminNav`), plain links in a <nav>.
 */
import { html, type Html } from '../html.js';
import { renderPage } from '../layout/page.js';
import type { PageContext } from '../page-context.js';
import type { components } from '../../../protocol/generated/office.js';
import type { MessageKey } from '../messages/index.js';
import type { Translator } from '../i18n/translator.js';

type OfficeList = components['schemas']['OfficeList'];

const ADMIN_PAGES: readonly (readonly [href: string, key: MessageKey])[] = [
  ['/admin', 'admin.overview'], ['/admin/tokens', 'admin.tokens'], ['/admin/directory', 'admin.directory'], ['/admin/peers', 'admin.peers'],
  ['/admin/witnesses', 'admin.witnesses'], ['/admin/alerts', 'admin.alerts'], ['/admin/outbox', 'admin.outbox'], ['/admin/webhooks', 'admin.webhooks'],
];

/** The administration's pages as links; the current one marked. */
export function adminNav(ctx: PageContext): Html {
  const here = ctx.req.path;
  return html`<nav class="subnav" aria-label="${ctx.t.t('admin.navLabel')}"><ul>${ADMIN_PAGES.map(([href, key]) => html`<li><a href="${href}"${(href === here || (href !== '/admin' && here.startsWith(`${href}/`))) && html` aria-current="page"`}>${ctx.t.t(key)}</a></li>`)}</ul></nav>`;
}

/** An administrator's page: the administration's links, then the page's own content. */
export function adminPage(ctx: PageContext, title: string, body: Html, errors: readonly { field: string; message: string }[] = []): string {
  return renderPage(ctx, { title, errors, body: html`${adminNav(ctx)}<h1>${title}</h1>\n${body}` });
}

const DAY_MS = 86_400_000;

/** "in N days" or "expired", for the directory's expiry. */
function daysLeft(t: Translator, iso: string, now: number): Html {
  const days = Math.floor((Date.parse(iso) - now) / DAY_MS);
  return days < 0 ? html`<strong class="tag tag--red">${t.t('directory.expired')}</strong>` : html`<strong class="tag${days < 14 ? ' tag--red' : ''}">${t.t('directory.daysLeft', { days })}</strong>`;
}

export async function adminOverviewPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const [offices, alerts, dead] = await Promise.all([
    ctx.api<OfficeList>('listOffices').then((a) => a.body),
    ctx.api<components['schemas']['AlertPage']>('listAlerts', { query: { state: 'open', limit: '500' } }).then((a) => a.body),
    ctx.api<components['schemas']['OutboxPage']>('listOutbox', { query: { state: 'dead', limit: '500' } }).then((a) => a.body),
  ]);
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(adminPage(ctx, t.t('admin.overviewTitle'), html`<dl class="summary">
<dt>${t.t('directory.serial')}</dt><dd>${t.number(offices.directorySerial)}</dd>
<dt>${t.t('directory.expires')}</dt><dd>${t.dateTime(offices.expiresAt)} ${daysLeft(t, offices.expiresAt, Date.now())}</dd>
<dt>${t.t('admin.openAlerts')}</dt><dd><a href="/admin/alerts">${t.t('admin.alertCount', { count: alerts.items.length })}</a></dd>
<dt>${t.t('admin.deadLetters')}</dt><dd><a href="/admin/outbox">${t.t('admin.deadCount', { count: dead.items.length })}</a></dd>
</dl>`));
}

export async function directoryPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const d = (await ctx.api<OfficeList>('listOffices')).body;
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(adminPage(ctx, t.t('directory.title'), html`<dl class="summary">
<dt>${t.t('directory.network')}</dt><dd><bdi dir="ltr">${d.network ?? '—'}</bdi></dd>
<dt>${t.t('directory.serial')}</dt><dd>${t.number(d.directorySerial)}</dd>
<dt>${t.t('directory.issued')}</dt><dd>${d.issuedAt === undefined ? '—' : t.dateTime(d.issuedAt)}</dd>
<dt>${t.t('directory.expires')}</dt><dd>${t.dateTime(d.expiresAt)} ${daysLeft(t, d.expiresAt, Date.now())}</dd>
</dl>
<p>${t.t('directory.renewHint')}</p>
<table>
<caption>${t.t('directory.offices', { count: d.items.length })}</caption>
<thead><tr><th scope="col">${t.t('directory.office')}</th><th scope="col">${t.t('directory.status')}</th><th scope="col">${t.t('directory.roles')}</th></tr></thead>
<tbody>${d.items.map((o) => html`<tr><td><bdi>${o.name}</bdi> (<bdi dir="ltr">${o.code}</bdi>)${o.code === ctx.officeCode && html` <strong class="tag tag--blue">${t.t('directory.thisOffice')}</strong>`}</td><td>${statusTag(t, o.status)}</td><td>${o.roles.map((r) => t.t(`officeRole.${r}`)).join(', ')}</td></tr>`)}</tbody>
</table>`));
}

function statusTag(t: Translator, status: string): Html {
  return html`<strong class="tag${status === 'active' ? '' : ' tag--red'}">${t.t(`officeStatus.${status}` as MessageKey)}</strong>`;
}

function when(t: Translator, iso: string | undefined): string {
  return iso === undefined ? t.t('peers.never') : t.dateTime(iso);
}

export async function peersPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const peers = (await ctx.api<components['schemas']['PeerList']>('listPeers')).body.items;
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(adminPage(ctx, t.t('peers.title'), html`<p>${t.t('peers.lede')}</p>
${peers.length === 0 ? html`<p>${t.t('peers.none')}</p>` : html`<table>
<caption>${t.t('peers.count', { count: peers.length })}</caption>
<thead><tr><th scope="col">${t.t('directory.office')}</th><th scope="col">${t.t('directory.status')}</th><th scope="col">${t.t('peers.inbound')}</th><th scope="col">${t.t('peers.outbound')}</th><th scope="col">${t.t('peers.failure')}</th></tr></thead>
<tbody>${peers.map((p) => html`<tr><td><bdi>${p.name}</bdi> (<bdi dir="ltr">${p.code}</bdi>)</td><td>${statusTag(t, p.status)}</td><td>${when(t, p.lastInboundAt)}</td>
<td>${when(t, p.lastOutboundAt)}${p.lastOutboundStatus !== undefined && html`<br><span class="hint">${t.t('peers.status', { status: String(p.lastOutboundStatus) })}</span>`}</td>
<td>${p.lastFailureAt === undefined ? t.t('peers.noFailure') : html`${t.dateTime(p.lastFailureAt)}<br><code>${p.lastFailureCode ?? ''}</code>`}</td></tr>`)}</tbody>
</table>`}`));
}

export async function witnessesPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const w = (await ctx.api<components['schemas']['WitnessStatus']>('getWitnessStatus')).body;
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(adminPage(ctx, t.t('witnesses.title'), html`<p>${t.t('witnesses.checkpoint', { size: w.checkpoint.size, time: t.dateTime(w.checkpoint.time) })}</p>
${w.inconsistencies.length === 0 ? html`<div class="notice"><p>${t.t('witnesses.consistent')}</p></div>` : html`<div class="notice notice--warning" role="alert"><p><strong>${t.t('witnesses.inconsistent', { count: w.inconsistencies.length })}</strong></p>
<ul>${w.inconsistencies.map((i) => html`<li><bdi dir="ltr">${i.code}</bdi>, ${t.dateTime(i.detectedAt)}: <bdi dir="ltr">${i.reason}</bdi></li>`)}</ul></div>`}
<h2>${t.t('witnesses.ours')}</h2>
${w.witnesses.length === 0 ? html`<p>${t.t('witnesses.noWitness')}</p>` : html`<table>
<caption>${t.t('witnesses.oursCaption')}</caption>
<thead><tr><th scope="col">${t.t('directory.office')}</th><th scope="col">${t.t('witnesses.cosigned')}</th><th scope="col">${t.t('witnesses.behind')}</th></tr></thead>
<tbody>${w.witnesses.map((o) => html`<tr><td><bdi>${o.name}</bdi> (<bdi dir="ltr">${o.code}</bdi>)</td><td>${o.cosignedSize === 0 ? t.t('witnesses.never') : t.t('witnesses.cosignedAt', { size: o.cosignedSize, time: o.cosignedAt === undefined ? '—' : t.dateTime(o.cosignedAt) })}</td><td>${o.cosignedSize === w.checkpoint.size ? html`<strong class="tag">${t.t('witnesses.upToDate')}</strong>` : html`<strong class="tag tag--blue">${t.t('witnesses.entriesBehind', { count: w.checkpoint.size - o.cosignedSize })}</strong>`}</td></tr>`)}</tbody>
</table>`}
<h2>${t.t('witnesses.theirs')}</h2>
${w.witnessed.length === 0 ? html`<p>${t.t('witnesses.noneWitnessed')}</p>` : html`<table>
<caption>${t.t('witnesses.theirsCaption')}</caption>
<thead><tr><th scope="col">${t.t('directory.office')}</th><th scope="col">${t.t('witnesses.size')}</th><th scope="col">${t.t('witnesses.updated')}</th></tr></thead>
<tbody>${w.witnessed.map((o) => html`<tr><td><bdi dir="ltr">${o.code}</bdi></td><td>${t.number(o.size)}</td><td>${t.dateTime(o.updatedAt)}</td></tr>`)}</tbody>
</table>`}`));
}
