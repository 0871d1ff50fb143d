/**
 * Depositing, for clerks (docs/portal.md "Clerk"), one thing per page: the bibliographic data
 * (`createDeposit`), then the parts (`getDeposit`, `uploadDepositPart`), then certification
 * (`commitDeposit`) with the access code and applicant key shown once. Parts go up with a file
 * picker or by drag and drop; with scripts, each part is PUT to the office API straight from the
 * browser with its own progress bar (browser/upload.ts); without, the form posts the files here
 * and each is streamed on to the same operation as it arrives (docs/portal.md "Parts without
 * scripts") — never held whole in memory or on disk.
 */
import type busboyModule from 'busboy';
import type { Readable } from 'node:stream';
import { html } from '../html.js';
import { ApiError } from '../api-client.js';
import { renderPage } from '../layout/page.js';
import { choices, csrfField, errorOf, textField, type FieldError } from '../layout/forms.js';
import type { PageContext } from '../page-context.js';
import { formField, noStore, queryField, seeOther } from '../respond.js';
import type { components } from '../../../protocol/generated/office.js';
import { partMediaType } from '../common/media-type.js';
import { letterButton } from './letter.js';
import { KINDS, RIGHTS, kindLabel, partsTable, rightLabel, type Document } from './display.js';
import { checkDepositFields, depositRequest, emptyFields, fieldOfProblem, fieldsOf, readDepositFields, type DepositFields } from './deposit-form.js';

type Draft = components['schemas']['DepositDraft'];
type Committed = components['schemas']['CommittedDocument'];

export async function newDepositPage(ctx: PageContext): Promise<void> {
  const supersedes = queryField(ctx, 'supersedes');
  const fields = supersedes === '' ? emptyFields() : fieldsOf((await ctx.api<Document>('getDocument', { params: { documentId: supersedes } })).body);
  depositForm(ctx, fields, []);
}

export async function submitDeposit(ctx: PageContext): Promise<void> {
  const { t } = ctx;
  const addRow = formField(ctx, 'action') === 'add-applicant';
  const fields = readDepositFields((name) => formField(ctx, name), addRow);
  if (addRow) return depositForm(ctx, fields, []);
  const errors = checkDepositFields(t, fields);
  if (errors.length > 0) return depositForm(ctx, fields, errors);
  try {
    const draft = (await ctx.api<Draft>('createDeposit', { body: depositRequest(fields, ctx.officeCode), csrf: formField(ctx, 'csrf') })).body;
    seeOther(ctx, `/deposits/${draft.depositId}`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    const field = fieldOfProblem(err.code, `${err.problem.detail ?? ''} ${(err.problem.errors ?? []).map((e) => e.path).join(' ')}`);
    depositForm(ctx, fields, [{ field, message: t.t('deposit.refused', { code: err.code }) }]);
  }
}

function depositForm(ctx: PageContext, f: DepositFields, errors: readonly FieldError[]): void {
  const { t } = ctx;
  const office = ctx.officeCode;
  const title = f.supersedes === '' ? t.t('deposit.title') : t.t('deposit.versionTitle');
  ctx.res.status(errors.length > 0 ? 400 : 200).send(renderPage(ctx, {
    title,
    errors,
    body: html`<h1>${title}</h1>
${f.supersedes !== '' && html`<p>${t.t('deposit.versionText')}</p>`}
<form method="post" action="/deposits/new" novalidate>
${csrfField(ctx.session?.csrfToken)}
<input type="hidden" name="supersedes" value="${f.supersedes}">
<input type="hidden" name="applicantRows" value="${f.applicants.length}">
${choices({ id: 'documentKind', type: 'radio', legend: t.t('deposit.kind'), error: errorOf(errors, 'documentKind'), selected: [f.documentKind], choices: KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })) })}
${choices({ id: 'ipRightType', type: 'radio', legend: t.t('deposit.right'), error: errorOf(errors, 'ipRightType'), selected: [f.ipRightType], choices: RIGHTS.map((r) => ({ value: r, label: rightLabel(t, r) })) })}
${textField({ id: 'applicationNumberText', label: t.t('deposit.number'), hint: t.t('deposit.numberHint', { office }), value: f.applicationNumberText, error: errorOf(errors, 'applicationNumberText'), spellcheck: false, dir: 'ltr' })}
${textField({ id: 'filingDate', type: 'date', label: t.t('deposit.filingDate'), hint: t.t('deposit.dateHint'), value: f.filingDate, error: errorOf(errors, 'filingDate') })}
${textField({ id: 'inventionTitle', label: t.t('deposit.titleField'), hint: t.t('deposit.titleHint'), value: f.inventionTitle, error: errorOf(errors, 'inventionTitle') })}
<h2>${t.t('deposit.applicants')}</h2>
<p class="hint">${t.t('deposit.applicantsHint')}</p>
${f.applicants.map((a, i) => html`<fieldset>
<legend>${t.t('deposit.applicantNumber', { number: i + 1 })}</legend>
${textField({ id: `applicant-${i}-organisation`, label: t.t('deposit.organisation'), value: a.organisation, error: errorOf(errors, `applicant-${i}-organisation`) })}
${textField({ id: `applicant-${i}-family`, label: t.t('deposit.family'), value: a.family, error: errorOf(errors, `applicant-${i}-family`) })}
${textField({ id: `applicant-${i}-given`, label: t.t('deposit.given'), value: a.given })}
</fieldset>`)}
<button type="submit" name="action" value="add-applicant" class="button button--secondary">${t.t('deposit.addApplicant')}</button>
${textField({ id: 'availableFrom', type: 'date', label: t.t('deposit.availableFrom'), hint: t.t('deposit.availableFromHint'), value: f.availableFrom, error: errorOf(errors, 'availableFrom') })}
<button type="submit" name="action" value="continue" class="button">${t.t('deposit.continue')}</button>
</form>`,
  }));
}

export async function partsPage(ctx: PageContext, depositId: string, errors: readonly FieldError[] = []): Promise<void> {
  const { t } = ctx;
  const draft = (await ctx.api<Draft>('getDeposit', { params: { depositId } })).body;
  const parts = draft.parts ?? [];
  const texts = JSON.stringify({ uploading: t.t('parts.uploading'), done: t.t('parts.uploaded'), failed: t.t('parts.failed') });
  ctx.res.status(errors.length > 0 ? 400 : 200).send(renderPage(ctx, {
    title: t.t('parts.title'),
    errors,
    body: html`<h1>${t.t('parts.title')}</h1>
<p>${t.t('parts.lede')}</p>
${parts.length > 0 ? partsTable(t, parts, t.t('parts.added', { count: parts.length })) : html`<p>${t.t('parts.none')}</p>`}
<form method="post" action="/deposits/${depositId}/parts" enctype="multipart/form-data" data-upload="${draft.uploadUrl}" data-done="/deposits/${depositId}" data-progress="upload-progress" data-texts="${texts}">
${csrfField(ctx.session?.csrfToken)}
<div class="dropzone field${errors.length > 0 ? ' field--error' : ''}" data-dropzone>
<label for="parts">${t.t('parts.choose')}</label>
<p class="hint" id="parts-hint">${t.t('parts.hint')}</p>
<p class="hint" data-drop-hint hidden>${t.t('parts.drop')}</p>
${errors.length > 0 && html`<p class="error-message" id="parts-error">${errors[0]!.message}</p>`}
<input type="file" id="parts" name="parts" multiple aria-describedby="parts-hint${errors.length > 0 ? ' parts-error' : ''}">
</div>
<ul class="uploads" id="upload-progress" aria-live="polite"></ul>
<button type="submit" class="button button--secondary">${t.t('parts.upload')}</button>
</form>
${parts.length > 0 && html`<h2>${t.t('parts.commitHeading')}</h2>
<p>${t.t('parts.commitText')}</p>
<form method="post" action="/deposits/${depositId}/commit">
${csrfField(ctx.session?.csrfToken)}
<button type="submit" class="button">${t.t('parts.commit')}</button>
</form>`}`,
  }));
}

/** The form without scripts: each file of the multipart body is streamed to `uploadDepositPart` as it arrives. */
export async function uploadParts(ctx: PageContext, depositId: string): Promise<void> {
  const { t } = ctx;
  // Loaded by the first upload of the form without scripts, not by every start (issue 14).
  const { default: busboy } = await import('busboy');
  const outcome = await new Promise<{ failed?: ApiError | Error; count: number }>((resolve) => {
    let csrf = '';
    let count = 0;
    let failed: ApiError | Error | undefined;
    let chain: Promise<void> = Promise.resolve();
    let parser: busboyModule.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, defParamCharset: 'utf8', limits: { files: 1000, fields: 10, fieldSize: 1024 } });
    } catch (err) {
      resolve({ failed: err as Error, count });
      return;
    }
    parser.on('field', (name, value) => {
      if (name === 'csrf') csrf = value;
    });
    parser.on('file', (_name, stream: Readable, info) => {
      if (info.filename === undefined || info.filename === '' || failed !== undefined) {
        stream.resume();
        return;
      }
      chain = chain.then(async () => {
        if (failed !== undefined) return void stream.resume();
        try {
          await ctx.api('uploadDepositPart', { params: { depositId, partName: String(info.filename) }, query: { mediaType: partMediaType(info.mimeType) }, stream, csrf });
          count++;
        } catch (err) {
          failed = err as Error;
          stream.resume();
        }
      });
    });
    parser.on('error', (err: Error) => {
      failed ??= err;
      resolve({ failed, count });
    });
    parser.on('close', () => {
      void chain.then(() => resolve(failed === undefined ? { count } : { failed, count }));
    });
    ctx.req.pipe(parser);
  });
  if (outcome.failed instanceof ApiError && outcome.failed.status < 500 && outcome.failed.code !== 'SESSION_EXPIRED') {
    return partsPage(ctx, depositId, [{ field: 'parts', message: t.t('parts.refused', { code: outcome.failed.code }) }]);
  }
  if (outcome.failed !== undefined) throw outcome.failed;
  if (outcome.count === 0) return partsPage(ctx, depositId, [{ field: 'parts', message: t.t('parts.noneChosen') }]);
  seeOther(ctx, `/deposits/${depositId}`);
}

export async function commit(ctx: PageContext, depositId: string): Promise<void> {
  const { t } = ctx;
  const doc = (await ctx.api<Committed>('commitDeposit', { params: { depositId }, csrf: formField(ctx, 'csrf') })).body;
  noStore(ctx);
  ctx.res.send(renderPage(ctx, {
    title: t.t('committed.title'),
    body: html`<div class="panel"><h1>${t.t('committed.title')}</h1><p>${t.t('committed.id')}<br><bdi class="secret secret--small">${doc.documentId}</bdi></p></div>
${doc.accessCode !== undefined && html`<h2>${t.t('committed.secretsHeading')}</h2>
<div class="notice notice--warning"><p><strong>${t.t('committed.once')}</strong></p></div>
<dl class="summary">
<dt>${t.t('committed.accessCode')}</dt><dd><span class="secret" data-testid="access-code">${doc.accessCode}</span></dd>
<dt>${t.t('committed.applicantKey')}</dt><dd><span class="secret secret--small" data-testid="applicant-key">${doc.applicantKey ?? ''}</span></dd>
</dl>
<p>${t.t('committed.give')}</p>
${letterButton(ctx, `/documents/${doc.documentId}/letter`, doc.accessCode, doc.applicantKey)}`}
<div class="button-group"><a class="button button--secondary" href="/documents/${doc.documentId}">${t.t('committed.view')}</a><a href="/deposits/new">${t.t('committed.another')}</a></div>`,
  }));
}
