/**
 * The signature tags as published agree with the code (issue 10, item 16): an independent client
 * reads the tag from openapi/exchange.yaml or the docs, so every `ipex-exchange…` tag named there
 * must be one the node uses (IPEX_TAGS), and the request tag must be named in each of them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { IPEX_TAGS } from '../../../protocol/http-signatures/index.js';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');
const PUBLISHED = ['openapi/exchange.yaml', 'docs/message-signatures.md', 'docs/exchange.md', 'docs/retrieving.md'];

describe('signature tags in the OpenAPI document and the docs', () => {
  for (const path of PUBLISHED) {
    // issue 10, item 16
    it(`${path} names only the tags the code uses`, () => {
      const named = new Set(read(path).match(/ipex-exchange[A-Za-z0-9-]*/g) ?? []);
      expect(named.size, `${path} names no signature tag`).to.be.greaterThan(0);
      for (const tag of named) expect(Object.values(IPEX_TAGS), `${path}: tag ${tag}`).to.include(tag);
    });
  }

  // issue 10, item 16
  it('the request tag is stated where a client implementer looks for it', () => {
    for (const path of ['openapi/exchange.yaml', 'docs/message-signatures.md', 'docs/exchange.md']) {
      expect(read(path), path).to.contain(`tag="${IPEX_TAGS.exchangeRequest}"`);
    }
  });
});
