/**
 * HTML for the portal's pages, built with a tagged template that escapes every interpolation
 * (docs/portal.md "Pages"). A value becomes markup only when it already is `Html` — made by this
 * template, or by `trustedHtml()`, the one explicit, greppable way to pass raw markup (used for
 * nothing that comes from a person or the wire). Arrays are joined; `undefined`, `null` and
 * `false` render as nothing, so that `${cond && html`…`}` reads naturally.
 */

/** Markup that is safe to put into a page as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (value === undefined || value === null || value === false || value === true) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** The page template: every `${…}` is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Raw markup, for constant strings of the portal's own only; never for input. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}
