/**
 * The portal's catalogues (issue 11): every language has exactly the English keys, every message
 * is valid ICU MessageFormat, and each uses the same arguments as the English one (a translation
 * that drops `{date}` or misspells `{count}` would show a hole or a raw name to the reader).
 */
import { expect } from 'chai';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES } from '../../../node/portal/messages/index.js';
import { LANGUAGES } from '../../../node/portal/i18n/languages.js';
import { EMAIL_CATALOGUES } from '../../../node/services/notifications/email/messages/index.js';

interface AstElement {
  readonly type: number;
  readonly value?: unknown;
  readonly options?: Readonly<Record<string, { readonly value: readonly AstElement[] }>>;
  readonly children?: readonly AstElement[];
}

/** Argument name → whether it is counted (plural, number) — from the message's syntax tree. */
function argumentsOf(elements: readonly AstElement[], into = new Map<string, boolean>()): Map<string, boolean> {
  for (const e of elements) {
    // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (intl-messageformat's TYPE)
    if (e.type >= 1 && e.type <= 6 && typeof e.value === 'string') into.set(e.value, into.get(e.value) === true || e.type === 2 || e.type === 6);
    for (const option of Object.values(e.options ?? {})) argumentsOf(option.value, into);
    if (e.children !== undefined) argumentsOf(e.children, into);
  }
  return into;
}

function ast(message: string, language: string): AstElement[] {
  return new IntlMessageFormat(message, language).getAst() as unknown as AstElement[];
}

// issue 12: the e-mails' catalogues are held to the same rules, through the same mechanism.
for (const [name, catalogues] of [['portal (issue 11)', CATALOGUES], ['e-mail (issue 12)', EMAIL_CATALOGUES]] as const) describe(`${name} message catalogues`, () => {
  const english = catalogues.en as Record<string, string>;
  for (const { code } of LANGUAGES) {
    it(`${code} has every key of the English catalogue, and only those, each valid ICU with the English arguments`, () => {
      const catalogue = catalogues[code] as Record<string, string>;
      expect(Object.keys(catalogue).sort()).to.deep.equal(Object.keys(english).sort());
      for (const [key, message] of Object.entries(catalogue)) {
        const wanted = argumentsOf(ast(english[key]!, 'en'));
        const used = argumentsOf(ast(message, code));
        expect([...used.keys()].sort(), `${code} ${key}`).to.deep.equal([...wanted.keys()].sort());
        const values = Object.fromEntries([...wanted].map(([name, counted]) => [name, counted ? 2 : `<${name}>`]));
        expect(() => new IntlMessageFormat(message, code).format(values), `${code} ${key}`).not.to.throw();
      }
    });
  }
});
