/**
 * The administrator's staff tokens (docs/portal.md "Administrator"): the list (never the values),
 * a form that makes one — role and label — and shows it once (`Cache-Control: no-store`, like the
 * access code after a deposit), and revocation behind a page that says what it does
 * (`listStaffTokens`, `createStaffToken`, `revokeStaffToken`).
 */
import { html } from '../html.js';
import { ApiError } from '../api-client.js';
import { csrfField, select, textField, type FieldError } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, noStore, queryField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import type { MessageKey } from '../messages/index.js';
import { adminPage } from './admin.js';

type StaffToken = components['schemas']['StaffToken'];
const ROLES = ['clerk', 'examiner', 'auditor', 'admin'] as const;

export async function tokensPage(ctx: PageContext, errors: readonly FieldError[] = [], values: { role?: string; label?: string } = {}): Promise<void> {
  const { t } = ctx;
  const tokens = (await ctx.api<components['schemas']['StaffTokenList']>('listStaffTokens')).body.items;
  const revoked = queryField(ctx, 'revoked');
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.status(errors.length > 0 ? 400 : 200).send(adminPage(ctx, t.t('tokens.title'), html`${revoked !== '' && html`<div class="notice" role="status"><p>${t.t('tokens.revokedNotice', { id: revoked })}</p></div>`}
<table>
<caption>${t.t('tokens.count', { count: tokens.length })}</caption>
<thead><tr><th scope="col">${t.t('tokens.id')}</th><th scope="col">${t.t('tokens.label')}</th><th scope="col">${t.t('tokens.role')}</th><th scope="col">${t.t('tokens.created')}</th><th scope="col">${t.t('tokens.state')}</th></tr></thead>
<tbody>${tokens.map((k) => html`<tr><td>${t.number(k.id)}</td><td><bdi>${k.label}</bdi></td><td>${t.t(`role.${k.role}` as MessageKey)}</td><td>${t.dateTime(k.createdAt)}</td>
<td>${k.revokedAt === undefined ? html`<strong class="tag">${t.t('tokens.active')}</strong> <a href="/admin/tokens/${k.id}/revoke">${t.t('tokens.revokeLink', { label: k.label })}</a>` : html`<strong class="tag tag--grey">${t.t('tokens.revokedOn', { date: t.dateTime(k.revokedAt) })}</strong>`}</td></tr>`)}</tbody>
</table>
<h2 id="new">${t.t('tokens.newHeading')}</h2>
<form method="post" action="/admin/tokens" novalidate>
${csrfField(ctx.session?.csrfToken)}
${select({ id: 'role', label: t.t('tokens.role'), hint: t.t('tokens.roleHint'), selected: values.role ?? 'clerk', choices: ROLES.map((r) => ({ value: r, label: t.t(`role.${r}`) })) })}
${textField({ id: 'label', label: t.t('tokens.label'), hint: t.t('tokens.labelHint'), value: values.label, error: errors.find((e) => e.field === 'label')?.message })}
<button type="submit" class="button">${t.t('tokens.create')}</button>
</form>`, errors));
}

export async function createToken(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const role = formField(ctx, 'role');
  const label = formField(ctx, 'label').trim();
  if (label === '' || label.length > 100) return tokensPage(ctx, [{ field: 'label', message: t.t('tokens.labelMissing') }], { role, label });
  let made: components['schemas']['StaffTokenCreated'];
  try {
    made = (await ctx.api<components['schemas']['StaffTokenCreated']>('createStaffToken', { body: { role, label }, csrf: formField(ctx, 'csrf') })).body;
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'INVALID_INPUT' || err.code === 'VALIDATION_FAILED')) return tokensPage(ctx, [{ field: 'label', message: t.t('tokens.labelMissing') }], { role, label });
    throw err;
  }
  noStore(ctx);
  ctx.res.status(201).send(adminPage(ctx, t.t('tokens.madeTitle'), html`<div class="panel"><p>${t.t('tokens.madeWhat', { role: t.t(`role.${made.role}` as MessageKey), label: made.label })}</p>
<p><span class="secret secret--small" data-testid="staff-token">${made.token}</span></p></div>
<div class="notice notice--warning"><p><strong>${t.t('tokens.onceOnly')}</strong></p><p>${t.t('tokens.howToUse')}</p></div>
<p><a href="/admin/tokens">${t.t('tokens.back')}</a></p>`));
}

async function tokenOf(ctx: PageContext, idText: string): Promise<StaffToken> {
  const tokens = (await ctx.api<components['schemas']['StaffTokenList']>('listStaffTokens')).body.items;
  const token = tokens.find((k) => String(k.id) === idText && k.revokedAt === undefined);
  if (token === undefined) throw new ApiError(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' });
  return token;
}

export async function revokeTokenPage(ctx: PageContext, id: string): Promise<void> {
  const { t } = ctx;
  const token = await tokenOf(ctx, id);
  ctx.res.send(adminPage(ctx, t.t('revoke.title'), html`<p>${t.t('revoke.which', { label: token.label, role: t.t(`role.${token.role}` as MessageKey), id: token.id })}</p>
<div class="notice notice--warning"><p><strong>${t.t('revoke.means')}</strong></p><ul>
<li>${t.t('revoke.stopsNow')}</li>
<li>${t.t('revoke.sessionsEnd')}</li>
<li>${t.t('revoke.final')}</li>
</ul></div>
<form method="post" action="/admin/tokens/${token.id}/revoke">
${csrfField(ctx.session?.csrfToken)}
<div class="button-group"><button type="submit" class="button button--warning">${t.t('revoke.button')}</button><a href="/admin/tokens">${t.t('revoke.cancel')}</a></div>
</form>`));
}

export async function revokeToken(ctx: PageContext, id: string): Promise<void> {
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new ApiError(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' });
  await ctx.api('revokeStaffToken', { params: { tokenId: id }, csrf: formField(ctx, 'csrf') });
  seeOther(ctx, `/admin/tokens?revoked=${id}`);
}
