/**
 * The auditor's pages (docs/portal.md "Auditor"): the log with filters — office, event type,
 * document, time range — and paging (`listAuditEntries`); one entry shown readably, its nested
 * members as nested lists and JSON held in strings decoded (a signed request reads as its
 * parts, not as JSON inside a string), with its inclusion proof checked in the browser against
 * the signed checkpoint (browser/inclusion-check.ts: WebCrypto Ed25519 and SHA-256, with the log
 * key of the signed directory); the latest checkpoint with its witnesses' cosignatures; and the
 * audit bundle to download (`getAuditBundle`).
 */
import { html, type Html } from '../html.js';
import { ApiError } from '../api-client.js';
import { renderPage } from '../layout/page.js';
import { select, textField } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { queryField } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { directoryOffices, officeName } from './office-names.js';

type Entry = components['schemas']['AuditEntry'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
}

export async function auditPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const f = { office: queryField(ctx, 'office'), eventType: queryField(ctx, 'eventType').trim(), documentId: queryField(ctx, 'documentId').trim(), from: queryField(ctx, 'from'), to: queryField(ctx, 'to') };
  const query = {
    ...f, from: DAY.test(f.from) ? `${f.from}T00:00:00Z` : undefined, to: DAY.test(f.to) ? nextDay(f.to) : undefined, // the day given is included
    cursor: queryField(ctx, 'cursor'), limit: '50',
  };
  const [page, offices] = await Promise.all([ctx.api<components['schemas']['AuditPage']>('listAuditEntries', { query }).then((a) => a.body), directoryOffices(ctx)]);
  const names = new Map(offices.map((o) => [o.code, o.name]));
  const searched = Object.values(f).some((v) => v !== '');
  ctx.res.send(renderPage(ctx, {
    title: t.t('audit.title'),
    body: html`<h1>${t.t('audit.title')}</h1>
<div class="button-group"><a href="/audit/checkpoint">${t.t('audit.checkpointLink')}</a><a href="/api/v1/audit/bundle" download>${t.t('audit.bundle')}</a></div>
<form method="get" action="/audit" role="search" aria-label="${t.t('audit.searchLabel')}">
<div class="search">
${select({ id: 'office', label: t.t('jobs.office'), selected: f.office, choices: [{ value: '', label: t.t('documents.any') }, ...offices.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))] })}
${textField({ id: 'eventType', label: t.t('audit.eventType'), hint: t.t('audit.eventTypeHint'), value: f.eventType, spellcheck: false, dir: 'ltr' })}
${textField({ id: 'documentId', label: t.t('doc.id'), value: f.documentId, spellcheck: false, dir: 'ltr' })}
${textField({ id: 'from', type: 'date', label: t.t('audit.from'), value: f.from })}
${textField({ id: 'to', type: 'date', label: t.t('audit.to'), value: f.to })}
</div>
<div class="button-group"><button type="submit" class="button button--secondary">${t.t('documents.searchButton')}</button>${searched && html`<a href="/audit">${t.t('documents.clear')}</a>`}</div>
</form>
${page.items.length === 0 ? html`<p>${t.t('audit.none')}</p>` : html`<table>
<caption>${t.t('audit.count', { count: page.items.length })}</caption>
<thead><tr><th scope="col">${t.t('audit.index')}</th><th scope="col">${t.t('audit.time')}</th><th scope="col">${t.t('audit.eventType')}</th><th scope="col">${t.t('jobs.office')}</th><th scope="col">${t.t('audit.outcome')}</th></tr></thead>
<tbody>${page.items.map((e) => html`<tr><td><a href="/audit/entries/${e.index}">${t.number(e.index)}</a></td><td>${t.dateTime(e.time)}</td><td><code>${e.eventType}</code>${e.documentId !== undefined && html`<br><bdi dir="ltr" class="hint">${e.documentId}</bdi>`}</td><td>${e.office === undefined ? '—' : officeName(names, e.office)}</td><td>${e.outcome ?? '—'}</td></tr>`)}</tbody>
</table>`}
${page.nextCursor !== undefined && html`<nav class="pagination" aria-label="${t.t('documents.pages')}"><a href="/audit?${new URLSearchParams({ ...f, cursor: page.nextCursor }).toString()}" rel="next">${t.t('documents.next')}</a></nav>`}`,
  }));
}

/** A member's value, readably: objects and arrays as nested lists, JSON inside a string decoded. */
function readable(value: unknown, depth = 0): Html {
  if (typeof value === 'string' && depth < 6 && /^\s*[[{]/.test(value)) {
    try {
      return readable(JSON.parse(value) as unknown, depth + 1);
    } catch {
      // not JSON after all: shown as the text it is
    }
  }
  if (Array.isArray(value)) return html`<ol class="entry-list">${value.map((v) => html`<li>${readable(v, depth + 1)}</li>`)}</ol>`;
  if (typeof value === 'object' && value !== null) {
    return html`<dl class="entry">${Object.entries(value).map(([k, v]) => html`<dt><code>${k}</code></dt><dd>${readable(v, depth + 1)}</dd>`)}</dl>`;
  }
  return html`<bdi dir="ltr" class="entry-value">${String(value)}</bdi>`;
}

export async function entryPage(ctx: PageContext, indexText: string): Promise<void> {
  const { t } = ctx;
  const index = /^(0|[1-9]\d{0,15})$/.test(indexText) ? Number(indexText) : -1;
  const [page, offices] = await Promise.all([
    ctx.api<components['schemas']['AuditPage']>('listAuditEntries', { query: { cursor: String(Math.max(index, 0)), limit: '1' } }).then((a) => a.body),
    directoryOffices(ctx),
  ]);
  const entry: Entry | undefined = page.items[0];
  if (entry === undefined || entry.index !== index) throw new ApiError(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' });
  const logKey = offices.find((o) => o.code === ctx.officeCode)?.logKey ?? '';
  const texts = JSON.stringify({
    checking: t.t('proof.checking'), signatureOk: t.t('proof.signatureOk'), signatureBad: t.t('proof.signatureBad'),
    includedOk: t.t('proof.includedOk', { size: '{size}' }), includedBad: t.t('proof.includedBad'), failed: t.t('proof.failed'),
  });
  let parsed: unknown = entry.entry;
  try {
    parsed = JSON.parse(entry.entry ?? '') as unknown;
  } catch {
    // shown as text
  }
  ctx.res.send(renderPage(ctx, {
    title: t.t('entry.title', { index: entry.index }),
    body: html`<h1>${t.t('entry.title', { index: entry.index })}</h1>
<dl class="summary">
<dt>${t.t('audit.time')}</dt><dd>${t.dateTime(entry.time)}</dd>
<dt>${t.t('audit.eventType')}</dt><dd><code>${entry.eventType}</code></dd>
<dt>${t.t('audit.outcome')}</dt><dd>${entry.outcome ?? '—'}</dd>
</dl>
<h2>${t.t('entry.proof')}</h2>
<div class="notice" data-inclusion data-index="${entry.index}" data-entry="${entry.entry ?? ''}" data-log-key="${logKey}" data-texts="${texts}">
<p>${t.t('entry.proofText')}</p>
<p data-no-script>${t.t('entry.proofNoScript')}</p>
<button type="button" class="button button--secondary" data-check hidden>${t.t('entry.proofButton')}</button>
<ul class="proof-results" aria-live="polite" data-results></ul>
</div>
<h2>${t.t('entry.content')}</h2>
${readable(parsed)}
<p><a href="/audit">${t.t('entry.back')}</a></p>`,
  }));
}

export async function checkpointPage(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const note = (await ctx.api<string>('getAuditCheckpoint')).body;
  const split = note.indexOf('\n\n');
  const [origin = '', size = '', root = ''] = note.slice(0, split).split('\n');
  const signers = note.slice(split + 2).split('\n').map((l) => /^\u2014 (\S+) /.exec(l)?.[1]).filter((n): n is string => n !== undefined);
  ctx.res.setHeader('Cache-Control', 'no-store');
  ctx.res.send(renderPage(ctx, {
    title: t.t('checkpoint.title'),
    body: html`<h1>${t.t('checkpoint.title')}</h1>
<dl class="summary">
<dt>${t.t('checkpoint.origin')}</dt><dd><bdi dir="ltr">${origin}</bdi></dd>
<dt>${t.t('checkpoint.size')}</dt><dd>${t.number(Number(size))}</dd>
<dt>${t.t('checkpoint.root')}</dt><dd><code>${root}</code></dd>
</dl>
<h2>${t.t('checkpoint.signatures', { count: signers.length })}</h2>
<ul>${signers.map((name) => html`<li>${name === origin ? t.t('checkpoint.signedByLog') : t.t('checkpoint.cosignedBy')} <bdi dir="ltr"><code>${name}</code></bdi></li>`)}</ul>
${signers.length <= 1 && html`<p>${t.t('checkpoint.noWitness')}</p>`}
<h2>${t.t('checkpoint.note')}</h2>
<pre class="note" dir="ltr">${note}</pre>
<p><a href="/audit">${t.t('entry.back')}</a></p>`,
  }));
}
