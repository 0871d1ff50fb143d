/**
 * Application numbers have one limit (issue 10, item 19: docs/certified-copy.md said 1–64, the
 * OpenAPI 1–32): at most MAX_APPLICATION_NUMBER_TEXT letters and digits once normalised
 * (protocol/st13), and MAX_APPLICATION_NUMBER_INPUT characters as printed. The two OpenAPI
 * documents and the docs must state the same numbers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import yaml from 'js-yaml';
import { MAX_APPLICATION_NUMBER_INPUT, MAX_APPLICATION_NUMBER_TEXT } from '../../protocol/st13/index.js';

const file = (path: string): string => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
type Schema = { pattern?: string; minLength?: number; maxLength?: number };
const schemas = (doc: string): Record<string, Schema> =>
  (yaml.load(file(`openapi/${doc}`)) as { components: { schemas: Record<string, Schema> } }).components.schemas;

describe('application-number limits', () => {
  for (const doc of ['office.yaml', 'exchange.yaml']) {
    it(`${doc}: ApplicationNumberText is 1-${MAX_APPLICATION_NUMBER_TEXT} letters and digits`, () => {
      const text = schemas(doc).ApplicationNumberText!;
      expect(text.pattern).to.equal(`^[A-Z0-9]{1,${MAX_APPLICATION_NUMBER_TEXT}}$`);
      expect([text.minLength, text.maxLength]).to.deep.equal([1, MAX_APPLICATION_NUMBER_TEXT]);
    });
  }

  it('office.yaml: ApplicationNumberInput takes the printed form up to the same length as the code', () => {
    const input = schemas('office.yaml').ApplicationNumberInput!;
    expect(input.pattern).to.equal(`^[A-Za-z0-9 ./,-]{1,${MAX_APPLICATION_NUMBER_INPUT}}$`);
    expect([input.minLength, input.maxLength]).to.deep.equal([1, MAX_APPLICATION_NUMBER_INPUT]);
  });

  it('docs/certified-copy.md states the limit of the manifest', () => {
    expect(file('docs/certified-copy.md')).to.include(`\`applicationNumberText\` (1–${MAX_APPLICATION_NUMBER_TEXT} letters and digits`);
  });
});
