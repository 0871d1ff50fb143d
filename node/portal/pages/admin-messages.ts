/**
 * The administrator's pages, part three (docs/portal.md "Administrator"): staff alerts, open or
 * all, each acknowledged with a plain form (`listAlerts`, `acknowledgeAlert`); the outbox's dead
 * letters, each retried with a plain form (`listOutbox`, `retryOutboxMessage`); webhooks listed,
 * added with the secret shown once, and removed behind a page that says what it does
 * (`listWebhooks`, `addWebhook`, `removeWebhook`).
 */
import { html } from '../html.js';
import { ApiError } from '../api-client.js';
import { choices, csrfField, textField, type FieldError } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, formList, noStore, queryField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { adminPage } from './admin.js';

type Webhook = components['schemas']['Webhook'];
const EVENTS = ['document.deposited', 'document.available', 'document.retrieved', 'document.retrieval_pending', 'document.retrieval_refused', 'document.access_code_regenerated', 'receipt.received', 'staff.alert'] as const;

export async function alertsPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const all = queryField(ctx, 'state') === 'all';
  const alerts = (await ctx.api<components['schemas']['AlertPage']>('listAlerts', { query: { state: all ? 'all' : 'open', limit: '500' } })).body.items;
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(adminPage(ctx, t.t('staffAlerts.title'), html`<p>${all ? html`<a href="/admin/alerts">${t.t('staffAlerts.showOpen')}</a>` : html`<a href="/admin/alerts?state=all">${t.t('staffAlerts.showAll')}</a>`}</p>
${alerts.length === 0 ? html`<p>${all ? t.t('staffAlerts.noneAtAll') : t.t('staffAlerts.none')}</p>` : html`<table>
<caption>${all ? t.t('staffAlerts.countAll', { count: alerts.length }) : t.t('staffAlerts.countOpen', { count: alerts.length })}</caption>
<thead><tr><th scope="col">${t.t('staffAlerts.what')}</th><th scope="col">${t.t('staffAlerts.seen')}</th><th scope="col">${t.t('staffAlerts.state')}</th></tr></thead>
<tbody>${alerts.map((a) => html`<tr><td><code>${a.kind}</code><br><bdi dir="ltr">${a.detail}</bdi></td><td>${t.t('staffAlerts.occurrences', { count: a.occurrences, first: t.dateTime(a.createdAt), last: t.dateTime(a.lastSeenAt) })}</td>
<td>${a.acknowledgedAt === undefined
    ? html`<form method="post" action="/admin/alerts/${a.id}/acknowledge">${csrfField(ctx.session?.csrfToken)}<button type="submit" class="button button--secondary">${t.t('staffAlerts.acknowledge', { kind: a.kind })}</button></form>`
    : html`<strong class="tag tag--grey">${t.t('staffAlerts.acknowledgedOn', { date: t.dateTime(a.acknowledgedAt) })}</strong>`}</td></tr>`)}</tbody>
</table>`}`));
}

export async function acknowledgeAlert(ctx: PageContext, id: string): Promise<void> {
  await ctx.api('acknowledgeAlert', { params: { alertId: id }, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, '/admin/alerts');
}

export async function outboxPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const dead = (await ctx.api<components['schemas']['OutboxPage']>('listOutbox', { query: { state: 'dead', limit: '500' } })).body.items;
  const retried = queryField(ctx, 'retried');
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(adminPage(ctx, t.t('outbox.title'), html`${retried !== '' && html`<div class="notice" role="status"><p>${t.t('outbox.retriedNotice')}</p></div>`}
<p>${t.t('outbox.lede')}</p>
${dead.length === 0 ? html`<p>${t.t('outbox.none')}</p>` : html`<table>
<caption>${t.t('outbox.count', { count: dead.length })}</caption>
<thead><tr><th scope="col">${t.t('outbox.message')}</th><th scope="col">${t.t('outbox.recipient')}</th><th scope="col">${t.t('outbox.lastError')}</th><th scope="col">${t.t('outbox.action')}</th></tr></thead>
<tbody>${dead.map((m) => html`<tr><td><code>${m.eventType}</code><br><span class="hint">${t.t('outbox.channel', { channel: m.channel, attempts: m.attempts })}</span></td><td><bdi dir="ltr">${m.recipient}</bdi></td><td><bdi dir="ltr">${m.lastError ?? '—'}</bdi></td>
<td><form method="post" action="/admin/outbox/${m.id}/retry">${csrfField(ctx.session?.csrfToken)}<button type="submit" class="button button--secondary">${t.t('outbox.retry', { id: m.id })}</button></form></td></tr>`)}</tbody>
</table>`}`));
}

export async function retryMessage(ctx: PageContext, id: string): Promise<void> {
  await ctx.api('retryOutboxMessage', { params: { messageId: id }, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, `/admin/outbox?retried=${encodeURIComponent(id)}`);
}

export async function webhooksPage(ctx: PageContext, errors: readonly FieldError[] = [], values: { url?: string; events?: readonly string[]; description?: string } = {}): Promise<void> {
  const { t } = ctx;
  const hooks = (await ctx.api<components['schemas']['WebhookList']>('listWebhooks')).body.items;
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.status(errors.length > 0 ? 400 : 200).send(adminPage(ctx, t.t('webhooks.title'), html`<p>${t.t('webhooks.lede')}</p>
${hooks.length === 0 ? html`<p>${t.t('webhooks.none')}</p>` : html`<table>
<caption>${t.t('webhooks.count', { count: hooks.length })}</caption>
<thead><tr><th scope="col">${t.t('webhooks.url')}</th><th scope="col">${t.t('webhooks.events')}</th><th scope="col">${t.t('outbox.action')}</th></tr></thead>
<tbody>${hooks.map((h) => html`<tr><td><bdi dir="ltr">${h.url}</bdi>${h.description !== undefined && html`<br><bdi class="hint">${h.description}</bdi>`}</td><td>${h.events.map((e, i) => html`${i > 0 && html`<br>`}<code>${e}</code>`)}</td><td><a href="/admin/webhooks/${h.id}/remove">${t.t('webhooks.removeLink', { url: h.url })}</a></td></tr>`)}</tbody>
</table>`}
<h2>${t.t('webhooks.addHeading')}</h2>
<form method="post" action="/admin/webhooks" novalidate>
${csrfField(ctx.session?.csrfToken)}
${textField({ id: 'url', label: t.t('webhooks.url'), hint: t.t('webhooks.urlHint'), value: values.url, error: errors.find((e) => e.field === 'url')?.message, spellcheck: false, dir: 'ltr' })}
${choices({ id: 'events', type: 'checkbox', legend: t.t('webhooks.events'), hint: t.t('webhooks.eventsHint'), selected: values.events ?? [], error: errors.find((e) => e.field === 'events')?.message, choices: EVENTS.map((e) => ({ value: e, label: html`<code>${e}</code>` })) })}
${textField({ id: 'description', label: t.t('webhooks.description'), value: values.description })}
<button type="submit" class="button">${t.t('webhooks.add')}</button>
</form>`, errors));
}

export async function addWebhook(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const url = formField(ctx, 'url').trim();
  const events = formList(ctx, 'events');
  const description = formField(ctx, 'description').trim();
  const errors: FieldError[] = [];
  if (!/^https?:\/\/\S+$/.test(url)) errors.push({ field: 'url', message: t.t('webhooks.urlWrong') });
  if (events.length === 0) errors.push({ field: 'events', message: t.t('webhooks.eventsMissing') });
  if (errors.length > 0) return webhooksPage(ctx, errors, { url, events, description });
  let made: components['schemas']['WebhookCreated'];
  try {
    made = (await ctx.api<components['schemas']['WebhookCreated']>('addWebhook', { body: { url, events, ...(description === '' ? {} : { description }) }, csrf: formField(ctx, 'csrf') })).body;
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'INVALID_INPUT' || err.code === 'VALIDATION_FAILED')) return webhooksPage(ctx, [{ field: 'url', message: t.t('webhooks.urlWrong') }], { url, events, description });
    throw err;
  }
  noStore(ctx);
  ctx.res.status(201).send(adminPage(ctx, t.t('webhooks.madeTitle'), html`<div class="panel"><p>${t.t('webhooks.madeWhat')}</p><p><bdi dir="ltr">${made.url}</bdi></p>
<p><span class="secret secret--small" data-testid="webhook-secret">${made.secret}</span></p></div>
<div class="notice notice--warning"><p><strong>${t.t('webhooks.onceOnly')}</strong></p></div>
<p><a href="/admin/webhooks">${t.t('webhooks.back')}</a></p>`));
}

async function webhookOf(ctx: PageContext, id: string): Promise<Webhook> {
  const hook = (await ctx.api<components['schemas']['WebhookList']>('listWebhooks')).body.items.find((h) => String(h.id) === id);
  if (hook === undefined) throw new ApiError(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' });
  return hook;
}

export async function removeWebhookPage(ctx: PageContext, id: string): Promise<void> {
  const { t } = ctx;
  const hook = await webhookOf(ctx, id);
  ctx.res.send(adminPage(ctx, t.t('removeHook.title'), html`<p>${t.t('removeHook.which')} <bdi dir="ltr">${hook.url}</bdi></p>
<div class="notice notice--warning"><p><strong>${t.t('removeHook.means')}</strong></p><ul><li>${t.t('removeHook.noMore')}</li><li>${t.t('removeHook.queuedCancelled')}</li></ul></div>
<form method="post" action="/admin/webhooks/${hook.id}/remove">
${csrfField(ctx.session?.csrfToken)}
<div class="button-group"><button type="submit" class="button button--warning">${t.t('removeHook.button')}</button><a href="/admin/webhooks">${t.t('revoke.cancel')}</a></div>
</form>`));
}

export async function removeWebhook(ctx: PageContext, id: string): Promise<void> {
  await ctx.api('removeWebhook', { params: { webhookId: id }, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, '/admin/webhooks');
}
