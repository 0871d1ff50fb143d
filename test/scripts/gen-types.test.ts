/**
 * The committed wire types in protocol/generated/ are exactly what scripts/gen-types.ts renders
 * from openapi/: a change to a document without regenerating fails here (and `--check` in CI).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { TARGETS, renderTypes } from '../../scripts/gen-types.js';

describe('scripts/gen-types', function () {
  this.timeout(60_000);

  for (const { spec, out } of TARGETS) {
    it(`${out} is up to date with ${spec}`, async () => {
      const rendered = await renderTypes(spec);
      expect(rendered.split('\n', 3)[1]).to.include('generated — do not edit');
      expect(readFileSync(new URL(`../../${out}`, import.meta.url), 'utf8') === rendered, `${out} is stale: run tsx scripts/gen-types.ts`).to.equal(true);
    });
  }
});
