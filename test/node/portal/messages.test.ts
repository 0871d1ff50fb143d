/** The portal's catalogues (issue 11): every language has exactly the English keys, and every message is valid ICU. */
import { expect } from 'chai';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES } from '../../../node/portal/messages/index.js';
import { LANGUAGES } from '../../../node/portal/i18n/languages.js';

describe('portal message catalogues (issue 11)', () => {
  const english = Object.keys(CATALOGUES.en).sort();
  for (const { code } of LANGUAGES) {
    it(`${code} has every key of the English catalogue, and only those, each a valid ICU message`, () => {
      const catalogue = CATALOGUES[code] as Record<string, string>;
      expect(Object.keys(catalogue).sort()).to.deep.equal(english);
      for (const [key, message] of Object.entries(catalogue)) {
        expect(() => new IntlMessageFormat(message, code).format({ count: 2, number: 1, date: 'd', until: 'u', title: 't', office: 'o', role: 'r', version: 1, code: 'C', index: 3 }), `${code} ${key}`).not.to.throw();
      }
    });
  }
});
