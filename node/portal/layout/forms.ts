/**
 * Form parts after the GOV.UK Design System (docs/portal.md "Pages"): every field has a label,
 * an optional hint, and when wrong an error message beside it that says how to fix it, tied to
 * the field by aria-describedby; the error summary at the top of the page links to each field.
 */
import { html, type Html } from '../html.js';

/** One thing wrong with a form: the field's id and what to do. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type Errors = readonly FieldError[];

export function errorOf(errors: Errors, field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** The box at the top of a page that lists every error and links to its field. */
export function errorSummary(title: string, errors: Errors): Html {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary>
<h2>${title}</h2>
<ul>${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}</ul>
</div>`;
}

interface FieldOptions {
  readonly id: string;
  readonly name?: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly value?: string | undefined;
  readonly type?: 'text' | 'password' | 'date' | 'search';
  readonly autocomplete?: string;
  readonly inputmode?: string;
  readonly spellcheck?: boolean;
  readonly code?: boolean;
  readonly dir?: 'ltr' | 'auto';
}

function described(o: { id: string; hint?: string | undefined; error?: string | undefined }): string | undefined {
  const ids = [o.hint === undefined ? undefined : `${o.id}-hint`, o.error === undefined ? undefined : `${o.id}-error`].filter((v) => v !== undefined);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function hintAndError(o: { id: string; hint?: string | undefined; error?: string | undefined }): Html {
  return html`${o.hint !== undefined && html`<p class="hint" id="${o.id}-hint">${o.hint}</p>`}${o.error !== undefined && html`<p class="error-message" id="${o.id}-error">${o.error}</p>`}`;
}

export function textField(o: FieldOptions): Html {
  const by = described(o);
  const classes = [o.error !== undefined ? 'input--error' : '', o.code === true ? 'input--code' : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error !== undefined ? ' field--error' : ''}">
<label for="${o.id}">${o.label}</label>${hintAndError(o)}
<input type="${o.type ?? 'text'}" id="${o.id}" name="${o.name ?? o.id}" value="${o.value ?? ''}"${classes !== '' && html` class="${classes}"`}${by !== undefined && html` aria-describedby="${by}"`}${o.error !== undefined && html` aria-invalid="true"`}${o.autocomplete !== undefined && html` autocomplete="${o.autocomplete}"`}${o.inputmode !== undefined && html` inputmode="${o.inputmode}"`}${o.spellcheck === false && html` spellcheck="false"`} dir="${o.dir ?? 'auto'}">
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string | Html;
  readonly hint?: string;
}

interface ChoicesOptions {
  readonly id: string;
  readonly name?: string;
  readonly legend: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly choices: readonly Choice[];
  readonly selected: readonly string[];
  readonly type: 'radio' | 'checkbox';
}

/** Radios or checkboxes in a fieldset; the first input carries the id the error summary links to. */
export function choices(o: ChoicesOptions): Html {
  const by = described(o);
  return html`<div class="field${o.error !== undefined ? ' field--error' : ''}">
<fieldset${by !== undefined && html` aria-describedby="${by}"`}>
<legend>${o.legend}</legend>${hintAndError(o)}
<div class="choices">${o.choices.map((c, i) => {
    const id = i === 0 ? o.id : `${o.id}-${i + 1}`;
    return html`<div class="choice"><input type="${o.type}" id="${id}" name="${o.name ?? o.id}" value="${c.value}"${o.selected.includes(c.value) && html` checked`}><label for="${id}">${c.label}</label></div>`;
  })}</div>
</fieldset>
</div>`;
}

export function select(o: Omit<ChoicesOptions, 'type' | 'legend' | 'selected'> & { readonly label: string; readonly selected: string }): Html {
  const by = described(o);
  return html`<div class="field${o.error !== undefined ? ' field--error' : ''}">
<label for="${o.id}">${o.label}</label>${hintAndError(o)}
<select id="${o.id}" name="${o.name ?? o.id}"${by !== undefined && html` aria-describedby="${by}"`}>${o.choices.map((c) => html`<option value="${c.value}"${o.selected === c.value && html` selected`}>${c.label}</option>`)}</select>
</div>`;
}

export function csrfField(token: string | undefined): Html {
  return html`<input type="hidden" name="csrf" value="${token ?? ''}">`;
}
